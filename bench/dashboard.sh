#!/usr/bin/env bash
# Dashboard benchmark: the editors' analytics queries (bench/dashboard.list: the dashboard's panels, readers now,
# sources, engaged time per section, reporters, one article's view) against the benchmark newsroom with its readers'
# side (100,000 articles and 30 days of views, engaged time, sources, reader keys and sketches; readers now on the
# newest 300 articles), sent with an editor's token. Prints and writes the same table as bench/run.sh, whose
# settings it takes (BENCH_ARTICLES, BENCH_DURATION, BENCH_JAVA, BENCH_PG_URL with BENCH_SKIP_GENERATE, ...).
#
#   bench/dashboard.sh                  about 12 minutes on 2 cores
#   BENCH_CONNECTIONS=16 bench/dashboard.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_ENGAGEMENT=1 BENCH_EDITOR=1 BENCH_SCENARIO_LIST="$PWD/bench/dashboard.list" BENCH_PGBENCH=0
export BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-8}" BENCH_DURATION="${BENCH_DURATION:-20}"
# Warmed with the dashboard's own queries besides a reader's page, as an instance that has served editors for a while:
# the first reader counts of a window read every hourly sketch of it once, then keep their unions.
export BENCH_WARMUP_SCENARIOS="${BENCH_WARMUP_SCENARIOS:-article-page dashboard-panels engaged-per-section-30-days reporter-totals-7-days article-view-7-days}"
exec bench/run.sh
