-- BackCare schema 0025 for SQLite: nothing to change. PostgreSQL's 0025 adds trigram indexes for the patient lists'
-- search; SQLite has no such index, and its searched worklist was 15 to 24 ms at the 95th percentile at 100,000
-- patients without one (docs/performance.md, "Clinician worklist", stop 27). The number is kept in step on both.
SELECT 1;
