-- Referrals to care (issue 17): a coordinator refers a person to an organisation for a service; the organisation
-- accepts or declines with a coded reason and reports back with a coded outcome. Whether identifiers go with it, and
-- on which legal basis, is recorded with the referral; no free text is kept here (words go into encrypted notes).
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"to_organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"service" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL
		CHECK ("state" IN ('pending', 'accepted', 'declined', 'completed', 'withdrawn')),
	"share_identifiers" boolean NOT NULL,
	"sharing_basis" text CHECK ("sharing_basis" IN ('consent', 'vital_interest')),
	"consent_given_on" date,
	"referred_by_kind" text NOT NULL,
	"referred_by_id" text NOT NULL,
	"referring_organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"referred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"decline_reason" text,
	"outcome" text,
	"reported_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	CHECK (NOT "share_identifiers" OR "sharing_basis" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX "referrals_organisation_idx" ON "referrals" ("to_organisation_id", "id");
--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" ("person_id", "id");
