-- Case attachments (issue 17): files in a person's case. The description keeps the file name encrypted (bound to the
-- attachment), the media type, size and SHA-256, and who uploaded it when; the bytes are in attachment_chunks, each
-- chunk encrypted on its own (bound to attachment and chunk number). Erasure empties the name, deletes the chunks and
-- sets erased_at.
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"file_name" bytea,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_by_kind" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"erased_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "attachments_person_idx" ON "attachments" ("person_id", "id");
--> statement-breakpoint
CREATE TABLE "attachment_chunks" (
	"attachment_id" uuid NOT NULL REFERENCES "attachments"("id"),
	"chunk" integer NOT NULL,
	"data" bytea NOT NULL,
	PRIMARY KEY ("attachment_id", "chunk")
);
