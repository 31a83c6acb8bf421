-- BackCare schema 0022 for PostgreSQL: each diary entry's re-assessment, word for word as the person was shown it, is
-- stored once in shown_results and shared by every entry that showed the same words (decision 0024,
-- docs/performance.md "Diary storage"). The key is the SHA-256 of the result's UTF-8 JSON, as the application makes it.
-- The space result_json took is reused by new rows after the next vacuum (VACUUM FULL gives it back to the disk).

CREATE TABLE shown_results (
    hash  bytea NOT NULL PRIMARY KEY CONSTRAINT ck_shown_results_hash CHECK (length(hash) = 32),
    json  text  NOT NULL
);

ALTER TABLE diary_entries ADD COLUMN result_hash bytea NULL REFERENCES shown_results (hash);

INSERT INTO shown_results (hash, json)
SELECT DISTINCT sha256(convert_to(result_json, 'UTF8')), result_json FROM diary_entries WHERE result_json IS NOT NULL
ON CONFLICT (hash) DO NOTHING;

UPDATE diary_entries SET result_hash = sha256(convert_to(result_json, 'UTF8')) WHERE result_json IS NOT NULL;

ALTER TABLE diary_entries DROP COLUMN result_json;
