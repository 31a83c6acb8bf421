-- BackCare schema 0023 for PostgreSQL: each clinic's latest outcomes, worked out at most every 10 minutes by the
-- instance that leads the background work, so that the outcomes page and its CSV read one row (decision 0019). The
-- figures are the JSON of ClinicOutcomes (kept as text, read only by the application): aggregates over the clinic's
-- patients, no person's record. One row a clinic.

CREATE TABLE clinic_outcome_snapshots (
    clinic_id     uuid        NOT NULL PRIMARY KEY REFERENCES clinics (id) ON DELETE CASCADE,
    computed_utc  timestamptz NOT NULL,
    figures       text        NOT NULL
);
