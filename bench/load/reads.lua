-- wrk script: GET one audited read (BACKCARE_LOAD_PATH, e.g. /api/diary) as the people whose bearer tokens reads.sh
-- wrote to BACKCARE_LOAD_TOKENS, one token a line; "{id}" in the path becomes the account id on the same line.
local people = {}
for line in io.lines(os.getenv("BACKCARE_LOAD_TOKENS")) do
  local token, id = line:match("^(%S+) (%S+)$")
  people[#people + 1] = { token = token, id = id }
end

local path = os.getenv("BACKCARE_LOAD_PATH")
local n = math.random(#people)

request = function()
  n = n % #people + 1
  return wrk.format("GET", (path:gsub("{id}", people[n].id)), { ["Authorization"] = "Bearer " .. people[n].token })
end

response = function(status)
  if status ~= 200 then
    error("answered " .. status)
  end
end
