-- wrk script (diagnostic): POST a body the size of the assessment's answer to the echo endpoint, so that
-- the cost of sending the answer's bytes can be told apart from the cost of the assessment itself.
-- run.sh saves the answer to the file named by BACKCARE_LOAD_RESULT.
local file = assert(io.open(os.getenv("BACKCARE_LOAD_RESULT"), "r"))
wrk.method = "POST"
wrk.path = "/api/echo"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
