#!/usr/bin/env bash
# Freshness and sustained load over HTTP (issue 6): starts a Release server on a fresh store holding the bundled MovieLens
# demo, waits for its item vectors, then runs the `live-load` runner (paced events + reranks + freshness probes).
#   bench/load/live-load.sh                                   # 1,000 events/s + 1,000 reranks/s, 30 s
#   RUNS="1000:1000 2000:1000" SECONDS_=30 bench/load/live-load.sh   # several EVENTS:RANKS runs against one server
set -euo pipefail

cd "$(dirname "$0")/../.."
URL="http://127.0.0.1:${PORT:-5077}"
STORE_DIR="${STORE_DIR:-/tmp/lr-live-load}"
LOG="${LOG:-/tmp/lr-live-load-server.log}"

rm -rf "$STORE_DIR"
dotnet build src/LiveRank.Cli -c Release --nologo -v q >/dev/null
dotnet build bench/LiveRank.Benchmarks -c Release --nologo -v q >/dev/null
# The movies template and a lasting vector cache: only the first run encodes the demo titles.
LiveRank__Semantic__CacheDirectory="${VECTOR_CACHE:-/tmp/lr-load-vectors}" LiveRank__Text__ItemTemplate=movies \
Logging__LogLevel__Default=Warning \
  dotnet src/LiveRank.Cli/bin/Release/net10.0/LiveRank.Cli.dll serve --urls "$URL" --store "embedded://$STORE_DIR" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT

echo "waiting for $URL/readyz (server pid $SERVER, log $LOG)"
for _ in $(seq 1 600); do
  if curl -fs "$URL/readyz" >/dev/null 2>&1; then break; fi
  kill -0 "$SERVER" 2>/dev/null || { echo "server exited:" >&2; tail -20 "$LOG" >&2; exit 1; }
  sleep 0.5
done
for _ in $(seq 1 900); do
  ready=$(curl -fs "$URL/readyz" || true)
  if echo "$ready" | grep -q '"encodeQueue":0' && [ "$(echo "$ready" | sed 's/.*"items":\([0-9]*\).*/\1/')" = "$(echo "$ready" | sed 's/.*"itemVectors":\([0-9]*\).*/\1/')" ]; then break; fi
  sleep 1
done
echo "ready: $(curl -fs "$URL/readyz")"
status=0
for run in ${RUNS:-1000:1000}; do
  uptime
  dotnet bench/LiveRank.Benchmarks/bin/Release/net10.0/LiveRank.Benchmarks.dll live-load "$URL" \
    --events "${run%%:*}" --ranks "${run##*:}" --batch "${BATCH:-10}" --seconds "${SECONDS_:-30}" --probes "${PROBES:-20}" || status=$?
  uptime
done
exit $status
