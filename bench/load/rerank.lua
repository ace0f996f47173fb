-- wrk -t1 -c16 -d15s -s bench/load/rerank.lua http://127.0.0.1:5055
-- POST /v1/rerank: 100 distinct MovieLens movie ids for a user in 1..610 (the demo data set).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local payload = dofile(dir .. "payload.lua")

function init(args)
  math.randomseed(42)
  local ids = payload.movie_ids()
  request = payload.cycle("/v1/rerank", 512, function() return payload.rerank_body(ids, 100) end)
end
