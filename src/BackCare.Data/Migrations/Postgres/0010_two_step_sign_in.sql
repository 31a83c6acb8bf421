-- BackCare schema 0010 for PostgreSQL: two-step sign-in. An account may require a code from an authenticator app
-- after the password; its key is kept encrypted (Data Protection) and its recovery codes as SHA-256 hashes, never in
-- plain. A session records whether it was signed in with two steps: only such sessions open the clinic and admin pages.

ALTER TABLE accounts ADD COLUMN two_factor_enabled boolean NOT NULL DEFAULT false;
ALTER TABLE accounts ADD COLUMN authenticator_key text NULL;
ALTER TABLE accounts ADD COLUMN recovery_code_hashes text NULL;

ALTER TABLE account_sessions ADD COLUMN two_step boolean NOT NULL DEFAULT false;
