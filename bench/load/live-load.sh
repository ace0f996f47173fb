#!/usr/bin/env bash
# Freshness and sustained load over HTTP: starts a Release server on a fresh store holding the bundled MovieLens
# demo, waits for its item vectors, then runs the `live-load` runner (paced events + reranks + freshness probes).
#   bench/load/live-load.sh                                   # 1,000 events/s + 1,000 reranks/s, 30 s
#   RUNS="1000:1000 2000:1000" SECONDS_=30 bench/load/live-load.sh   # several EVENTS:RANKS runs against one server
set -euo pipefail

cd "$(dirname "$0")/../.."
URL="http://127.0.0.1:${PORT:-5077}"
STORE_DIR="${STORE_DIR:-/tmp/lr-live-load}"
LOG="${LOG:-/tmp/lr-live-load-server.log}"

dotnet build bench/LiveRank.Benchmarks -c Release --nologo -v q >/dev/null
# The movies template: the demo titles read as films.
source bench/load/demo-server.sh
start_demo_server "$URL" "$STORE_DIR" "$LOG" LiveRank__Text__ItemTemplate=movies
status=0
for run in ${RUNS:-1000:1000}; do
  uptime
  dotnet bench/LiveRank.Benchmarks/bin/Release/net10.0/LiveRank.Benchmarks.dll live-load "$URL" \
    --events "${run%%:*}" --ranks "${run##*:}" --batch "${BATCH:-10}" --seconds "${SECONDS_:-30}" --probes "${PROBES:-20}" || status=$?
  uptime
done
exit $status
