-- Case status (issue 17): where a person's trajectory stands after the first report (HTCDS 2.0 cas_Status), kept on
-- the person for lists, with every change and its coded reason (no free text: words go into encrypted case notes).
ALTER TABLE "persons" ADD COLUMN "case_status" text DEFAULT 'active' NOT NULL
  CHECK ("case_status" IN ('active', 'follow_up', 'closed', 'closed_referred'));
--> statement-breakpoint
CREATE TABLE "case_status_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"reason" text NOT NULL,
	"changed_by_kind" text NOT NULL,
	"changed_by_id" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_status_changes_person_idx" ON "case_status_changes" ("person_id", "id");
