# Sourced by the load scripts (from the repository root): starts the server they measure.
#
# start_demo_server URL STORE_DIR LOG [NAME=VALUE ...]
#   A Release server on a fresh embedded store, which loads the bundled MovieLens demo (610 users, 9,742 movies), with
#   the given settings as environment variables (`liverank serve` parses its flags strictly, so settings without a flag
#   come from the environment, LiveRank__Section__Key). Returns once the server is ready and every item vector is
#   encoded, so that the background encoder does not compete with the load. Sets SERVER (its pid) and stops it on exit.
#   The vector cache ($VECTOR_CACHE) lives outside the throw-away store: only the first run encodes the demo titles.
start_demo_server() {
  local url=$1 store=$2 log=$3 ready
  shift 3
  rm -rf "$store"
  dotnet build src/LiveRank.Cli -c Release --nologo -v q >/dev/null
  env LiveRank__Semantic__CacheDirectory="${VECTOR_CACHE:-/tmp/lr-load-vectors}" Logging__LogLevel__Default=Warning "$@" \
    dotnet src/LiveRank.Cli/bin/Release/net10.0/LiveRank.Cli.dll serve --urls "$url" --store "embedded://$store" >"$log" 2>&1 &
  SERVER=$!
  trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT

  echo "waiting for $url/readyz (server pid $SERVER, log $log)"
  for _ in $(seq 1 240); do
    if curl -fs "$url/readyz" >/dev/null 2>&1; then break; fi
    kill -0 "$SERVER" 2>/dev/null || { echo "server exited:" >&2; tail -20 "$log" >&2; return 1; }
    sleep 0.5
  done
  curl -fs "$url/readyz" >/dev/null || { echo "server not ready after 120 s" >&2; return 1; }
  for _ in $(seq 1 900); do
    ready=$(curl -fs "$url/readyz" || true)
    if echo "$ready" | grep -q '"encodeQueue":0' \
      && [ "$(echo "$ready" | sed 's/.*"items":\([0-9]*\).*/\1/')" = "$(echo "$ready" | sed 's/.*"itemVectors":\([0-9]*\).*/\1/')" ]; then break; fi
    sleep 1
  done
  echo "ready: $(curl -fs "$url/readyz")"
}
