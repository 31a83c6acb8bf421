-- BackCare schema 0005 for SQLite: the steps of the home-care plan a person ticked as done, one row per step and plan day.

CREATE TABLE plan_step_ticks (
    id           TEXT    NOT NULL PRIMARY KEY,
    owner_id     TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc  TEXT    NOT NULL,
    plan_day     INTEGER NOT NULL CHECK (plan_day >= 0),
    step_id      TEXT    NOT NULL CHECK (length(step_id) <= 64)
);
CREATE UNIQUE INDEX ux_plan_step_ticks_owner_day_step ON plan_step_ticks (owner_id, plan_day, step_id);
