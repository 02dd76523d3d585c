-- Key rotation (issue 12): a key id whose data has all been rotated away is retired (a server starting with it as
-- its current key is refused); each blind index row names the index key it was made under (null: made before key
-- ids, under the database's first index key), so a rotation can rebuild the ones under a previous key.
ALTER TABLE "key_checks" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "person_blind_indexes" ADD COLUMN "key_id" text;--> statement-breakpoint
CREATE INDEX "person_blind_indexes_key_id_idx" ON "person_blind_indexes" USING btree ("key_id","person_id");
