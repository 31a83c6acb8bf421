#!/usr/bin/env bash
# Query plans on audit_events at 10 million rows on PostgreSQL, month-partitioned (migration 0024; docs/performance.md,
# "Audit events at 10 million rows"). A measurement of plans, not of throughput: run it once, niced, on a quiet machine.
# Usage: bench/storage/audit-explain.sh [rows=10000000] [months=24] [people=100000]
#
# Makes a database of its own, applies BackCare's PostgreSQL migrations with psql, makes the month partitions of the
# last `months` months through backcare_month_partition (as the upkeep does), and fills `rows` audit events by SQL
# (generate_series): in time order over those months, as they arrive, each about one of `people` people (about
# rows/people events a person), a third of them read by a clinician. Then VACUUM (ANALYZE) and EXPLAIN (ANALYZE, BUFFERS)
# of what the application runs on audit_events:
#   1. a person's access log, first and tenth page (AccountActivity.PageAsync via AuditLog.ForSubject: 25 + 1 rows);
#   2. the export of a person's audit trail (AccountExport: every row of the subject);
#   3. an erasure's delete of a person's trail (AccountErasure, under its removal permit; rolled back);
#   4. retention: the default partition's expired months, the count of the oldest month and its DROP (rolled back).
# There is no clinic-wide audit view in the application: clinicians read patients' records, not the audit log.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-10000000}
months=${2:-24}
people=${3:-100000}
db=backcare_audit_explain_$$
export PGPASSWORD=${PGPASSWORD:-backcare-ci}
pg() { psql -v ON_ERROR_STOP=1 -qtA -h 127.0.0.1 -U backcare -d "$db" "$@"; }
psql -q -h 127.0.0.1 -U backcare -d postgres -c "CREATE DATABASE $db"
trap 'psql -q -h 127.0.0.1 -U backcare -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT

for script in src/BackCare.Data/Migrations/Postgres/*.sql; do pg -f "$script" >/dev/null; done

started=$(date +%s)
pg >/dev/null <<SQL
SET synchronous_commit = off;
SELECT backcare_month_partition('audit_events', (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => m))::date)
FROM generate_series(1, $months) m;
INSERT INTO audit_events (at_utc, actor_id, subject_id, action, resource_type, resource_id, remote_address)
SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') - make_interval(months => $months)
         + (k::double precision / $rows) * ((date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')
         - ((date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') - make_interval(months => $months))),
       CASE WHEN k % 3 = 0 THEN ('00000000-0000-7000-9000-' || lpad(to_hex(k % 500), 12, '0'))::uuid
            ELSE ('00000000-0000-7000-8000-' || lpad(to_hex((k::bigint * 7919) % $people), 12, '0'))::uuid END,
       ('00000000-0000-7000-8000-' || lpad(to_hex((k::bigint * 7919) % $people), 12, '0'))::uuid,
       CASE WHEN k % 10 = 0 THEN 'Create' ELSE 'Read' END,
       CASE k % 4 WHEN 0 THEN 'DiaryEntry' WHEN 1 THEN 'SavedAssessment' WHEN 2 THEN 'WorklistAssignment' ELSE 'Message' END,
       CASE WHEN k % 2 = 0 THEN gen_random_uuid()::text END,
       '203.0.113.' || (k % 250)
FROM generate_series(0, $rows - 1) k;
VACUUM (ANALYZE) audit_events;
SQL
echo "filled $rows audit events over $months months in $(( $(date +%s) - started )) s"
pg -c "SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) || ' in ' || count(*) || ' partitions' FROM pg_inherits WHERE inhparent = 'audit_events'::regclass"
subject="00000000-0000-7000-8000-$(printf '%012x' 4242)"
before=$(pg -c "SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => $months - 2)) AT TIME ZONE 'UTC'")
oldest=$(pg -c "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_events'::regclass AND c.relname <> 'audit_events_default' ORDER BY c.relname LIMIT 1")

explain() { echo; echo "== $1"; shift; pg -c "$@"; }
explain "1. access log, page 1" "EXPLAIN (ANALYZE, BUFFERS) SELECT a.id, a.action, a.actor_id, a.at_utc, a.remote_address, a.resource_id, a.resource_type, a.subject_id FROM audit_events AS a WHERE a.subject_id = '$subject' ORDER BY a.at_utc DESC, a.id DESC LIMIT 26 OFFSET 0"
explain "1. access log, page 10" "EXPLAIN (ANALYZE, BUFFERS) SELECT a.id, a.action, a.actor_id, a.at_utc, a.remote_address, a.resource_id, a.resource_type, a.subject_id FROM audit_events AS a WHERE a.subject_id = '$subject' ORDER BY a.at_utc DESC, a.id DESC LIMIT 26 OFFSET 225"
explain "2. export" "EXPLAIN (ANALYZE, BUFFERS) SELECT a.id, a.action, a.actor_id, a.at_utc, a.remote_address, a.resource_id, a.resource_type, a.subject_id FROM audit_events AS a WHERE a.subject_id = '$subject'"
explain "3. erasure (rolled back)" "BEGIN; INSERT INTO audit_removal_permits VALUES (gen_random_uuid(), '$subject', NULL); EXPLAIN (ANALYZE, BUFFERS) DELETE FROM audit_events AS a WHERE a.subject_id = '$subject'; ROLLBACK;"
explain "4. retention: expired months left in the default partition" "EXPLAIN (ANALYZE, BUFFERS) SELECT DISTINCT date_trunc('month', at_utc AT TIME ZONE 'UTC')::date FROM audit_events_default WHERE at_utc < '$before'"
explain "4. retention: count of $oldest" "EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM $oldest"
echo; echo "== 4. retention: DROP TABLE $oldest (rolled back)"
pg -c "\\timing on" -c "BEGIN" -c "DROP TABLE $oldest" -c "ROLLBACK"
