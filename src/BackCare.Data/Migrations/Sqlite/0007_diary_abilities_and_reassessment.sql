-- BackCare schema 0007 for SQLite: how well the person could walk, sit, sleep and work (three levels, where
-- 0001 kept only yes/no), their own words for what else helped, and the whole re-assessment of each entry
-- (the step of stepped care, the new red flags and the contract's result JSON) so a clinician can read it later.
-- Entries written before this keep NULL: nothing is made up for them.

ALTER TABLE diary_entries ADD COLUMN walk_level TEXT NULL CHECK (walk_level IN ('Normal', 'Limited', 'NotAtAll'));
ALTER TABLE diary_entries ADD COLUMN sit_level TEXT NULL CHECK (sit_level IN ('Normal', 'Limited', 'NotAtAll'));
ALTER TABLE diary_entries ADD COLUMN sleep_level TEXT NULL CHECK (sleep_level IN ('Normal', 'Limited', 'NotAtAll'));
ALTER TABLE diary_entries ADD COLUMN work_level TEXT NULL CHECK (work_level IN ('Normal', 'Limited', 'NotAtAll'));
ALTER TABLE diary_entries ADD COLUMN what_helped_other TEXT NULL;
ALTER TABLE diary_entries ADD COLUMN step_up TEXT NULL;
ALTER TABLE diary_entries ADD COLUMN new_red_flags_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE diary_entries ADD COLUMN result_json TEXT NULL;
