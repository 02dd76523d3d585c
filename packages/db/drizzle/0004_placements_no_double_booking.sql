-- A place is never booked twice for overlapping dates, under any concurrency: the database refuses it.
-- Placements are half-open date ranges [starts_on, ends_on): an ended placement frees the place on its end date.
-- btree_gist lets the exclusion constraint compare uuids with = next to the range overlap (&&).
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_ends_after_start" CHECK ("ends_on" IS NULL OR "ends_on" > "starts_on");
--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_no_double_booking"
  EXCLUDE USING gist ("place_id" WITH =, daterange("starts_on", "ends_on", '[)') WITH &&);
