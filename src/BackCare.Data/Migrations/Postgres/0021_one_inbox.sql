-- BackCare schema 0021 for PostgreSQL: one inbox. A contact request is tied to a patient of its clinic by its email,
-- by hand (patient_id), or by nobody; a clinician's answers to it are kept (contact_replies); an answer to someone
-- without an account goes by email from the outbox, whose rows may now name no account (the reply says where it goes).

ALTER TABLE contact_requests ADD COLUMN patient_link text NOT NULL DEFAULT 'ByEmail'
    CHECK (patient_link IN ('ByEmail', 'ByHand', 'Unlinked'));
ALTER TABLE contact_requests ADD COLUMN patient_id uuid NULL REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE contact_requests ADD COLUMN answered_utc timestamptz NULL;
CREATE INDEX ix_contact_requests_patient ON contact_requests (patient_id);

CREATE TABLE contact_replies (
    id           uuid        NOT NULL PRIMARY KEY,
    clinic_id    uuid        NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    request_id   uuid        NOT NULL REFERENCES contact_requests (id) ON DELETE CASCADE,
    author_id    uuid        NOT NULL,
    route        text        NOT NULL CHECK (route IN ('Thread', 'Email')),
    body         text        NOT NULL,
    created_utc  timestamptz NOT NULL
);
CREATE INDEX ix_contact_replies_request_created ON contact_replies (request_id, created_utc);
CREATE INDEX ix_contact_replies_clinic ON contact_replies (clinic_id);

ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_kind_check
    CHECK (kind IN ('VisitBooked', 'VisitMoved', 'VisitCancelled', 'VisitReminder', 'VideoVisitReminder', 'ClinicReply',
                    'DiaryNudge', 'RiskScreenReminder', 'ContactReply'));
ALTER TABLE notification_outbox ALTER COLUMN account_id DROP NOT NULL;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_account_check
    CHECK (account_id IS NOT NULL OR kind = 'ContactReply');
