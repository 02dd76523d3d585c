import { Schema } from "effect";

/**
 * A UUIDv7 string: every identifier in the platform is one, so ids sort by creation time.
 * Entity ids brand it: `Uuid.pipe(Schema.brand("RegistrationId"))`.
 */
export const Uuid = Schema.String.pipe(Schema.check(Schema.isUUID(7)));
