-- Free text that can name people is stored encrypted (issue 12). SQL cannot encrypt: existing reasons move to
-- *_plaintext columns, which `sealLegacyPlaintext` (run after the migrations by the server, the worker and every
-- CLI command that opens storage) encrypts into the new columns and empties; a later migration drops them.
-- Stored idempotent answers are a 24-hour replay cache: the plaintext ones are dropped, not converted.
DELETE FROM "idempotency_keys" WHERE "state" = 'completed';--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "response" "bytea";--> statement-breakpoint
ALTER TABLE "idempotency_keys" DROP COLUMN "response_headers";--> statement-breakpoint
ALTER TABLE "idempotency_keys" DROP COLUMN "response_body";--> statement-breakpoint
ALTER TABLE "duplicates" RENAME COLUMN "decision_reason" TO "decision_reason_plaintext";--> statement-breakpoint
ALTER TABLE "duplicates" ADD COLUMN "decision_reason" "bytea";--> statement-breakpoint
ALTER TABLE "placement_offers" RENAME COLUMN "override_reason" TO "override_reason_plaintext";--> statement-breakpoint
ALTER TABLE "placement_offers" ADD COLUMN "override_reason" "bytea";
