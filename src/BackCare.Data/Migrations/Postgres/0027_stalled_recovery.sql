-- BackCare schema 0027 for PostgreSQL: stalled recovery raises a clinic's patient once per milestone (decision 0029).
--
-- stalled_days: the latest milestone (7 or 28 days since the person's first check) at which their recovery was found
-- stalled and they were raised on the clinic's worklist; null before any. The raise is one UPDATE conditional on it
-- being below the milestone, so a second run or a second instance never raises the same milestone twice.
-- stalled_utc: when that raise happened; the row's "why" names the stall while it is part of the current wait.
--
-- The worklist's pain sparkline reads diary_entries by ix_diary_entries_owner_created (owner_id, created_utc) on each
-- month's partition, for the page's rows only: no index is added for it. Adding nullable columns without a default
-- rewrites nothing.

ALTER TABLE clinic_patients ADD COLUMN stalled_days integer NULL CONSTRAINT ck_clinic_patients_stalled_days CHECK (stalled_days IN (7, 28));
ALTER TABLE clinic_patients ADD COLUMN stalled_utc timestamptz NULL;
