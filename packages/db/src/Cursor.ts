import { Page } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Effect } from "effect";

/**
 * Opaque list cursors: the id of the last item of a page, base64url-encoded. Ids are UUIDv7, so ordering by id
 * is ordering by creation.
 */
export const encodeCursor = (id: string) => Buffer.from(id, "utf8").toString("base64url");

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The id in a cursor, or undefined when the cursor is not one of ours (callers answer 400). */
export const decodeCursor = (cursor: string): string | undefined => {
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  return uuidPattern.test(id) ? id : undefined;
};

/** The id a page request continues after, or InvalidCursor when its cursor is not one of ours. */
export const cursorOf = (cursor: string | undefined): Effect.Effect<string | undefined, Page.InvalidCursor> => {
  if (cursor === undefined) return Effect.succeed(undefined);
  const id = decodeCursor(cursor);
  return id === undefined ? Effect.fail(new Page.InvalidCursor({ cursor })) : Effect.succeed(id);
};

/** One page from `limit + 1` rows fetched in list order: the extra row only says that another page follows. */
export const pageOf = <A extends { readonly id: string }>(rows: ReadonlyArray<A>, limit: number) => {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last.id) : null };
};

/**
 * `OFFSET 0` for a subquery of a list: it keeps PostgreSQL from merging the subquery into the query around it, so that
 * the subquery is planned on its own (drizzle leaves a plain 0 out, hence the SQL, typed as the number it stands for).
 */
export const subqueryFence = sql`0` as unknown as number;
