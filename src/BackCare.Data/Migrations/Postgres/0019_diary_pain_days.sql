-- BackCare schema 0019 for PostgreSQL: what a clinic's outcomes page needs to read without walking each diary entry
-- (decision 0019, docs/performance.md "Clinic outcomes").
--
-- diary_pain_days: each person's diary pain per day since their first saved check, the day being whole 24-hour periods
-- from that check and the pain that of their latest entry in it; days 0 to 45 only (six weeks and the three days of
-- slack "improving at 6 weeks" allows). The view diary_pain_days_due says what the table must hold; triggers keep it so
-- in the transaction that writes an entry or a check, whatever writes them (the diary writer's COPY, EF, a seed), and
-- the last statements fill it from the diary already there. A day is counted from the difference of two timestamptz
-- in exact seconds, so the session's time zone plays no part.
--
-- ix_diary_entries_red_flag_created: the diary's red flags (about 1 entry in 2,000) by when they were written.

CREATE TABLE diary_pain_days (
    owner_id           uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day                integer     NOT NULL CHECK (day BETWEEN 0 AND 45),
    pain_score         integer     NOT NULL CHECK (pain_score BETWEEN 0 AND 10),
    entry_created_utc  timestamptz NOT NULL,
    PRIMARY KEY (owner_id, day)
);

CREATE VIEW diary_pain_days_due AS
SELECT DISTINCT ON (e.owner_id, d.day) e.owner_id, d.day, e.pain_score, e.created_utc AS entry_created_utc
FROM diary_entries e
JOIN (SELECT owner_id, min(created_utc) AS first_utc FROM saved_assessments GROUP BY owner_id) f ON f.owner_id = e.owner_id
CROSS JOIN LATERAL (SELECT floor(extract(epoch FROM e.created_utc - f.first_utc) / 86400)::integer AS day) d
WHERE e.created_utc >= f.first_utc AND d.day <= 45
ORDER BY e.owner_id, d.day, e.created_utc DESC;

-- A person's first check made (or moved) after entries that follow it, and an entry taken from the diary at the same
-- moment, would each miss the other under READ COMMITTED: the writes to the diary share one advisory lock and making
-- a person's rows again takes it alone, so one of them always sees the other's committed rows.
CREATE FUNCTION diary_pain_days_rebuild(person uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(4783213591805389166);
    DELETE FROM diary_pain_days WHERE owner_id = person;
    INSERT INTO diary_pain_days (owner_id, day, pain_score, entry_created_utc)
    SELECT v.owner_id, v.day, v.pain_score, v.entry_created_utc FROM diary_pain_days_due v WHERE v.owner_id = person;
END;
$$;

-- New entries, one statement's at once (the diary writer sends a batch as one COPY): each one's day, if its person has
-- a first check before it; the later entry of a day wins.
CREATE FUNCTION diary_pain_days_after_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(4783213591805389166);
    INSERT INTO diary_pain_days (owner_id, day, pain_score, entry_created_utc)
    SELECT DISTINCT ON (e.owner_id, d.day) e.owner_id, d.day, e.pain_score, e.created_utc
    FROM added e
    CROSS JOIN LATERAL (SELECT min(s.created_utc) AS first_utc FROM saved_assessments s WHERE s.owner_id = e.owner_id) f
    CROSS JOIN LATERAL (SELECT floor(extract(epoch FROM e.created_utc - f.first_utc) / 86400)::integer AS day) d
    WHERE e.created_utc >= f.first_utc AND d.day <= 45
    ORDER BY e.owner_id, d.day, e.created_utc DESC
    ON CONFLICT (owner_id, day) DO UPDATE SET pain_score = excluded.pain_score, entry_created_utc = excluded.entry_created_utc
        WHERE excluded.entry_created_utc >= diary_pain_days.entry_created_utc;
    RETURN NULL;
END;
$$;

CREATE TRIGGER diary_pain_days_after_entries AFTER INSERT ON diary_entries
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION diary_pain_days_after_entries();

-- Anything else that can move a person's days (a first check, or one removed or changed; an entry removed or changed)
-- makes the person's rows again from the view. The application only ever adds checks and entries, and removes them
-- with the person (whose rows go first), so these are rare and small.
CREATE FUNCTION diary_pain_days_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'saved_assessments' AND TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM saved_assessments s WHERE s.owner_id = NEW.owner_id AND s.created_utc < NEW.created_utc) THEN
            PERFORM diary_pain_days_rebuild(NEW.owner_id);
        END IF;
    ELSIF TG_TABLE_NAME = 'saved_assessments' AND TG_OP = 'DELETE' THEN
        IF NOT EXISTS (SELECT 1 FROM saved_assessments s WHERE s.owner_id = OLD.owner_id AND s.created_utc <= OLD.created_utc) THEN
            PERFORM diary_pain_days_rebuild(OLD.owner_id);
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM diary_pain_days d WHERE d.owner_id = OLD.owner_id AND d.entry_created_utc = OLD.created_utc) THEN
            PERFORM diary_pain_days_rebuild(OLD.owner_id);
        END IF;
    ELSE
        PERFORM diary_pain_days_rebuild(OLD.owner_id);
        IF NEW.owner_id <> OLD.owner_id THEN
            PERFORM diary_pain_days_rebuild(NEW.owner_id);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER diary_pain_days_after_check AFTER INSERT OR DELETE ON saved_assessments
    FOR EACH ROW EXECUTE FUNCTION diary_pain_days_after_change();
CREATE TRIGGER diary_pain_days_after_check_changed AFTER UPDATE OF owner_id, created_utc ON saved_assessments
    FOR EACH ROW EXECUTE FUNCTION diary_pain_days_after_change();
CREATE TRIGGER diary_pain_days_after_entry_removed AFTER DELETE ON diary_entries
    FOR EACH ROW EXECUTE FUNCTION diary_pain_days_after_change();
CREATE TRIGGER diary_pain_days_after_entry_changed AFTER UPDATE OF owner_id, created_utc, pain_score ON diary_entries
    FOR EACH ROW EXECUTE FUNCTION diary_pain_days_after_change();

INSERT INTO diary_pain_days (owner_id, day, pain_score, entry_created_utc)
SELECT owner_id, day, pain_score, entry_created_utc FROM diary_pain_days_due;

CREATE INDEX ix_diary_entries_red_flag_created ON diary_entries (created_utc, owner_id) WHERE red_flag;
