-- RATE=8000 wrk -t1 -c16 -d15s --latency -s bench/load/rerank-paced.lua http://127.0.0.1:5055
-- The rerank load of rerank.lua, paced: each connection waits before each request so that all connections
-- together offer about RATE requests/s (wrk's own latency figures then describe a server that is not saturated).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local payload = dofile(dir .. "payload.lua")
local gap_ms

function init(args)
  math.randomseed(42)
  local ids = payload.movie_ids()
  request = payload.cycle("/v1/rerank", 512, function() return payload.rerank_body(ids, 100) end)
  local rate = tonumber(os.getenv("RATE") or "1000")
  local connections = tonumber(os.getenv("CONNECTIONS") or "16")
  gap_ms = math.max(1, math.floor(connections * 1000 / rate))
end

function delay()
  return gap_ms
end
