-- Follow-up tasks (issue 17): what is due when about a person's case, and whose it is (a console user). The title is
-- free text, so it is encrypted (bound to the task) and emptied (null, with `title_erased_at`) when the person's data
-- is erased; kind, dates, owner and state stay for accountability. (0027 is another branch's migration.)
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"owner_id" uuid NOT NULL REFERENCES "users"("id"),
	"title" bytea,
	"title_erased_at" timestamp with time zone,
	"state" text DEFAULT 'open' NOT NULL,
	"created_by_kind" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by_kind" text,
	"closed_by_id" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "follow_ups_person_idx" ON "follow_ups" ("person_id", "due_on", "id");
--> statement-breakpoint
CREATE INDEX "follow_ups_owner_idx" ON "follow_ups" ("owner_id", "state", "due_on", "id");
--> statement-breakpoint
CREATE INDEX "follow_ups_state_idx" ON "follow_ups" ("state", "due_on", "id");
