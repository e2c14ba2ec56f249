#!/usr/bin/env bash
# Database fault drill with the packaged service and a real SIGTERM. Starts its own PostgreSQL (Debian's, under
# /usr/lib/postgresql) and the service on their own ports, sends views and reads with curl, stops PostgreSQL for
# 15 s, starts it again, then stops it once more and sends the service SIGTERM; starts both again and checks that
# every view answered 204 is stored exactly once. Prints error latencies, recovery time, shutdown time and totals.
# All load comes from one address, so the per-client rate limit is off: every 204 must be a counted view.
# Not part of `mvn -B verify`. Takes about a minute. Needs curl and psql.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${FAULT_PORT:-18090}"
PGPORT="${FAULT_PG_PORT:-55433}"
OUTAGE="${FAULT_OUTAGE_SECONDS:-15}"
WORK="$PWD/target/fault"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=$(mktemp -d /tmp/news-fault-pg.XXXXXX)
UA='Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36'

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg() { as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/postgres.log" -o "-p $PGPORT -k /tmp -c listen_addresses=localhost" "$@" >/dev/null; }
sql() { psql -X -q -t -A -h localhost -p "$PGPORT" -U postgres -d news -c "$1"; }
now() { date +%s.%N; }
service_pid=

cleanup() {
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null || true
  jobs -p | xargs -r kill 2>/dev/null || true
  pg stop -m immediate 2>/dev/null || true
  rm -rf "$PGDATA"
}
trap cleanup EXIT

rm -rf "$WORK"; mkdir -p "$WORK"
[ -f target/news-graphql-0.1.0-SNAPSHOT.jar ] || mvn -q -B -DskipTests package
JAR=target/news-graphql-0.1.0-SNAPSHOT.jar
[ "$(id -u)" = 0 ] && chown postgres "$PGDATA" "$WORK"
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust >/dev/null
pg start -w
as_pg "$PGBIN/createdb" -h localhost -p "$PGPORT" -U postgres news

start_service() {
  java -Xmx512m -jar "$JAR" --server.port="$PORT" --spring.main.banner-mode=off \
    --spring.datasource.url="jdbc:postgresql://localhost:$PGPORT/news" --spring.datasource.username=postgres \
    --news.demo-data.enabled=true --news.analytics.spool-directory="$WORK/spool" \
    --news.analytics.rate-limit.enabled=false >>"$WORK/service.log" 2>&1 &
  service_pid=$!
  until curl -sf "localhost:$PORT/actuator/health" >/dev/null; do sleep 0.5; done
}

graphql() { curl -s "localhost:$PORT/graphql" -H 'Content-Type: application/json' -d "{\"query\":\"$1\"}"; }

start_service
IDS=($(graphql '{ latest(first: 12) { edges { node { id } } } }' | grep -o '"id":"[^"]*"' | cut -d'"' -f4))
BASE=$(sql "select coalesce(sum(views), 0) from article_views_hourly")
echo "service up; ${#IDS[@]} articles; $BASE views stored before the drill"

# Clients: two send beacons (every visitor new, so every 204 is a view that must be stored), one reads latest.
beacons() {
  local i=0
  while [ ! -f "$WORK/stop" ]; do
    local id=${IDS[$((i % ${#IDS[@]}))]}
    code=$(curl -s -o /dev/null -w '%{http_code}' -A "$UA" -H 'Content-Type: text/plain' \
      -d "{\"articleId\":\"$id\",\"visitorId\":\"$1-$i\"}" "localhost:$PORT/views")
    [ "$code" = 204 ] && echo >>"$WORK/accepted.$1"
    i=$((i + 1))
  done
}
reads() {
  while [ ! -f "$WORK/stop" ]; do
    out=$(curl -s -w ' %{time_total}' "localhost:$PORT/graphql" -H 'Content-Type: application/json' \
      -d '{"query":"{ latest(first: 3) { edges { node { id } } } }"}')
    t=${out##* }
    case "$out" in
      *UNAVAILABLE*) echo "$(now) error $t" ;;
      *'"errors"'*) echo "$(now) other $t" ;;
      *) echo "$(now) ok $t" ;;
    esac >>"$WORK/reads"
  done
}
load() {
  rm -f "$WORK/stop"
  beacons "a$1" & beacons "b$1" & reads &
}
stop_load() { touch "$WORK/stop"; wait $(jobs -p | grep -v "^$service_pid$") 2>/dev/null || true; }

load 1
sleep 5
t_stop=$(now)
pg stop -m fast
echo "PostgreSQL stopped for $OUTAGE s"
sleep 1
health_down=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "localhost:$PORT/actuator/health")
sleep $((OUTAGE - 1))
t_start=$(now)
pg start -w
until tail -1 "$WORK/reads" | grep -q ' ok '; do sleep 0.05; done
t_back=$(now)
sleep 3
pg stop -m fast
sleep 2
stop_load
t_term=$(now)
kill -TERM "$service_pid"
wait "$service_pid" || true
t_gone=$(now)
service_pid=
spooled=$(ls "$WORK/spool" 2>/dev/null | grep -c '\.views$' || true)

pg start -w
start_service
while ls "$WORK/spool" 2>/dev/null | grep -q '\.views$'; do sleep 0.2; done
sleep 1
stored=$(( $(sql "select coalesce(sum(views), 0) from article_views_hourly") - BASE ))
accepted=$(cat "$WORK"/accepted.* | wc -l)

awk -v a="$t_stop" -v b="$t_start" '$1 >= a && $1 < b && $2 == "error" { print $3 * 1000 }' "$WORK/reads" | sort -n >"$WORK/errors"
n=$(wc -l <"$WORK/errors")
pct() { [ "$n" -gt 0 ] && sed -n "$(( (n * $1 + 99) / 100 ))p" "$WORK/errors" || echo -; }
others=$(grep -c ' other ' "$WORK/reads" || true)
echo "reads failed during the outage: $n (UNAVAILABLE), other errors: $others"
echo "error latency: p50 $(pct 50) ms, p99 $(pct 99) ms, max $(pct 100) ms"
echo "health during the outage: HTTP ${health_down% *} in ${health_down#* } s"
echo "recovery: first successful read $(awk "BEGIN { printf \"%.2f\", $t_back - $t_start }") s after pg_ctl start (which waits for PostgreSQL)"
echo "shutdown (SIGTERM) during an outage: $(awk "BEGIN { printf \"%.2f\", $t_gone - $t_term }") s, $spooled batches spooled"
echo "views accepted (204): $accepted, stored: $stored"
[ "$accepted" = "$stored" ] && [ "$others" = 0 ]
