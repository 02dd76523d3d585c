import { Schema } from "effect";

/** A UUIDv7 in lower case: version 7, the RFC 9562 variant. */
const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A UUIDv7 string in its canonical lower-case form: every identifier in the platform is one, so ids sort by creation
 * time. Upper case is refused rather than normalised: an id is also part of what its record's encryption is bound
 * to, so one record must have exactly one spelling (an upper-case id reads as "not found", never as a fault).
 * Entity ids brand it: `Uuid.pipe(Schema.brand("RegistrationId"))`.
 */
export const Uuid = Schema.String.check(
  Schema.makeFilter((value: string) => uuidV7.test(value), {
    expected: "a UUIDv7 in lower case",
    toJsonSchema: () => [{ format: "uuid", pattern: uuidV7.source }, true],
  }),
);
