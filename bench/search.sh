#!/usr/bin/env bash
# Search latency benchmark: starts the service (java -jar) on its own embedded PostgreSQL (data kept under
# target/bench-search, so later runs skip the load), fills it to 100,000 articles with bench/search-data.sql (words
# drawn from the demo newsroom's text with their frequencies, bodies of about 300 words; about 6 minutes on 2 cores),
# then sends two-word and typo searches over HTTP after a warm-up and prints p50/p99 per kind, measured at the client
# on the same machine and at the server (the GraphQL execution time of each request, from the service's metrics). Needs psql (any version) and python3. Not part of `mvn -B verify`.
#   BENCH_PORT (18090), BENCH_PG_PORT (15490), BENCH_ARTICLES (100000), BENCH_WARMUP (300), BENCH_QUERIES (1000),
#   BENCH_SKIP_BUILD=1 to use the jar already in target/.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${BENCH_PORT:-18090}"
PG_PORT="${BENCH_PG_PORT:-15490}"
ARTICLES="${BENCH_ARTICLES:-100000}"
WORK=target/bench-search
mkdir -p "$WORK"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  mvn -q -B -DskipTests package
fi
# A copy, so that a build during the run cannot replace the jar under the running service.
cp "$(ls target/news-graphql-*.jar | grep -v original | head -1)" "$WORK/service.jar"
java -Xmx512m -jar "$WORK/service.jar" --server.port="$PORT" \
  --news.embedded-postgres.data-directory="$WORK/postgres" --news.embedded-postgres.port="$PG_PORT" \
  --news.demo-data.enabled=true > "$WORK/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
PSQL=(psql -h localhost -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
HAVE=$("${PSQL[@]}" -c "select count(*) from article")
if [ "$HAVE" -lt "$ARTICLES" ]; then
  echo "loading $((ARTICLES - HAVE)) articles (have $HAVE) ..."
  "${PSQL[@]}" -v count=$((ARTICLES - HAVE)) -f bench/search-data.sql
fi
"${PSQL[@]}" -c "select count(*) || ' articles, ' || pg_size_pretty(pg_total_relation_size('article')) from article"
python3 bench/search-latency.py "http://localhost:$PORT/graphql" "${BENCH_WARMUP:-300}" "${BENCH_QUERIES:-1000}"
