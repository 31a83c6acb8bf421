-- BackCare schema 0028 for PostgreSQL: the patient lists' searches and later pages served by indexes (decision 0031).
--
-- A search that names a date matches the date of birth by this index.
CREATE INDEX ix_accounts_date_of_birth ON accounts (date_of_birth) WHERE date_of_birth IS NOT NULL;

-- A phone's digits anywhere, by a trigram index as the name and email have had since 0025 (same conditions).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX IF NOT EXISTS ix_accounts_phone_digits_trgm ON accounts USING gin (phone_digits gin_trgm_ops);
    ELSE
        RAISE NOTICE 'pg_trgm is not installed: the patient search by phone works without its index, more slowly.';
    END IF;
END
$$;

-- sort_name: the patient's name as the list of all patients sorts it (lower(display_name), as before), kept on the clinic's
-- row so that the list pages by a keyset on ix_clinic_patients_by_name instead of sorting every patient before an offset.
ALTER TABLE clinic_patients ADD COLUMN sort_name text NOT NULL DEFAULT '';

UPDATE clinic_patients cp SET sort_name = lower(a.display_name) FROM accounts a WHERE a.id = cp.patient_id;

CREATE INDEX ix_clinic_patients_by_name ON clinic_patients (clinic_id, sort_name, patient_id);

CREATE FUNCTION backcare_clinic_patient_sort_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sort_name := coalesce((SELECT lower(a.display_name) FROM accounts a WHERE a.id = NEW.patient_id), '');
    RETURN NEW;
END
$$;

CREATE TRIGGER clinic_patients_sort_name BEFORE INSERT ON clinic_patients
    FOR EACH ROW EXECUTE FUNCTION backcare_clinic_patient_sort_name();

CREATE FUNCTION backcare_account_sort_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE clinic_patients SET sort_name = lower(NEW.display_name) WHERE patient_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER accounts_sort_name AFTER UPDATE OF display_name ON accounts
    FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name) EXECUTE FUNCTION backcare_account_sort_name();
