import { Report } from "@comensha/domain";
import { JsonSchema, Schema } from "effect";

/**
 * The `$id` of the JSON Schema of a published report, and the `$schema` member of every rendered report. The
 * document {@link reportJsonSchema} returns is meant to be served at this address; `-v1` changes only when a change
 * of `Report.PublishedReport` would reject reports that version 1 accepts.
 */
export const reportSchemaId = "https://comensha.nl/schemas/report-v1.json";

const encodeReport = Schema.encodeSync(Report.PublishedReport);

const toJsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Renders a report as canonical JSON: the report encoded with its schema `Report.PublishedReport`, preceded by a
 * `$schema` member ({@link reportSchemaId}), with keys in the order the schema declares them (whatever the order
 * of the keys of `report`), a 2-space indent and a trailing newline. The same report always gives the same bytes.
 * Decoding the text with `Report.PublishedReport` (after `JSON.parse`) gives the report back; the `$schema` member
 * is an excess property the decoder ignores.
 *
 * @throws a `SchemaError` when `report` is not a valid published report.
 */
export const renderJson = (report: Report.PublishedReport): string =>
  toJsonText({ $schema: reportSchemaId, ...encodeReport(report) });

/**
 * The JSON Schema (draft 2020-12) of a rendered report, generated from `Report.PublishedReport` with
 * `Schema.toJsonSchemaDocument`, with `$id` {@link reportSchemaId} and the optional `$schema` member of
 * {@link renderJson} declared. It is meant for preliminary validation by consumers; the Effect decoder of
 * `Report.PublishedReport` remains the authority (for example, the schema checks the form of a date, not that it is
 * a day of the calendar).
 */
export const reportJsonSchema = (): string => {
  const document = Schema.toJsonSchemaDocument(Report.PublishedReport);
  const { properties, ...root } = document.schema;
  return toJsonText({
    $schema: JsonSchema.META_SCHEMA_URI_DRAFT_2020_12,
    $id: reportSchemaId,
    title: "CoMensha published report",
    description:
      "An anonymised statistical report of CoMensha as published: its parameters, period, the date the data is as " +
      "of, the disclosure policy applied, its tables (suppressed values are null) and notes.",
    ...root,
    properties: {
      $schema: { type: "string", const: reportSchemaId },
      ...(typeof properties === "object" && properties !== null ? properties : {}),
    },
    ...(Object.keys(document.definitions).length > 0 ? { $defs: document.definitions } : {}),
  });
};
