#!/usr/bin/env bash
# Subscribers per instance (issue 22): the packaged service with the embedded PostgreSQL (development mode, the demo
# newsroom, a temporary data directory), SUBSCRIBERS (10,000) WebSocket connections from this machine, each subscribed
# to articlePublished; the heap after a full collection and the resident memory before and after them; then
# SUBS_PUBLISHES (3) articles published as an editor, each timed to every subscriber, while wrk reads GET /graphql.
# The limits of live connections are raised for the run, since every client comes from 127.0.0.1:
# news.live.max-connections(-per-client)=20000, and Tomcat's server.tomcat.max-connections to 21000 (1,000 more, as the
# service requires).
# The heap is BENCH_HEAP (2g): 10,000 subscribers hold about 0.9 GB of it, so with 1g the collector runs nearly all
# the time (see docs/performance.md). Prints a markdown report and writes it to bench/results/. Needs node 20
# (bench/node_modules: ws), wrk and jcmd. BENCH_JAR runs a jar already built instead of packaging this tree;
# BENCH_SERVICE_OPTS adds JVM options. About 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAVA=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JCMD=$(dirname "$JAVA")/jcmd
HEAP=${BENCH_HEAP:-2g}
PORT=${BENCH_PORT:-18493}
N=${SUBSCRIBERS:-10000}
OUT=${BENCH_OUT:-bench/results/$(date -u +%Y%m%d)-subscribers.md}
WORK=$(mktemp -d /tmp/news-subscribers.XXXXXX)
LIMITS=(--news.live.max-connections=20000 --news.live.max-connections-per-client=20000
        --server.tomcat.max-connections=21000)
pid=

cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

cut -d' ' -f1-3 /proc/loadavg >"$WORK/loadavg-before"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ -d bench/node_modules/ws ] || npm --prefix bench install --no-audit --no-fund >/dev/null
if [ -n "${BENCH_JAR:-}" ]; then
    JAR=$(realpath "$BENCH_JAR")
else
    mvn -q -B -DskipTests package
    JAR=$ROOT/target/news-graphql-0.1.0-SNAPSHOT.jar
fi

# shellcheck disable=SC2086 # BENCH_SERVICE_OPTS: more JVM options for the service, split on spaces
"$JAVA" -Xmx"$HEAP" ${BENCH_SERVICE_OPTS:-} -jar "$JAR" --server.port="$PORT" \
    --news.embedded-postgres.data-directory="$WORK/pg" "${LIMITS[@]}" >"$WORK/service.log" 2>&1 &
pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health"; do
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/service.log" >&2; echo "the service stopped" >&2; exit 1; }
    sleep 0.5
done
TOKEN=$(curl -fs -X POST "http://127.0.0.1:$PORT/dev/token?sub=bench-editor&roles=EDITOR")
# warm the reads and the publishing path a little before measuring
wrk -t1 -c4 -d5s "http://127.0.0.1:$PORT/graphql?query=%7B%20latest(first%3A%2010)%20%7B%20edges%20%7B%20node%20%7B%20headline%20url%20%7D%20%7D%20%7D%20%7D" >/dev/null

PATH=$(dirname "$JAVA"):$PATH SUBS_URL="http://127.0.0.1:$PORT" SUBS_PID=$pid SUBS_TOKEN=$TOKEN SUBSCRIBERS=$N \
    node bench/subscribers.mjs >"$WORK/result.json"
grep -c 'OutOfMemoryError' "$WORK/service.log" >"$WORK/oom" || true
grep -E ' (WARN|ERROR) ' "$WORK/service.log" | tail -5 >"$WORK/warnings" || true

{
    echo "# Subscribers per instance: $N articlePublished subscribers"
    echo
    if [ -n "${BENCH_JAR:-}" ]; then built="with the jar \`$BENCH_JAR\`"; else built="at $(git rev-parse --short HEAD)"; fi
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), \`SUBSCRIBERS=$N bench/subscribers.sh\` $built."
    echo
    echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB;" \
        "load average before the run $(cat "$WORK/loadavg-before"), after it $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "- Service: $("$JAVA" -version 2>&1 | head -1), \`-Xmx$HEAP ${BENCH_SERVICE_OPTS:-}\`, the embedded PostgreSQL in a temporary data" \
        "directory (development mode, the demo newsroom), \`${LIMITS[*]}\` (raised for the benchmark: every client" \
        "comes from 127.0.0.1; the defaults are 10,000, 16 and 12,000)."
    echo "- Clients: one Node $(node --version) process (ws), on the same machine; \`ulimit -n\` $(ulimit -n)."
    echo
    node bench/subscribers-report.mjs "$WORK/result.json"
    echo
    echo "OutOfMemoryError in the service log: $(cat "$WORK/oom"). Last warnings or errors in the service log:"
    echo
    echo '```'
    cat "$WORK/warnings"
    echo '```'
} | tee "$OUT"
echo "written to $OUT" >&2
