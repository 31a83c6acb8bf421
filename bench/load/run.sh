#!/usr/bin/env bash
# Load run: the release build of BackCare.Web, POST /api/assessments against the echo baseline, with wrk.
# Usage: bench/load/run.sh [duration=20s] [connections=32] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-20s}
connections=${2:-32}
threads=${3:-2}
port=${BACKCARE_LOAD_PORT:-5099}
out=$(mktemp -d)

dotnet publish src/BackCare.Web/BackCare.Web.csproj -c Release -o "$out/app" >/dev/null

# One client sends everything, so the per-client rate limit is switched off; the echo endpoint is switched on.
# Email goes to a pickup folder: Production does not start without email set up, and nothing here sends any.
RateLimiting__Enabled=false Email__Mode=Pickup Benchmarks__EchoEndpoint=true Logging__LogLevel__Default=Warning \
  ASPNETCORE_URLS="http://127.0.0.1:$port" "$out/app/BackCare.Web" >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$out"' EXIT

for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && break
  sleep 0.2
done

run() { # name script
  wrk -t"$threads" -c"$connections" -d5s -s "bench/load/$2" "http://127.0.0.1:$port" >/dev/null # warm-up
  echo "== $1"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "bench/load/$2" "http://127.0.0.1:$port"
}

# Check the API answers as expected before measuring, and keep its answer for the size diagnostic.
export BACKCARE_LOAD_RESULT="$out/result.json"
sed -n "s/^return '\(.*\)'$/\1/p" bench/load/case.lua >"$out/case.json"
curl -sf -H 'Content-Type: application/json' --data-binary @"$out/case.json" "http://127.0.0.1:$port/api/assessments" >"$BACKCARE_LOAD_RESULT"
grep -q '"disposition":"self_care"' "$BACKCARE_LOAD_RESULT"
echo "case: $(wc -c <"$out/case.json") bytes, answer: $(wc -c <"$BACKCARE_LOAD_RESULT") bytes"

# Alternate the runs so that other load on the machine falls on both alike.
rounds=${BACKCARE_LOAD_ROUNDS:-1}
for _ in $(seq 1 "$rounds"); do
  run echo echo.lua
  run assess assess.lua
  run echo-answer-sized echo-result.lua
done
