-- BackCare schema 0002 for SQLite: clinics, clinicians and their hours, slots, appointments, messages,
-- contact requests, clinical notes and the clinics' worklists.

CREATE TABLE clinics (
    id            TEXT NOT NULL PRIMARY KEY,
    name          TEXT NOT NULL,
    address       TEXT NOT NULL,
    phone         TEXT NOT NULL,
    time_zone_id  TEXT NOT NULL,
    created_utc   TEXT NOT NULL
);

CREATE TABLE clinicians (
    id            TEXT NOT NULL PRIMARY KEY,
    clinic_id     TEXT NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    account_id    TEXT NULL REFERENCES accounts (id) ON DELETE SET NULL,
    display_name  TEXT NOT NULL,
    specialty     TEXT NOT NULL CHECK (specialty IN ('Orthopedic', 'Spine', 'PhysicalTherapy', 'PrimaryCare'))
);
CREATE INDEX ix_clinicians_clinic ON clinicians (clinic_id);
CREATE UNIQUE INDEX ux_clinicians_account ON clinicians (account_id);

-- Regular hours in the clinic's local time, as minutes from local midnight; day is 0 (Sunday) to 6.
CREATE TABLE weekly_availability (
    id             TEXT    NOT NULL PRIMARY KEY,
    clinician_id   TEXT    NOT NULL REFERENCES clinicians (id) ON DELETE CASCADE,
    day            INTEGER NOT NULL CHECK (day BETWEEN 0 AND 6),
    start_minute   INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute     INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    slot_minutes   INTEGER NOT NULL CHECK (slot_minutes >= 5),
    kind           TEXT    NOT NULL CHECK (kind IN ('InPerson', 'Telemedicine')),
    CHECK (end_minute > start_minute)
);
CREATE INDEX ix_weekly_availability_clinician ON weekly_availability (clinician_id);

-- A local date off (no times) or part of it off.
CREATE TABLE time_off (
    id             TEXT    NOT NULL PRIMARY KEY,
    clinician_id   TEXT    NOT NULL REFERENCES clinicians (id) ON DELETE CASCADE,
    date           TEXT    NOT NULL,
    start_minute   INTEGER NULL,
    end_minute     INTEGER NULL,
    reason         TEXT    NOT NULL
);
CREATE INDEX ix_time_off_clinician_date ON time_off (clinician_id, date);

CREATE TABLE slots (
    id            TEXT NOT NULL PRIMARY KEY,
    clinic_id     TEXT NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    clinician_id  TEXT NOT NULL REFERENCES clinicians (id) ON DELETE CASCADE,
    start_utc     TEXT NOT NULL,
    end_utc       TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('InPerson', 'Telemedicine'))
);
CREATE UNIQUE INDEX ux_slots_clinician_start ON slots (clinician_id, start_utc);
CREATE INDEX ix_slots_clinic_kind_start ON slots (clinic_id, kind, start_utc);

CREATE TABLE appointments (
    id             TEXT NOT NULL PRIMARY KEY,
    owner_id       TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc    TEXT NOT NULL,
    slot_id        TEXT NOT NULL REFERENCES slots (id) ON DELETE RESTRICT,
    clinic_id      TEXT NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    clinician_id   TEXT NOT NULL,
    start_utc      TEXT NOT NULL,
    end_utc        TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('InPerson', 'Telemedicine')),
    reason         TEXT NOT NULL,
    assessment_id  TEXT NULL REFERENCES saved_assessments (id) ON DELETE SET NULL,
    disposition    TEXT NULL,
    join_url       TEXT NULL,
    status         TEXT NOT NULL CHECK (status IN ('Booked', 'Cancelled')),
    cancelled_utc  TEXT NULL
);
-- A slot is never booked twice: at most one booked appointment per slot, whatever the concurrency.
CREATE UNIQUE INDEX ux_appointments_booked_slot ON appointments (slot_id) WHERE status = 'Booked';
CREATE INDEX ix_appointments_owner_created ON appointments (owner_id, created_utc);
CREATE INDEX ix_appointments_clinic_start ON appointments (clinic_id, start_utc);

-- The thread between a person (owner) and a clinic is all messages with that pair.
CREATE TABLE messages (
    id           TEXT    NOT NULL PRIMARY KEY,
    owner_id     TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc  TEXT    NOT NULL,
    clinic_id    TEXT    NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    author_id    TEXT    NOT NULL,
    from_clinic  INTEGER NOT NULL,
    body         TEXT    NOT NULL,
    read_utc     TEXT    NULL
);
CREATE INDEX ix_messages_clinic_owner_created ON messages (clinic_id, owner_id, created_utc);
CREATE INDEX ix_messages_owner_created ON messages (owner_id, created_utc);

CREATE TABLE contact_requests (
    id           TEXT NOT NULL PRIMARY KEY,
    clinic_id    TEXT NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    created_utc  TEXT NOT NULL,
    name         TEXT NOT NULL,
    email        TEXT NULL,
    phone        TEXT NULL,
    body         TEXT NOT NULL,
    account_id   TEXT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    handled_utc  TEXT NULL
);
CREATE INDEX ix_contact_requests_clinic_created ON contact_requests (clinic_id, created_utc);

CREATE TABLE clinical_notes (
    id           TEXT NOT NULL PRIMARY KEY,
    owner_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc  TEXT NOT NULL,
    clinic_id    TEXT NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    author_id    TEXT NOT NULL,
    body         TEXT NOT NULL
);
CREATE INDEX ix_clinical_notes_clinic_owner_created ON clinical_notes (clinic_id, owner_id, created_utc);

-- One row per patient of a clinic, kept current on every assessment, diary entry, booking and message; the worklist
-- reads its first page straight off ix_clinic_patients_worklist.
CREATE TABLE clinic_patients (
    clinic_id          TEXT    NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    patient_id         TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    priority           INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 4),
    waiting_since_utc  TEXT    NOT NULL,
    last_activity_utc  TEXT    NOT NULL,
    PRIMARY KEY (clinic_id, patient_id)
);
CREATE INDEX ix_clinic_patients_worklist ON clinic_patients (clinic_id, priority, waiting_since_utc);
CREATE INDEX ix_clinic_patients_patient ON clinic_patients (patient_id);
