/** A content coding that the API stores or makes for its static files, besides identity. */
export type ContentCoding = "br" | "gzip";

/** The codings the API offers for static files, most preferred first: brotli is smaller, gzip is everywhere. */
export const offeredCodings: ReadonlyArray<ContentCoding> = ["br", "gzip"];

/**
 * The coding to answer an `Accept-Encoding` header with (RFC 9110, 12.5.3): the first of `offered` that is
 * acceptable, else identity (`undefined`). A coding is acceptable when listed with a weight above zero, or covered
 * by a `*` with a weight above zero and not listed with weight zero.
 */
export const preferredCoding = (
  acceptEncoding: string | undefined,
  offered: ReadonlyArray<ContentCoding> = offeredCodings,
): ContentCoding | undefined => {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (name === "") continue;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const wildcard = weights.get("*") ?? 0;
  return offered.find((coding) => (weights.get(coding) ?? wildcard) > 0);
};
