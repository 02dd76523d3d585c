-- Webhooks (issue 17): partners' endpoints and the outbox of deliveries. A delivery is written in the transaction of
-- the change it announces and posted by the worker; its event holds ids and states only. The endpoint's signing
-- secret is encrypted by the application (AEAD, bound to the endpoint's id).
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"description" text,
	"secret" bytea NOT NULL,
	"status" text DEFAULT 'active' NOT NULL CHECK ("status" IN ('active', 'disabled')),
	"failed_attempts_in_a_row" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "webhook_endpoints_organisation_idx" ON "webhook_endpoints" ("organisation_id");
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"endpoint_id" uuid NOT NULL REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE,
	"event" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL CHECK ("status" IN ('pending', 'succeeded', 'failed')),
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_response_status" integer,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" ("endpoint_id", "id");
--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" ("next_attempt_at") WHERE "status" = 'pending';
--> statement-breakpoint
-- A UUIDv7 made by the database (PostgreSQL 15 has none built in): the first 48 bits are the Unix time in
-- milliseconds, then the version (7), the variant and random bits from gen_random_uuid(). For rows the database
-- writes itself, such as one delivery per subscribed endpoint of an event.
CREATE FUNCTION "comensha_uuid_v7"() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(
      set_bit(
        overlay(uuid_send(gen_random_uuid())
          PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
          FROM 1 FOR 6),
        52, 1),
      53, 1),
    'hex')::uuid
$$;
