import { Schema } from "effect";

/** How many items a list call returns at most, and where it continues. */
export const PageRequest = Schema.Struct({
  limit: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 500 }))),
  cursor: Schema.optionalKey(Schema.String),
});
export type PageRequest = typeof PageRequest.Type;

/** One page of a cursor-paginated list: `{ data, nextCursor }`, `nextCursor` null on the last page. */
export interface Page<A> {
  readonly data: ReadonlyArray<A>;
  readonly nextCursor: string | null;
}

/** The schema of a page of `item`. */
export const Page = <S extends Schema.Top>(item: S) =>
  Schema.Struct({ data: Schema.Array(item), nextCursor: Schema.NullOr(Schema.String) });

/** A list cursor that this API did not hand out (or that was altered). */
export class InvalidCursor extends Schema.TaggedError<InvalidCursor>()("InvalidCursor", { cursor: Schema.String }) {}
