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
