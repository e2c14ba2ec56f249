#!/usr/bin/env bash
# Hostile probes: the attacks and faults of issue 18, each tried against a running service over real HTTP and
# WebSocket, with the observed numbers printed as a markdown table (item | probe | observed).
#
#   bench/hostile.sh                     # builds HEAD (mvn -DskipTests package) and probes it
#   bench/hostile.sh A.jar               # probes that jar
#   bench/hostile.sh BEFORE.jar AFTER.jar  # probes both in turn; the table has a before and an after column
#
# Each jar is started on its own port (28190) with the embedded PostgreSQL (a temporary database, the demo newsroom),
# a JWT secret (so the probes sign editors' tokens themselves), -Xmx1g (so memory items show; the heap is read with
# jcmd after a full collection), and a purge webhook served by the probe script (bench/hostile.mjs). Item 10
# (PostgreSQL down at start) needs Debian's PostgreSQL (/usr/lib/postgresql/15/bin): the jar is started against a
# stopped cluster that starts 8 s after the service first tries to connect. The Varnish part of item 7 is covered by VarnishEdgeIT only.
# Sizes are smaller than in the issue where the original takes minutes (600 unread messages instead of 1,500,
# 8-10 s of load, 40 connections instead of 1,000). With the 150 demo articles alone, overload (item 3) and search
# (item 5) do not show: run with HOSTILE_SEARCH_ARTICLES=20000 (the issue had 100,155; see bench/search.sh).
# Takes about 4 minutes per jar on 2 cores (1 minute of it is items 1 and 9 waiting on clocks), plus 2 to 3 minutes
# per jar for 20,000 generated articles.
#   HOSTILE_PORT (28190; the purge webhook listens on the next port), HOSTILE_PG_PORT (55490),
#   HOSTILE_SLOW_MESSAGES (600), HOSTILE_SKIP_PG=1 to skip item 10,
#   HOSTILE_SEARCH_ARTICLES (0): generated articles added with bench/search-data.sql before probing (6 min per 100k).
# Needs java (jcmd), node 20 with `npm ci` run in bench/, curl, and for item 10 psql and root or the postgres user.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${HOSTILE_PORT:-28190}"
PG_PORT="${HOSTILE_PG_PORT:-55490}"
WORK="$PWD/target/hostile"
SECRET='hostile-probe-secret-of-more-than-32-bytes-0123456789'
PGBIN=/usr/lib/postgresql/15/bin
mkdir -p "$WORK"
for p in "$PORT" $((PORT + 1)) "$PG_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use; set HOSTILE_PORT / HOSTILE_PG_PORT" >&2; exit 1; fi
done
[ -d bench/node_modules/ws ] || (cd bench && npm ci --silent)

jars=("$@")
if [ ${#jars[@]} -eq 0 ]; then
  mvn -q -B -DskipTests package
  jars=("$(ls target/news-graphql-*.jar | grep -v original | head -1)")
fi

service_pid=
pgdata=
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true
  if [ -n "$pgdata" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$pgdata" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$pgdata"
  fi
}
trap cleanup EXIT

since() { awk -v a="$1" -v b="$(date +%s.%N)" -v f="$2" 'BEGIN { printf f, b - a }'; }
wait_health() { # seconds; 0 when the service answers, 1 when it exited or the time ran out
  for _ in $(seq 1 $(($1 * 4))); do
    curl -sf "localhost:$PORT/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$service_pid" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}

# Item 10: the service started while PostgreSQL is down; PostgreSQL starts 8 s after the service first tries to
# connect (the log's first pool start or wait message; the JVM itself takes 10-20 s to get there on a busy machine).
database_down_at_start() {
  local jar=$1 out=$2 log=$3
  pgdata=$(mktemp -d /tmp/news-hostile-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$pgdata"
  local pgctl=("$PGBIN/pg_ctl" -D "$pgdata" -l "$pgdata/log" -o "-p $PG_PORT -k /tmp -c listen_addresses=localhost")
  as_pg "$PGBIN/initdb" -D "$pgdata" -U postgres --auth=trust >/dev/null
  as_pg "${pgctl[@]}" start -w >/dev/null
  as_pg "$PGBIN/createdb" -h localhost -p "$PG_PORT" -U postgres news
  as_pg "${pgctl[@]}" stop -w >/dev/null
  java -Xmx512m -jar "$jar" --server.port="$PORT" --spring.main.banner-mode=off \
    --spring.datasource.url="jdbc:postgresql://localhost:$PG_PORT/news" --spring.datasource.username=postgres \
    --news.security.jwt-secret="$SECRET" --news.analytics.spool-directory="$WORK/spool-pg" >"$log" 2>&1 &
  service_pid=$!
  for _ in $(seq 1 360); do
    grep -qE 'HikariPool-1 - Starting|Waiting for PostgreSQL' "$log" && break
    kill -0 "$service_pid" 2>/dev/null || break
    sleep 0.25
  done
  local t0
  t0=$(date +%s.%N)
  local exited_at=
  for _ in $(seq 1 32); do
    kill -0 "$service_pid" 2>/dev/null || { exited_at=$(since "$t0" %.1f); break; }
    sleep 0.25
  done
  [ -z "$exited_at" ] || sleep "$(awk -v e="$exited_at" 'BEGIN { print (e < 8 ? 8 - e : 0) }')"
  as_pg "${pgctl[@]}" start -w >/dev/null
  local result
  if [ -n "$exited_at" ]; then
    result="exited $exited_at s after its first connection attempt, before PostgreSQL started"
  elif wait_health 60; then
    result="answered /actuator/health $(since "$t0" %.1f) s after its first connection attempt"
  else
    result="did not answer within 60 s after PostgreSQL started; $(kill -0 "$service_pid" 2>/dev/null && echo running || echo exited)"
  fi
  local why
  why=$(grep -m1 -oE 'accepted a connection after [0-9.]+ s' "$log" || grep -m1 -oE 'Connection to localhost:[0-9]+ refused' "$log" || true)
  node bench/hostile.mjs add "$out" 10 '10 PostgreSQL down at start' \
    'Debian PostgreSQL 15 stopped when the jar starts, started 8 s after the first connection attempt' "$result${why:+ (log: $why)}"
  kill "$service_pid" 2>/dev/null || true
  wait "$service_pid" 2>/dev/null || true
  service_pid=
  as_pg "${pgctl[@]}" stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$pgdata"
  pgdata=
}

outs=()
for i in "${!jars[@]}"; do
  jar=${jars[$i]}
  name=$([ ${#jars[@]} -eq 2 ] && { [ "$i" = 0 ] && echo before || echo after; } || echo "run$i")
  out="$WORK/$name.json"
  log="$WORK/$name.log"
  rm -f "$out"
  echo "== $name: $jar" >&2
  cp "$jar" "$WORK/$name.jar" # a build during the run cannot replace the jar under the service
  java -Xmx1g -jar "$WORK/$name.jar" --server.port="$PORT" --spring.main.banner-mode=off \
    --news.embedded-postgres.data-directory= --news.embedded-postgres.port="$PG_PORT" \
    --news.demo-data.enabled=true --news.security.jwt-secret="$SECRET" \
    --news.analytics.spool-directory="$WORK/spool-$name" \
    --news.edge.purge.webhook-url="http://127.0.0.1:$((PORT + 1))/purge" --news.edge.purge.webhook-secret=probe \
    >"$log" 2>&1 &
  service_pid=$!
  wait_health 120 || { echo "service did not start, see $log" >&2; exit 1; }
  if [ "${HOSTILE_SEARCH_ARTICLES:-0}" -gt 0 ]; then
    psql -h localhost -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA \
      -v count="$HOSTILE_SEARCH_ARTICLES" -f bench/search-data.sql >&2
  fi
  HOSTILE_URL="http://localhost:$PORT" HOSTILE_SECRET="$SECRET" HOSTILE_PID="$service_pid" HOSTILE_LOG="$log" \
    HOSTILE_OUT="$out" HOSTILE_WEBHOOK_PORT=$((PORT + 1)) node bench/hostile.mjs >&2
  kill "$service_pid" 2>/dev/null || true
  wait "$service_pid" 2>/dev/null || true
  service_pid=
  if [ -z "${HOSTILE_SKIP_PG:-}" ] && [ -x "$PGBIN/pg_ctl" ]; then
    database_down_at_start "$WORK/$name.jar" "$out" "$WORK/$name-pg.log"
  else
    node bench/hostile.mjs add "$out" 10 '10 PostgreSQL down at start' '-' 'not probed (HOSTILE_SKIP_PG or no PostgreSQL 15); DatabaseStartupIT'
  fi
  outs+=("$out")
done
node bench/hostile.mjs table "${outs[@]}"
