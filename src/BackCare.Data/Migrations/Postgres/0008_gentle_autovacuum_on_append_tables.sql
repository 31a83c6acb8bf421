-- BackCare schema 0008 for PostgreSQL: a slower pace for autovacuum on the two tables that grow with every diary
-- entry (diary_entries with its TOAST table, and audit_events). Rows are added all day and removed only when a person
-- deletes their account, so their vacuums mostly set visibility bits on pages just written, and nothing waits for them. At the stock pace
-- (a 2 ms pause per 200 cost units) such a vacuum dirties up to about 40 MB of pages a second, which the kernel later
-- writes out in one burst that stalls the diary's commits behind it for 100 ms or more (docs/performance.md,
-- "Diary writes"). A 20 ms pause keeps the same work to about a tenth of that rate. Settings only: no data changes,
-- and an administrator may set other values with ALTER TABLE.

ALTER TABLE diary_entries SET (autovacuum_vacuum_cost_delay = 20, toast.autovacuum_vacuum_cost_delay = 20);
ALTER TABLE audit_events SET (autovacuum_vacuum_cost_delay = 20);
