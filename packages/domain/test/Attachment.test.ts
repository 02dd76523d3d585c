import { Redacted, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { Attachment } from "../src/index.js";

const decodeName = Schema.decodeUnknownExit(Attachment.AttachmentFileName);
const bytes = (...values: ReadonlyArray<number>) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe("an attachment's file name", () => {
  it("is trimmed, then 1 to 200 characters", () => {
    const name = Schema.decodeUnknownSync(Attachment.AttachmentFileName)("  Verklaring politie.pdf \n");
    expect(Redacted.value(name)).toBe("Verklaring politie.pdf");
    expect(decodeName("é".repeat(Attachment.maxFileNameLength))._tag).toBe("Success");
    for (const value of ["", "   ", "x".repeat(Attachment.maxFileNameLength + 1), 7, null]) {
      expect(decodeName(value)._tag, String(value).slice(0, 10)).toBe("Failure");
    }
  });

  it("refuses path separators, control characters and the names . and ..", () => {
    for (const value of ["../etc/passwd", "a/b.pdf", "C:\\scan.jpg", "scan\u0000.pdf", "line\nbreak.txt", ".", ".."]) {
      expect(decodeName(value)._tag, JSON.stringify(value)).toBe("Failure");
    }
    expect(decodeName("paspoort (kopie) 2.jpg")._tag).toBe("Success");
  });

  it("never shows itself when logged or serialised", () => {
    const name = Schema.decodeUnknownSync(Attachment.AttachmentFileName)("Anna Testpersoon.pdf");
    expect(String(name)).not.toContain("Testpersoon");
    expect(JSON.stringify({ name })).not.toContain("Testpersoon");
  });
});

describe("the media types", () => {
  it("are PDF, PNG, JPEG and plain text, and nothing else", () => {
    expect(Attachment.mediaTypeCodeList.codes).toEqual(["application/pdf", "image/png", "image/jpeg", "text/plain"]);
    expect(Schema.decodeUnknownExit(Attachment.AttachmentMediaType)("text/html")._tag).toBe("Failure");
    expect(Attachment.maxAttachmentBytes).toBe(10 * 1024 * 1024);
  });
});

describe("the content check", () => {
  const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
  const jpeg = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16);
  const pdf = text("%PDF-1.7\n%âãÏÓ\n");

  it("passes files whose first bytes are their declared type's magic number", () => {
    expect(Attachment.contentProblemOf("application/pdf", pdf)).toBeUndefined();
    expect(Attachment.contentProblemOf("image/png", png)).toBeUndefined();
    expect(Attachment.contentProblemOf("image/jpeg", jpeg)).toBeUndefined();
    expect(Attachment.contentProblemOf("text/plain", text("Gesprek met tolk, 3 december.\nVervolg: ja."))).toBe(
      undefined,
    );
  });

  it("refuses a file declared as another type than its bytes are", () => {
    expect(Attachment.contentProblemOf("application/pdf", png)).toBe("type_mismatch");
    expect(Attachment.contentProblemOf("image/png", jpeg)).toBe("type_mismatch");
    expect(Attachment.contentProblemOf("image/jpeg", pdf)).toBe("type_mismatch");
    expect(Attachment.contentProblemOf("image/png", png.slice(0, 7))).toBe("type_mismatch");
    expect(Attachment.contentProblemOf("application/pdf", text("MZ\u0090 this is a program"))).toBe("type_mismatch");
  });

  it("takes as plain text only valid UTF-8 without NUL bytes", () => {
    expect(Attachment.contentProblemOf("text/plain", png)).toBe("type_mismatch");
    expect(Attachment.contentProblemOf("text/plain", bytes(0x61, 0x00, 0x62))).toBe("type_mismatch");
    expect(Attachment.contentProblemOf("text/plain", bytes(0x61, 0xc3))).toBe("type_mismatch");
  });

  it("refuses an empty file of any type, and says so as a tagged error", () => {
    for (const mediaType of Attachment.mediaTypeCodeList.codes) {
      expect(Attachment.contentProblemOf(mediaType, new Uint8Array())).toBe("empty");
    }
    const refused = Attachment.checkContent("image/jpeg", png);
    expect(refused?._tag).toBe("AttachmentContentRejected");
    expect(refused?.problem).toBe("type_mismatch");
    expect(Attachment.checkContent("image/png", png)).toBeUndefined();
  });
});
