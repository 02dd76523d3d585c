import { Context, Effect, Schema } from "effect";

/**
 * A stored value that does not decrypt with this server's keys: written under another key, or damaged. It is named
 * by its resource, the record's id and the field, never by its contents.
 */
export interface UnreadableValue {
  /** The resource type as in the audit log, e.g. `placement_request`, `duplicate`, `registration`. */
  readonly resource: string;
  readonly id: string;
  /** The field as the API names it, e.g. `needs.medicalNeeds`, `decisionReason`, `identifiers`. */
  readonly field: string;
}

/**
 * Where repositories report values that do not decrypt, so one damaged value does not fail a whole page: the record
 * is returned without the value (and names it in {@link UnreadableFields}), and the caller (the API, per request)
 * writes the audit event and the log line. Without a collector in the context, reports are dropped: the field list
 * on the record still says what is missing.
 */
export const UnreadableValues = Context.Reference<{ readonly report: (value: UnreadableValue) => void }>(
  "@comensha/domain/UnreadableValues",
  { defaultValue: () => ({ report: () => undefined }) },
);

/** Reports a value that does not decrypt to the collector of the current request, if any. */
export const reportUnreadable = (value: UnreadableValue): Effect.Effect<void> =>
  Effect.flatMap(UnreadableValues, (collector) => Effect.sync(() => collector.report(value)));

/**
 * The fields of a record whose stored value does not decrypt with the server's keys; absent when every field was
 * read. A client shows these as "cannot be read" rather than as empty: an operator must restore the key.
 */
export const UnreadableFields = Schema.Array(Schema.String);
