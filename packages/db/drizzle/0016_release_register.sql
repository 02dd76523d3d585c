-- The release register (issue 14): every report as it was published (its tables with suppressed values null), which
-- every new report is checked against before it is released. No personal data: published tables only. What is out
-- is out, so the register is append-only: a release taken off it would let a report be checked against less than
-- a reader can combine.
CREATE TABLE "report_releases" (
	"sequence" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"family" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"policy" jsonb NOT NULL,
	"tables" jsonb NOT NULL,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_releases_report_id_unique" UNIQUE("report_id")
);
--> statement-breakpoint
ALTER TABLE "report_releases" ADD CONSTRAINT "report_releases_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "report_releases_family_idx" ON "report_releases" USING btree ("family","sequence");
--> statement-breakpoint
CREATE FUNCTION comensha_report_releases_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report_releases is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER report_releases_append_only
BEFORE UPDATE OR DELETE ON report_releases
FOR EACH ROW EXECUTE FUNCTION comensha_report_releases_append_only();
