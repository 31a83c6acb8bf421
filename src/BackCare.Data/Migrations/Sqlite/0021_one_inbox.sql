-- BackCare schema 0021 for SQLite: one inbox. A contact request is tied to a patient of its clinic by its email, by
-- hand (patient_id), or by nobody; a clinician's answers to it are kept (contact_replies); an answer to someone
-- without an account goes by email from the outbox, whose rows may now name no account (the reply says where it goes).
-- SQLite cannot change a column or a CHECK in place, so the outbox is rebuilt with the same rows.

ALTER TABLE contact_requests ADD COLUMN patient_link TEXT NOT NULL DEFAULT 'ByEmail'
    CHECK (patient_link IN ('ByEmail', 'ByHand', 'Unlinked'));
ALTER TABLE contact_requests ADD COLUMN patient_id TEXT NULL REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE contact_requests ADD COLUMN answered_utc TEXT NULL;
CREATE INDEX ix_contact_requests_patient ON contact_requests (patient_id);

CREATE TABLE contact_replies (
    id           TEXT NOT NULL PRIMARY KEY,
    clinic_id    TEXT NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    request_id   TEXT NOT NULL REFERENCES contact_requests (id) ON DELETE CASCADE,
    author_id    TEXT NOT NULL,
    route        TEXT NOT NULL CHECK (route IN ('Thread', 'Email')),
    body         TEXT NOT NULL,
    created_utc  TEXT NOT NULL
);
CREATE INDEX ix_contact_replies_request_created ON contact_replies (request_id, created_utc);
CREATE INDEX ix_contact_replies_clinic ON contact_replies (clinic_id);

CREATE TABLE notification_outbox_0021 (
    id                  TEXT    NOT NULL PRIMARY KEY,
    kind                TEXT    NOT NULL CHECK (kind IN ('VisitBooked', 'VisitMoved', 'VisitCancelled', 'VisitReminder',
                                                         'VideoVisitReminder', 'ClinicReply', 'DiaryNudge', 'RiskScreenReminder',
                                                         'ContactReply')),
    account_id          TEXT    NULL REFERENCES accounts (id) ON DELETE CASCADE,
    subject_id          TEXT    NULL,
    dedupe_key          TEXT    NOT NULL,
    created_utc         TEXT    NOT NULL,
    due_utc             TEXT    NOT NULL,
    state               TEXT    NOT NULL CHECK (state IN ('Pending', 'Sent', 'Skipped', 'Failed')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    claimed_by          TEXT    NULL,
    claimed_until_utc   TEXT    NULL,
    done_utc            TEXT    NULL,
    calendar_uid        TEXT    NULL,
    calendar_sequence   INTEGER NULL,
    CHECK (account_id IS NOT NULL OR kind = 'ContactReply')
);
INSERT INTO notification_outbox_0021
    (id, kind, account_id, subject_id, dedupe_key, created_utc, due_utc, state, attempts, claimed_by, claimed_until_utc,
     done_utc, calendar_uid, calendar_sequence)
SELECT id, kind, account_id, subject_id, dedupe_key, created_utc, due_utc, state, attempts, claimed_by, claimed_until_utc,
       done_utc, calendar_uid, calendar_sequence
FROM notification_outbox;
DROP TABLE notification_outbox;
ALTER TABLE notification_outbox_0021 RENAME TO notification_outbox;
CREATE UNIQUE INDEX ux_notification_outbox_dedupe_key ON notification_outbox (dedupe_key);
CREATE INDEX ix_notification_outbox_due ON notification_outbox (due_utc) WHERE state = 'Pending';
CREATE INDEX ix_notification_outbox_subject_kind ON notification_outbox (subject_id, kind);
CREATE INDEX ix_notification_outbox_calendar_uid ON notification_outbox (calendar_uid);
CREATE INDEX ix_notification_outbox_account ON notification_outbox (account_id);
