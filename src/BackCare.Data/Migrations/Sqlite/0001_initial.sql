-- BackCare schema 0001 for SQLite: accounts, saved assessments, the diary, risk screens and the audit log.
-- Guids and timestamps are TEXT as EF Core's SQLite provider writes them; timestamps are always UTC.

CREATE TABLE accounts (
    id                    TEXT    NOT NULL PRIMARY KEY,
    email                 TEXT    NOT NULL,
    normalized_email      TEXT    NOT NULL,
    display_name          TEXT    NOT NULL,
    password_hash         TEXT    NOT NULL,
    role                  TEXT    NOT NULL CHECK (role IN ('Patient', 'Clinician', 'Administrator')),
    failed_sign_in_count  INTEGER NOT NULL DEFAULT 0,
    lockout_end_utc       TEXT    NULL,
    created_utc           TEXT    NOT NULL,
    clinic_id             TEXT    NULL
);
CREATE UNIQUE INDEX ux_accounts_normalized_email ON accounts (normalized_email);

CREATE TABLE saved_assessments (
    id           TEXT    NOT NULL PRIMARY KEY,
    owner_id     TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc  TEXT    NOT NULL,
    case_json    TEXT    NOT NULL,
    result_json  TEXT    NOT NULL,
    disposition  TEXT    NOT NULL,
    age          INTEGER NULL
);
CREATE INDEX ix_saved_assessments_owner_created ON saved_assessments (owner_id, created_utc);

CREATE TABLE diary_entries (
    id                 TEXT    NOT NULL PRIMARY KEY,
    owner_id           TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc        TEXT    NOT NULL,
    pain_score         INTEGER NOT NULL CHECK (pain_score BETWEEN 0 AND 10),
    spasms             INTEGER NOT NULL CHECK (spasms >= 0),
    could_walk         INTEGER NOT NULL,
    could_sit          INTEGER NOT NULL,
    could_sleep        INTEGER NOT NULL,
    could_work         INTEGER NOT NULL,
    medicines_taken    TEXT    NULL,
    what_helped        TEXT    NULL,
    notes              TEXT    NULL,
    new_findings_json  TEXT    NOT NULL,
    disposition        TEXT    NOT NULL,
    progress           TEXT    NULL CHECK (progress IN ('Improving', 'Stalled', 'Worse')),
    red_flag           INTEGER NOT NULL
);
CREATE INDEX ix_diary_entries_owner_created ON diary_entries (owner_id, created_utc);

CREATE TABLE risk_screens (
    id                  TEXT    NOT NULL PRIMARY KEY,
    owner_id            TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc         TEXT    NOT NULL,
    answers_json        TEXT    NOT NULL,
    total_score         INTEGER NOT NULL CHECK (total_score BETWEEN 0 AND 9),
    psychosocial_score  INTEGER NOT NULL CHECK (psychosocial_score BETWEEN 0 AND 5),
    "group"             TEXT    NOT NULL CHECK ("group" IN ('Low', 'Medium', 'High'))
);
CREATE INDEX ix_risk_screens_owner_created ON risk_screens (owner_id, created_utc);

-- No foreign key to accounts: the record of an account's erasure outlives the account.
CREATE TABLE audit_events (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at_utc          TEXT    NOT NULL,
    actor_id        TEXT    NULL,
    subject_id      TEXT    NOT NULL,
    action          TEXT    NOT NULL CHECK (action IN ('Read', 'Create', 'Update', 'Delete', 'Export')),
    resource_type   TEXT    NOT NULL,
    resource_id     TEXT    NULL,
    remote_address  TEXT    NULL
);
CREATE INDEX ix_audit_events_subject_at ON audit_events (subject_id, at_utc);

CREATE TRIGGER audit_events_append_only BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
