#!/usr/bin/env bash
# Load run of POST /api/diary: acknowledged, durable diary writes on SQLite or PostgreSQL, with wrk.
# Usage: bench/load/diary.sh [sqlite|postgres] [duration=20s] [connections=64] [threads=2] [accounts=32]
# PostgreSQL: start it first with `bash .ci/start-postgres` (role backcare); a fresh database is made and dropped.
# BACKCARE_LOAD_SERVER_LOG: copy the server's output there at the end (it runs with warnings and errors only).
# BACKCARE_LOAD_DATABASE (PostgreSQL only): use and keep this database rather than a fresh one dropped at the end.
# BACKCARE_LOAD_SEED_PATIENTS (PostgreSQL only, default 0): before the warm-up, fill the database to a clinic's size
# with that many other people, each with BACKCARE_LOAD_SEED_ENTRIES (default 30) diary entries and their audit events
# (bench/load/seed-postgres.sql), then vacuum, analyse and checkpoint, so the run meets tables of a clinic's size.
# BACKCARE_LOAD_WARMUP (default 60s): the load before measuring. On 2 cores under full load the runtime's tiered
# compiler needs most of a minute to finish optimising the hot code (perf showed its thread at 39% of the server's
# CPU 25 to 35 s in), so a short warm-up measures the compiler as much as the server.
set -euo pipefail
cd "$(dirname "$0")/../.."
provider=${1:-sqlite}
duration=${2:-20s}
connections=${3:-64}
threads=${4:-2}
accounts=${5:-32}
port=${BACKCARE_LOAD_PORT:-5098}
out=$(mktemp -d)
url="http://127.0.0.1:$port"
pg_admin="Host=127.0.0.1;Port=5432;Username=backcare;Password=backcare-ci"
export PGPASSWORD=backcare-ci

if [ -z "${BACKCARE_LOAD_APP:-}" ]; then
  dotnet publish src/BackCare.Web/BackCare.Web.csproj -c Release -o "$out/app" >/dev/null
  app="$out/app/BackCare.Web.dll"
else
  app=$BACKCARE_LOAD_APP # an already built BackCare.Web.dll
fi

case "$provider" in
  sqlite)
    export Database__Provider=Sqlite ConnectionStrings__BackCare="Data Source=$out/backcare.db"
    count() { sqlite3 "$out/backcare.db" 'SELECT count(*) FROM diary_entries'; }
    durability() { echo "SQLite: WAL, synchronous=FULL (set on every connection by SqliteDurabilityInterceptor)"; }
    ;;
  postgres)
    # BACKCARE_LOAD_DATABASE names a database to use and keep (made if missing), e.g. one seeded by an earlier run.
    db=${BACKCARE_LOAD_DATABASE:-backcare_load_$$}
    if [ -z "$(psql -tA -h 127.0.0.1 -U backcare -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      psql -q -h 127.0.0.1 -U backcare -d postgres -c "CREATE DATABASE $db"
    fi
    export Database__Provider=Postgres ConnectionStrings__BackCare="$pg_admin;Database=$db"
    count() { psql -tA -h 127.0.0.1 -U backcare -d "$db" -c 'SELECT count(*) FROM diary_entries'; }
    durability() { echo "PostgreSQL: synchronous_commit=$(psql -tA -h 127.0.0.1 -U backcare -d "$db" -c 'SHOW synchronous_commit'), fsync=$(psql -tA -h 127.0.0.1 -U backcare -d "$db" -c 'SHOW fsync')"; }
    ;;
  *) echo "provider must be sqlite or postgres" >&2; exit 2 ;;
esac

# One client sends everything, so the per-client rate limit is switched off. Email goes to a pickup folder:
# Production does not start without email set up, and nothing here sends any.
RateLimiting__Enabled=false Email__Mode=Pickup Logging__LogLevel__Default=Warning ASPNETCORE_URLS="$url" dotnet "$app" >"$out/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  if [ -n "${BACKCARE_LOAD_SERVER_LOG:-}" ]; then cp "$out/server.log" "$BACKCARE_LOAD_SERVER_LOG"; fi
  if [ "$provider" = postgres ] && [ -z "${BACKCARE_LOAD_DATABASE:-}" ]; then psql -q -h 127.0.0.1 -U backcare -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"; fi
  rm -rf "$out"
}
trap cleanup EXIT
# The server's user + system CPU time in clock ticks, to tell its own cost per request from the machine's load.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }

for _ in $(seq 1 100); do
  curl -sf "$url/health/live" >/dev/null && break
  sleep 0.2
done

# Accounts, each signed in and with a first assessment (the diary compares every day with it).
export BACKCARE_LOAD_TOKENS="$out/tokens"
sed -n "s/^return '\(.*\)'$/\1/p" bench/load/case.lua >"$out/case.json"
for i in $(seq 1 "$accounts"); do
  email="load-$i-$$@example.org"
  curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"correct horse battery\",\"displayName\":\"Load $i\"}" "$url/api/account/register" >/dev/null
  token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"correct horse battery\"}" "$url/api/account/login" | jq -r .accessToken)
  curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $token" --data-binary @"$out/case.json" "$url/api/assessments" >/dev/null
  echo "$token" >>"$BACKCARE_LOAD_TOKENS"
done

# Check the endpoint answers 201 before measuring.
status=$(curl -s -o "$out/first.json" -w '%{http_code}' -H 'Content-Type: application/json' -H "Authorization: Bearer $(head -1 "$BACKCARE_LOAD_TOKENS")" \
  -d '{"painScore":5,"spasms":2}' "$url/api/diary")
[ "$status" = 201 ] || { echo "POST /api/diary answered $status: $(cat "$out/first.json")"; cat "$out/server.log"; exit 1; }

seed_patients=${BACKCARE_LOAD_SEED_PATIENTS:-0}
if [ "$seed_patients" -gt 0 ]; then
  [ "$provider" = postgres ] || { echo "BACKCARE_LOAD_SEED_PATIENTS is for postgres only" >&2; exit 2; }
  started=$(date +%s)
  psql -q -h 127.0.0.1 -U backcare -d "$db" -v patients="$seed_patients" -v entries="${BACKCARE_LOAD_SEED_ENTRIES:-30}" \
    -f bench/load/seed-postgres.sql
  psql -q -h 127.0.0.1 -U backcare -d "$db" -c CHECKPOINT
  # Rows by table, month partitions (and the default one) added up into their table.
  echo "seeded in $(($(date +%s) - started)) s: $(psql -tA -h 127.0.0.1 -U backcare -d "$db" -c "SELECT string_agg(t || ' ' || n, ', ' ORDER BY t) FROM (SELECT regexp_replace(relname, '_(y[0-9]{4}m[0-9]{2}|default)$', '') AS t, sum(n_live_tup) AS n FROM pg_stat_user_tables WHERE relname ~ '^(accounts|diary_entries|audit_events)(_y[0-9]{4}m[0-9]{2}|_default)?$' GROUP BY 1) s")"
fi

durability
echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t"$threads" -c"$connections" -d"${BACKCARE_LOAD_WARMUP:-60s}" -s bench/load/diary.lua "$url" >/dev/null # warm-up
before=$(count)
cpu_before=$(cpu_ticks)
echo "== $(date -u +%T) UTC: POST /api/diary on $provider: wrk -t$threads -c$connections -d$duration --latency, $accounts accounts"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/load/diary.lua "$url" | tee "$out/wrk.txt"
after=$(count)
cpu_after=$(cpu_ticks)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server CPU per written entry: $(awk -v t=$((cpu_after - cpu_before)) -v n=$((after - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f ms", t * 1000 / hz / n }') (user + system time of the server process)"
if [ "$provider" = postgres ]; then
  echo "autovacuum on this database so far (seeding, warm-up, measurement, and earlier runs on a kept database): $(psql -tA -h 127.0.0.1 -U backcare -d "$db" -c "SELECT string_agg(relname || ' vacuum ' || autovacuum_count || ' analyze ' || autoanalyze_count, ', ' ORDER BY relname) FROM pg_stat_user_tables WHERE autovacuum_count + autoanalyze_count > 0")"
fi
echo "rows written during the run: $((after - before)) (wrk counts every answered request; the difference is requests still in flight when wrk stopped)"
