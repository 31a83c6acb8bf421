-- BackCare schema 0025 for PostgreSQL: trigram indexes for the patient lists' search by name or email (the worklist
-- and "all patients", decision 0018). The search asks LIKE '%text%', which no b-tree index serves: at 100,000
-- patients the searched worklist took 66 ms at the 95th percentile, 20 ms with these (docs/performance.md, "Clinician
-- worklist", stop 27). pg_trgm ships with PostgreSQL and is a trusted extension, so the database's owner may create it;
-- where it is not available or not allowed (some hosted services list the extensions they allow), the search stays
-- correct and only slower, and a notice says why.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE INDEX IF NOT EXISTS ix_accounts_display_name_trgm ON accounts USING gin (lower(display_name) gin_trgm_ops);
            CREATE INDEX IF NOT EXISTS ix_accounts_normalized_email_trgm ON accounts USING gin (normalized_email gin_trgm_ops);
        EXCEPTION WHEN insufficient_privilege OR feature_not_supported THEN
            RAISE NOTICE 'pg_trgm could not be created (%): the patient search works without its indexes, more slowly.', SQLERRM;
        END;
    ELSE
        RAISE NOTICE 'pg_trgm is not installed: the patient search works without its indexes, more slowly.';
    END IF;
END
$$;
