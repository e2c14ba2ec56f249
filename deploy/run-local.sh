#!/usr/bin/env bash
# Starts on one machine what a production set-up has on several: Debian's PostgreSQL 15 as a primary and a streaming
# replica of it (pg_basebackup -R), three instances of the service (ports 8081-8083) reading the replica for public
# queries, HAProxy in front of them (port 8080, deploy/haproxy.cfg) and Varnish in front of HAProxy (port 6081, the
# VCL the service ships, src/main/resources/varnish/news.vcl, unchanged: its backend is HAProxy). The instances purge
# Varnish after each write. An instance that exits is started again. Everything lives under $WORK (default
# /tmp/news-deploy); Ctrl-C stops it all.
#
#   mvn -B -q package -DskipTests && deploy/run-local.sh
#
# Installs postgresql-15, haproxy, varnish and varnish-modules from Debian when they are missing (as root). Run as
# root (PostgreSQL runs as the postgres user) or as a user that may run PostgreSQL itself.
set -euo pipefail
cd "$(dirname "$0")/.."

# What Debian provides, installed when missing (as root).
missing=()
[ -x /usr/lib/postgresql/15/bin/pg_basebackup ] || missing+=(postgresql-15)
command -v haproxy >/dev/null || missing+=(haproxy)
command -v varnishd >/dev/null || missing+=(varnish)
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || missing+=(varnish-modules)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

WORK=${WORK:-/tmp/news-deploy}
BIN=/usr/lib/postgresql/15/bin
JAR=$(ls target/news-graphql-*.jar | grep -v original | head -1)
PRIMARY_PORT=5440
REPLICA_PORT=5441
SECRET=${NEWS_SECURITY_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '/+=' | head -c 48)}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pids=()
stop() {
    touch "$WORK/stopping"
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for i in 1 2 3; do [ -f "$WORK/news-$i.pid" ] && kill "$(cat "$WORK/news-$i.pid")" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for dir in replica primary; do
        [ -f "$WORK/$dir/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$WORK/$dir" -m fast -w stop || true
    done
}
trap stop EXIT

mkdir -p "$WORK"
[ "$(id -u)" = 0 ] && chown postgres: "$WORK"
if [ ! -d "$WORK/primary" ]; then
    as_postgres "$BIN/initdb" -D "$WORK/primary" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
fi
as_postgres "$BIN/pg_ctl" -D "$WORK/primary" -l "$WORK/primary.log" -w \
    -o "-p $PRIMARY_PORT -k $WORK -c listen_addresses=127.0.0.1" start
if [ ! -d "$WORK/replica" ]; then
    as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$WORK/replica" -R -X stream -c fast
fi
as_postgres "$BIN/pg_ctl" -D "$WORK/replica" -l "$WORK/replica.log" -w \
    -o "-p $REPLICA_PORT -k $WORK -c listen_addresses=127.0.0.1 -c hot_standby_feedback=on" start

# Each instance runs under a loop that starts it again a second after it exits, as a service manager would
# (systemd's Restart=always); its current process id is in $WORK/news-<i>.pid.
instance() {
    local i=$1
    mkdir -p "$WORK/spool-$i"
    while [ ! -f "$WORK/stopping" ]; do
        SERVER_PORT=808$i \
        SERVER_FORWARD_HEADERS_STRATEGY=native \
        SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/postgres \
        SPRING_DATASOURCE_USERNAME=postgres \
        NEWS_DATASOURCE_REPLICA_SERVERS_0_URL=jdbc:postgresql://127.0.0.1:$REPLICA_PORT/postgres \
        NEWS_SECURITY_JWT_SECRET=$SECRET \
        NEWS_ANALYTICS_SPOOL_DIRECTORY=$WORK/spool-$i \
        NEWS_EDGE_PURGE_VARNISH_URLS=http://127.0.0.1:6081/ \
        NEWS_DEMO_DATA_ENABLED=true \
            java -jar "$JAR" >>"$WORK/news-$i.log" 2>&1 &
        echo $! >"$WORK/news-$i.pid"
        wait $! || true
        sleep 1
    done
}

rm -f "$WORK/stopping"
for i in 1 2 3; do
    instance "$i" &
    pids+=($!)
    # The first instance migrates and loads the demo content before the others start.
    if [ "$i" = 1 ]; then
        until curl -fs http://127.0.0.1:8081/actuator/health >/dev/null; do sleep 1; done
    fi
done

haproxy -f deploy/haproxy.cfg -db &
pids+=($!)

# The shipped VCL as it is: its backend, 127.0.0.1:8080, is HAProxy here.
cp src/main/resources/varnish/news.vcl "$WORK/news.vcl"
chmod a+r "$WORK/news.vcl"
varnishd -F -a 127.0.0.1:6081 -f "$WORK/news.vcl" -n "$WORK/varnish" -s malloc,256m &
pids+=($!)

echo "Varnish http://127.0.0.1:6081/graphql -> HAProxy :8080 -> instances :8081-8083; logs in $WORK. Ctrl-C stops."
wait
