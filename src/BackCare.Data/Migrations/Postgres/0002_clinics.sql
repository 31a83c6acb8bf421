-- BackCare schema 0002 for PostgreSQL: clinics, clinicians and their hours, slots, appointments, messages,
-- contact requests, clinical notes and the clinics' worklists.

CREATE TABLE clinics (
    id            uuid        NOT NULL PRIMARY KEY,
    name          text        NOT NULL,
    address       text        NOT NULL,
    phone         text        NOT NULL,
    time_zone_id  text        NOT NULL,
    created_utc   timestamptz NOT NULL
);

CREATE TABLE clinicians (
    id            uuid NOT NULL PRIMARY KEY,
    clinic_id     uuid NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    account_id    uuid NULL REFERENCES accounts (id) ON DELETE SET NULL,
    display_name  text NOT NULL,
    specialty     text NOT NULL CHECK (specialty IN ('Orthopedic', 'Spine', 'PhysicalTherapy', 'PrimaryCare'))
);
CREATE INDEX ix_clinicians_clinic ON clinicians (clinic_id);
CREATE UNIQUE INDEX ux_clinicians_account ON clinicians (account_id);

-- Regular hours in the clinic's local time, as minutes from local midnight; day is 0 (Sunday) to 6.
CREATE TABLE weekly_availability (
    id            uuid    NOT NULL PRIMARY KEY,
    clinician_id  uuid    NOT NULL REFERENCES clinicians (id) ON DELETE CASCADE,
    day           integer NOT NULL CHECK (day BETWEEN 0 AND 6),
    start_minute  integer NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute    integer NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    slot_minutes  integer NOT NULL CHECK (slot_minutes >= 5),
    kind          text    NOT NULL CHECK (kind IN ('InPerson', 'Telemedicine')),
    CHECK (end_minute > start_minute)
);
CREATE INDEX ix_weekly_availability_clinician ON weekly_availability (clinician_id);

-- A local date off (no times) or part of it off.
CREATE TABLE time_off (
    id            uuid    NOT NULL PRIMARY KEY,
    clinician_id  uuid    NOT NULL REFERENCES clinicians (id) ON DELETE CASCADE,
    date          date    NOT NULL,
    start_minute  integer NULL,
    end_minute    integer NULL,
    reason        text    NOT NULL
);
CREATE INDEX ix_time_off_clinician_date ON time_off (clinician_id, date);

CREATE TABLE slots (
    id            uuid        NOT NULL PRIMARY KEY,
    clinic_id     uuid        NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    clinician_id  uuid        NOT NULL REFERENCES clinicians (id) ON DELETE CASCADE,
    start_utc     timestamptz NOT NULL,
    end_utc       timestamptz NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('InPerson', 'Telemedicine'))
);
CREATE UNIQUE INDEX ux_slots_clinician_start ON slots (clinician_id, start_utc);
CREATE INDEX ix_slots_clinic_kind_start ON slots (clinic_id, kind, start_utc);

CREATE TABLE appointments (
    id             uuid        NOT NULL PRIMARY KEY,
    owner_id       uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc    timestamptz NOT NULL,
    slot_id        uuid        NOT NULL REFERENCES slots (id) ON DELETE RESTRICT,
    clinic_id      uuid        NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    clinician_id   uuid        NOT NULL,
    start_utc      timestamptz NOT NULL,
    end_utc        timestamptz NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('InPerson', 'Telemedicine')),
    reason         text        NOT NULL,
    assessment_id  uuid        NULL REFERENCES saved_assessments (id) ON DELETE SET NULL,
    disposition    text        NULL,
    join_url       text        NULL,
    status         text        NOT NULL CHECK (status IN ('Booked', 'Cancelled')),
    cancelled_utc  timestamptz NULL
);
-- A slot is never booked twice: at most one booked appointment per slot, whatever the concurrency.
CREATE UNIQUE INDEX ux_appointments_booked_slot ON appointments (slot_id) WHERE status = 'Booked';
CREATE INDEX ix_appointments_owner_created ON appointments (owner_id, created_utc);
CREATE INDEX ix_appointments_clinic_start ON appointments (clinic_id, start_utc);

-- The thread between a person (owner) and a clinic is all messages with that pair.
CREATE TABLE messages (
    id           uuid        NOT NULL PRIMARY KEY,
    owner_id     uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc  timestamptz NOT NULL,
    clinic_id    uuid        NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    author_id    uuid        NOT NULL,
    from_clinic  boolean     NOT NULL,
    body         text        NOT NULL,
    read_utc     timestamptz NULL
);
CREATE INDEX ix_messages_clinic_owner_created ON messages (clinic_id, owner_id, created_utc);
CREATE INDEX ix_messages_owner_created ON messages (owner_id, created_utc);

CREATE TABLE contact_requests (
    id           uuid        NOT NULL PRIMARY KEY,
    clinic_id    uuid        NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    created_utc  timestamptz NOT NULL,
    name         text        NOT NULL,
    email        text        NULL,
    phone        text        NULL,
    body         text        NOT NULL,
    account_id   uuid        NULL REFERENCES accounts (id) ON DELETE CASCADE,
    handled_utc  timestamptz NULL
);
CREATE INDEX ix_contact_requests_clinic_created ON contact_requests (clinic_id, created_utc);

CREATE TABLE clinical_notes (
    id           uuid        NOT NULL PRIMARY KEY,
    owner_id     uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc  timestamptz NOT NULL,
    clinic_id    uuid        NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    author_id    uuid        NOT NULL,
    body         text        NOT NULL
);
CREATE INDEX ix_clinical_notes_clinic_owner_created ON clinical_notes (clinic_id, owner_id, created_utc);

-- One row per patient of a clinic, kept current on every assessment, diary entry, booking and message; the worklist
-- reads its first page straight off ix_clinic_patients_worklist.
CREATE TABLE clinic_patients (
    clinic_id          uuid        NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    patient_id         uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    priority           integer     NOT NULL CHECK (priority BETWEEN 0 AND 4),
    waiting_since_utc  timestamptz NOT NULL,
    last_activity_utc  timestamptz NOT NULL,
    PRIMARY KEY (clinic_id, patient_id)
);
CREATE INDEX ix_clinic_patients_worklist ON clinic_patients (clinic_id, priority, waiting_since_utc);
CREATE INDEX ix_clinic_patients_patient ON clinic_patients (patient_id);
