-- Separation of duties (issue 13): a console user or API key whose role needs a second administrator (coordinator,
-- admin) waits for approval when an administrator makes it through the API: who asked, who approved, and when.
-- A waiting user has status 'pending'; a waiting key has requested_by_* set and approved_at null.
ALTER TABLE "api_keys" ADD COLUMN "requested_by_kind" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "requested_by_id" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "approved_by_kind" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "approved_by_id" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "requested_by_kind" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "requested_by_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "approved_by_kind" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "approved_by_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "approved_at" timestamp with time zone;
