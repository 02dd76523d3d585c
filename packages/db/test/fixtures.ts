import { Registration } from "@comensha/domain";
import { Schema } from "effect";

/** A synthetic report as a partner sends it (encoded, wire form). Nobody real. */
export const sampleReport = (overrides: Record<string, unknown> = {}) =>
  Schema.decodeUnknownSync(Registration.RegistrationInput)(
    withoutUndefined({
      reportedOn: "2025-03-14",
      person: {
        familyName: "Testperson",
        givenNames: "Alda Marit",
        aliases: ["Ally"],
        dateOfBirth: "1999-04-12",
        sex: "female",
        nationalities: ["NG"],
      },
      exploitation: { forms: ["sexual"], country: "NL", policeRegion: "amsterdam" },
      dossierType: "registration_and_shelter",
      legalBasis: "statutory",
      consentToShareWithShelter: true,
      reflectionPeriod: { offeredOn: "2025-03-14", offeredBy: "police", startsOn: "2025-03-14", dublin: false },
      ...overrides,
    }),
  );

const withoutUndefined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
