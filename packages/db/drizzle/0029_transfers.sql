-- Transfers of a registration between organisations (issue 17, item 5): the registration's organisation_id moves to
-- the receiver in the same transaction, its row held, and this records from whom, to whom, why, when, by whom, and
-- the version it moved at (what the sending organisation keeps reading, read-only). No free text: the reason is a code.
CREATE TABLE "registration_transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"registration_id" uuid NOT NULL REFERENCES "registrations"("id"),
	"from_organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"to_organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"reason" text NOT NULL
		CHECK ("reason" IN ('care_takes_over', 'other_region', 'wrong_organisation', 'other')),
	"version" integer NOT NULL,
	"transferred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"transferred_by_kind" text NOT NULL,
	"transferred_by_id" text NOT NULL,
	CHECK ("from_organisation_id" <> "to_organisation_id"),
	FOREIGN KEY ("registration_id", "version") REFERENCES "registration_versions"("registration_id", "version")
);
--> statement-breakpoint
CREATE INDEX "registration_transfers_registration_idx" ON "registration_transfers" ("registration_id", "id");
--> statement-breakpoint
CREATE INDEX "registration_transfers_from_idx" ON "registration_transfers" ("from_organisation_id", "registration_id");
