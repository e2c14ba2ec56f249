#!/usr/bin/env bash
# Ingestion of this working tree against an earlier commit (default: HEAD~1), on one PostgreSQL with 100,000 articles,
# in alternating rounds (AnalyticsBenchmark's compare mode). Usage: bench/analytics-compare.sh [git-ref] [rounds].
# Each phase starts once the previous phase's backlog is written (no pending views, no flush running), for both builds.
# BENCH_ARGS="--name=value ..." gives this build more settings. Not part of `mvn -B verify`. About 3 minutes a round.
set -euo pipefail
cd "$(dirname "$0")/.."
REF="${1:-HEAD~1}"
ROUNDS="${2:-3}"
PORT="${BENCH_PORT:-18089}"
WORK=target/bench
BEFORE="$WORK/before"
mkdir -p "$WORK"
rm -rf "$BEFORE"
git worktree prune
git worktree add -q --detach "$BEFORE" "$REF"
trap 'git worktree remove --force "$BEFORE"' EXIT
(cd "$BEFORE" && mvn -q -B -DskipTests package)
BEFORE_JAR=$(ls "$BEFORE"/target/news-graphql-*.jar | grep -v original | head -1)
cp "$BEFORE_JAR" "$WORK/before.jar"
mvn -q -B -DskipTests package
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
JAR=$(ls target/news-graphql-*.jar | grep -v original | head -1)
echo "this build: $(git rev-parse --short HEAD) + working tree; before: $(git rev-parse --short "$REF")"
exec java -Xmx512m -Dbench.compare="$WORK/before.jar" -Dbench.rounds="$ROUNDS" -Dbench.args="${BENCH_ARGS:-}" \
  -cp "target/test-classes:target/classes:$(cat "$WORK/classpath.txt")" \
  news.bench.AnalyticsBenchmark "$JAR" "$PORT" "$WORK"
