-- wrk -t1 -c16 -d15s -s bench/load/echo.lua http://127.0.0.1:5055
-- POST /v1/bench/echo with the same bodies as rerank.lua: the server parses and writes them back without ranking
-- (needs LiveRank:Bench:EchoEndpoint=true). The HTTP + JSON ceiling rerank throughput is compared with.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local payload = dofile(dir .. "payload.lua")

function init(args)
  math.randomseed(42)
  local ids = payload.movie_ids()
  request = payload.cycle("/v1/bench/echo", 512, function() return payload.rerank_body(ids, 100) end)
end
