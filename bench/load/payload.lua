-- Shared by rerank.lua, echo.lua and events.lua: MovieLens ids and pre-built request bodies.
-- Bodies are built once per wrk thread in init(), so the load generator spends its CPU on sending,
-- not on Lua string building (it shares the machine with the server).
local payload = {}

local function script_dir()
  local source = debug.getinfo(1, "S").source
  return source:match("^@(.*/)") or "./"
end

-- The 9,742 movie ids of samples/ml-latest-small/movies.csv (ids run up to 193609, with gaps);
-- falls back to 1..9742 when the sample is not found.
function payload.movie_ids()
  local path = os.getenv("LR_MOVIES_CSV") or (script_dir() .. "../../samples/ml-latest-small/movies.csv")
  local ids = {}
  local file = io.open(path, "r")
  if file then
    file:read("*l") -- header
    for line in file:lines() do
      local id = line:match("^(%d+),")
      if id then ids[#ids + 1] = id end
    end
    file:close()
  end
  if #ids == 0 then
    for i = 1, 9742 do ids[i] = tostring(i) end
  end
  return ids
end

-- {"userId":"…","candidates":[{"id":"…"} × count]} with distinct candidates, userId in 1..610.
function payload.rerank_body(ids, count)
  local seen, candidates = {}, {}
  while #candidates < count do
    local id = ids[math.random(1, #ids)]
    if not seen[id] then
      seen[id] = true
      candidates[#candidates + 1] = '{"id":"' .. id .. '"}'
    end
  end
  return '{"userId":"' .. math.random(1, 610) .. '","candidates":[' .. table.concat(candidates, ",") .. ']}'
end

-- {"events":[{"type":"view","userId","itemId","timestamp"} × count]}; timestamps in the last day (unix seconds),
-- no event ids, so every post is accepted (ids are generated server-side).
function payload.events_body(ids, count)
  local now = os.time()
  local events = {}
  for i = 1, count do
    events[i] = '{"type":"view","userId":"' .. math.random(1, 610) .. '","itemId":"' .. ids[math.random(1, #ids)]
      .. '","timestamp":' .. (now - math.random(0, 86400)) .. '}'
  end
  return '{"events":[' .. table.concat(events, ",") .. ']}'
end

-- A request() function that cycles through `size` pre-formatted requests.
function payload.cycle(path, size, make_body)
  local requests = {}
  local headers = { ["Content-Type"] = "application/json" }
  for i = 1, size do
    requests[i] = wrk.format("POST", path, headers, make_body())
  end
  local next_index = 0
  return function()
    next_index = next_index % size + 1
    return requests[next_index]
  end
end

-- Counts responses by status so a run that only produced errors is visible.
function payload.track_status(statuses)
  return function(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
  end
end

return payload
