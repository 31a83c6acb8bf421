-- BackCare schema 0028 for SQLite: the patient lists' searches and later pages served by indexes (decision 0031).
--
-- account_search: a full-text table with the trigram tokenizer over each account's name, email and phone digits, so a
-- search for text anywhere in them (three characters or more) is an index lookup instead of a LIKE on every account.
-- It holds copies of columns of accounts, kept by the triggers below (a new account, a change of those three columns, an
-- account removed, so erasure removes its row too). It is found by the account's id, not its rowid: a VACUUM may
-- renumber the rowids of accounts, never its ids.
CREATE VIRTUAL TABLE account_search USING fts5(id UNINDEXED, display_name, normalized_email, phone_digits, tokenize = 'trigram');

-- A deleted row's entries leave the index at once, not at some later merge (as secure_delete does for the tables), so an
-- erased person's trigrams, from which their name could be pieced together, do not stay behind.
INSERT INTO account_search (account_search, rank) VALUES ('secure-delete', 1);

INSERT INTO account_search (id, display_name, normalized_email, phone_digits)
SELECT id, display_name, normalized_email, phone_digits FROM accounts;

CREATE TRIGGER account_search_after_insert AFTER INSERT ON accounts
BEGIN
    INSERT INTO account_search (id, display_name, normalized_email, phone_digits)
    VALUES (NEW.id, NEW.display_name, NEW.normalized_email, NEW.phone_digits);
END;

CREATE TRIGGER account_search_after_update AFTER UPDATE OF display_name, normalized_email, phone_digits ON accounts
BEGIN
    DELETE FROM account_search WHERE id = OLD.id;
    INSERT INTO account_search (id, display_name, normalized_email, phone_digits)
    VALUES (NEW.id, NEW.display_name, NEW.normalized_email, NEW.phone_digits);
END;

CREATE TRIGGER account_search_after_delete AFTER DELETE ON accounts
BEGIN
    DELETE FROM account_search WHERE id = OLD.id;
END;

-- A search that names a date matches the date of birth by this index.
CREATE INDEX ix_accounts_date_of_birth ON accounts (date_of_birth) WHERE date_of_birth IS NOT NULL;

-- sort_name: the patient's name as the list of all patients sorts it (LOWER(display_name), as before), kept on the clinic's
-- row so that the list pages by a keyset on ix_clinic_patients_by_name instead of sorting every patient before an offset.
ALTER TABLE clinic_patients ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';

UPDATE clinic_patients SET sort_name = COALESCE((SELECT LOWER(a.display_name) FROM accounts a WHERE a.id = clinic_patients.patient_id), '');

CREATE INDEX ix_clinic_patients_by_name ON clinic_patients (clinic_id, sort_name, patient_id);

CREATE TRIGGER clinic_patients_sort_name_after_insert AFTER INSERT ON clinic_patients
BEGIN
    UPDATE clinic_patients SET sort_name = COALESCE((SELECT LOWER(a.display_name) FROM accounts a WHERE a.id = NEW.patient_id), '')
    WHERE clinic_id = NEW.clinic_id AND patient_id = NEW.patient_id;
END;

CREATE TRIGGER clinic_patients_sort_name_after_rename AFTER UPDATE OF display_name ON accounts
BEGIN
    UPDATE clinic_patients SET sort_name = LOWER(NEW.display_name) WHERE patient_id = NEW.id;
END;
