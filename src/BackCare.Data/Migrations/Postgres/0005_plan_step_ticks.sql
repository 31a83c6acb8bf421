-- BackCare schema 0005 for PostgreSQL: the steps of the home-care plan a person ticked as done, one row per step and plan day.

CREATE TABLE plan_step_ticks (
    id           uuid        NOT NULL PRIMARY KEY,
    owner_id     uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_utc  timestamptz NOT NULL,
    plan_day     integer     NOT NULL CHECK (plan_day >= 0),
    step_id      varchar(64) NOT NULL
);
CREATE UNIQUE INDEX ux_plan_step_ticks_owner_day_step ON plan_step_ticks (owner_id, plan_day, step_id);
