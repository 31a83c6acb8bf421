#!/usr/bin/env bash
# Load run of audited reads on SQLite with wrk: each GET writes a durable audit event before it answers.
# Usage: bench/load/reads.sh [duration=20s] [connections=32] [threads=2] [people=1] [path...]
# Paths default to /api/diary, /api/assessments and /fhir/Patient/{id}; each is warmed up (BACKCARE_LOAD_WARMUP,
# default 20s) and measured in turn. BACKCARE_LOAD_APP: an already built BackCare.Web.dll (else one is published).
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-20s}
connections=${2:-32}
threads=${3:-2}
people=${4:-1}
shift $(($# < 4 ? $# : 4))
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(/api/diary /api/assessments "/fhir/Patient/{id}")
port=${BACKCARE_LOAD_PORT:-5097}
out=$(mktemp -d)
url="http://127.0.0.1:$port"

if [ -z "${BACKCARE_LOAD_APP:-}" ]; then
  dotnet publish src/BackCare.Web/BackCare.Web.csproj -c Release -o "$out/app" >/dev/null
  app="$out/app/BackCare.Web.dll"
else
  app=$BACKCARE_LOAD_APP
fi

export Database__Provider=Sqlite ConnectionStrings__BackCare="Data Source=$out/backcare.db"
RateLimiting__Enabled=false Email__Mode=Pickup Logging__LogLevel__Default=Warning ASPNETCORE_URLS="$url" dotnet "$app" >"$out/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT
audits() { sqlite3 "$out/backcare.db" "SELECT count(*) FROM audit_events WHERE action = 'Read'"; }

for _ in $(seq 1 100); do
  curl -sf "$url/health/live" >/dev/null && break
  sleep 0.2
done

# People each signed in, with a saved assessment and ten diary entries to read back.
export BACKCARE_LOAD_TOKENS="$out/tokens"
sed -n "s/^return '\(.*\)'$/\1/p" bench/load/case.lua >"$out/case.json"
for i in $(seq 1 "$people"); do
  email="reads-$i-$$@example.org"
  curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"correct horse battery\",\"displayName\":\"Reader $i\"}" "$url/api/account/register" >/dev/null
  token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"correct horse battery\"}" "$url/api/account/login" | jq -r .accessToken)
  curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $token" --data-binary @"$out/case.json" "$url/api/assessments" >/dev/null
  for d in $(seq 1 10); do
    curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d "{\"painScore\":$((d % 10)),\"spasms\":1}" "$url/api/diary" >/dev/null
  done
  id=$(sqlite3 "$out/backcare.db" "SELECT lower(id) FROM accounts WHERE email = '$email'")
  echo "$token $id" >>"$BACKCARE_LOAD_TOKENS"
done

echo "SQLite: WAL, synchronous=FULL; machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for path in "${paths[@]}"; do
  export BACKCARE_LOAD_PATH=$path
  first=$(head -1 "$BACKCARE_LOAD_TOKENS")
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${first% *}" "$url${path//\{id\}/${first#* }}")
  [ "$status" = 200 ] || { echo "GET $path answered $status"; cat "$out/server.log"; exit 1; }
  wrk -t"$threads" -c"$connections" -d"${BACKCARE_LOAD_WARMUP:-20s}" -s bench/load/reads.lua "$url" >/dev/null
  before=$(audits)
  echo "== $(date -u +%T) UTC: GET $path: wrk -t$threads -c$connections -d$duration --latency, $people people"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/load/reads.lua "$url" | grep -E "Requests/sec|Latency  |  50%|  99%|requests in|Non-2xx"
  echo "audit events of reads written during the run: $(($(audits) - before))"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
