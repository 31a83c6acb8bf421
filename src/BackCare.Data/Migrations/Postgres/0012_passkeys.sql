-- BackCare schema 0012 for PostgreSQL: passkeys. Each row is the public key of a key pair a person's device keeps,
-- with the counter and backup state the device reports at each use; nothing here is secret. Erased with the account.

CREATE TABLE account_passkeys (
    credential_id       text        NOT NULL PRIMARY KEY,
    account_id          uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name                text        NULL,
    public_key          bytea       NOT NULL,
    sign_count          bigint      NOT NULL,
    transports          text        NULL,
    is_user_verified    boolean     NOT NULL,
    is_backup_eligible  boolean     NOT NULL,
    is_backed_up        boolean     NOT NULL,
    attestation_object  bytea       NOT NULL,
    client_data_json    bytea       NOT NULL,
    created_utc         timestamptz NOT NULL,
    last_used_utc       timestamptz NULL
);
CREATE INDEX ix_account_passkeys_account ON account_passkeys (account_id);
