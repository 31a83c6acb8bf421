#!/usr/bin/env bash
# Load run of audited reads against the unaudited read, in one run on one server, with wrk (issue 16).
# Usage: bench/load/reads.sh sqlite|postgres [duration=10s] [connections=32] [threads=2] [people=25] [path...]
# Measures GET /api/clinics first (no sign-in, no audit: the reference), then each path (default /api/diary,
# /fhir/Patient/{id} and /clinic), each warmed up (BACKCARE_LOAD_WARMUP, default 10s) then measured. After each: its
# requests/s, p50 and p99, the requests/s as a share of /api/clinics', the server's CPU per request, and the audit events
# of reads written during the measurement against the reads wrk saw answered 200 (each must have its events: the script
# fails if fewer were written). Then /api/clinics again: if it moved much, the machine's load changed during the run.
# At the end, the same as a Markdown table to paste.
# The people (each signed in with a bearer token, a saved check and ten diary entries) are patients of the demo clinic,
# so its worklist (/clinic, read by the demo clinic's clinician signed in with password and authenticator code) shows
# them: 25 fill its first page.
# BACKCARE_LOAD_APP: an already built BackCare.Web.dll (else the release build is published first).
# BACKCARE_LOAD_TRACE: a folder; each measurement is also traced there with dotnet-trace (sampled thread time), which must
# be on the PATH (dotnet tool install -g dotnet-trace); tracing costs the server CPU, so traced figures are not the run's.
# BACKCARE_LOAD_PORT (default 5097). PostgreSQL: start it first (`bash .ci/start-postgres`, role backcare); a fresh
# database is made and dropped at the end. SQLite: a fresh file in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

usage="usage: bench/load/reads.sh sqlite|postgres [duration=10s] [connections=32] [threads=2] [people=25] [path...]"
provider=${1:-}
case "$provider" in
  sqlite | postgres) ;;
  -h | --help) echo "$usage"; exit 0 ;;
  *) echo "$usage" >&2; echo "the first argument must be sqlite or postgres" >&2; exit 2 ;;
esac
duration=${2:-10s}
connections=${3:-32}
threads=${4:-2}
people=${5:-25}
shift $(($# < 5 ? $# : 5))
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(/api/diary "/fhir/Patient/{id}" /clinic)
warmup=${BACKCARE_LOAD_WARMUP:-10s}
[[ $people =~ ^[1-9][0-9]*$ ]] || { echo "people must be a number of 1 or more, not '$people'" >&2; exit 2; }
for tool in wrk curl jq python3 sqlite3 psql; do
  command -v "$tool" >/dev/null || { echo "reads.sh needs $tool on the PATH" >&2; exit 2; }
done

port=${BACKCARE_LOAD_PORT:-5097}
url="http://127.0.0.1:$port"
out=$(mktemp -d)
pg_admin="Host=127.0.0.1;Port=5432;Username=backcare;Password=backcare-ci"
export PGPASSWORD=backcare-ci
clinician_email="load-clinician@demo.backcare.invalid"
clinician_password="load clinician password $$"
server=
db=

cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ -n "$db" ]; then psql -q -h 127.0.0.1 -U backcare -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; fi
  rm -rf "$out"
}
trap cleanup EXIT
fail() {
  echo "reads.sh: $*" >&2
  if [ -s "$out/server.log" ]; then echo "-- the server's log (warnings and errors):" >&2; tail -40 "$out/server.log" >&2; fi
  exit 1
}

if [ -z "${BACKCARE_LOAD_APP:-}" ]; then
  echo "publishing the release build (set BACKCARE_LOAD_APP to a built BackCare.Web.dll to skip this)"
  dotnet publish src/BackCare.Web/BackCare.Web.csproj -c Release -o "$out/app" >"$out/publish.log" || { cat "$out/publish.log" >&2; fail "the build failed"; }
  app="$out/app/BackCare.Web.dll"
else
  app=$BACKCARE_LOAD_APP
  [ -f "$app" ] || fail "BACKCARE_LOAD_APP is $app, which is not a file"
fi

case "$provider" in
  sqlite)
    export Database__Provider=Sqlite ConnectionStrings__BackCare="Data Source=$out/backcare.db"
    sql() { sqlite3 "$out/backcare.db" "$1"; }
    account_id() { sql "SELECT lower(id) FROM accounts WHERE email = '$1'"; }
    durability() { echo "SQLite: WAL, synchronous=FULL"; }
    ;;
  postgres)
    psql -q -h 127.0.0.1 -U backcare -d postgres -c 'SELECT 1' >/dev/null 2>&1 ||
      fail "PostgreSQL does not answer at 127.0.0.1:5432 as backcare (start it with: bash .ci/start-postgres)"
    db=backcare_reads_$$
    psql -q -h 127.0.0.1 -U backcare -d postgres -c "CREATE DATABASE $db"
    export Database__Provider=Postgres ConnectionStrings__BackCare="$pg_admin;Database=$db"
    sql() { psql -tA -h 127.0.0.1 -U backcare -d "$db" -c "$1"; }
    account_id() { sql "SELECT id FROM accounts WHERE email = '$1'"; }
    durability() { echo "PostgreSQL $(sql 'SHOW server_version'): synchronous_commit=$(sql 'SHOW synchronous_commit'), fsync=$(sql 'SHOW fsync')"; }
    ;;
esac
read_events() { sql "SELECT count(*) FROM audit_events WHERE action = 'Read'"; }

# One client sends everything, so the per-client rate limit is off. Email goes to a pickup folder: Production does not
# start without email set up, and nothing here sends any. The demo clinic, with a clinician's sign-in, is made on the
# empty database. Requests say they came over HTTPS through a trusted proxy (loopback), as behind nginx, since the
# sign-in cookie and the antiforgery cookie are Secure.
ASPNETCORE_ENVIRONMENT=Production RateLimiting__Enabled=false Email__Mode=Pickup Email__PickupFolder="$out/mail" \
  Logging__LogLevel__Default=Warning ForwardedHeaders__Enabled=true \
  DemoClinic__Enabled=true DemoClinic__ClinicianEmail="$clinician_email" DemoClinic__ClinicianPassword="$clinician_password" \
  ASPNETCORE_URLS="$url" dotnet "$app" >"$out/server.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do
  curl -sf "$url/health/live" >/dev/null && break
  kill -0 "$server" 2>/dev/null || fail "the server stopped while starting"
  sleep 0.2
done
curl -sf "$url/health/live" >/dev/null || fail "the server did not answer $url/health/live within 30 s"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }

echo "setting up $people people (register, sign in, a check, ten diary entries each) and the clinician"
export BACKCARE_LOAD_TOKENS="$out/tokens"
sed -n "s/^return '\(.*\)'$/\1/p" bench/load/case.lua >"$out/case.json"
for i in $(seq 1 "$people"); do
  email="reads-$i-$$@example.org"
  curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"correct horse battery\",\"displayName\":\"Reader $i\"}" "$url/api/account/register" >/dev/null ||
    fail "registering $email failed"
  token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"correct horse battery\"}" "$url/api/account/login" | jq -r .accessToken)
  if [ -z "$token" ] || [ "$token" = null ]; then fail "signing in $email gave no token"; fi
  curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $token" --data-binary @"$out/case.json" "$url/api/assessments" >/dev/null ||
    fail "saving $email's check failed"
  for d in $(seq 1 10); do
    curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d "{\"painScore\":$((d % 10)),\"spasms\":1}" "$url/api/diary" >/dev/null ||
      fail "writing $email's diary failed"
  done
  echo "$token $(account_id "$email")" >>"$BACKCARE_LOAD_TOKENS"
done

# The clinician signs in as a clinician must: password, then two-step sign-in turned on with a new authenticator key
# (the demo clinician has none yet), which leaves the session signed in with both steps. Cookies are kept by hand, one
# "name=value" a line in $out/cookies: curl keeps no Secure cookie it was given over plain HTTP.
touch "$out/cookies"
cookie_header() { paste -sd ';' "$out/cookies" | sed 's/;/; /g'; }
page() { # path [curl arguments...]: the body in $out/body, the headers in $out/headers; cookies set are kept
  local path=$1 name
  shift
  curl -s -o "$out/body" -D "$out/headers" -H 'X-Forwarded-Proto: https' -H "Cookie: $(cookie_header)" "$@" "$url$path" || fail "$path: curl failed"
  sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' "$out/headers" | tr -d '\r' | while IFS= read -r set; do
    name=${set%%=*}
    grep -v "^$name=" "$out/cookies" >"$out/cookies.new" || true
    echo "$set" >>"$out/cookies.new"
    mv "$out/cookies.new" "$out/cookies"
  done
}
status_of() { sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' "$out/headers"; }
location_of() { sed -n 's/^[Ll]ocation: //p' "$out/headers" | tr -d '\r'; }
form_token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' "$out/body" | head -1; }
totp() { # base32 key: the authenticator's code now (RFC 6238: HMAC-SHA1, 30 s steps, six digits)
  python3 -c 'import base64,hmac,hashlib,struct,sys,time
k=sys.argv[1].replace(" ","").upper()
h=hmac.new(base64.b32decode(k+"="*(-len(k)%8)),struct.pack(">Q",int(time.time())//30),hashlib.sha1).digest()
o=h[-1]&15
print("%06d"%((struct.unpack(">I",h[o:o+4])[0]&0x7fffffff)%1000000))' "$1"
}
page /account/sign-in
page /account/sign-in --data-urlencode "email=$clinician_email" --data-urlencode "password=$clinician_password" \
  --data-urlencode "returnUrl=/clinic" --data-urlencode "__RequestVerificationToken=$(form_token)"
[[ $(location_of) == /account/two-step* ]] || fail "the clinician's sign-in answered $(status_of) $(location_of), not the two-step set-up"
page "$(location_of)"
key=$(sed -n 's/.*<code class="authenticator-key">\([^<]*\)<.*/\1/p' "$out/body")
setup=$(sed -n 's/.*name="setup" value="\([^"]*\)".*/\1/p' "$out/body" | head -1)
if [ -z "$key" ] || [ -z "$setup" ]; then fail "the two-step set-up page showed no key"; fi
page "/account/two-step?handler=On" --data-urlencode "setup=$setup" --data-urlencode "code=$(totp "$key")" \
  --data-urlencode "password=$clinician_password" --data-urlencode "returnUrl=/clinic" --data-urlencode "__RequestVerificationToken=$(form_token)"
page /clinic
[ "$(status_of)" = 200 ] || fail "GET /clinic as the signed-in clinician answered $(status_of) $(location_of)"
echo "the clinician is signed in with two steps; the worklist's first page shows $(grep -c '<th scope="row">' "$out/body" || true) patients"
BACKCARE_LOAD_COOKIE=$(cookie_header)
export BACKCARE_LOAD_COOKIE

# One run of wrk: warm-up, then the measurement; prints its summary line and sets the results.
measure() { # path as
  export BACKCARE_LOAD_PATH=$1 BACKCARE_LOAD_AS=$2
  wrk -t"$threads" -c"$connections" -d"$warmup" -s bench/load/reads.lua "$url" >/dev/null
  sleep 1 # the warm-up's last requests finish before counting
  local events_before cpu_before result
  events_before=$(read_events)
  cpu_before=$(cpu_ticks)
  local tracer=
  if [ -n "${BACKCARE_LOAD_TRACE:-}" ]; then
    [[ $duration =~ ^[0-9]+s$ ]] || fail "BACKCARE_LOAD_TRACE needs the duration in seconds (10s), not $duration"
    dotnet-trace collect -p "$server" --profile dotnet-sampled-thread-time --duration "00:00:00:${duration%s}" \
      -o "$BACKCARE_LOAD_TRACE/$(tr -c 'A-Za-z0-9\n' '-' <<<"${1#/}").nettrace" </dev/null >"$out/trace.log" 2>&1 &
    tracer=$!
  fi
  result=$(wrk -t"$threads" -c"$connections" -d"$duration" -s bench/load/reads.lua "$url" | sed -n 's/^result: //p')
  if [ -n "$tracer" ]; then wait "$tracer" || fail "dotnet-trace failed: $(cat "$out/trace.log")"; fi
  [ -n "$result" ] || fail "wrk gave no result for $1"
  cpu_ms=$(awk -v t=$(($(cpu_ticks) - cpu_before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", t * 1000 / hz }')
  events=$(($(read_events) - events_before))
  field() { local rest=${result#* "$1"=}; echo "${rest%% *}"; }
  result=" $result"
  requests=$(field requests) ok=$(field ok) rps=$(field rps) p50=$(field p50) p99=$(field p99) timeouts=$(field timeouts)
}
percent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
per_request() { awk -v ms="$1" -v n="$2" 'BEGIN { if (n > 0) printf "%.2f ms", ms / n; else print "-" }'; }

echo "$(durability); machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t$threads -c$connections, each endpoint warmed up $warmup then measured $duration; $people people"
measure /api/clinics nobody
if [ "$ok" = 0 ] || [ "$ok" != "$requests" ]; then fail "GET /api/clinics: $ok of $requests answered 200"; fi
reference=$rps
echo "== $(date -u +%T) UTC GET /api/clinics (unaudited): $rps requests/s, p50 $p50 ms, p99 $p99 ms, server CPU $(per_request "$cpu_ms" "$requests") a request"
table="| endpoint | requests/s | of /api/clinics | p50 | p99 | server CPU a request | answered 200 | audit events of reads (expected) |
|---|---:|---:|---:|---:|---:|---:|---:|
| \`GET /api/clinics\` (unaudited) | $rps | 100% | $p50 ms | $p99 ms | $(per_request "$cpu_ms" "$requests") | $ok of $requests | - |"
short=0
for path in "${paths[@]}"; do
  as=people
  [[ $path == /clinic* ]] && as=clinician
  # One read first, to check it answers and to learn how many events one read writes (a page writes one per row shown).
  first=$(head -1 "$BACKCARE_LOAD_TOKENS")
  before=$(read_events)
  if [ "$as" = clinician ]; then
    page "$path"
    status=$(status_of)
  else
    status=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer ${first% *}" "$url${path//\{id\}/${first#* }}")
  fi
  [ "$status" = 200 ] || fail "GET $path answered $status"
  per_read=$(($(read_events) - before))
  [ "$per_read" -gt 0 ] || fail "GET $path wrote no audit event of a read"
  measure "$path" "$as"
  expected=$((ok * per_read))
  verdict="every answered read has its events"
  if [ "$events" -lt "$expected" ]; then
    verdict="FAILED: $((expected - events)) events missing"
    short=1
  fi
  echo "== $(date -u +%T) UTC GET $path: $rps requests/s ($(percent "$rps" "$reference") of /api/clinics), p50 $p50 ms, p99 $p99 ms, server CPU $(per_request "$cpu_ms" "$requests") a request"
  echo "   answered 200: $ok of $requests (timeouts $timeouts); audit events of reads written: $events, at least $expected expected ($per_read a read): $verdict"
  table+="
| \`GET $path\` | $rps | $(percent "$rps" "$reference") | $p50 ms | $p99 ms | $(per_request "$cpu_ms" "$requests") | $ok of $requests | $events ($expected) |"
done
# The reference again: a machine whose load changed during the run shows here, and its ratios are not to be trusted.
measure /api/clinics nobody
echo "== $(date -u +%T) UTC GET /api/clinics again: $rps requests/s ($(percent "$rps" "$reference") of the first), p99 $p99 ms, server CPU $(per_request "$cpu_ms" "$requests") a request"
table+="
| \`GET /api/clinics\` again (unaudited) | $rps | $(percent "$rps" "$reference") | $p50 ms | $p99 ms | $(per_request "$cpu_ms" "$requests") | $ok of $requests | - |"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "$table"
[ "$short" = 0 ] || fail "some answered reads have no audit event in the database (see above)"
