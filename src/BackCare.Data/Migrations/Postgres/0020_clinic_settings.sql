-- BackCare schema 0020 for PostgreSQL: what an administrator sets for each clinic: what it offers, where it is
-- (latitude and longitude typed in by the administrator; no map service), the length of a visit, how many days ahead
-- people may book, and its own video link template (none: the server's Booking:JoinUrlTemplate).

ALTER TABLE clinics ADD COLUMN offers text NULL;
ALTER TABLE clinics ADD COLUMN latitude double precision NULL CHECK (latitude BETWEEN -90 AND 90);
ALTER TABLE clinics ADD COLUMN longitude double precision NULL CHECK (longitude BETWEEN -180 AND 180);
ALTER TABLE clinics ADD COLUMN slot_minutes integer NOT NULL DEFAULT 30 CHECK (slot_minutes BETWEEN 5 AND 240);
ALTER TABLE clinics ADD COLUMN booking_days integer NOT NULL DEFAULT 14 CHECK (booking_days BETWEEN 1 AND 366);
ALTER TABLE clinics ADD COLUMN join_url_template text NULL;
