#!/usr/bin/env bash
# Bytes on disk per diary entry at a million entries, on SQLite or PostgreSQL (docs/performance.md, "Diary storage").
# A measurement of size, not of speed: run it niced (nice -n 10) on a shared machine.
# Usage: bench/storage/diary-bytes.sh [sqlite|postgres] [entries=1000000] [people=24000] [results=2000]
#
# The running server writes one person, their first check and one diary entry through POST /api/diary (the body the
# diary load run posts, bench/load/diary.lua), so the template row is shaped exactly as the product writes it. The
# database then copies that row `entries` times for `people` other people, a day apart for each person and in time
# order across them as a clinic's diary arrives (ids ordered by time like Guid.CreateVersion7, new pain scores, the
# entry's own words kept), each entry showing one of `results` distinct shown results (the template's JSON with a
# variant number; an upper bound: the engine gives a few hundred). Then it reports the size of diary_entries with its
# indexes and of shown_results: SQLite from dbstat after a WAL checkpoint, PostgreSQL from pg_total_relation_size
# after VACUUM (ANALYZE). pain days, accounts and audit events are not counted: they are not per entry in the diary.
# BACKCARE_LOAD_APP: an already built BackCare.Web.dll (otherwise it is published here in Release).
set -euo pipefail
cd "$(dirname "$0")/../.."
provider=${1:-sqlite}
entries=${2:-1000000}
people=${3:-24000}
results=${4:-2000}
port=${BACKCARE_LOAD_PORT:-5097}
out=$(mktemp -d)
url="http://127.0.0.1:$port"
export PGPASSWORD=backcare-ci
pg() { psql -v ON_ERROR_STOP=1 -qtA -h 127.0.0.1 -U backcare -d "$db" "$@"; }

if [ -z "${BACKCARE_LOAD_APP:-}" ]; then
  dotnet publish src/BackCare.Web/BackCare.Web.csproj -c Release -o "$out/app" >/dev/null
  app="$out/app/BackCare.Web.dll"
else
  app=$BACKCARE_LOAD_APP
fi

case "$provider" in
  sqlite) export Database__Provider=Sqlite ConnectionStrings__BackCare="Data Source=$out/backcare.db" ;;
  postgres)
    db=backcare_bytes_$$
    psql -q -h 127.0.0.1 -U backcare -d postgres -c "CREATE DATABASE $db"
    export Database__Provider=Postgres ConnectionStrings__BackCare="Host=127.0.0.1;Port=5432;Username=backcare;Password=backcare-ci;Database=$db"
    ;;
  *) echo "provider must be sqlite or postgres" >&2; exit 2 ;;
esac

RateLimiting__Enabled=false Email__Mode=Pickup Logging__LogLevel__Default=Warning ASPNETCORE_URLS="$url" dotnet "$app" >"$out/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  if [ "$provider" = postgres ]; then psql -q -h 127.0.0.1 -U backcare -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"; fi
  rm -rf "$out"
}
trap cleanup EXIT
for _ in $(seq 1 150); do curl -sf "$url/health/live" >/dev/null && break; sleep 0.2; done

email="bytes-$$@example.org"
curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"correct horse battery\",\"displayName\":\"Bytes\"}" "$url/api/account/register" >/dev/null
token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"correct horse battery\"}" "$url/api/account/login" | jq -r .accessToken)
sed -n "s/^return '\(.*\)'$/\1/p" bench/load/case.lua >"$out/case.json"
curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $token" --data-binary @"$out/case.json" "$url/api/assessments" >/dev/null
body=$(sed -n "s/^local body = '\(.*\)'$/\1/p; s/^  \.\. '\(.*\)'$/\1/p" bench/load/diary.lua | tr -d '\n')
curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d "$body" "$url/api/diary" >"$out/entry.json"
kill "$server"; wait "$server" 2>/dev/null || true
echo "template entry: $(jq -c '{painScore, notes, medicines, whatHelped, disposition}' "$out/entry.json"), result $(jq -c .reassessment "$out/entry.json" | wc -c) bytes"
started=$(date +%s)

if [ "$provider" = sqlite ]; then
  file="$out/backcare.db"
  columns=$(sqlite3 "$file" "SELECT group_concat('d.' || name, ', ') FROM pragma_table_info('diary_entries') WHERE name NOT IN ('id', 'owner_id', 'created_utc', 'pain_score', 'result_hash')")
  names=${columns//d./}
  # The CLI does not hold the application's functions or enforce foreign keys: the copies' shown results get random
  # keys of the same 32 bytes, and their people need no account rows for the entries' size.
  sqlite3 "$file" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=OFF;
CREATE TEMP TABLE people (k INTEGER PRIMARY KEY, id TEXT NOT NULL);
WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < $people - 1)
INSERT INTO people SELECT k, printf('%08X-%04X-7%03X-%04X-%012X', 1700000 + k, k % 65536, abs(random()) % 4096, 32768 + abs(random()) % 16384, abs(random()) % 281474976710656) FROM n;
BEGIN;
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $results - 1)
INSERT INTO shown_results (hash, json) SELECT randomblob(32), substr(r.json, 1, length(r.json) - 1) || ',"variant":' || n.k || '}' FROM n, shown_results r;
COMMIT;
CREATE TEMP TABLE hashes (k INTEGER PRIMARY KEY, hash BLOB NOT NULL);
INSERT INTO hashes SELECT row_number() OVER (ORDER BY hash) - 1, hash FROM shown_results;
BEGIN;
-- Entry i: person i % people, on day i / people; in time order, ids ordered by time as Guid.CreateVersion7's.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $entries - 1)
INSERT INTO diary_entries (id, owner_id, created_utc, pain_score, result_hash, $names)
SELECT printf('%08X-%04X-7%03X-%04X-%012X', t.ms / 65536, t.ms % 65536, abs(random()) % 4096, 32768 + abs(random()) % 16384, abs(random()) % 281474976710656),
       p.id, strftime('%Y-%m-%d %H:%M:%S', t.ms / 1000.0, 'unixepoch') || '.' || printf('%03d%04d', t.ms % 1000, abs(random()) % 10000),
       t.i % 11, h.hash, $columns
FROM (SELECT i, 1767225600000 + (i / $people) * 86400000 + (i % $people) * (86400000 / $people) AS ms FROM n) t
JOIN people p ON p.k = t.i % $people
JOIN hashes h ON h.k = t.i % $results
CROSS JOIN (SELECT * FROM diary_entries LIMIT 1) d;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  echo "filled in $(($(date +%s) - started)) s"
  sqlite3 "$file" <<SQL
.mode list
.separator "  "
SELECT 'entries', count(*) FROM diary_entries;
SELECT 'file', page_count * page_size, 'bytes,', printf('%.1f', page_count * page_size * 1.0 / (SELECT count(*) FROM diary_entries)), 'per entry' FROM pragma_page_count, pragma_page_size;
SELECT name, sum(pgsize), 'bytes,', printf('%.1f', sum(pgsize) * 1.0 / (SELECT count(*) FROM diary_entries)), 'per entry' FROM dbstat
WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name IN ('diary_entries', 'shown_results')) GROUP BY name ORDER BY name;
SELECT 'diary_entries and shown_results with their indexes', sum(pgsize), 'bytes,', printf('%.1f', sum(pgsize) * 1.0 / (SELECT count(*) FROM diary_entries)), 'per entry' FROM dbstat
WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name IN ('diary_entries', 'shown_results'));
SQL
else
  columns=$(pg -c "SELECT string_agg('d.' || quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'diary_entries' AND column_name NOT IN ('id', 'owner_id', 'created_utc', 'pain_score', 'result_hash')")
  names=${columns//d./}
  account_columns=$(pg -c "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name NOT IN ('id', 'email', 'normalized_email', 'display_name')")
  pg <<SQL
CREATE TEMP TABLE people AS
SELECT k, (lpad(to_hex(1700000000000 + k), 12, '0') || substr(md5(random()::text), 1, 20))::uuid AS id FROM generate_series(0, $people - 1) AS k;
INSERT INTO accounts (id, email, normalized_email, display_name, $account_columns)
SELECT p.id, 'copy-' || p.k || '@example.org', 'COPY-' || p.k || '@EXAMPLE.ORG', 'Copy ' || p.k, $account_columns
FROM people p, (SELECT * FROM accounts LIMIT 1) a;
INSERT INTO shown_results (hash, json)
SELECT sha256(convert_to(v.json, 'UTF8')), v.json
FROM (SELECT left(r.json, -1) || ',"variant":' || k || '}' AS json FROM shown_results r, generate_series(1, $results - 1) AS k) v;
CREATE TEMP TABLE hashes AS SELECT row_number() OVER (ORDER BY hash) - 1 AS k, hash FROM shown_results;
-- Entry i: person i % people, on day i / people; in time order, ids ordered by time as Guid.CreateVersion7's.
INSERT INTO diary_entries (id, owner_id, created_utc, pain_score, result_hash, $names)
SELECT (lpad(to_hex(t.ms), 12, '0') || substr(md5(random()::text), 1, 20))::uuid, p.id, to_timestamp(t.ms / 1000.0), t.i % 11, h.hash, $columns
FROM (SELECT i, 1767225600000 + (i / $people) * 86400000 + (i % $people) * (86400000 / $people) AS ms FROM generate_series(0::bigint, $entries - 1) AS i) t
JOIN people p ON p.k = t.i % $people
JOIN hashes h ON h.k = t.i % $results
CROSS JOIN (SELECT * FROM diary_entries LIMIT 1) d
ORDER BY t.i;
VACUUM (ANALYZE) diary_entries, shown_results;
SQL
  echo "filled in $(($(date +%s) - started)) s"
  pg -F '  ' <<SQL
SELECT 'entries', count(*) FROM diary_entries;
-- Since migration 0024 diary_entries is partitioned by month: each table and index is summed over its partitions
-- (pg_partition_tree lists none for a plain table or index, which counts as itself).
SELECT r.name, r.bytes, 'bytes,', round(r.bytes / (SELECT count(*) FROM diary_entries)::numeric, 1), 'per entry'
FROM (SELECT c.relname AS name,
             coalesce((SELECT sum(pg_relation_size(t.relid) + coalesce(pg_total_relation_size(l.reltoastrelid), 0))
                       FROM pg_partition_tree(c.oid) t JOIN pg_class l ON l.oid = t.relid WHERE t.isleaf),
                      pg_relation_size(c.oid) + coalesce(pg_total_relation_size(c.reltoastrelid), 0)) AS bytes
      FROM pg_class c WHERE c.relname IN ('diary_entries', 'shown_results')
         OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN ('diary_entries'::regclass, 'shown_results'::regclass))) r
ORDER BY r.name;
SELECT 'diary_entries and shown_results with their indexes (pg_total_relation_size over partitions)',
       t.bytes, 'bytes,', round(t.bytes / (SELECT count(*) FROM diary_entries)::numeric, 1), 'per entry'
FROM (SELECT sum(pg_total_relation_size(p.relid)) AS bytes FROM pg_partition_tree('diary_entries') p WHERE p.isleaf) d,
     LATERAL (SELECT d.bytes + pg_total_relation_size('shown_results') AS bytes) t;
SQL
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo); $(sqlite3 --version | cut -d' ' -f1) CLI; $(psql -V)"
