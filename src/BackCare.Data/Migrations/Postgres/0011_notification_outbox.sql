-- BackCare schema 0011 for PostgreSQL: the email outbox and what each person asked to receive. A notification is
-- written with the change that causes it and sent later by whichever server claims it first (claimed_by,
-- claimed_until_utc); dedupe_key is unique, so the same notice is never put in twice. Rows hold no words and nothing
-- about health.

CREATE TABLE notification_outbox (
    id                  uuid        NOT NULL PRIMARY KEY,
    kind                text        NOT NULL CHECK (kind IN ('VisitBooked', 'VisitMoved', 'VisitCancelled', 'VisitReminder',
                                                             'VideoVisitReminder', 'ClinicReply', 'DiaryNudge', 'RiskScreenReminder')),
    account_id          uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    subject_id          uuid        NULL,
    dedupe_key          text        NOT NULL,
    created_utc         timestamptz NOT NULL,
    due_utc             timestamptz NOT NULL,
    state               text        NOT NULL CHECK (state IN ('Pending', 'Sent', 'Skipped', 'Failed')),
    attempts            integer     NOT NULL DEFAULT 0,
    claimed_by          text        NULL,
    claimed_until_utc   timestamptz NULL,
    done_utc            timestamptz NULL,
    calendar_uid        text        NULL,
    calendar_sequence   integer     NULL
);
CREATE UNIQUE INDEX ux_notification_outbox_dedupe_key ON notification_outbox (dedupe_key);
CREATE INDEX ix_notification_outbox_due ON notification_outbox (due_utc) WHERE state = 'Pending';
CREATE INDEX ix_notification_outbox_subject_kind ON notification_outbox (subject_id, kind);
CREATE INDEX ix_notification_outbox_calendar_uid ON notification_outbox (calendar_uid);
CREATE INDEX ix_notification_outbox_account ON notification_outbox (account_id);

CREATE TABLE notification_preferences (
    account_id            uuid        NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    diary_nudge           boolean     NOT NULL DEFAULT false,
    visit_reminders       boolean     NOT NULL DEFAULT true,
    risk_screen_reminder  boolean     NOT NULL DEFAULT true,
    created_utc           timestamptz NOT NULL,
    updated_utc           timestamptz NOT NULL
);
CREATE INDEX ix_notification_preferences_diary_nudge ON notification_preferences (account_id) WHERE diary_nudge;
