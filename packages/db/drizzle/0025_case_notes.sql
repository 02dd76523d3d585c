-- Case notes (issue 17): free text about a person's care (HTCDS 2.0 case comments), encrypted and versioned. The note
-- keeps who wrote it first and who last; each version keeps its own ciphertext (bound to note and number), emptied
-- (null) when the person's data is erased, while dates and authors stay for accountability.
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_kind" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_kind" text NOT NULL,
	"updated_by_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"erased_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "case_notes_person_idx" ON "case_notes" ("person_id", "id");
--> statement-breakpoint
CREATE TABLE "case_note_versions" (
	"note_id" uuid NOT NULL REFERENCES "case_notes"("id"),
	"version" integer NOT NULL,
	"text" bytea,
	"written_by_kind" text NOT NULL,
	"written_by_id" text NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	PRIMARY KEY ("note_id", "version")
);
