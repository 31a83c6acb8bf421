-- wrk script: POST the same case to the echo endpoint (Benchmarks:EchoEndpoint=true), the baseline.
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
wrk.method = "POST"
wrk.path = "/api/echo"
wrk.body = dofile(dir .. "case.lua")
wrk.headers["Content-Type"] = "application/json"
