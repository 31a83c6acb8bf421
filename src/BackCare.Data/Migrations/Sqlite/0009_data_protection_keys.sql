-- BackCare schema 0009 for SQLite: the web app's Data Protection key ring (the keys that sign and encrypt sign-in
-- cookies, bearer tokens, form tokens and the check's saved answers), kept in the database so that every server on it,
-- and the same server after a move, reads what the others wrote. Rows are written by ASP.NET Core's key manager: one
-- per key, its XML encrypted with a certificate when DataProtection:CertificatePath is set (decision 0011).

CREATE TABLE data_protection_keys (
    id             INTEGER NOT NULL PRIMARY KEY,
    friendly_name  TEXT NULL,
    xml            TEXT NULL
);
