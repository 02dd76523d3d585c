-- Key check values (issue 12): per purpose (`encryption`, `index`) and key id, HMAC-SHA-256 of a fixed label under
-- the key, truncated. Never the key. The server, the worker and the CLI refuse to start when their keys are not here.
CREATE TABLE "key_checks" (
	"purpose" text NOT NULL,
	"key_id" text NOT NULL,
	"check_value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "key_checks_purpose_key_id_pk" PRIMARY KEY("purpose","key_id")
);
