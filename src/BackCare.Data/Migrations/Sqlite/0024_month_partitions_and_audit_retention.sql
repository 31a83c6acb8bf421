-- BackCare schema 0024 for SQLite: audit retention (decision 0025). SQLite has no partitions: retention deletes the rows
-- of expired months in batches, found by ix_audit_events_at.
--
-- Audit events stay append-only: the trigger of 0001 refuses an UPDATE, and a DELETE is now refused too unless the
-- removing transaction holds a permit in audit_removal_permits (an erasure names the person, audit retention a time
-- before which rows are expired). A permit is added and removed inside its own transaction, so no other connection
-- ever sees one. Each retention run is recorded in audit_retention_runs.

CREATE TABLE audit_removal_permits (
    id                  TEXT NOT NULL PRIMARY KEY,
    subject_id          TEXT NULL,
    removed_before_utc  TEXT NULL,
    CONSTRAINT ck_audit_removal_permits_one_kind CHECK ((subject_id IS NULL) <> (removed_before_utc IS NULL))
);

CREATE TABLE audit_retention_runs (
    id                  TEXT    NOT NULL PRIMARY KEY,
    ran_utc             TEXT    NOT NULL,
    retention_years     INTEGER NOT NULL CHECK (retention_years >= 1),
    removed_before_utc  TEXT    NOT NULL,
    months              TEXT    NOT NULL,
    rows_removed        INTEGER NOT NULL CHECK (rows_removed >= 0)
);
CREATE INDEX ix_audit_retention_runs_ran ON audit_retention_runs (ran_utc);

CREATE INDEX ix_audit_events_at ON audit_events (at_utc);

CREATE TRIGGER audit_events_removed_only_with_permit BEFORE DELETE ON audit_events
WHEN NOT EXISTS (
    SELECT 1 FROM audit_removal_permits p
    WHERE p.subject_id = OLD.subject_id OR p.removed_before_utc > OLD.at_utc)
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
