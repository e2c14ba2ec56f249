#!/usr/bin/env bash
# Unique readers at scale, through the service: 1,000,000 distinct visitors' views (VISITORS) sent round-robin to three
# instances of the packaged jar on one PostgreSQL (Debian's, under /usr/lib/postgresql, on its own port, run as the
# postgres user). The first instance loads the demo newsroom, the other two start on the seeded database. Then every
# instance is asked, over GraphQL, for each article's readers (exact), each section's, reporter's and the site's
# (estimated: error against the true count and the stated bound) and the ingestion accounting (the same on all three);
# prints heap after a full GC and RSS per instance, and what the tables gained (bytes and rows). The per-client rate
# limit is off: all load comes from one address. Writes the summary to $OUT (bench/results/<date>-readers-scale.md).
# Sketches are built every SKETCH_INTERVAL (1m here) and totals cached RANKING_REFRESH (5s), so that the estimates
# settle sooner; the answers are read once they agree twice in a row, no earlier than SETTLE_MIN_SECONDS (150) after
# the load. Not part of `mvn -B verify`. About 10 minutes at 1,000,000 visitors (VISITORS=100000 for a quick run).
# Needs psql, jcmd, curl and python3; the load and the report are bench/readers-scale.py.
set -euo pipefail
cd "$(dirname "$0")/.."
PORTS=(${READERS_PORTS:-18191 18192 18193})
PGPORT="${READERS_PG_PORT:-55437}"
export VISITORS="${VISITORS:-1000000}" ARTICLES="${ARTICLES:-6}"
export SKETCH_INTERVAL="${SKETCH_INTERVAL:-1m}" RANKING_REFRESH="${RANKING_REFRESH:-5s}"
export OUT="${OUT:-$PWD/bench/results/$(date -u +%Y%m%d)-readers-scale.md}"
export SECRET=bench-secret-0123456789-0123456789-0123456789
export WORK="$PWD/target/readers-scale"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=$(mktemp -d /tmp/news-readers-pg.XXXXXX)

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg() { as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/postgres.log" -o "-p $PGPORT -k /tmp -c listen_addresses=localhost" "$@" >/dev/null; }
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pg stop -m fast 2>/dev/null || true
  rm -rf "$PGDATA"
}
trap cleanup EXIT

rm -rf "$WORK"; mkdir -p "$WORK" "$(dirname "$OUT")"
[ -f target/news-graphql-0.1.0-SNAPSHOT.jar ] || mvn -q -B -DskipTests package
JAR=target/news-graphql-0.1.0-SNAPSHOT.jar
[ "$(id -u)" = 0 ] && chown postgres "$PGDATA" "$WORK"
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust >/dev/null
pg start -w
as_pg "$PGBIN/createdb" -h localhost -p "$PGPORT" -U postgres news

start_instance() { # port, demo data
  java -Xmx512m -jar "$JAR" --server.port="$1" --spring.main.banner-mode=off \
    --spring.datasource.url="jdbc:postgresql://localhost:$PGPORT/news" --spring.datasource.username=postgres \
    --news.demo-data.enabled="$2" --news.security.jwt-secret="$SECRET" \
    --news.analytics.spool-directory="$WORK/spool-$1" \
    --news.analytics.rate-limit.enabled=false \
    --news.analytics.readers.sketch-interval="$SKETCH_INTERVAL" \
    --news.analytics.ranking-refresh="$RANKING_REFRESH" >>"$WORK/instance-$1.log" 2>&1 &
  pids+=($!)
}
wait_up() { until curl -sf "localhost:$1/actuator/health" >/dev/null; do sleep 0.5; done; }

start_instance "${PORTS[0]}" true
wait_up "${PORTS[0]}"
start_instance "${PORTS[1]}" false
start_instance "${PORTS[2]}" false
wait_up "${PORTS[1]}"; wait_up "${PORTS[2]}"
export INSTANCE_PORTS=$(IFS=,; echo "${PORTS[*]}") INSTANCE_PIDS=$(IFS=,; echo "${pids[*]}") PGPORT
echo "three instances up on one PostgreSQL ($INSTANCE_PORTS); $VISITORS visitors"

python3 bench/readers-scale.py sizes
python3 bench/readers-scale.py load
python3 bench/readers-scale.py report
