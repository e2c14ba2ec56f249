#!/usr/bin/env bash
# Analytics benchmark: builds the service, starts it on its own port against its own PostgreSQL (data under
# target/bench), loads 100,000 articles with 30 days of hourly view buckets, and prints ingestion throughput,
# statements per flush, popular latency and, with wrk installed, views plus heartbeats of engaged time through
# POST /views (1 view to 8 heartbeats, events accepted per second). Each ingestion phase starts once the previous
# phase's backlog is written. Not part of `mvn -B verify`. Takes about 5 minutes.
#
#   BENCH_ONLY=mixed    only views plus heartbeats: warm-up phases, then measured ones, each printing the events
#                       accepted per second, the views still pending when the load stopped and the events written per
#                       second over load and drain
#   BENCH_JAVA_PROPS    the benchmark's own settings, e.g. "-Dbench.mixed-warmups=3 -Dbench.mixed-phases=2
#                       -Dbench.mixed-seconds=60" (defaults 6, 3 and 15)
#   BENCH_SERVICE_OPTS  more JVM options for the service, e.g. a profiler's
#                       (-XX:StartFlightRecording=filename=/tmp/s.jfr,settings=profile,dumponexit=true)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${BENCH_PORT:-18089}"
WORK=target/bench
mvn -q -B -DskipTests package
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
JAR=$(ls target/news-graphql-*.jar | grep -v original | head -1)
exec java -Xmx512m ${BENCH_ONLY:+-Dbench.only=$BENCH_ONLY} ${BENCH_JAVA_PROPS:-} -cp "target/test-classes:target/classes:$(cat "$WORK/classpath.txt")" \
  news.bench.AnalyticsBenchmark "$JAR" "$PORT" "$WORK"
