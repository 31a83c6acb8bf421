-- BackCare schema 0024 for PostgreSQL: audit_events and diary_entries partitioned by month (declarative partitioning,
-- RANGE on at_utc and created_utc, months in UTC), and what audit retention needs (decision 0025).
--
-- Each table is rebuilt as a partitioned table with the same columns, checks, foreign keys, indexes and triggers, and
-- every row is copied into it: one partition per month that holds rows, the current month and the next three, and a
-- DEFAULT partition, so that a write can never fail for want of a month. The leader's upkeep makes months ahead from
-- then on (backcare_month_partition). A primary key must hold the partition column: (id, at_utc) and
-- (id, created_utc). Ids stay unique by how they are made (an identity; version-7 uuids made by the application).
--
-- Audit events stay append-only: the row trigger on the partitioned table (cloned to each partition) refuses an UPDATE,
-- and now also a DELETE, unless the removing transaction holds a permit in audit_removal_permits (an erasure names the
-- person, audit retention a time before which rows are expired). Retention on PostgreSQL never deletes rows: it drops
-- whole month partitions, which row triggers do not see, and records each run in audit_retention_runs.
--
-- Copying is done in this migration's one transaction; on a large database it takes the time of rewriting both tables
-- (stop all instances, migrate, start, as for every migration).

CREATE TABLE audit_removal_permits (
    id                  uuid        NOT NULL PRIMARY KEY,
    subject_id          uuid        NULL,
    removed_before_utc  timestamptz NULL,
    CONSTRAINT ck_audit_removal_permits_one_kind CHECK ((subject_id IS NULL) <> (removed_before_utc IS NULL))
);

CREATE TABLE audit_retention_runs (
    id                  uuid        NOT NULL PRIMARY KEY,
    ran_utc             timestamptz NOT NULL,
    retention_years     integer     NOT NULL CHECK (retention_years >= 1),
    removed_before_utc  timestamptz NOT NULL,
    months              text        NOT NULL,
    rows_removed        bigint      NOT NULL CHECK (rows_removed >= 0)
);
CREATE INDEX ix_audit_retention_runs_ran ON audit_retention_runs (ran_utc);

-- Makes the month's partition of audit_events or diary_entries (named like audit_events_y2026m12) when it is missing,
-- and returns whether it made one. Rows of that month already in the table's default partition move into it (the
-- default is detached meanwhile, so no row trigger sees the move). The storage settings of migration 0008 are set on
-- each partition, as a partitioned table keeps none of its own.
CREATE FUNCTION backcare_month_partition(parent text, month date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    first_day   date        := date_trunc('month', month)::date;
    part        text        := format('%s_y%sm%s', parent, to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
    fallback    text        := parent || '_default';
    lower_bound timestamptz := first_day::timestamp AT TIME ZONE 'UTC';
    upper_bound timestamptz := (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    key         text;
    waiting     boolean;
BEGIN
    key := CASE parent WHEN 'audit_events' THEN 'at_utc' WHEN 'diary_entries' THEN 'created_utc' END;
    IF key IS NULL THEN
        RAISE EXCEPTION '% is not partitioned by month', parent;
    END IF;
    -- Two leaders overlapping for a moment make each month once.
    PERFORM pg_advisory_xact_lock(4783213591805389167);
    IF to_regclass(part) IS NOT NULL THEN
        RETURN false;
    END IF;

    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I >= $1 AND %I < $2)', fallback, key, key)
        INTO waiting USING lower_bound, upper_bound;
    IF waiting THEN
        EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', parent, fallback);
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, parent, lower_bound, upper_bound);
    IF waiting THEN
        EXECUTE format('INSERT INTO %I SELECT * FROM %I WHERE %I >= $1 AND %I < $2', part, fallback, key, key)
            USING lower_bound, upper_bound;
        EXECUTE format('DELETE FROM %I WHERE %I >= $1 AND %I < $2', fallback, key, key) USING lower_bound, upper_bound;
        EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I DEFAULT', parent, fallback);
    END IF;

    IF parent = 'diary_entries' THEN
        EXECUTE format('ALTER TABLE %I SET (autovacuum_vacuum_cost_delay = 20, toast.autovacuum_vacuum_cost_delay = 20)', part);
    ELSE
        EXECUTE format('ALTER TABLE %I SET (autovacuum_vacuum_cost_delay = 20)', part);
    END IF;
    RETURN true;
END;
$$;

-- The months of a table's rows, and the current month and the next three, each get a partition.
CREATE FUNCTION backcare_month_partitions_for(parent text, key text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    month date;
BEGIN
    FOR month IN EXECUTE format(
        'SELECT DISTINCT date_trunc(''month'', %I AT TIME ZONE ''UTC'')::date FROM %I
         UNION SELECT (date_trunc(''month'', now() AT TIME ZONE ''UTC'') + make_interval(months => n))::date FROM generate_series(0, 3) n',
        key, parent || '_before_0024')
    LOOP
        PERFORM backcare_month_partition(parent, month);
    END LOOP;
END;
$$;

-- audit_events

ALTER TABLE audit_events RENAME TO audit_events_before_0024;
ALTER TABLE audit_events_before_0024 RENAME CONSTRAINT audit_events_pkey TO audit_events_before_0024_pkey;
ALTER INDEX ix_audit_events_subject_at RENAME TO ix_audit_events_before_0024_subject_at;
DROP TRIGGER audit_events_append_only ON audit_events_before_0024;

CREATE TABLE audit_events (
    id              bigint      GENERATED BY DEFAULT AS IDENTITY,
    at_utc          timestamptz NOT NULL,
    actor_id        uuid        NULL,
    subject_id      uuid        NOT NULL,
    action          text        NOT NULL CONSTRAINT audit_events_action_check CHECK (action IN ('Read', 'Create', 'Update', 'Delete', 'Export')),
    resource_type   text        NOT NULL,
    resource_id     text        NULL,
    remote_address  text        NULL,
    CONSTRAINT audit_events_pkey PRIMARY KEY (id, at_utc)
) PARTITION BY RANGE (at_utc);
CREATE TABLE audit_events_default PARTITION OF audit_events DEFAULT;
ALTER TABLE audit_events_default SET (autovacuum_vacuum_cost_delay = 20);
SELECT backcare_month_partitions_for('audit_events', 'at_utc');

INSERT INTO audit_events (id, at_utc, actor_id, subject_id, action, resource_type, resource_id, remote_address)
SELECT id, at_utc, actor_id, subject_id, action, resource_type, resource_id, remote_address FROM audit_events_before_0024;
SELECT setval(pg_get_serial_sequence('audit_events', 'id'), coalesce(max(id), 0) + 1, false) FROM audit_events;
DROP TABLE audit_events_before_0024;

CREATE INDEX ix_audit_events_subject_at ON audit_events (subject_id, at_utc);

CREATE OR REPLACE FUNCTION audit_events_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (
        SELECT 1 FROM audit_removal_permits p
        WHERE p.subject_id = OLD.subject_id OR p.removed_before_utc > OLD.at_utc) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit events are append-only';
END;
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_update();

-- diary_entries (the view and triggers of migration 0019 move with it)

DROP VIEW diary_pain_days_due;
ALTER TABLE diary_entries RENAME TO diary_entries_before_0024;
ALTER TABLE diary_entries_before_0024 RENAME CONSTRAINT diary_entries_pkey TO diary_entries_before_0024_pkey;
ALTER TABLE diary_entries_before_0024 RENAME CONSTRAINT diary_entries_owner_id_fkey TO diary_entries_before_0024_owner_id_fkey;
ALTER TABLE diary_entries_before_0024 RENAME CONSTRAINT diary_entries_result_hash_fkey TO diary_entries_before_0024_result_hash_fkey;
ALTER INDEX ix_diary_entries_owner_created RENAME TO ix_diary_entries_before_0024_owner_created;
ALTER INDEX ix_diary_entries_red_flag_created RENAME TO ix_diary_entries_before_0024_red_flag_created;
DROP TRIGGER diary_pain_days_after_entries ON diary_entries_before_0024;
DROP TRIGGER diary_pain_days_after_entry_removed ON diary_entries_before_0024;
DROP TRIGGER diary_pain_days_after_entry_changed ON diary_entries_before_0024;

CREATE TABLE diary_entries (
    id                  uuid        NOT NULL,
    owner_id            uuid        NOT NULL CONSTRAINT diary_entries_owner_id_fkey REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc         timestamptz NOT NULL,
    pain_score          integer     NOT NULL CONSTRAINT diary_entries_pain_score_check CHECK (pain_score BETWEEN 0 AND 10),
    spasms              integer     NOT NULL CONSTRAINT diary_entries_spasms_check CHECK (spasms >= 0),
    could_walk          boolean     NOT NULL,
    could_sit           boolean     NOT NULL,
    could_sleep         boolean     NOT NULL,
    could_work          boolean     NOT NULL,
    medicines_taken     text        NULL,
    what_helped         text        NULL,
    notes               text        NULL,
    new_findings_json   text        NOT NULL,
    disposition         text        NOT NULL,
    progress            text        NULL CONSTRAINT diary_entries_progress_check CHECK (progress IN ('Improving', 'Stalled', 'Worse')),
    red_flag            boolean     NOT NULL,
    walk_level          text        NULL CONSTRAINT diary_entries_walk_level_check CHECK (walk_level IN ('Normal', 'Limited', 'NotAtAll')),
    sit_level           text        NULL CONSTRAINT diary_entries_sit_level_check CHECK (sit_level IN ('Normal', 'Limited', 'NotAtAll')),
    sleep_level         text        NULL CONSTRAINT diary_entries_sleep_level_check CHECK (sleep_level IN ('Normal', 'Limited', 'NotAtAll')),
    work_level          text        NULL CONSTRAINT diary_entries_work_level_check CHECK (work_level IN ('Normal', 'Limited', 'NotAtAll')),
    what_helped_other   text        NULL,
    step_up             text        NULL,
    new_red_flags_json  text        NOT NULL DEFAULT '[]',
    result_hash         bytea       NULL CONSTRAINT diary_entries_result_hash_fkey REFERENCES shown_results (hash),
    CONSTRAINT diary_entries_pkey PRIMARY KEY (id, created_utc)
) PARTITION BY RANGE (created_utc);
CREATE TABLE diary_entries_default PARTITION OF diary_entries DEFAULT;
ALTER TABLE diary_entries_default SET (autovacuum_vacuum_cost_delay = 20, toast.autovacuum_vacuum_cost_delay = 20);
SELECT backcare_month_partitions_for('diary_entries', 'created_utc');

INSERT INTO diary_entries
SELECT id, owner_id, created_utc, pain_score, spasms, could_walk, could_sit, could_sleep, could_work, medicines_taken,
       what_helped, notes, new_findings_json, disposition, progress, red_flag, walk_level, sit_level, sleep_level,
       work_level, what_helped_other, step_up, new_red_flags_json, result_hash
FROM diary_entries_before_0024;
DROP TABLE diary_entries_before_0024;
DROP FUNCTION backcare_month_partitions_for(text, text);

CREATE INDEX ix_diary_entries_owner_created ON diary_entries (owner_id, created_utc);
CREATE INDEX ix_diary_entries_red_flag_created ON diary_entries (created_utc, owner_id) WHERE red_flag;

CREATE VIEW diary_pain_days_due AS
SELECT DISTINCT ON (e.owner_id, d.day) e.owner_id, d.day, e.pain_score, e.created_utc AS entry_created_utc
FROM diary_entries e
JOIN (SELECT owner_id, min(created_utc) AS first_utc FROM saved_assessments GROUP BY owner_id) f ON f.owner_id = e.owner_id
CROSS JOIN LATERAL (SELECT floor(extract(epoch FROM e.created_utc - f.first_utc) / 86400)::integer AS day) d
WHERE e.created_utc >= f.first_utc AND d.day <= 45
ORDER BY e.owner_id, d.day, e.created_utc DESC;

CREATE TRIGGER diary_pain_days_after_entries AFTER INSERT ON diary_entries
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION diary_pain_days_after_entries();
CREATE TRIGGER diary_pain_days_after_entry_removed AFTER DELETE ON diary_entries
    FOR EACH ROW EXECUTE FUNCTION diary_pain_days_after_change();
CREATE TRIGGER diary_pain_days_after_entry_changed AFTER UPDATE OF owner_id, created_utc, pain_score ON diary_entries
    FOR EACH ROW EXECUTE FUNCTION diary_pain_days_after_change();

ANALYZE audit_events;
ANALYZE diary_entries;
