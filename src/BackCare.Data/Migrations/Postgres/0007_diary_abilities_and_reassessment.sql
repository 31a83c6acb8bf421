-- BackCare schema 0007 for PostgreSQL: how well the person could walk, sit, sleep and work (three levels, where
-- 0001 kept only yes/no), their own words for what else helped, and the whole re-assessment of each entry
-- (the step of stepped care, the new red flags and the contract's result JSON) so a clinician can read it later.
-- Entries written before this keep NULL: nothing is made up for them.

ALTER TABLE diary_entries
    ADD COLUMN walk_level         text NULL CHECK (walk_level IN ('Normal', 'Limited', 'NotAtAll')),
    ADD COLUMN sit_level          text NULL CHECK (sit_level IN ('Normal', 'Limited', 'NotAtAll')),
    ADD COLUMN sleep_level        text NULL CHECK (sleep_level IN ('Normal', 'Limited', 'NotAtAll')),
    ADD COLUMN work_level         text NULL CHECK (work_level IN ('Normal', 'Limited', 'NotAtAll')),
    ADD COLUMN what_helped_other  text NULL,
    ADD COLUMN step_up            text NULL,
    ADD COLUMN new_red_flags_json text NOT NULL DEFAULT '[]',
    ADD COLUMN result_json        text NULL;
