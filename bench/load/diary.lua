-- wrk script: POST one day's diary to /api/diary, spreading the requests over the accounts whose bearer
-- tokens diary.sh wrote to the file named by BACKCARE_LOAD_TOKENS (one token a line, each with a first assessment).
local tokens = {}
for line in io.lines(os.getenv("BACKCARE_LOAD_TOKENS")) do
  tokens[#tokens + 1] = line
end

local body = '{"painScore":5,"spasms":2,"notes":"Walked twice today; the heat pad helped.","walk":"limited","sit":"limited",'
  .. '"sleep":"normal","work":"limited","medicines":["nsaid"],"whatHelped":["heat","walking"]}'
local n = math.random(#tokens)

request = function()
  n = n % #tokens + 1
  return wrk.format("POST", "/api/diary", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[n],
  }, body)
end
