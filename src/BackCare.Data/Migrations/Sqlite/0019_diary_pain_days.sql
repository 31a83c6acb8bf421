-- BackCare schema 0019 for SQLite: what a clinic's outcomes page needs to read without walking each diary entry
-- (decision 0019, docs/performance.md "Clinic outcomes").
--
-- diary_pain_days: each person's diary pain per day since their first saved check, the day being whole 24-hour periods
-- from that check and the pain that of their latest entry in it; days 0 to 45 only (six weeks and the three days of
-- slack "improving at 6 weeks" allows). The view diary_pain_days_due says what the table must hold; triggers keep it so
-- in the transaction that writes an entry or a check, whatever writes them, and the last statement fills it from the
-- diary already there. A timestamp is text 'yyyy-MM-dd HH:mm:ss' with up to 7 digits of fraction (EF Core's format);
-- the whole seconds go through strftime and the fraction is counted apart, so a day is cut at the 100 ns tick as the
-- application cuts it (strftime alone rounds to milliseconds).
--
-- ix_diary_entries_red_flag_created: the diary's red flags (about 1 entry in 2,000) by when they were written.

CREATE TABLE diary_pain_days (
    owner_id           TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day                INTEGER NOT NULL CHECK (day BETWEEN 0 AND 45),
    pain_score         INTEGER NOT NULL CHECK (pain_score BETWEEN 0 AND 10),
    entry_created_utc  TEXT    NOT NULL,
    PRIMARY KEY (owner_id, day)
) WITHOUT ROWID;

CREATE VIEW diary_pain_days_due AS
SELECT owner_id, ticks / 864000000000 AS day, pain_score, max(created_utc) AS entry_created_utc
FROM (
    SELECT owner_id, pain_score, created_utc,
        (strftime('%s', substr(created_utc, 1, 19)) - strftime('%s', substr(first_utc, 1, 19))) * 10000000
            + CAST(substr(substr(created_utc, 21) || '0000000', 1, 7) AS INTEGER)
            - CAST(substr(substr(first_utc, 21) || '0000000', 1, 7) AS INTEGER) AS ticks
    FROM (
        SELECT e.owner_id, e.pain_score, e.created_utc,
            (SELECT min(s.created_utc) FROM saved_assessments s WHERE s.owner_id = e.owner_id) AS first_utc
        FROM diary_entries e
    )
    WHERE created_utc >= first_utc
)
WHERE ticks < 46 * 864000000000
GROUP BY owner_id, day;

-- A new entry: its day, if the person has a first check before it; the later entry of a day wins.
CREATE TRIGGER diary_pain_days_after_entry AFTER INSERT ON diary_entries
BEGIN
    INSERT INTO diary_pain_days (owner_id, day, pain_score, entry_created_utc)
    SELECT NEW.owner_id, ticks / 864000000000, NEW.pain_score, NEW.created_utc
    FROM (
        SELECT (strftime('%s', substr(NEW.created_utc, 1, 19)) - strftime('%s', substr(f.first_utc, 1, 19))) * 10000000
            + CAST(substr(substr(NEW.created_utc, 21) || '0000000', 1, 7) AS INTEGER)
            - CAST(substr(substr(f.first_utc, 21) || '0000000', 1, 7) AS INTEGER) AS ticks
        FROM (SELECT min(created_utc) AS first_utc FROM saved_assessments WHERE owner_id = NEW.owner_id) f
        WHERE f.first_utc <= NEW.created_utc
    )
    WHERE ticks < 46 * 864000000000
    ON CONFLICT (owner_id, day) DO UPDATE SET pain_score = excluded.pain_score, entry_created_utc = excluded.entry_created_utc
        WHERE excluded.entry_created_utc >= diary_pain_days.entry_created_utc;
END;

-- Anything else that can move a person's days (a first check, or one removed or changed; an entry removed or changed)
-- makes the person's rows again from the view. The application only ever adds checks and entries, and removes them
-- with the person (whose rows go first), so these are rare and small.
CREATE TRIGGER diary_pain_days_after_first_check AFTER INSERT ON saved_assessments
WHEN NOT EXISTS (SELECT 1 FROM saved_assessments s WHERE s.owner_id = NEW.owner_id AND s.created_utc < NEW.created_utc)
BEGIN
    DELETE FROM diary_pain_days WHERE owner_id = NEW.owner_id;
    INSERT INTO diary_pain_days (owner_id, day, pain_score, entry_created_utc)
    SELECT owner_id, day, pain_score, entry_created_utc FROM diary_pain_days_due WHERE owner_id = NEW.owner_id;
END;

CREATE TRIGGER diary_pain_days_after_first_check_removed AFTER DELETE ON saved_assessments
WHEN NOT EXISTS (SELECT 1 FROM saved_assessments s WHERE s.owner_id = OLD.owner_id AND s.created_utc <= OLD.created_utc)
BEGIN
    DELETE FROM diary_pain_days WHERE owner_id = OLD.owner_id;
    INSERT INTO diary_pain_days (owner_id, day, pain_score, entry_created_utc)
    SELECT owner_id, day, pain_score, entry_created_utc FROM diary_pain_days_due WHERE owner_id = OLD.owner_id;
END;

CREATE TRIGGER diary_pain_days_after_check_changed AFTER UPDATE OF owner_id, created_utc ON saved_assessments
BEGIN
    DELETE FROM diary_pain_days WHERE owner_id IN (OLD.owner_id, NEW.owner_id);
    INSERT INTO diary_pain_days (owner_id, day, pain_score, entry_created_utc)
    SELECT owner_id, day, pain_score, entry_created_utc FROM diary_pain_days_due WHERE owner_id IN (OLD.owner_id, NEW.owner_id);
END;

CREATE TRIGGER diary_pain_days_after_entry_removed AFTER DELETE ON diary_entries
WHEN EXISTS (SELECT 1 FROM diary_pain_days d WHERE d.owner_id = OLD.owner_id AND d.entry_created_utc = OLD.created_utc)
BEGIN
    DELETE FROM diary_pain_days WHERE owner_id = OLD.owner_id;
    INSERT INTO diary_pain_days (owner_id, day, pain_score, entry_created_utc)
    SELECT owner_id, day, pain_score, entry_created_utc FROM diary_pain_days_due WHERE owner_id = OLD.owner_id;
END;

CREATE TRIGGER diary_pain_days_after_entry_changed AFTER UPDATE OF owner_id, created_utc, pain_score ON diary_entries
BEGIN
    DELETE FROM diary_pain_days WHERE owner_id IN (OLD.owner_id, NEW.owner_id);
    INSERT INTO diary_pain_days (owner_id, day, pain_score, entry_created_utc)
    SELECT owner_id, day, pain_score, entry_created_utc FROM diary_pain_days_due WHERE owner_id IN (OLD.owner_id, NEW.owner_id);
END;

INSERT INTO diary_pain_days (owner_id, day, pain_score, entry_created_utc)
SELECT owner_id, day, pain_score, entry_created_utc FROM diary_pain_days_due;

CREATE INDEX ix_diary_entries_red_flag_created ON diary_entries (created_utc, owner_id) WHERE red_flag;
