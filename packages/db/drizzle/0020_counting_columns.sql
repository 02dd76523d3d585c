-- Reports computed in the database (issue 16): the facts of a registration that the counting rule and the reports'
-- tables group by, taken out of its JSON `data` into STORED generated columns, so that the aggregates
-- (StatisticsSource.countedYears) read plain columns instead of parsing every report's JSON, and writers change
-- nothing. The functions are IMMUTABLE, as generated columns require: they read only their argument.
CREATE FUNCTION comensha_json_texts(value jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY(
  SELECT element
  FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(value) = 'array' THEN value ELSE '[]'::jsonb END)
    WITH ORDINALITY AS elements(element, position)
  ORDER BY position
);--> statement-breakpoint
-- A report's known nationalities as the counting rule reads them (Counting.countPersons): each once, in the
-- reporter's order, without `unknown`.
CREATE FUNCTION comensha_known_nationalities(value jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY(
  SELECT element
  FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(value) = 'array' THEN value ELSE '[]'::jsonb END)
    WITH ORDINALITY AS elements(element, position)
  WHERE element <> 'unknown'
  GROUP BY element
  ORDER BY min(position)
);--> statement-breakpoint
-- One statement, so the table is rewritten once.
ALTER TABLE "registrations"
  ADD COLUMN "counted_sex" text GENERATED ALWAYS AS ("data" #>> '{person,sex}') STORED,
  ADD COLUMN "counted_nationalities" text[]
    GENERATED ALWAYS AS (comensha_known_nationalities("data" #> '{person,nationalities}')) STORED,
  ADD COLUMN "counted_forms" text[] GENERATED ALWAYS AS (comensha_json_texts("data" #> '{exploitation,forms}')) STORED,
  ADD COLUMN "counted_sector" text GENERATED ALWAYS AS ("data" #>> '{exploitation,sector}') STORED,
  ADD COLUMN "counted_police_region" text GENERATED ALWAYS AS ("data" #>> '{exploitation,policeRegion}') STORED,
  ADD COLUMN "counted_country" text GENERATED ALWAYS AS ("data" #>> '{exploitation,country}') STORED;
