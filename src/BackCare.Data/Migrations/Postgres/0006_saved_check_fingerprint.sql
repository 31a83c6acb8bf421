-- BackCare schema 0006 for PostgreSQL: a check saved from the web pages is saved once, however often its result page is opened.
ALTER TABLE saved_assessments ADD COLUMN check_fingerprint text NULL;
CREATE UNIQUE INDEX ux_saved_assessments_owner_check ON saved_assessments (owner_id, check_fingerprint);
