#!/usr/bin/env bash
# Warm-up of the packaged service, cold against the ahead-of-time cache of deploy/start.sh, in alternating runs: the
# time from launch to the first answered article page, then the requests per second of each of the first 12
# five-second intervals (wrk -t2 -c16, GET article pages of the demo newsroom, the origin response cache off so the
# engine answers every request). A last run, warmed for BENCH_STEADY_WARMUP seconds (180), gives the steady rate the
# intervals are compared with. Java 25 (BENCH_JAVA) against Debian's PostgreSQL 15 started here (external, as in
# production). BENCH_SERVICE_OPTS adds JVM options to every run (cold, cached and steady; not to the training run).
# Prints a markdown report and writes it to bench/results/. Needs wrk, curl and psql. Not part of `mvn -B verify`;
# about 13 minutes with BENCH_ROUNDS=2.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAVA=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
ROUNDS=${BENCH_ROUNDS:-2}
STEADY_WARMUP=${BENCH_STEADY_WARMUP:-180}
PORT=${BENCH_PORT:-18491}
SERVICE_OPTS=${BENCH_SERVICE_OPTS:-}
PGPORT=${BENCH_PG_PORT:-55441}
WORK=$ROOT/target/warmup
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=$(mktemp -d /tmp/news-warmup-pg.XXXXXX)
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)-warmup.md
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pid=

training_settings() {
    local seconds clients
    seconds=$(grep -o 'START_TRAINING_SECONDS:-[0-9]*' deploy/start.sh | cut -d- -f2)
    clients=$(grep -o 'START_TRAINING_CLIENTS:-[0-9]*' deploy/start.sh | cut -d- -f2 || true)
    printf '%s s' "${START_TRAINING_SECONDS:-$seconds}"
    [ -n "$clients" ] && printf ', %s clients' "${START_TRAINING_CLIENTS:-$clients}"
    return 0
}

cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA" "$PGDATA.log"
}
trap cleanup EXIT

mkdir -p "$WORK"
[ "$(id -u)" = 0 ] && chown postgres: "$PGDATA"
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA.log" -w -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c 'create database news' >/dev/null

[ -f target/news-graphql-0.1.0-SNAPSHOT.jar ] || mvn -B -q -DskipTests package
JAR=$ROOT/target/news-graphql-0.1.0-SNAPSHOT.jar
export START_AOT_DIR=$WORK/aot
rm -rf "$START_AOT_DIR"
START_JAR=$JAR JAVA=$JAVA START_TRAIN_ONLY=1 deploy/start.sh
APP=$START_AOT_DIR/app/$(basename "$JAR")
DB=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:$PGPORT/news" --spring.datasource.username=postgres
    --server.port="$PORT" --news.edge.response-cache.enabled=false)

launch() { # mode, extra service arguments...
    local mode=$1
    shift
    local cache=()
    [ "$mode" = cached ] && cache=(-XX:AOTCache="$START_AOT_DIR/app.aot")
    launched=$(date +%s.%N)
    local opts
    read -r -a opts <<<"$SERVICE_OPTS"
    "$JAVA" "${cache[@]}" -Xmx1g "${opts[@]}" -jar "$APP" "${DB[@]}" "$@" >"$WORK/$mode.log" 2>&1 &
    pid=$!
}

stop() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
}

# Seeds the database with the demo newsroom once, and lists the article pages the load asks for.
launch cold --news.demo-data.enabled=true
until curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health"; do sleep 0.5; done
query='{ latest(first: 100) { edges { node { slug } } } }'
slugs=$(curl -fs -G "http://127.0.0.1:$PORT/graphql" --data-urlencode "query=$query" | grep -o '"slug":"[^"]*"' | cut -d'"' -f4)
stop
: >"$WORK/paths"
for slug in $slugs; do
    page="{ article(slug: \"$slug\") { headline summary publishedAt url section { path { name slug } } reporters { name slug } image { url caption credit alt } body { type text speaker } tags { name slug } } popular(window: LAST_7_DAYS, first: 5) { rank views article { headline url } } }"
    echo "/graphql?query=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$page")" >>"$WORK/paths"
done
FIRST_PATH=$(head -1 "$WORK/paths")
cat >"$WORK/paths.lua" <<LUA
local paths = {}
for line in io.lines("$WORK/paths") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

rate() { # seconds -> requests/s of one wrk interval
    wrk -t2 -c16 -d"$1"s -s "$WORK/paths.lua" "http://127.0.0.1:$PORT" 2>/dev/null | awk '/Requests\/sec/ {printf "%d", $2}'
}

run() { # mode -> "first-answer-seconds started-in-seconds r1 ... r12"
    local mode=$1
    launch "$mode"
    # Polled from one process (bench/first-answer.py): a curl every 10 ms took enough CPU from the starting service
    # on two cores to add 2 to 3 s to its start.
    python3 bench/first-answer.py "$PORT" "$FIRST_PATH" '"headline"' "$pid" ||
        { echo "the service stopped; see $WORK/$mode.log" >&2; exit 1; }
    local first
    first=$(echo "$(date +%s.%N) - $launched" | bc)
    local rates=()
    for _ in $(seq 1 12); do rates+=("$(rate 5)"); done
    local started
    started=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$WORK/$mode.log" | awk '{print $4}')
    stop
    printf '%.2f %s %s\n' "$first" "$started" "${rates[*]}"
}

declare -a results
for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then order="cold cached"; else order="cached cold"; fi
    for mode in $order; do
        line=$(run "$mode")
        results+=("$mode $round $line")
        echo "round $round $mode: $line" >&2
    done
done

launch cached
until curl -fs -o /dev/null "http://127.0.0.1:$PORT$FIRST_PATH"; do sleep 0.1; done
rate "$STEADY_WARMUP" >/dev/null
steady=()
for _ in 1 2 3; do steady+=("$(rate 5)"); done
stop
STEADY=$(printf '%s\n' "${steady[@]}" | sort -n | sed -n 2p)
echo "steady: ${steady[*]} (median $STEADY)" >&2

{
    echo "# Warm-up, cold against the AOT cache ($(date -u +%Y-%m-%d))"
    echo
    echo "- command: \`bench/warmup.sh\` (BENCH_ROUNDS=$ROUNDS); $("$JAVA" -version 2>&1 | head -1); PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') started by the script"
    echo "- machine: $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- the packaged jar unpacked (as the cache needs); cached = \`-XX:AOTCache\` of \`deploy/start.sh\`'s training run ($(training_settings))"
    [ -n "$SERVICE_OPTS" ] && echo "- JVM options of every run (BENCH_SERVICE_OPTS): \`$SERVICE_OPTS\`"
    echo "- load: wrk -t2 -c16, GET article pages (demo newsroom, 100 pages in turn), response cache off; 12 intervals of 5 s from the first answer"
    echo "- steady: a cached run after ${STEADY_WARMUP} s of the same load, median of 3 intervals: ${STEADY} req/s (${steady[*]})"
    echo
    echo "| run | first answer (s) | Spring 'Started in' (s) | req/s in each 5-s interval from the first answer | lowest from the 30th second on, % of steady |"
    echo "| --- | ---: | ---: | --- | ---: |"
    for r in "${results[@]}"; do
        read -r mode round first started rest <<<"$r"
        read -r -a rates <<<"$rest"
        # Interval k starts at first + 5(k - 1) seconds after launch; "from the 30th second on" counts the intervals
        # that start there or later.
        low=
        for k in $(seq 1 12); do
            start=$(echo "$first + 5 * ($k - 1)" | bc)
            if [ "$(echo "$start >= 30" | bc)" = 1 ]; then
                v=${rates[$((k - 1))]}
                if [ -z "$low" ] || [ "$v" -lt "$low" ]; then low=$v; fi
            fi
        done
        pct=$(echo "scale=0; 100 * $low / $STEADY" | bc)
        echo "| $mode, round $round | $first | $started | ${rates[*]} | $pct% |"
    done
} | tee "$OUT"
echo "written to $OUT" >&2
