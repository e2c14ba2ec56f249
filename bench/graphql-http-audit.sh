#!/usr/bin/env sh
# Runs the graphql-http audit suite (serverAudits) against a running service.
# Usage: bench/graphql-http-audit.sh [http://localhost:8080/graphql]
set -e
cd "$(dirname "$0")"
[ -d node_modules/graphql-http ] || npm install --no-audit --no-fund --silent
exec node graphql-http-audit.mjs "${1:-http://localhost:8080/graphql}"
