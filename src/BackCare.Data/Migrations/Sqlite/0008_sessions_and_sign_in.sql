-- BackCare schema 0008 for SQLite: sessions that can be ended, refresh tokens kept as hashes, sign-in events a person
-- can read, and wrong passwords counted per email and client instead of per account (so that nobody can lock another
-- person out). Every account gets a security stamp; accounts made before this are taken as confirmed, since their
-- owners have been using them.

ALTER TABLE accounts ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
UPDATE accounts SET security_stamp = upper(hex(randomblob(16)));
ALTER TABLE accounts ADD COLUMN email_confirmed INTEGER NOT NULL DEFAULT 0;
UPDATE accounts SET email_confirmed = 1;
ALTER TABLE accounts DROP COLUMN failed_sign_in_count;
ALTER TABLE accounts DROP COLUMN lockout_end_utc;

CREATE TABLE account_sessions (
    id              TEXT    NOT NULL PRIMARY KEY,
    account_id      TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('Cookie', 'Token')),
    security_stamp  TEXT    NOT NULL,
    started_utc     TEXT    NOT NULL,
    ends_utc        TEXT    NOT NULL,
    remembered      INTEGER NOT NULL,
    remote_address  TEXT    NULL
);
CREATE INDEX ix_account_sessions_account ON account_sessions (account_id);

CREATE TABLE refresh_tokens (
    id          TEXT NOT NULL PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES account_sessions (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL,
    issued_utc  TEXT NOT NULL,
    expires_utc TEXT NOT NULL,
    used_utc    TEXT NULL
);
CREATE UNIQUE INDEX ux_refresh_tokens_hash ON refresh_tokens (token_hash);
CREATE INDEX ix_refresh_tokens_session ON refresh_tokens (session_id);

CREATE TABLE account_events (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    account_id      TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,
    at_utc          TEXT    NOT NULL,
    remote_address  TEXT    NULL
);
CREATE INDEX ix_account_events_account_at ON account_events (account_id, at_utc);

CREATE TABLE sign_in_throttles (
    key                TEXT    NOT NULL PRIMARY KEY,
    failures           INTEGER NOT NULL,
    blocked_until_utc  TEXT    NULL,
    last_failure_utc   TEXT    NOT NULL
);
CREATE INDEX ix_sign_in_throttles_last_failure ON sign_in_throttles (last_failure_utc);
