#!/usr/bin/env bash
# Cost growth: the article page and latest 20 (response cache off) against two generated newsrooms of different sizes
# in the same PostgreSQL, in alternating rounds, printing p50/p99 per round. Generate each newsroom first, e.g.
#   java -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" news.bench.NewsroomGenerator \
#     jdbc:postgresql://localhost:5432/news10k postgres "" 10000 target/growth/10k
#   (the same with news1m, 1000000 and target/growth/1m; about 50 minutes on 2 cores)
# then run
#   GROWTH_PG=localhost:5432 GROWTH_SMALL=news10k:target/growth/10k GROWTH_LARGE=news1m:target/growth/1m bench/growth.sh
# Settings: BENCH_JAR (default: the packaged jar), BENCH_JAVA (default java), GROWTH_ROUNDS (3), GROWTH_WARMUP (6).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR="${BENCH_JAR:-$(ls target/news-graphql-*.jar | grep -v original | head -1)}"
JAVA="${BENCH_JAVA:-java}"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
start() { # port database
  "$JAVA" -Xmx1g -jar "$JAR" --server.port="$1" --spring.main.banner-mode=off \
    --spring.datasource.url="jdbc:postgresql://$GROWTH_PG/$2" --spring.datasource.username="${GROWTH_USER:-postgres}" \
    --news.demo-data.enabled=false --news.security.jwt-secret=bench-secret-0123456789-0123456789-0123456789 \
    --news.analytics.rate-limit.enabled=false --news.analytics.spool-directory="target/growth/spool-$1" \
    --news.edge.response-cache.enabled=false >"target/growth/service-$1.log" 2>&1 &
  pids+=($!)
}
mkdir -p target/growth
targets=("18510|${GROWTH_SMALL%%:*}|${GROWTH_SMALL#*:}" "18511|${GROWTH_LARGE%%:*}|${GROWTH_LARGE#*:}")
for t in "${targets[@]}"; do IFS='|' read -r port db _ <<<"$t"; start "$port" "$db"; done
for t in "${targets[@]}"; do
  IFS='|' read -r port db _ <<<"$t"
  # the first start migrates the schema, which on a million articles takes a minute or two
  for _ in $(seq 1 900); do curl -sf "localhost:$port/actuator/health" >/dev/null && break; sleep 1; done
done
run() { # port datadir scenario seconds
  local line path doc vars
  line=$(grep -E "^$3 " bench/scenarios.list); read -r _ path doc vars _ <<<"$line"
  BENCH_METHOD=POST BENCH_DATA="$2/data.lua" BENCH_PATH="$path" BENCH_DOC="bench/scenarios/$doc" BENCH_VARS="$vars" \
    wrk -t2 -c16 -d"${4}s" --timeout 5s -s bench/graphql.lua "http://localhost:$1" 2>&1 | grep '^RESULT' || echo "RESULT failed"
}
for _ in $(seq 1 "${GROWTH_WARMUP:-6}"); do
  for t in "${targets[@]}"; do IFS='|' read -r port _ data <<<"$t"
    run "$port" "$data" article-page 10 >/dev/null; run "$port" "$data" latest-20-page-1 10 >/dev/null; done
done
for round in $(seq 1 "${GROWTH_ROUNDS:-3}"); do
  for t in "${targets[@]}"; do IFS='|' read -r port db data <<<"$t"
    for s in article-page latest-20-page-1; do echo "round $round $db $s $(run "$port" "$data" "$s" 15)"; done
  done
done
