import { Schema } from "effect";

/**
 * A UUIDv7 string in its canonical lower-case form: every identifier in the platform is one, so ids sort by creation
 * time. Upper case is refused rather than normalised: an id is also part of what its record's encryption is bound
 * to, so one record must have exactly one spelling (an upper-case id reads as "not found", never as a fault).
 * Entity ids brand it: `Uuid.pipe(Schema.brand("RegistrationId"))`.
 */
export const Uuid = Schema.String.pipe(
  Schema.check(Schema.isUUID(7)),
  Schema.check(Schema.isPattern(/^[0-9a-f-]{36}$/, { expected: "a UUID in lower case" })),
);
