-- BackCare schema 0011 for SQLite: the email outbox and what each person asked to receive. A notification is written
-- with the change that causes it and sent later by whichever server claims it first (claimed_by, claimed_until_utc);
-- dedupe_key is unique, so the same notice is never put in twice. Rows hold no words and nothing about health.

CREATE TABLE notification_outbox (
    id                  TEXT    NOT NULL PRIMARY KEY,
    kind                TEXT    NOT NULL CHECK (kind IN ('VisitBooked', 'VisitMoved', 'VisitCancelled', 'VisitReminder',
                                                         'VideoVisitReminder', 'ClinicReply', 'DiaryNudge', 'RiskScreenReminder')),
    account_id          TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
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
    calendar_sequence   INTEGER NULL
);
CREATE UNIQUE INDEX ux_notification_outbox_dedupe_key ON notification_outbox (dedupe_key);
CREATE INDEX ix_notification_outbox_due ON notification_outbox (due_utc) WHERE state = 'Pending';
CREATE INDEX ix_notification_outbox_subject_kind ON notification_outbox (subject_id, kind);
CREATE INDEX ix_notification_outbox_calendar_uid ON notification_outbox (calendar_uid);
CREATE INDEX ix_notification_outbox_account ON notification_outbox (account_id);

CREATE TABLE notification_preferences (
    account_id            TEXT    NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    diary_nudge           INTEGER NOT NULL DEFAULT 0,
    visit_reminders       INTEGER NOT NULL DEFAULT 1,
    risk_screen_reminder  INTEGER NOT NULL DEFAULT 1,
    created_utc           TEXT    NOT NULL,
    updated_utc           TEXT    NOT NULL
);
CREATE INDEX ix_notification_preferences_diary_nudge ON notification_preferences (account_id) WHERE diary_nudge = 1;
