-- BackCare schema 0004 for PostgreSQL: the worklist row carries what the worklist shows (the latest disposition and
-- any new red flags from the diary), and its index ends with the patient id, so that keyset paging on
-- (priority, waiting_since_utc, patient_id) is one index range, ties included.

ALTER TABLE clinic_patients ADD COLUMN disposition text NULL;
ALTER TABLE clinic_patients ADD COLUMN red_flags text NULL;

DROP INDEX ix_clinic_patients_worklist;
CREATE INDEX ix_clinic_patients_worklist ON clinic_patients (clinic_id, priority, waiting_since_utc, patient_id);

-- The clinic's next visit with one patient, for the worklist's 25 rows.
CREATE INDEX ix_appointments_owner_clinic_start ON appointments (owner_id, clinic_id, start_utc);
