-- Fills a fresh BackCare database on PostgreSQL to a clinic's size before a diary load run, so the run meets
-- tables of the size a clinic's would be rather than tables growing from nothing (bench/load/diary.sh runs it
-- when BACKCARE_LOAD_SEED_PATIENTS is set). Every row is a copy of what the running server itself wrote just
-- before (the load run's first account, its first assessment and its first diary entry), with a new id, owner
-- and time, so the rows are shaped exactly as the product writes them.
-- psql variables: patients (how many other people), entries (diary entries each; one audit event per entry).

\set ON_ERROR_STOP on

-- Every column but those given new values, so the copies follow the schema as the migrations left it.
SELECT
    (SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns
     WHERE table_name = 'accounts' AND column_name NOT IN ('id', 'email', 'normalized_email', 'display_name')) AS account_columns,
    (SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns
     WHERE table_name = 'saved_assessments' AND column_name NOT IN ('id', 'owner_id', 'created_utc')) AS assessment_columns,
    (SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns
     WHERE table_name = 'diary_entries' AND column_name NOT IN ('id', 'owner_id', 'created_utc')) AS entry_columns
\gset

BEGIN;

-- Ids ordered by time, as the product's (Guid.CreateVersion7): the time in milliseconds, then random bits.
CREATE FUNCTION pg_temp.seed_id(at timestamptz) RETURNS uuid LANGUAGE sql AS
$$ SELECT (lpad(to_hex((extract(epoch FROM at) * 1000)::bigint), 12, '0') || substr(md5(random()::text), 1, 20))::uuid $$;

CREATE TEMP TABLE seed_people ON COMMIT DROP AS
SELECT pg_temp.seed_id(now() - interval '61 days' + make_interval(secs => n)) AS id, n FROM generate_series(1, :patients) AS n;

INSERT INTO accounts (id, email, normalized_email, display_name, :account_columns)
SELECT p.id, 'seed-' || p.n || '@example.org', 'SEED-' || p.n || '@EXAMPLE.ORG', 'Seed ' || p.n, :account_columns
FROM seed_people p, (SELECT * FROM accounts ORDER BY created_utc LIMIT 1) a;

INSERT INTO saved_assessments (id, owner_id, created_utc, :assessment_columns)
SELECT pg_temp.seed_id(now() - interval '60 days'), p.id, now() - interval '60 days', :assessment_columns
FROM seed_people p, (SELECT * FROM saved_assessments ORDER BY created_utc LIMIT 1) s;

INSERT INTO diary_entries (id, owner_id, created_utc, :entry_columns)
SELECT pg_temp.seed_id(now() - make_interval(days => 60 - k)), p.id, now() - make_interval(days => 60 - k), :entry_columns
FROM seed_people p, generate_series(1, :entries) AS k, (SELECT * FROM diary_entries ORDER BY created_utc LIMIT 1) d;

INSERT INTO audit_events (at_utc, actor_id, subject_id, action, resource_type, resource_id, remote_address)
SELECT now() - make_interval(days => 60 - k), p.id, p.id, e.action, e.resource_type, gen_random_uuid()::text, e.remote_address
FROM seed_people p, generate_series(1, :entries) AS k,
     (SELECT * FROM audit_events WHERE resource_type = 'DiaryEntry' ORDER BY id LIMIT 1) e;

COMMIT;
VACUUM (ANALYZE) accounts, saved_assessments, diary_entries, audit_events;
