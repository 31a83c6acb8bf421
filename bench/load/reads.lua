-- wrk script for bench/load/reads.sh: GET BACKCARE_LOAD_PATH as the load's people or its clinician.
-- BACKCARE_LOAD_AS says who asks: "nobody" (no credentials, the unaudited reference), "people" (each request as the
-- next of the people whose bearer tokens reads.sh wrote to BACKCARE_LOAD_TOKENS, one "token id" a line; "{id}" in the
-- path becomes that person's account id) or "clinician" (the sign-in cookie in BACKCARE_LOAD_COOKIE).
-- Every request says it came over HTTPS through a trusted proxy (X-Forwarded-Proto), as behind nginx: the sign-in
-- cookie is Secure. At the end one line for reads.sh: requests, those answered 200, requests/s, p50 and p99 in ms.
local path = os.getenv("BACKCARE_LOAD_PATH")
local as = os.getenv("BACKCARE_LOAD_AS")
local cookie = os.getenv("BACKCARE_LOAD_COOKIE")
local people = {}
if as == "people" then
  for line in io.lines(os.getenv("BACKCARE_LOAD_TOKENS")) do
    local token, id = line:match("^(%S+) (%S+)$")
    people[#people + 1] = { token = token, id = id }
  end
end

local threads = {}
setup = function(thread)
  threads[#threads + 1] = thread
end

local n = math.random(math.max(#people, 1))
ok = 0

request = function()
  local headers = { ["X-Forwarded-Proto"] = "https" }
  local address = path
  if as == "people" then
    n = n % #people + 1
    headers["Authorization"] = "Bearer " .. people[n].token
    address = (path:gsub("{id}", people[n].id))
  elseif as == "clinician" then
    headers["Cookie"] = cookie
  end
  return wrk.format("GET", address, headers)
end

response = function(status)
  if status == 200 then
    ok = ok + 1
  end
end

done = function(summary, latency)
  local answered = 0
  for _, thread in ipairs(threads) do
    answered = answered + thread:get("ok")
  end
  io.write(string.format("result: requests=%d ok=%d rps=%.0f p50=%.1f p99=%.1f timeouts=%d\n",
    summary.requests, answered, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.timeout))
end
