import * as CodeList from "./CodeList.js";

/**
 * The kinds of file a case may hold (issue 17): documents and scans a coordinator receives about a person. The codes
 * are IANA media types (as countries use ISO codes), so they go on the wire as `Content-Type` unchanged.
 */
export const mediaTypeCodeList = CodeList.make("attachment_media_type", {
  "application/pdf": { nl: "PDF-document", en: "PDF document" },
  "image/png": { nl: "PNG-afbeelding", en: "PNG image" },
  "image/jpeg": { nl: "JPEG-afbeelding (foto of scan)", en: "JPEG image (photo or scan)" },
  "text/plain": { nl: "Tekstbestand", en: "Plain text file" },
});

/** A media type an attachment may have. */
export type AttachmentMediaType = CodeList.CodeOf<typeof mediaTypeCodeList>;

/** The largest attachment, in bytes (10 MiB): scans and letters, not video. */
export const maxAttachmentBytes = 10 * 1024 * 1024;

/** The longest file name, in characters. */
export const maxFileNameLength = 200;
