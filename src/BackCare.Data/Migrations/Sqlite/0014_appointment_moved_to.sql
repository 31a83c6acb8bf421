-- BackCare schema 0014 for SQLite: a moved visit points to the visit that took its place, so it can say "Moved to ...".
ALTER TABLE appointments ADD COLUMN moved_to_id TEXT NULL REFERENCES appointments (id) ON DELETE SET NULL;
