-- BackCare schema 0010 for SQLite: two-step sign-in. An account may require a code from an authenticator app after
-- the password; its key is kept encrypted (Data Protection) and its recovery codes as SHA-256 hashes, never in plain.
-- A session records whether it was signed in with two steps: only such sessions open the clinic and admin pages.

ALTER TABLE accounts ADD COLUMN two_factor_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN authenticator_key TEXT NULL;
ALTER TABLE accounts ADD COLUMN recovery_code_hashes TEXT NULL;

ALTER TABLE account_sessions ADD COLUMN two_step INTEGER NOT NULL DEFAULT 0;
