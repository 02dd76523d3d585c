import * as fc from "fast-check";
import type * as Counting from "../../src/Counting.js";
import type { CountryCode } from "../../src/Country.js";
import * as ExploitationForm from "../../src/ExploitationForm.js";
import * as IsoDate from "../../src/IsoDate.js";
import type { Nationality } from "../../src/Nationality.js";
import * as OrganisationKind from "../../src/OrganisationKind.js";
import type { PoliceRegion } from "../../src/PoliceRegion.js";
import * as Sex from "../../src/Sex.js";

type Registration = Counting.CountableRegistration;

/** The fields a test states of a registration, the report date written as `YYYY-MM-DD`; the rest has defaults. */
export type Fields = Partial<Omit<Registration, "reportedOn">> & { readonly reportedOn?: string };

/**
 * Makes a maker of registrations for one test file. Each registration gets the next id, `idPrefix` followed by a
 * sequence number padded to `idDigits` digits, so ids sort in the order the registrations were made (the counting
 * rule breaks ties on the same day by id). Unless `fields` say otherwise, it is a registered report of sexual
 * exploitation of a Nigerian woman by the police (organisation `organisationId`, by default `org-police`), reported
 * on `reportedOn`.
 *
 * @throws when neither the maker nor the call gives a report date, which is a mistake in the test.
 */
export const maker = (options: {
  readonly idPrefix: string;
  readonly idDigits: number;
  readonly organisationId?: string;
  readonly reportedOn?: string;
}): ((personId: string, fields: Fields) => Registration) => {
  let sequence = 0;
  return (personId, fields) => {
    sequence += 1;
    const reportedOn = fields.reportedOn ?? options.reportedOn;
    if (reportedOn === undefined) throw new Error(`registration of ${personId} has no report date`);
    return {
      registrationId: `${options.idPrefix}${String(sequence).padStart(options.idDigits, "0")}`,
      personId,
      organisationId: options.organisationId ?? "org-police",
      organisationKind: "police",
      status: "registered",
      forms: ["sexual"],
      sex: "female",
      nationalities: ["NG"],
      ...fields,
      reportedOn: IsoDate.make(reportedOn),
    };
  };
};

/** Dates from `from` up to `days` days later, both included. */
export const arbitraryDate = (from: string, days: number): fc.Arbitrary<IsoDate.IsoDate> =>
  fc.integer({ min: 0, max: days }).map((offset) => IsoDate.addDays(IsoDate.make(from), offset));

/** Registrations with unique ids, at most `maxLength` of them. */
export const arbitraryUnique = (
  registration: fc.Arbitrary<Registration>,
  maxLength: number,
): fc.Arbitrary<Array<Registration>> =>
  fc.uniqueArray(registration, { maxLength, selector: (generated) => generated.registrationId });

/**
 * Random registrations for property tests, drawn from the generators given. A random UUID, organisation kind, status,
 * sex and a non-empty set of forms unless given; a date of birth, birth year, police region or country of
 * exploitation only when a generator for it is given, and then present in some registrations and absent in others.
 */
export const arbitrary = (generators: {
  readonly registrationId?: fc.Arbitrary<string>;
  readonly personId: fc.Arbitrary<string>;
  readonly organisationId: fc.Arbitrary<string>;
  readonly organisationKind?: fc.Arbitrary<OrganisationKind.OrganisationKind>;
  readonly reportedOn: fc.Arbitrary<IsoDate.IsoDate>;
  readonly status?: fc.Arbitrary<Registration["status"]>;
  readonly forms?: fc.Arbitrary<Array<ExploitationForm.ExploitationForm>>;
  readonly sex?: fc.Arbitrary<Sex.Sex>;
  readonly dateOfBirth?: fc.Arbitrary<IsoDate.IsoDate>;
  readonly birthYear?: fc.Arbitrary<number>;
  readonly nationalities: fc.Arbitrary<Array<Nationality>>;
  readonly policeRegion?: fc.Arbitrary<PoliceRegion>;
  readonly country?: fc.Arbitrary<CountryCode>;
}): fc.Arbitrary<Registration> =>
  fc.record(
    {
      registrationId: generators.registrationId ?? fc.uuid(),
      personId: generators.personId,
      organisationId: generators.organisationId,
      organisationKind: generators.organisationKind ?? fc.constantFrom(...OrganisationKind.codeList.codes),
      reportedOn: generators.reportedOn,
      status: generators.status ?? fc.constantFrom("received", "registered", "withdrawn", "rejected"),
      forms: generators.forms ?? fc.subarray([...ExploitationForm.codeList.codes], { minLength: 1 }),
      sex: generators.sex ?? fc.constantFrom(...Sex.codeList.codes),
      ...(generators.dateOfBirth === undefined ? {} : { dateOfBirth: generators.dateOfBirth }),
      ...(generators.birthYear === undefined ? {} : { birthYear: generators.birthYear }),
      nationalities: generators.nationalities,
      ...(generators.policeRegion === undefined ? {} : { policeRegion: generators.policeRegion }),
      ...(generators.country === undefined ? {} : { country: generators.country }),
    },
    {
      requiredKeys: [
        "registrationId",
        "personId",
        "organisationId",
        "organisationKind",
        "reportedOn",
        "status",
        "forms",
        "sex",
        "nationalities",
      ],
    },
  );
