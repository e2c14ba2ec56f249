#!/usr/bin/env bash
# Runs the packaged service, warm from its first requests where the JDK allows it. Arguments are the service's own
# (--server.port=9090, ...); JAVA (default: java on the PATH), JAVA_OPTS, START_JAR (default: the jar under target/)
# and START_AOT_DIR (default: target/aot) are read from the environment.
#
# - Java 25 or newer: an ahead-of-time cache (JEP 483, 514, 515): the classes loaded and linked, and the method
#   profiles, of a training run; on a machine of two cores or fewer, with three compiler threads (two for C2).
# - Java 17 to 24: a dynamic class-data-sharing archive of a training run (its classes, loaded and verified).
# - Anything else (START_AOT=off, or a training run that failed): the jar as it is.
#
# The training run happens once per jar and JDK (again after a rebuild or a JDK change). It starts the jar unpacked
# (Spring Boot's `extract`; the cache only applies to that form) with a fresh embedded PostgreSQL and the demo
# newsroom on a spare port, in an empty environment so that no production setting reaches it, and with the response
# cache off so that every read runs the engine. START_TRAINING_CLIENTS (8) clients send the public reads a
# newsroom's pages make for START_TRAINING_SECONDS (60), then the run stops through the shutdown endpoint that only
# it exposes, so the JVM exits normally and writes what it learned. About two minutes on two cores.
# START_TRAIN_ONLY=1 trains and exits without starting the service.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA=${JAVA:-java}
JAR=${START_JAR:-$(ls "$ROOT"/target/news-graphql-*.jar 2>/dev/null | grep -v original | head -1 || true)}
DIR=${START_AOT_DIR:-$ROOT/target/aot}
TRAINING_SECONDS=${START_TRAINING_SECONDS:-60}
TRAINING_CLIENTS=${START_TRAINING_CLIENTS:-8}
TRAINING_PORT=${START_TRAINING_PORT:-18479}
read -r -a OPTS <<<"${JAVA_OPTS:-}"

if [ -z "$JAR" ] || [ ! -f "$JAR" ]; then
    echo "no packaged jar: run mvn -B -q package -DskipTests first (or set START_JAR)" >&2
    exit 1
fi

plain() {
    [ "${START_TRAIN_ONLY:-}" = 1 ] && exit 1
    exec "$JAVA" "${OPTS[@]}" -jar "$JAR" "$@"
}

flags=$("$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null || true)
if [ "${START_AOT:-on}" = off ]; then
    plain "$@"
elif grep -q ' AOTCacheOutput ' <<<"$flags"; then
    ARCHIVE=$DIR/app.aot
    RECORD=(-XX:AOTCacheOutput="$ARCHIVE")
    USE=(-XX:AOTCache="$ARCHIVE")
    # On two cores the JVM runs one C1 and one C2 compiler thread; with a second C2 thread the service served two to
    # three times as many requests 20 to 40 s after its first answer, for up to 2 s more before that answer
    # (docs/performance.md). A -XX:CICompilerCount in JAVA_OPTS comes later and wins.
    if [ "$(nproc 2>/dev/null || echo 4)" -le 2 ]; then
        USE+=(-XX:CICompilerCount=3)
    fi
elif grep -q ' ArchiveClassesAtExit ' <<<"$flags"; then
    ARCHIVE=$DIR/app.jsa
    RECORD=(-XX:ArchiveClassesAtExit="$ARCHIVE")
    USE=(-XX:SharedArchiveFile="$ARCHIVE")
else
    plain "$@"
fi

APP=$DIR/app/$(basename "$JAR")
STAMP="$(sha256sum "$JAR" | cut -c1-64) $("$JAVA" -version 2>&1 | head -2 | tr '\n' ' ')"

train() {
    rm -rf "$DIR"
    mkdir -p "$DIR"
    "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$DIR/app" >/dev/null
    local data log pid
    data=$(mktemp -d "${TMPDIR:-/tmp}/news-training.XXXXXX")
    log=$DIR/training.log
    if curl -s -o /dev/null "http://127.0.0.1:$TRAINING_PORT/"; then
        # Something answers there already (another training run, another service): never train against it.
        echo "port $TRAINING_PORT is in use (START_TRAINING_PORT); running without $(basename "$ARCHIVE")" >&2
        rm -rf "$data" "$DIR"
        return 1
    fi
    echo "training run for $(basename "$ARCHIVE") (once per jar and JDK; log in $log)" >&2
    (cd "$DIR" && env -i PATH="$PATH" HOME="${HOME:-/tmp}" LANG=C.UTF-8 \
        "$JAVA" "${RECORD[@]}" -jar "$APP" \
        --server.port="$TRAINING_PORT" \
        --news.embedded-postgres.data-directory="$data" \
        --news.edge.response-cache.enabled=false \
        --management.endpoint.shutdown.access=unrestricted \
        --management.endpoints.web.exposure.include=health,shutdown >"$log" 2>&1) &
    pid=$!
    local base=http://127.0.0.1:$TRAINING_PORT
    local waited=0
    until curl -fs -o /dev/null "$base/actuator/health"; do
        if ! kill -0 "$pid" 2>/dev/null || [ $waited -gt 600 ]; then
            echo "the training run did not start; running without $(basename "$ARCHIVE")" >&2
            kill "$pid" 2>/dev/null || true
            rm -rf "$data" "$DIR"
            return 1
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
    training_load "$base"
    local token
    token=$(curl -fs -X POST "$base/dev/token?sub=training&roles=ADMIN")
    curl -fs -o /dev/null -X POST -H "Authorization: Bearer $token" "$base/actuator/shutdown" || kill "$pid"
    wait "$pid" || true
    # Java 25 writes the cache from a second process after the first one exits.
    for _ in $(seq 1 600); do
        [ -s "$ARCHIVE" ] && ! pgrep -f "AOTMode=create.*$ARCHIVE" >/dev/null && break
        sleep 0.5
    done
    rm -rf "$data"
    if [ ! -s "$ARCHIVE" ]; then
        echo "the training run wrote no $(basename "$ARCHIVE"); running without it" >&2
        rm -rf "$DIR"
        return 1
    fi
    echo "$STAMP" >"$DIR/stamp"
}

# The public reads of a newsroom's pages, as GET: article pages (with the most read beside them, and as the app's
# persisted query), the lists, section fronts and search. START_TRAINING_CLIENTS (8) clients send them at once, each
# in its own order and over its own connection, for START_TRAINING_SECONDS (60): long enough, at a busy site's
# concurrency, for the JIT to reach its steady compilations, whose profiles are what the cache keeps.
training_load() {
    local base=$1 urls=$DIR/training-urls slugs sections
    slugs=$(curl -fs "$base/graphql?query=$(enc '{ latest(first: 100) { edges { node { slug } } } }')" |
        grep -o '"slug":"[^"]*"' | cut -d'"' -f4)
    sections=$(curl -fs "$base/graphql?query=$(enc '{ sections { slug } }')" | grep -o '"slug":"[^"]*"' | cut -d'"' -f4)
    : >"$urls"
    local first=1 slug section
    # The article page as an app sends it: an automatic persisted query by its hash, registered once.
    local page='query ArticlePage($slug: String!) { article(slug: $slug) { id slug headline summary publishedAt url section { name slug path { name slug } } reporters { name slug } image { url caption credit alt width height } body { type text speaker } tags { name slug } } }'
    local persisted
    persisted="{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"$(printf '%s' "$page" | sha256sum | cut -c1-64)\"}}"
    for slug in $slugs; do
        echo "url = \"$base/graphql?query=$(enc "{ article(slug: \"$slug\") { headline summary publishedAt url section { path { name slug } } reporters { name slug } image { url caption credit alt } body { type text speaker } tags { name slug } } popular(window: LAST_7_DAYS, first: 5) { rank views article { headline url } } }")\"" >>"$urls"
        echo "url = \"$base/graphql?query=$(enc "{ article(slug: \"$slug\") { headline summary publishedAt url section { path { name slug } } reporters { name slug } image { url caption credit } body { type text speaker } tags { name slug } related(first: 5) { headline url } } popular(window: LAST_7_DAYS, first: 5) { rank views article { headline url } } latest(first: 10) { edges { node { headline url } } } }")\"" >>"$urls"
        echo "url = \"$base/graphql?operationName=ArticlePage&variables=$(enc "{\"slug\":\"$slug\"}")&extensions=$(enc "$persisted")\"" >>"$urls"
        echo "url = \"$base/graphql?query=$(enc "{ latest(first: $first) { totalCount edges { cursor node { id slug headline url publishedAt section { name } reporters { name } image { url } } } pageInfo { hasNextPage endCursor } } }")\"" >>"$urls"
        first=$((first % 20 + 1))
    done
    for section in $sections; do
        echo "url = \"$base/graphql?query=$(enc "{ section(slug: \"$section\") { name path { name } children { name } articles(first: 10) { edges { node { headline url } } } } popular(section: \"$section\", first: 5) { rank article { headline url } } }")\"" >>"$urls"
    done
    for word in banjir pemilu timnas harga; do
        echo "url = \"$base/graphql?query=$(enc "{ search(query: \"$word\", first: 10) { totalCount edges { node { snippet article { headline url } } } } }")\"" >>"$urls"
    done
    # Registered once, as an app does after its first PersistedQueryNotFound.
    curl -fs -o /dev/null "$base/graphql?query=$(enc "$page")&variables=$(enc "{\"slug\":\"${slugs%%$'\n'*}\"}")&extensions=$(enc "$persisted")" || true
    local end=$((SECONDS + TRAINING_SECONDS)) client clients=()
    for client in $(seq 1 "$TRAINING_CLIENTS"); do
        (
            shuf "$urls" >"$urls.$client"
            while [ $SECONDS -lt $end ]; do
                curl -s -K "$urls.$client" >/dev/null 2>&1 || true
            done
        ) &
        clients+=($!)
    done
    wait "${clients[@]}"
    rm -f "$urls".*
}

enc() {
    local s=$1 out= c i
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case "$c" in
            [a-zA-Z0-9._~-]) out+=$c ;;
            *) out+=$(printf '%%%02X' "'$c") ;;
        esac
    done
    printf '%s' "$out"
}

if [ ! -s "$ARCHIVE" ] || [ ! -f "$DIR/stamp" ] || [ "$(cat "$DIR/stamp")" != "$STAMP" ]; then
    train || plain "$@"
fi
[ "${START_TRAIN_ONLY:-}" = 1 ] && exit 0
exec "$JAVA" "${USE[@]}" "${OPTS[@]}" -jar "$APP" "$@"
