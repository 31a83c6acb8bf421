-- BackCare schema 0012 for SQLite: passkeys. Each row is the public key of a key pair a person's device keeps, with
-- the counter and backup state the device reports at each use; nothing here is secret. Erased with the account.

CREATE TABLE account_passkeys (
    credential_id       TEXT    NOT NULL PRIMARY KEY,
    account_id          TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name                TEXT    NULL,
    public_key          BLOB    NOT NULL,
    sign_count          INTEGER NOT NULL,
    transports          TEXT    NULL,
    is_user_verified    INTEGER NOT NULL,
    is_backup_eligible  INTEGER NOT NULL,
    is_backed_up        INTEGER NOT NULL,
    attestation_object  BLOB    NOT NULL,
    client_data_json    BLOB    NOT NULL,
    created_utc         TEXT    NOT NULL,
    last_used_utc       TEXT    NULL
);
CREATE INDEX ix_account_passkeys_account ON account_passkeys (account_id);
