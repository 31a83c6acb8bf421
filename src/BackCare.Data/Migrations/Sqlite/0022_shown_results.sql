-- BackCare schema 0022 for SQLite: each diary entry's re-assessment, word for word as the person was shown it, is
-- stored once in shown_results and shared by every entry that showed the same words (decision 0024,
-- docs/performance.md "Diary storage"). The key is the SHA-256 of the result's UTF-8 JSON; backcare_sha256 is the
-- application's own function (SqliteDurabilityInterceptor), so the rows moved here have the keys the writer gives.
-- The space result_json took is free pages until the file is vacuumed (sqlite3 backcare.db VACUUM, with the server stopped).

CREATE TABLE shown_results (
    hash  BLOB NOT NULL PRIMARY KEY CONSTRAINT ck_shown_results_hash CHECK (length(hash) = 32),
    json  TEXT NOT NULL
);

ALTER TABLE diary_entries ADD COLUMN result_hash BLOB NULL REFERENCES shown_results (hash);

INSERT INTO shown_results (hash, json)
SELECT backcare_sha256(result_json), result_json FROM diary_entries WHERE result_json IS NOT NULL
ON CONFLICT (hash) DO NOTHING;

UPDATE diary_entries SET result_hash = backcare_sha256(result_json) WHERE result_json IS NOT NULL;

ALTER TABLE diary_entries DROP COLUMN result_json;
