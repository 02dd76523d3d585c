-- Reports read person-years that the database keeps up to date (issue 16). The counting rule (Counting.countPersons)
-- ranks every counted registration of a year per person, and doing that for two years of registrations at each report
-- took most of an annual report's time. Here the rule runs for the persons a write touches, in the same transaction,
-- and the reports (ReportAggregates) group the stored person-years. A person-year is stored as the rule makes it from
-- the registrations that count (received or registered), each under its person after merges (one level, as the
-- reports have always resolved it): the first report's organisation, date, police region and country (earliest
-- `reported_on`, on the same day the lowest id); the sex, birth year and nationalities of the first report that knows
-- them; the union of the forms; the sectors of the reports of labour exploitation (`unknown` when a report names
-- none); and the organisation of every report. Codes are kept as the registrations hold them (text), so a code list
-- that changes needs no rebuild; the organisations' kind and region are read when a report is made.
CREATE TABLE "counted_person_years" (
  "person_id" uuid NOT NULL,
  "year" integer NOT NULL,
  "first_organisation_id" uuid NOT NULL,
  "first_on" date NOT NULL,
  "police_region" text,
  "country" text,
  "sex" text NOT NULL,
  "birth_year" integer,
  "nationalities" text[],
  "forms" text[] NOT NULL,
  "sectors" text[] NOT NULL,
  "report_organisations" uuid[] NOT NULL,
  CONSTRAINT "counted_person_years_pkey" PRIMARY KEY ("person_id", "year")
);--> statement-breakpoint
-- Computes again the person-years of `persons` and of the persons they were merged into, from the registrations.
-- Concurrent writers for the same person wait for each other (an advisory lock per person, taken in one order, or
-- for many persons at once a lock on the table), and in READ COMMITTED each statement below then sees what the other
-- committed.
CREATE FUNCTION comensha_refresh_counted_person_years(persons uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  affected uuid[];
BEGIN
  IF persons IS NULL OR cardinality(persons) = 0 THEN
    RETURN;
  END IF;
  affected := ARRAY(
    SELECT DISTINCT id FROM (
      SELECT given.id FROM unnest(persons) AS given(id)
      UNION ALL
      SELECT p.merged_into FROM persons p JOIN unnest(persons) AS given(id) ON given.id = p.id
    ) ids
    WHERE id IS NOT NULL
    ORDER BY id
  );
  IF cardinality(affected) > 64 THEN
    LOCK TABLE counted_person_years IN SHARE ROW EXCLUSIVE MODE;
  ELSE
    PERFORM pg_advisory_xact_lock(hashtextextended('counted_person_years ' || id::text, 0))
    FROM unnest(affected) AS ids(id)
    ORDER BY id;
  END IF;
  DELETE FROM counted_person_years c USING unnest(affected) AS ids(id) WHERE c.person_id = ids.id;
  INSERT INTO counted_person_years (
    person_id, year, first_organisation_id, first_on, police_region, country, sex, birth_year, nationalities, forms,
    sectors, report_organisations
  )
  WITH counted AS (
    SELECT r.id, effective.id AS person_id, extract(year FROM r.reported_on)::int AS year, r.reported_on,
      r.organisation_id, r.birth_year, r.counted_sex AS sex, r.counted_nationalities AS nationalities,
      r.counted_forms AS forms,
      CASE WHEN 'labour' = ANY(r.counted_forms) THEN coalesce(r.counted_sector, 'unknown') END AS sector,
      r.counted_police_region AS police_region, r.counted_country AS country
    FROM registrations r
    LEFT JOIN persons m ON m.id = r.person_id AND m.merged_into IS NOT NULL
    JOIN unnest(affected) AS effective(id) ON effective.id = coalesce(m.merged_into, r.person_id)
    WHERE r.status IN ('received', 'registered')
      AND r.person_id IN (
        SELECT ids.id FROM unnest(affected) AS ids(id)
        UNION ALL
        SELECT p.id FROM persons p JOIN unnest(affected) AS ids(id) ON p.merged_into = ids.id
      )
  ),
  ranked AS (
    SELECT counted.*, row_number() OVER (PARTITION BY year, person_id ORDER BY reported_on, id) AS rank
    FROM counted
  ),
  forms AS (
    SELECT year, person_id, array_agg(DISTINCT form) AS forms
    FROM counted, unnest(counted.forms) AS form
    GROUP BY year, person_id
  ),
  person_years AS (
    SELECT year, person_id,
      (array_agg(organisation_id) FILTER (WHERE rank = 1))[1] AS first_organisation_id,
      max(reported_on) FILTER (WHERE rank = 1) AS first_on,
      max(police_region) FILTER (WHERE rank = 1) AS police_region,
      max(country) FILTER (WHERE rank = 1) AS country,
      coalesce(
        max(sex) FILTER (WHERE rank = 1 AND sex <> 'unknown'),
        substr(min(lpad(rank::text, 10, '0') || sex) FILTER (WHERE rank > 1 AND sex <> 'unknown'), 11),
        'unknown'
      ) AS sex,
      coalesce(
        max(birth_year) FILTER (WHERE rank = 1),
        (min(ARRAY[rank, birth_year]) FILTER (WHERE rank > 1 AND birth_year IS NOT NULL))[2]
      ) AS birth_year,
      coalesce(
        max(nationalities) FILTER (WHERE rank = 1 AND cardinality(nationalities) > 0),
        (min(ARRAY[lpad(rank::text, 10, '0')] || nationalities)
          FILTER (WHERE rank > 1 AND cardinality(nationalities) > 0))[2:]
      ) AS nationalities,
      coalesce(array_agg(DISTINCT sector) FILTER (WHERE sector IS NOT NULL), '{}') AS sectors,
      array_agg(organisation_id ORDER BY organisation_id) AS report_organisations
    FROM ranked
    GROUP BY year, person_id
  )
  SELECT py.person_id, py.year, py.first_organisation_id, py.first_on, py.police_region, py.country, py.sex,
    py.birth_year, py.nationalities, coalesce(f.forms, '{}'), py.sectors, py.report_organisations
  FROM person_years py
  LEFT JOIN forms f ON f.year = py.year AND f.person_id = py.person_id;
END
$$;--> statement-breakpoint
-- Most new reports are a person's first of their year: the rule then makes the person-year of that one report, and
-- it is written as such (after the person's lock, when no person-year was there: one that a concurrent writer
-- committed meanwhile is seen, and the whole rule runs). Every other person goes through the whole rule.
-- (Taken apart so: a create spent about 1.3 ms of the database's time in the whole rule at a million registrations.)
CREATE FUNCTION comensha_counted_after_registrations_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  single record;
  rest uuid[];
BEGIN
  -- The seed (VolumeSeed) writes a million registrations and computes every person-year once at its end.
  IF current_setting('comensha.counting', true) = 'deferred' THEN
    RETURN NULL;
  END IF;
  -- Many rows at once (an import, the seed) go through the rule together, under the lock of the table.
  IF (SELECT count(*) FROM new_rows) > 64 THEN
    PERFORM comensha_refresh_counted_person_years(ARRAY(
      SELECT DISTINCT person_id FROM new_rows WHERE status IN ('received', 'registered')
    ));
    RETURN NULL;
  END IF;
  FOR single IN
    SELECT n.*,
      p.merged_into IS NULL
        AND NOT EXISTS (
          SELECT FROM new_rows other
          WHERE other.person_id = n.person_id AND other.id <> n.id AND other.status IN ('received', 'registered')
        )
        AND NOT EXISTS (SELECT FROM persons merged WHERE merged.merged_into = n.person_id) AS alone
    FROM new_rows n JOIN persons p ON p.id = n.person_id
    WHERE n.status IN ('received', 'registered')
  LOOP
    IF single.alone THEN
      PERFORM pg_advisory_xact_lock(hashtextextended('counted_person_years ' || single.person_id::text, 0));
    END IF;
    IF NOT single.alone OR EXISTS (
      SELECT FROM counted_person_years c
      WHERE c.person_id = single.person_id AND c.year = extract(year FROM single.reported_on)::int
    ) THEN
      rest := rest || single.person_id;
    ELSE
      INSERT INTO counted_person_years (
        person_id, year, first_organisation_id, first_on, police_region, country, sex, birth_year, nationalities,
        forms, sectors, report_organisations
      ) VALUES (
        single.person_id, extract(year FROM single.reported_on)::int, single.organisation_id, single.reported_on,
        single.counted_police_region, single.counted_country,
        CASE WHEN single.counted_sex <> 'unknown' THEN single.counted_sex ELSE 'unknown' END, single.birth_year,
        CASE WHEN cardinality(single.counted_nationalities) > 0 THEN single.counted_nationalities END,
        ARRAY(SELECT DISTINCT form FROM unnest(single.counted_forms) AS form ORDER BY form),
        CASE WHEN 'labour' = ANY(single.counted_forms) THEN ARRAY[coalesce(single.counted_sector, 'unknown')]
          ELSE '{}' END,
        ARRAY[single.organisation_id]
      );
    END IF;
  END LOOP;
  PERFORM comensha_refresh_counted_person_years(rest);
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Only a change to what the rule reads moves a person-year: not an erasure, a note or `updated_at`.
CREATE FUNCTION comensha_counted_after_registrations_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM comensha_refresh_counted_person_years(ARRAY(
    SELECT DISTINCT person_id FROM (
      SELECT unnest(ARRAY[o.person_id, n.person_id]) AS person_id
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.person_id, o.status, o.reported_on, o.organisation_id, o.birth_year, o.counted_sex,
          o.counted_nationalities, o.counted_forms, o.counted_sector, o.counted_police_region, o.counted_country)
        IS DISTINCT FROM
        (n.person_id, n.status, n.reported_on, n.organisation_id, n.birth_year, n.counted_sex,
          n.counted_nationalities, n.counted_forms, n.counted_sector, n.counted_police_region, n.counted_country)
    ) changed
  ));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION comensha_counted_after_registrations_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM comensha_refresh_counted_person_years(ARRAY(
    SELECT DISTINCT person_id FROM old_rows WHERE status IN ('received', 'registered')
  ));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION comensha_counted_after_registrations_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE counted_person_years;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- A merge (or its undoing) moves the registrations of a person to another person-year.
CREATE FUNCTION comensha_counted_after_persons_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM comensha_refresh_counted_person_years(ARRAY(
    SELECT DISTINCT person_id FROM (
      SELECT unnest(ARRAY[o.id, o.merged_into, n.merged_into]) AS person_id
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.merged_into IS DISTINCT FROM n.merged_into
    ) changed
    WHERE person_id IS NOT NULL
  ));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER counted_after_registrations_insert AFTER INSERT ON registrations
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION comensha_counted_after_registrations_insert();--> statement-breakpoint
CREATE TRIGGER counted_after_registrations_update AFTER UPDATE ON registrations
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION comensha_counted_after_registrations_update();--> statement-breakpoint
CREATE TRIGGER counted_after_registrations_delete AFTER DELETE ON registrations
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION comensha_counted_after_registrations_delete();--> statement-breakpoint
CREATE TRIGGER counted_after_registrations_truncate AFTER TRUNCATE ON registrations
FOR EACH STATEMENT EXECUTE FUNCTION comensha_counted_after_registrations_truncate();--> statement-breakpoint
CREATE TRIGGER counted_after_persons_update AFTER UPDATE ON persons
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION comensha_counted_after_persons_update();--> statement-breakpoint
-- The person-years of the registrations already there.
SELECT comensha_refresh_counted_person_years(ARRAY(SELECT DISTINCT person_id FROM registrations));
