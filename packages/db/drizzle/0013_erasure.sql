-- Retention and erasure (issue 12). Erasing a person empties the ciphertext of their identifiers on every version and
-- marks the registration erased; the rows and every statistical column stay, so no published figure changes.
-- Erasure requests keep who asked, who decided and why (the reasons encrypted, bound to the request).
ALTER TABLE "registrations" ALTER COLUMN "identifiers" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_identifiers_or_erased" CHECK ("identifiers" IS NOT NULL OR "erased_at" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "registration_versions" ALTER COLUMN "identifiers" DROP NOT NULL;--> statement-breakpoint
CREATE TABLE "erasure_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason" "bytea",
	"requested_by_kind" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by_kind" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"rejection_reason" "bytea",
	"erased" jsonb
);--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "erasure_requests_status_idx" ON "erasure_requests" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "erasure_requests_pending_idx" ON "erasure_requests" USING btree ("person_id") WHERE "erasure_requests"."status" = 'pending';
