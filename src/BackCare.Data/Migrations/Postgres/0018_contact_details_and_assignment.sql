-- BackCare schema 0018 for PostgreSQL: the contact details a clinic needs (an optional date of birth and phone on the
-- account, the phone's digits kept apart for search), and a clinic's patient assigned to one of its clinicians, each
-- assignment kept with who made it and the hand-over note.

ALTER TABLE accounts ADD COLUMN date_of_birth date NULL;
ALTER TABLE accounts ADD COLUMN phone text NULL;
ALTER TABLE accounts ADD COLUMN phone_digits text NULL;

ALTER TABLE clinic_patients ADD COLUMN assigned_clinician_id uuid NULL REFERENCES clinicians (id) ON DELETE SET NULL;
CREATE INDEX ix_clinic_patients_assigned ON clinic_patients (clinic_id, assigned_clinician_id)
    WHERE assigned_clinician_id IS NOT NULL;

CREATE TABLE worklist_assignments (
    id             uuid        NOT NULL PRIMARY KEY,
    owner_id       uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc    timestamptz NOT NULL,
    clinic_id      uuid        NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    clinician_id   uuid        NULL REFERENCES clinicians (id) ON DELETE SET NULL,
    assigned_by    uuid        NOT NULL,
    note           text        NULL
);
CREATE INDEX ix_worklist_assignments_clinic_owner_created ON worklist_assignments (clinic_id, owner_id, created_utc);
CREATE INDEX ix_worklist_assignments_owner ON worklist_assignments (owner_id);
CREATE INDEX ix_worklist_assignments_clinician ON worklist_assignments (clinician_id);
