-- BackCare schema 0017 for SQLite: a clinician acknowledges a worklist row, which takes it off the worklist until
-- something new comes in; who acknowledged what, and when, is kept. The worklist index holds only the rows on the
-- worklist, so its first page is still one range of it.

ALTER TABLE clinic_patients ADD COLUMN acknowledged_utc TEXT NULL;

DROP INDEX ix_clinic_patients_worklist;
CREATE INDEX ix_clinic_patients_worklist ON clinic_patients (clinic_id, priority, waiting_since_utc, patient_id)
    WHERE acknowledged_utc IS NULL;

CREATE TABLE worklist_acknowledgements (
    id                 TEXT    NOT NULL PRIMARY KEY,
    owner_id           TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc        TEXT    NOT NULL,
    clinic_id          TEXT    NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    acknowledged_by    TEXT    NOT NULL,
    priority           INTEGER NOT NULL,
    disposition        TEXT    NULL,
    red_flags          TEXT    NULL,
    waiting_since_utc  TEXT    NOT NULL
);
CREATE INDEX ix_worklist_acknowledgements_clinic_created ON worklist_acknowledgements (clinic_id, created_utc);
CREATE INDEX ix_worklist_acknowledgements_owner ON worklist_acknowledgements (owner_id);
