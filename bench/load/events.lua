-- wrk -t1 -c4 -d15s -s bench/load/events.lua http://127.0.0.1:5055
-- POST /v1/events with batches of 500 view events (MovieLens users 1..610 and movie ids, timestamps in the last day).
-- Events per second = requests per second × 500 (printed by done()).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local payload = dofile(dir .. "payload.lua")
local batch = 500

function init(args)
  math.randomseed(7)
  local ids = payload.movie_ids()
  request = payload.cycle("/v1/events", 64, function() return payload.events_body(ids, batch) end)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local ok = summary.requests - summary.errors.status
  io.write(string.format("events/s: %.0f (%d batches of %d accepted in %.1f s)\n", ok * batch / seconds, ok, batch, seconds))
end
