-- BackCare schema 0014 for PostgreSQL: a moved visit points to the visit that took its place, so it can say "Moved to ...".
ALTER TABLE appointments ADD COLUMN moved_to_id uuid NULL REFERENCES appointments (id) ON DELETE SET NULL;
