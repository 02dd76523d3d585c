import { describe, expect, it } from "vitest";
import { ApiError, type Fetch } from "../src/index.js";
import { clientWith, json, problem } from "./support.js";

const personId = "0193a0b0-0000-7000-8000-000000000001";
const attachmentId = "0193a0b0-0000-7000-8000-0000000000a1";

/** A fetch that records each request with its raw body, and answers the replies in order. */
const recordingFetch = (...replies: ReadonlyArray<Response>) => {
  const seen: Array<{ url: string; method: string; headers: Headers; body: unknown }> = [];
  const fetch: Fetch = async (url, init) => {
    seen.push({ url, method: init.method ?? "GET", headers: new Headers(init.headers), body: init.body });
    const reply = replies[seen.length - 1];
    if (reply === undefined) throw new Error("unexpected request");
    return reply;
  };
  return { fetch, seen };
};

describe("persons' attachments", () => {
  it("uploads the bytes as they are, typed, with the name percent-encoded and one Idempotency-Key for retries", async () => {
    const { fetch, seen } = recordingFetch(
      problem(503, "unavailable", {}, { "Retry-After": "0" }),
      json(201, { id: attachmentId, mediaType: "application/pdf" }),
    );
    const data = new TextEncoder().encode("%PDF-1.7\n");
    const created = await clientWith(fetch).persons.addAttachment(personId, {
      fileName: "Verklaring Kovač/2.pdf",
      mediaType: "application/pdf",
      data,
    });
    expect(created.id).toBe(attachmentId);
    expect(seen).toHaveLength(2);
    const [first, retry] = seen;
    expect(first?.url).toBe(`http://api.test/v1/persons/${personId}/attachments`);
    expect(first?.method).toBe("POST");
    expect(first?.headers.get("content-type")).toBe("application/pdf");
    expect(first?.headers.get("x-file-name")).toBe("Verklaring%20Kova%C4%8D%2F2.pdf");
    expect(first?.body).toBe(data);
    expect(retry?.headers.get("idempotency-key")).toBe(first?.headers.get("idempotency-key"));
    expect(retry?.body).toBe(data);
  });

  it("downloads a file as its bytes, whatever its type, and reads a refusal as a problem", async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    const { fetch, seen } = recordingFetch(
      new Response(bytes, { status: 200, headers: { "Content-Type": "image/png" } }),
      problem(409, "invalid-state"),
    );
    const client = clientWith(fetch);
    const downloaded = await client.persons.downloadAttachment(personId, attachmentId);
    expect(downloaded).toBeInstanceOf(Uint8Array);
    expect([...downloaded]).toEqual([...bytes]);
    expect(seen[0]?.url).toBe(`http://api.test/v1/persons/${personId}/attachments/${attachmentId}`);
    const refused = await client.persons.downloadAttachment(personId, attachmentId, { maxRetries: 0 }).catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(409);
  });
});
