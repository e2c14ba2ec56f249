#!/usr/bin/env bash
# Requests per second for the article page: GET answered 304 (If-None-Match with the current ETag, what a CDN's
# revalidation costs), GET answered 200, and POST, in alternating rounds so that a noisy machine hurts all alike.
# Usage: bench/article-page.sh [base-url] [rounds] [seconds-per-run]   (needs wrk, curl, python3)
set -euo pipefail
BASE=${1:-http://localhost:8080}
ROUNDS=${2:-3}
SECONDS_PER_RUN=${3:-10}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

SLUG=$(curl -s "$BASE/graphql" -H 'Content-Type: application/json' \
  -d '{"query":"{ latest(first: 1) { edges { node { slug } } } }"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["latest"]["edges"][0]["node"]["slug"])')
QUERY='query ArticlePage($slug: String!) { article(slug: $slug) { id slug headline summary publishedAt url section { name slug path { name slug } } reporters { name slug } image { url caption credit alt width height } body { type text speaker } tags { name slug } } }'
export QUERY SLUG
GET_PATH=$(python3 -c 'import os,json,urllib.parse as u; print("/graphql?" + u.urlencode({"query": os.environ["QUERY"], "variables": json.dumps({"slug": os.environ["SLUG"]})}))')
POST_BODY=$(python3 -c 'import os,json; print(json.dumps({"query": os.environ["QUERY"], "variables": {"slug": os.environ["SLUG"]}}))')
ETAG=$(curl -s -D - -o /dev/null "$BASE$GET_PATH" | tr -d '\r' | awk 'tolower($1)=="etag:" {print $2}')
[ -n "$ETAG" ] || { echo "no ETag on the article page" >&2; exit 1; }

cat > "$WORK/get304.lua" <<LUA
wrk.method = "GET"
wrk.headers["If-None-Match"] = '$ETAG'
LUA
cat > "$WORK/get200.lua" <<LUA
wrk.method = "GET"
LUA
python3 - "$POST_BODY" > "$WORK/post.lua" <<'PY'
import json, sys
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "application/json"')
print('wrk.body = ' + json.dumps(sys.argv[1]))
PY

rps() { # script path
  wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" -s "$2" "$BASE$1" | awk '/Requests\/sec/ {print $2}'
}
echo "article page '$SLUG', ETag $ETAG; wrk -t2 -c16 -d${SECONDS_PER_RUN}s, $ROUNDS alternating rounds"
printf '%-6s %12s %12s %12s %10s %10s\n' round "GET 304/s" "GET 200/s" "POST/s" "304/POST" "200/POST"
for round in $(seq 1 "$ROUNDS"); do
  a=$(rps "$GET_PATH" "$WORK/get304.lua")
  b=$(rps "$GET_PATH" "$WORK/get200.lua")
  c=$(rps /graphql "$WORK/post.lua")
  printf '%-6s %12s %12s %12s %10.2f %10.2f\n' "$round" "$a" "$b" "$c" "$(echo "$a / $c" | bc -l)" "$(echo "$b / $c" | bc -l)"
done
