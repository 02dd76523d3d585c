ALTER TABLE "placement_requests" ADD COLUMN "person_id" uuid;--> statement-breakpoint
ALTER TABLE "placement_requests" ADD COLUMN "requested_by" text DEFAULT 'partner' NOT NULL;--> statement-breakpoint
ALTER TABLE "placement_requests" ADD COLUMN "requested_on" date DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "placement_requests" ADD COLUMN "preferred_region" text;--> statement-breakpoint
ALTER TABLE "placement_requests" ADD CONSTRAINT "placement_requests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;