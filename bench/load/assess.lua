-- wrk script: POST one case to the assessment API.
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
wrk.method = "POST"
wrk.path = "/api/assessments"
wrk.body = dofile(dir .. "case.lua")
wrk.headers["Content-Type"] = "application/json"
