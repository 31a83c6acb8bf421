-- BackCare schema 0013 for Sqlite: an authenticator code works once. The account keeps the 30-second step of the last
-- code it accepted, and a code of that step or an earlier one is refused (OWASP ASVS 2.8.4).

ALTER TABLE accounts ADD COLUMN last_authenticator_step INTEGER NULL;
