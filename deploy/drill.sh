#!/usr/bin/env bash
# The set-up of deploy/run-local.sh, drilled: starts it (PostgreSQL 15 primary and replica, three instances, HAProxy,
# Varnish), waits until Varnish answers through HAProxy, then runs deploy/drill.mjs (Node 20+): publish, headline edit,
# section rename and archive visible through Varnish within 2 s; a token's answer never stored; one instance stopped
# under load with no counted view lost and no public read failed; a persisted query registered on one instance
# answered by hash on the others and after all three restarted; 100,000 registrations (DRILL_REGISTRATIONS) leaving
# the store within its bounds. Stops everything at the end; exits 1 if a check failed. About 5 minutes on two cores.
#
#   mvn -B -q package -DskipTests && deploy/drill.sh
#
# All drill traffic comes from one address, so the per-client rate limit is off for it
# (NEWS_ANALYTICS_RATE_LIMIT_ENABLED=false); a fresh $WORK each run.
set -euo pipefail
cd "$(dirname "$0")/.."
export WORK=${WORK:-/tmp/news-drill}
rm -rf "$WORK"
export NEWS_SECURITY_JWT_SECRET=${NEWS_SECURITY_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '/+=' | head -c 48)}
export NEWS_ANALYTICS_RATE_LIMIT_ENABLED=false
# The persisted-query store drops what is beyond its bounds every 5 s instead of every 10 minutes, so the drill sees it.
export NEWS_PERSISTED_STORE_EVICT_EVERY=5s

setsid deploy/run-local.sh >"$WORK.log" 2>&1 &
runner=$!
finish() {
    kill -TERM -- -"$runner" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
    for dir in replica primary; do
        if [ -f "$WORK/$dir/postmaster.pid" ]; then
            runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/$dir" -m immediate stop >/dev/null 2>&1 || true
        fi
    done
}
trap finish EXIT

deadline=$((SECONDS + 240))
for port in 8081 8082 8083; do
    until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null; do
        if [ $SECONDS -gt $deadline ] || ! kill -0 "$runner" 2>/dev/null; then
            echo "the set-up did not come up; see $WORK.log and $WORK/*.log" >&2
            exit 1
        fi
        sleep 1
    done
done
until curl -fs 'http://127.0.0.1:6081/graphql?query=%7B__typename%7D' >/dev/null; do
    [ $SECONDS -gt $deadline ] && { echo "Varnish did not answer through HAProxy" >&2; exit 1; }
    sleep 1
done
echo "set-up up after ${SECONDS} s"

DRILL_SECRET=$NEWS_SECURITY_JWT_SECRET DRILL_WORK=$WORK node deploy/drill.mjs
