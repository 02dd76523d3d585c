import {
  AgeGroup,
  Duplicate,
  IsoDate,
  NationalityGroup,
  Organisation,
  OrganisationKind,
  PersonMatching,
  Placement,
  PlacementRequest,
  Registration,
  ShelterKind,
} from "@comensha/domain";
import { Result, Schema } from "effect";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DemoData,
  type DemoDataOptions,
  type DemoPlaceRef,
  type DemoRegistration,
  demoPersonsIn,
  generateDemoData,
} from "../src/DemoData.js";
import { municipalitiesByRegion, namePools } from "../src/DemoNames.js";

const options = { seed: 42, years: 5, lastYear: 2025 } satisfies DemoDataOptions;
const data = generateDemoData(options);
const years = [2021, 2022, 2023, 2024, 2025];

const decodeOrganisation = Schema.decodeUnknownSync(Organisation.NewOrganisation);
const decodeRegistration = Schema.decodeUnknownSync(Registration.RegistrationInput);

const shareOf = <T>(items: ReadonlyArray<T>, predicate: (item: T) => boolean): number =>
  items.filter(predicate).length / items.length;

const kindsOf = (demo: DemoData) => new Map(demo.organisations.map((o) => [o.key, o.kind]));
const identities = new Map(data.persons.map((p) => [p.key, p.identity]));
const identityOf = (key: string) => {
  const identity = identities.get(key);
  if (identity === undefined) throw new Error(`no person ${key}`);
  return identity;
};

const ageAt = (identity: DemoData["persons"][number]["identity"], on: string) =>
  AgeGroup.ageOn(
    {
      dateOfBirth: identity.dateOfBirth === undefined ? undefined : IsoDate.make(identity.dateOfBirth),
      birthYear: identity.birthYear,
    },
    IsoDate.make(on),
  );

const organisationsPerPersonAndYear = (registrations: ReadonlyArray<DemoRegistration>) => {
  const result = new Map<string, Set<string>>();
  for (const r of registrations) {
    const key = `${r.personKey}|${r.registration.reportedOn.slice(0, 4)}`;
    result.set(key, (result.get(key) ?? new Set()).add(r.organisationKey));
  }
  return result;
};

const firstReports = (demo: DemoData) => {
  const seen = new Set<string>();
  return demo.registrations.filter((r) => !seen.has(r.personKey) && seen.add(r.personKey));
};

const decodeNeeds = Schema.decodeUnknownSync(PlacementRequest.PlacementNeeds);
const decodeDecision = Schema.decodeUnknownSync(Duplicate.DuplicateDecision);
const decodeReflectionPeriod = Schema.decodeUnknownSync(Registration.RegistrationInput.fields.reflectionPeriod);

const placeKey = (ref: DemoPlaceRef) => `${ref.shelterKey}|${ref.placeLabel}`;

/** The last day of `year`: the demo's present without `today`. */
const endOf = (year: number) => `${year}-12-31`;

/** The nights each place is taken, by placements and open offers (booked from their start once accepted). */
const bookingsOf = (demo: DemoData, present: string) => {
  const horizon = IsoDate.addDays(IsoDate.make(present), 31);
  const nights = new Map<string, Array<string>>();
  for (const request of demo.placementRequests) {
    const ranges = [
      ...(request.placement === undefined ? [] : [request.placement]),
      ...request.offers.filter((offer) => offer.status === "open"),
    ];
    for (const range of ranges) {
      const key = placeKey(range);
      const taken = nights.get(key) ?? [];
      const endsOn = "endsOn" in range && range.endsOn !== undefined ? range.endsOn : horizon;
      for (let night = IsoDate.make(range.startsOn); night < endsOn; night = IsoDate.addDays(night, 1)) {
        taken.push(night);
      }
      nights.set(key, taken);
    }
  }
  return nights;
};

const isWaitingState = (state: string) => ["requested", "searching", "waitlisted", "offered"].includes(state);

/**
 * The placement requests and duplicates keep the domain's rules, and no place holds two persons on one night; nothing
 * happens after `present`, the demo's present.
 */
const expectStoryValid = (demo: DemoData, present: string) => {
  const registrations = new Map(demo.registrations.map((r) => [r.key, r]));
  const places = new Map(
    demo.shelters.flatMap((shelter) =>
      shelter.places.map((place) => [
        placeKey({ shelterKey: shelter.key, placeLabel: place.label }),
        { shelter, place },
      ]),
    ),
  );
  const requestedPersons = new Set<string>();
  const dates = demo.placementRequests.map((request) => request.requestedOn);
  expect(dates).toEqual(dates.toSorted());
  for (const request of demo.placementRequests) {
    const r = registrations.get(request.registrationKey);
    if (r === undefined) throw new Error(`${request.key} refers to an unknown registration`);
    expect(r.registration.dossierType).toBe("registration_and_shelter");
    expect(r.registration.consentToShareWithShelter).toBe(true);
    expect(["registered", "received"]).toContain(r.status);
    expect(requestedPersons.has(r.personKey), `${r.personKey} has one request at most`).toBe(false);
    requestedPersons.add(r.personKey);
    expect(request.requestedOn >= r.registration.reportedOn && request.requestedOn <= present).toBe(true);
    const needs = decodeNeeds(request.needs);

    let state: PlacementRequest.PlacementState = "requested";
    for (const event of request.events) {
      const next = PlacementRequest.transition(state, { _tag: event });
      if (Result.isFailure(next)) throw new Error(`${request.key}: ${event} is not allowed in ${state}`);
      state = next.success;
    }
    expect(request.state).toBe(state);
    expect(request.offers).toHaveLength(request.events.filter((event) => event === "Offer").length);
    expect(request.offers.filter((offer) => offer.status === "open")).toHaveLength(state === "offered" ? 1 : 0);

    const placement = request.placement;
    expect(placement !== undefined).toBe(state === "placed" || state === "ended");
    if (placement !== undefined) {
      const accepted = request.offers.filter((offer) => offer.status === "accepted");
      expect(accepted).toHaveLength(1);
      expect(placeKey(accepted[0] as DemoPlaceRef)).toBe(placeKey(placement));
      expect(accepted[0]?.startsOn).toBe(placement.startsOn);
      expect(placement.startsOn >= request.requestedOn && placement.startsOn <= present).toBe(true);
      expect(placement.endsOn !== undefined).toBe(state === "ended");
      expect(placement.endReason !== undefined).toBe(state === "ended");
      if (placement.endsOn !== undefined) {
        expect(placement.endsOn > placement.startsOn && placement.endsOn <= present).toBe(true);
        expect(Placement.endReasonCodeList.codes).toContain(placement.endReason);
      }
    }
    for (const offer of request.offers) {
      expect(offer.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const found = places.get(placeKey(offer));
      if (found === undefined) throw new Error(`${request.key} offers an unknown place`);
      if (offer.status === "open")
        expect(offer.expiresAt.slice(0, 10) > present, "an open offer is current").toBe(true);
      if (offer.status === "declined") continue;
      expect(found.place.targetGroup).toBe(needs.targetGroup);
      if (needs.security === "high") expect(found.place.securityLevel).toBe("high");
      if (needs.accessible === true) expect(found.place.accessible).toBe(true);
      if (needs.children > 0) expect(found.place.roomForChildren).toBe(true);
      const person = decodeRegistration(r.registration).person;
      const violations = Placement.checkOfferRules({
        consentToShareWithShelter: r.registration.consentToShareWithShelter,
        shelterKind: found.shelter.kind,
        birth: {
          dateOfBirth:
            r.registration.person.dateOfBirth === undefined
              ? undefined
              : IsoDate.make(r.registration.person.dateOfBirth),
          birthYear: person.birthYear,
        },
        nationalities: person.nationalities,
        reflectionPeriod:
          r.registration.reflectionPeriod === undefined
            ? undefined
            : decodeReflectionPeriod(r.registration.reflectionPeriod),
        startsOn: IsoDate.make(offer.startsOn),
      });
      expect(violations.map((violation) => violation.rule)).toEqual([]);
    }
  }
  for (const [place, nights] of bookingsOf(demo, present)) {
    expect(new Set(nights).size, `${place} is booked twice on a night`).toBe(nights.length);
  }

  const persons = new Map(demo.persons.map((p) => [p.key, p.identity]));
  const kinds = kindsOf(demo);
  for (const duplicate of demo.duplicates) {
    const candidate = persons.get(duplicate.candidatePersonKey);
    if (candidate === undefined) throw new Error(`${duplicate.key} refers to an unknown person`);
    expect(persons.has(duplicate.person.key)).toBe(false);
    const written = duplicate.registration.registration.person;
    expect(duplicate.registration.personKey).toBe(duplicate.person.key);
    expect(written).toEqual(duplicate.person.identity);
    expect(written.familyName).toBe(candidate.familyName);
    expect(written.dateOfBirth).toBeDefined();
    expect(written.dateOfBirth).toBe(candidate.dateOfBirth);
    expect(written.documentNumber).toBeUndefined();
    const fullName = PersonMatching.normaliseName(`${written.givenNames} ${written.familyName}`);
    const familyName = PersonMatching.normaliseName(written.familyName);
    const birthYear = written.dateOfBirth?.slice(0, 4);
    for (const r of [...demo.registrations, ...demo.duplicates.map((d) => d.registration)]) {
      const p = r.registration.person;
      if (r === duplicate.registration || String(p.birthYear ?? p.dateOfBirth?.slice(0, 4)) !== birthYear) continue;
      const names = [`${p.givenNames} ${p.familyName}`, ...p.aliases].map(PersonMatching.normaliseName);
      expect(names, `${duplicate.key} matches ${r.key} on the name`).not.toContain(fullName);
      if (r.personKey !== duplicate.candidatePersonKey && p.dateOfBirth === written.dateOfBirth) {
        expect(PersonMatching.normaliseName(p.familyName), `${duplicate.key} also matches ${r.key}`).not.toBe(
          familyName,
        );
      }
    }
    const firstReport = demo.registrations.find((r) => r.personKey === duplicate.candidatePersonKey);
    expect((firstReport?.registration.reportedOn ?? "") < duplicate.registration.registration.reportedOn).toBe(true);
    const reporterKind = kinds.get(duplicate.registration.organisationKey);
    if (reporterKind === undefined) throw new Error(`${duplicate.key} refers to an unknown organisation`);
    expect(
      Registration.checkRegistrationRules(decodeRegistration(duplicate.registration.registration), {
        reporterKind,
        today: IsoDate.make(present),
      }),
    ).toEqual([]);
    if (duplicate.decision !== undefined) decodeDecision({ reason: duplicate.decision.reason });
  }
};

const expectValid = (demo: DemoData, present: string) => {
  const kinds = kindsOf(demo);
  const today = IsoDate.make(present);
  expectStoryValid(demo, present);
  for (const organisation of demo.organisations) {
    const { key: _key, ...fields } = organisation;
    expect(decodeOrganisation(fields)).toEqual(fields);
  }
  for (const r of demo.registrations) {
    const reporterKind = kinds.get(r.organisationKey);
    if (reporterKind === undefined) throw new Error(`${r.key} refers to an unknown organisation`);
    expect(Registration.checkRegistrationRules(decodeRegistration(r.registration), { reporterKind, today })).toEqual(
      [],
    );
  }
};

describe("generateDemoData", () => {
  it("returns deep-equal data, and the same JSON, for the same options", () => {
    const again = generateDemoData(options);
    expect(again).toEqual(data);
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  });

  it("returns plain JSON data: a round trip through JSON changes nothing", () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it("returns different persons and registrations for a different seed", () => {
    const other = generateDemoData({ ...options, seed: 43 });
    expect(other.persons).not.toEqual(data.persons);
    expect(other.registrations).not.toEqual(data.registrations);
    expect(other.organisations).toEqual(data.organisations);
  });

  it("makes personsPerYear new persons in lastYear and scales the others by the published counts, reporting at most 10% more", () => {
    const reportedPerYear = organisationsPerPersonAndYear(data.registrations);
    /** 2021-2023 against 2024 (and 2025, which takes 2024's count): 791, 814 and 868 against 944 persons. */
    const expected = [838, 862, 919, 1000, 1000];
    for (const [i, year] of years.entries()) {
      const count = data.persons.filter((p) => p.key.startsWith(`person-${year}-`)).length;
      expect(count, `${year}`).toBe(expected[i]);
      expect(demoPersonsIn(year, options.lastYear, 1000)).toBe(count);
      const reported = [...reportedPerYear.keys()].filter((key) => key.endsWith(`|${year}`)).length;
      expect(reported).toBeGreaterThanOrEqual(count);
      expect(reported).toBeLessThanOrEqual(1.1 * count);
    }
    expect(generateDemoData({ ...options, years: 2, personsPerYear: 30 }).persons).toHaveLength(60);
    expect(generateDemoData({ ...options, lastYear: 2018, years: 2, personsPerYear: 30 }).persons).toHaveLength(60);
  });

  it("reports every person at least once and dates every report within the years, never after lastYear-12-31", () => {
    expect(new Set(data.registrations.map((r) => r.personKey))).toEqual(new Set(data.persons.map((p) => p.key)));
    for (const r of data.registrations) {
      expect(r.registration.reportedOn >= "2021-01-01" && r.registration.reportedOn <= "2025-12-31").toBe(true);
      const period = r.registration.reflectionPeriod;
      if (period !== undefined) expect(period.startsOn <= "2025-12-31").toBe(true);
    }
    const dates = data.registrations.map((r) => r.registration.reportedOn);
    expect(dates).toEqual(dates.toSorted());
  });

  it("has unique keys for organisations, shelters, persons and registrations, and unique labels within a shelter", () => {
    for (const keys of [data.organisations, data.shelters, data.persons, data.registrations].map((items) =>
      items.map((item) => item.key),
    )) {
      expect(new Set(keys).size).toBe(keys.length);
    }
    for (const shelter of data.shelters) {
      expect(new Set(shelter.places.map((place) => place.label)).size).toBe(shelter.places.length);
    }
  });

  it("has at least two organisations of every kind, and a police unit in every police region", () => {
    for (const kind of OrganisationKind.codeList.codes) {
      expect(data.organisations.filter((o) => o.kind === kind).length, kind).toBeGreaterThanOrEqual(2);
    }
    const policeRegions = new Set(data.organisations.filter((o) => o.kind === "police").map((o) => o.region));
    expect(policeRegions.size).toBe(11);
  });

  it("has shelters of every kind, a few dozen COSM places and the OMM's for adults only, youth places for minors", () => {
    expect(new Set(data.shelters.map((s) => s.kind))).toEqual(new Set(ShelterKind.codeList.codes));
    const cosm = data.shelters.filter((s) => s.kind === "cosm");
    expect(cosm.length).toBeGreaterThanOrEqual(2);
    const cosmPlaces = cosm.flatMap((s) => s.places);
    expect(cosmPlaces.length).toBeGreaterThanOrEqual(24);
    expect(cosmPlaces.length).toBeLessThanOrEqual(60);
    expect(cosmPlaces.some((place) => place.targetGroup === "minors")).toBe(false);
    const omm = data.shelters.filter((s) => s.kind === "omm").flatMap((s) => s.places);
    expect(omm.length).toBeGreaterThan(0);
    expect(new Set(omm.map((place) => place.targetGroup))).toEqual(new Set(["women", "men"]));
    for (const shelter of data.shelters.filter((s) => ["youth_care", "protected_minors"].includes(s.kind))) {
      expect(shelter.places.every((place) => place.targetGroup === "minors")).toBe(true);
    }
  });

  it("decodes every organisation and registration with the domain schemas, and breaks no registration rule", () => {
    expectValid(data, endOf(options.lastYear));
  });

  it("uses a statutory legal basis for police, KMar and Labour Inspectorate reports only, and for all of them", () => {
    const kinds = kindsOf(data);
    for (const r of data.registrations) {
      const isStatutoryReporter = ["police", "kmar", "labour_inspectorate"].includes(
        kinds.get(r.organisationKey) ?? "",
      );
      expect(r.registration.legalBasis === "statutory").toBe(isStatutoryReporter);
    }
    expect(data.registrations.some((r) => r.registration.legalBasis === "legitimate_interest")).toBe(true);
  });

  it("offers reflection periods only to non-Dutch adults, by police or KMar, never before the report", () => {
    const kinds = kindsOf(data);
    const withPeriod = data.registrations.filter((r) => r.registration.reflectionPeriod !== undefined);
    expect(withPeriod.length).toBeGreaterThan(100);
    expect(withPeriod.some((r) => r.registration.reflectionPeriod?.dublin)).toBe(true);
    expect(withPeriod.some((r) => !["police", "kmar"].includes(kinds.get(r.organisationKey) ?? ""))).toBe(true);
    for (const r of withPeriod) {
      const period = r.registration.reflectionPeriod;
      const identity = identityOf(r.personKey);
      expect(identity.nationalities).not.toContain("NL");
      expect(ageAt(identity, r.registration.reportedOn)).toBeGreaterThanOrEqual(18);
      expect(["police", "kmar"]).toContain(period?.offeredBy);
      expect((period?.offeredOn ?? "") <= r.registration.reportedOn).toBe(true);
    }
  });

  it("gives a person at most one reflection period a year, whichever organisations report them", () => {
    const periods = new Map<string, Set<string>>();
    for (const r of data.registrations) {
      const period = r.registration.reflectionPeriod;
      if (period === undefined) continue;
      const key = `${r.personKey}|${r.registration.reportedOn.slice(0, 4)}`;
      periods.set(key, (periods.get(key) ?? new Set()).add(JSON.stringify(period)));
    }
    expect([...periods.values()].every((distinct) => distinct.size === 1)).toBe(true);
  });

  it("records a police region and municipality only for exploitation in NL, the municipality within its region", () => {
    const exploitations = data.registrations.map((r) => r.registration.exploitation);
    expect(shareOf(exploitations, (e) => e.country === "NL")).toBeGreaterThan(0.75);
    expect(exploitations.some((e) => e.municipality !== undefined)).toBe(true);
    for (const e of exploitations) {
      if (e.country !== "NL") {
        expect(e.policeRegion).toBeUndefined();
        expect(e.municipality).toBeUndefined();
      } else if (e.municipality !== undefined) {
        expect(e.policeRegion).toBeDefined();
        if (e.policeRegion !== undefined && e.policeRegion !== "landelijke_eenheid") {
          expect(municipalitiesByRegion[e.policeRegion]).toContain(e.municipality);
        }
      }
    }
  });

  it("names two forms on some reports, reports persons of every nationality group and keeps most reports registered", () => {
    const registrations = data.registrations;
    expect(shareOf(registrations, (r) => r.registration.exploitation.forms.length > 1)).toBeGreaterThan(0.03);
    expect(registrations.some((r) => r.registration.exploitation.forms.includes("forced_marriage"))).toBe(true);

    const persons = data.persons.map((p) => p.identity);
    expect(shareOf(persons, (p) => p.sex === "x" || p.sex === "unknown")).toBeLessThan(0.06);
    const groups = new Set(persons.map((p) => NationalityGroup.nationalityGroupOf(p.nationalities)));
    expect(groups).toEqual(new Set(["dutch", "other_eu", "non_eu", "unknown"]));
    expect(shareOf(persons, (p) => p.nationalities.includes("stateless"))).toBeGreaterThan(0);
    const ageGroups = firstReports(data).map((r) =>
      AgeGroup.ageGroupOf(ageAt(identityOf(r.personKey), r.registration.reportedOn)),
    );
    expect(shareOf(ageGroups, (g) => g === "age_23_plus")).toBeGreaterThan(0.6);

    expect(shareOf(registrations, (r) => r.status === "registered")).toBeGreaterThan(0.75);
    expect(shareOf(registrations, (r) => r.status === "received")).toBeGreaterThan(0.02);
    expect(shareOf(registrations, (r) => r.status === "received")).toBeLessThan(0.15);
    expect(shareOf(registrations, (r) => r.status === "withdrawn" || r.status === "rejected")).toBeGreaterThan(0.01);
    expect(shareOf(registrations, (r) => r.status === "withdrawn" || r.status === "rejected")).toBeLessThan(0.1);
    expect(new Set(registrations.map((r) => r.registration.dossierType)).size).toBe(3);
  });

  it("reports about 8% of the persons by two or three organisations in one year, and some again in a later year", () => {
    const perPersonAndYear = organisationsPerPersonAndYear(data.registrations);
    const bySeveral = [...perPersonAndYear.values()].filter((organisations) => organisations.size > 1);
    expect(bySeveral.length / data.persons.length).toBeGreaterThan(0.05);
    expect(bySeveral.length / data.persons.length).toBeLessThan(0.11);
    expect(bySeveral.some((organisations) => organisations.size === 3)).toBe(true);
    expect(Math.max(...bySeveral.map((organisations) => organisations.size))).toBeLessThanOrEqual(3);
    const firstYearOf = (r: DemoRegistration) => Number(r.personKey.split("-")[1]);
    const reportedLater = data.registrations.filter(
      (r) => Number(r.registration.reportedOn.slice(0, 4)) > firstYearOf(r),
    );
    expect(reportedLater.length).toBeGreaterThan(0.01 * data.persons.length);
    expect(reportedLater.length).toBeLessThan(0.05 * data.persons.length);
    expect(data.registrations.every((r) => Number(r.registration.reportedOn.slice(0, 4)) >= firstYearOf(r))).toBe(true);
  });

  it("writes a person differently on some later reports, only in case, diacritics, name order, aliases and birth data", () => {
    const fullName = (p: { familyName: string; givenNames: string }) =>
      PersonMatching.normaliseName(`${p.givenNames} ${p.familyName}`);
    const written = data.registrations.map((r) => ({
      real: identityOf(r.personKey),
      written: r.registration.person,
    }));
    const differing = written.filter(({ real, written }) => JSON.stringify(real) !== JSON.stringify(written));
    expect(differing.length).toBeGreaterThan(100);
    expect(differing.some(({ real, written }) => real.familyName !== written.familyName)).toBe(true);
    expect(differing.some(({ real, written }) => real.aliases.length < written.aliases.length)).toBe(true);
    expect(
      differing.some(({ real, written }) => real.dateOfBirth !== undefined && written.birthYear !== undefined),
    ).toBe(true);
    for (const { real, written: person } of written) {
      expect(fullName(person)).toBe(fullName(real));
      expect(person.sex).toBe(real.sex);
      expect(person.nationalities).toEqual(real.nationalities);
      if (person.birthYear !== undefined) {
        expect(person.birthYear).toBe(real.birthYear ?? Number(real.dateOfBirth?.slice(0, 4)));
      }
    }
  });

  it("gives some persons only a birth year or aliases, and names that fit their nationality", () => {
    const persons = data.persons.map((p) => p.identity);
    expect(shareOf(persons, (p) => p.birthYear !== undefined)).toBeGreaterThan(0.1);
    expect(shareOf(persons, (p) => p.birthYear !== undefined)).toBeLessThan(0.3);
    expect(shareOf(persons, (p) => p.aliases.length > 0)).toBeGreaterThan(0.03);
    const vietnamese = persons.filter((p) => p.nationalities.includes("VN"));
    expect(vietnamese.length).toBeGreaterThan(0);
    for (const p of vietnamese) expect(namePools.vietnamese.family).toContain(p.familyName);
  });

  it("makes valid, deterministic data for any seed, number of years and size", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1990, max: 2040 }),
        fc.integer({ min: 0, max: 40 }),
        (seed, years, lastYear, personsPerYear) => {
          const small = generateDemoData({ seed, years, lastYear, personsPerYear });
          expect(generateDemoData({ seed, years, lastYear, personsPerYear })).toEqual(small);
          const expected = Array.from({ length: years }, (_, i) =>
            demoPersonsIn(lastYear - i, lastYear, personsPerYear),
          ).reduce((sum, count) => sum + count, 0);
          expect(small.persons).toHaveLength(expected);
          expectValid(small, endOf(lastYear));
          for (const r of small.registrations) {
            expect(Number(r.registration.reportedOn.slice(0, 4))).toBeGreaterThan(lastYear - years);
            expect(r.registration.reportedOn <= `${lastYear}-12-31`).toBe(true);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("rejects options that are not whole numbers, a seed beyond 32 bits, or years outside 1980-9999", () => {
    expect(() => generateDemoData({ ...options, years: 0 })).toThrow(RangeError);
    expect(() => generateDemoData({ ...options, personsPerYear: 1.5 })).toThrow(RangeError);
    expect(() => generateDemoData({ ...options, seed: Number.NaN })).toThrow(RangeError);
    expect(() => generateDemoData({ ...options, seed: -1 })).toThrow(RangeError);
    expect(() => generateDemoData({ ...options, seed: 2 ** 32 })).toThrow(RangeError);
    expect(() => generateDemoData({ ...options, lastYear: 1900 })).toThrow(RangeError);
  });
});

/**
 * The demo against the figures it is calibrated to (`src/DemoCalibration.ts`, `docs/demo-data.md`), over 2019-2024
 * with 3,000 new persons in 2024: each share within a few points of the published one, and each change over the
 * years in the direction the sources show.
 */
describe("generateDemoData's calibration to CoMensha's and the National Rapporteur's figures", () => {
  const calibrated = generateDemoData({ seed: 2019, years: 6, lastYear: 2024, personsPerYear: 3000 });
  const kinds = kindsOf(calibrated);
  const identityIn = new Map(calibrated.persons.map((p) => [p.key, p.identity]));
  const inYear = (year: number) => {
    const reports = calibrated.registrations.filter((r) => r.registration.reportedOn.startsWith(`${year}-`));
    const first = new Map<string, DemoRegistration>();
    const forms = new Map<string, Set<string>>();
    for (const r of reports) {
      if (!r.personKey.startsWith(`person-${year}-`)) continue;
      if (!first.has(r.personKey)) first.set(r.personKey, r);
      const known = forms.get(r.personKey) ?? new Set();
      for (const form of r.registration.exploitation.forms) known.add(form);
      forms.set(r.personKey, known);
    }
    const persons = [...first.values()].map((r) => {
      const identity = identityIn.get(r.personKey);
      if (identity === undefined) throw new Error(`no person ${r.personKey}`);
      return {
        identity,
        forms: forms.get(r.personKey) ?? new Set<string>(),
        ageGroup: AgeGroup.ageGroupOf(ageAt(identity, r.registration.reportedOn)),
      };
    });
    return {
      count: persons.length,
      /** The share of the year's new persons with `form` on a report of theirs that year. */
      form: (form: string) => shareOf(persons, (p) => p.forms.has(form)),
      female: shareOf(persons, (p) => p.identity.sex === "female"),
      minors: shareOf(persons, (p) => p.ageGroup === "minor"),
      young: shareOf(persons, (p) => p.ageGroup === "age_18_22"),
      minorsInCrime: persons.filter((p) => p.ageGroup === "minor" && p.forms.has("criminal")).length,
      nationality: (code: string) => shareOf(persons, (p) => p.identity.nationalities.some((n) => n === code)),
      /** The share of the year's reports (aanmeldingen) made by organisations of `kind`. */
      reporter: (kind: string) => shareOf(reports, (r) => kinds.get(r.organisationKey) === kind),
    };
  };
  const years = new Map([2019, 2020, 2021, 2022, 2023, 2024].map((year) => [year, inYear(year)]));
  const year = (y: number) => {
    const found = years.get(y);
    if (found === undefined) throw new Error(`no year ${y}`);
    return found;
  };
  const near = (actual: number, published: number, points: number) =>
    expect(Math.abs(actual - published), `${actual.toFixed(3)} against ${published}`).toBeLessThanOrEqual(points);

  it("makes each year's new persons in the ratio of the persons reported to CoMensha: 1,334 in 2019 to 944 in 2024", () => {
    const published = { 2019: 1334, 2020: 984, 2021: 791, 2022: 814, 2023: 868, 2024: 944 };
    for (const [y, count] of Object.entries(published)) {
      expect(year(Number(y)).count).toBe(Math.round((3000 * count) / 944));
    }
  });

  it("reports labour exploitation for a fifth of 2019's persons and 41-46% of 2020's, sexual for 41% in 2020", () => {
    // 261 of 1,334 and 449 of 984 persons (National Rapporteur); 41% and 41% (CoMensha, Het beeld van 2020).
    near(year(2019).form("labour"), 261 / 1334, 0.03);
    expect(year(2020).form("labour")).toBeGreaterThan(0.41 - 0.02);
    expect(year(2020).form("labour")).toBeLessThan(449 / 984 + 0.02);
    near(year(2020).form("sexual"), 0.41, 0.03);
    // "Most reports were of sexual exploitation" in 2021 (National Rapporteur, 2017-2021).
    expect(year(2021).form("sexual")).toBeGreaterThan(year(2021).form("labour"));
  });

  it("makes 6% of 2023's persons minors and 15% aged 18-22, 8.4% minors in 2024, and no more than 15% in 2020", () => {
    // 52 minors and 130 aged 18-22 of 868 in 2023 (NJI); 79 minors of 944 in 2024 (National Rapporteur).
    near(year(2023).minors, 52 / 868, 0.015);
    near(year(2023).young, 130 / 868, 0.025);
    near(year(2024).minors, 79 / 944, 0.015);
    near(year(2020).minors, 0.15, 0.025);
  });

  it("has 2023's and 2024's reporters within three points of CoMensha's shares of reports", () => {
    // CoMensha, Het beeld van 2024, Verdieping III: Aanmelders.
    const published = {
      2023: { police: 0.345, care_coordination: 0.299, fairwork: 0.223, kmar: 0.048, labour_inspectorate: 0.032 },
      2024: { police: 0.31, care_coordination: 0.283, fairwork: 0.242, kmar: 0.063, labour_inspectorate: 0.067 },
    };
    for (const [y, shares] of Object.entries(published)) {
      for (const [kind, share] of Object.entries(shares)) near(year(Number(y)).reporter(kind), share, 0.03);
    }
    // The police made 490 of 1,013 reports in 2020 and 310 of 791 in 2021 (CoMensha, via de Volkskrant).
    near(year(2020).reporter("police"), 490 / 1013, 0.04);
    near(year(2021).reporter("police"), 310 / 791, 0.04);
  });

  it("has Poles, Nigerians and Dutch as 2020's most frequent nationalities, each near CoMensha's count", () => {
    // 190 Polish, 185 Nigerian and 155 Dutch of 1,013 (CoMensha, Het beeld van 2020).
    near(year(2020).nationality("PL"), 190 / 1013, 0.025);
    near(year(2020).nationality("NG"), 185 / 1013, 0.025);
    near(year(2020).nationality("NL"), 155 / 1013, 0.025);
    for (const other of ["RO", "BG", "UA", "UG", "VN"]) {
      expect(year(2020).nationality(other)).toBeLessThan(year(2020).nationality("NL"));
    }
    // 51 Ukrainians of 814 in 2022, up from 7 in 2021 (National Rapporteur).
    near(year(2022).nationality("UA"), 51 / 814, 0.015);
  });

  it("changes over the years the way the sources show", () => {
    // Labour exploitation rises from 2019 to 2020; FairWork's share rises, the police's falls.
    expect(year(2020).form("labour")).toBeGreaterThan(year(2019).form("labour") + 0.15);
    expect(year(2024).reporter("fairwork")).toBeGreaterThan(year(2019).reporter("fairwork") + 0.1);
    expect(year(2024).reporter("police")).toBeLessThan(year(2020).reporter("police") - 0.1);
    expect(year(2024).reporter("fairwork")).toBeGreaterThan(year(2023).reporter("fairwork"));
    // Ukrainians from 2022 on; more minors in 2024 than in 2023, most of them in crime (13 to 42).
    expect(year(2022).nationality("UA")).toBeGreaterThan(3 * year(2021).nationality("UA"));
    expect(year(2024).minors).toBeGreaterThan(year(2023).minors);
    expect(year(2024).minorsInCrime).toBeGreaterThan(2 * year(2023).minorsInCrime);
    // Fewer women as labour exploitation grows: 2020 below 2019.
    expect(year(2020).female).toBeLessThan(year(2019).female - 0.05);
  });
});

describe("generateDemoData's placement requests and possible duplicates", () => {
  const lastDay = "2025-12-31";
  const byState = (states: ReadonlyArray<string>) => {
    const counts: Record<string, number> = {};
    for (const state of states) counts[state] = (counts[state] ?? 0) + 1;
    return counts;
  };

  it("keeps every request, offer, placement and duplicate within the domain's rules, none double-booked", () => {
    expectStoryValid(data, lastDay);
    expect(data.placementRequests.length).toBeGreaterThan(300);
  });

  it("leaves a handful of requests open from the last three weeks: two requested, searching and waitlisted, one offered", () => {
    const open = data.placementRequests.filter((request) => isWaitingState(request.state));
    expect(byState(open.map((request) => request.state))).toEqual({
      requested: 2,
      searching: 2,
      waitlisted: 2,
      offered: 1,
    });
    for (const request of open) expect(request.requestedOn >= "2025-12-10").toBe(true);
    const offered = open.find((request) => request.state === "offered");
    expect(offered?.offers.map((offer) => [offer.status, offer.startsOn])).toEqual([["open", lastDay]]);
    const settled = data.placementRequests.filter((request) => !isWaitingState(request.state));
    expect(settled.every((request) => request.requestedOn < "2025-12-10")).toBe(true);
  });

  it("requests shelter for about 30% of the registrations for shelter, places most and ends or cancels some", () => {
    const eligible = data.registrations.filter(
      (r) =>
        r.registration.dossierType === "registration_and_shelter" &&
        r.registration.consentToShareWithShelter &&
        (r.status === "registered" || r.status === "received"),
    );
    const share = data.placementRequests.length / eligible.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
    const states = byState(data.placementRequests.map((request) => request.state));
    const total = data.placementRequests.length;
    expect(((states.placed ?? 0) + (states.ended ?? 0)) / total).toBeGreaterThan(0.8);
    expect(states.ended ?? 0).toBeGreaterThan(states.placed ?? 0);
    expect(states.cancelled ?? 0).toBeGreaterThan(5);
    expect(states.placed ?? 0).toBeGreaterThan(5);
    const reasons = new Set(data.placementRequests.flatMap((request) => request.placement?.endReason ?? []));
    expect(reasons.size).toBeGreaterThanOrEqual(4);
    expect(
      data.placementRequests.some((request) => request.events.includes("Waitlist") && request.state === "ended"),
    ).toBe(true);
    expect(data.placementRequests.some((request) => request.events.includes("DeclineOffer"))).toBe(true);
    for (const year of years) {
      expect(
        data.placementRequests.filter((request) => request.requestedOn.startsWith(`${year}`)).length,
      ).toBeGreaterThan(50);
    }
  });

  it("places in every kind of shelter, COSM only with a running reflection period, and leaves free places tonight", () => {
    const kindOf = new Map(data.shelters.map((shelter) => [shelter.key, shelter.kind]));
    const placedKinds = new Set(
      data.placementRequests.flatMap((request) =>
        request.placement === undefined ? [] : [kindOf.get(request.placement.shelterKey)],
      ),
    );
    expect(placedKinds).toEqual(new Set(ShelterKind.codeList.codes));
    const tonight = [...bookingsOf(data, lastDay).values()].filter((nights) => nights.includes(lastDay)).length;
    const places = data.shelters.reduce((sum, shelter) => sum + shelter.places.length, 0);
    expect(tonight).toBeGreaterThan(5);
    expect(tonight).toBeLessThan(places / 2);
  });

  it("makes six open possible duplicates from recent reports, one merged and one dismissed with a reason", () => {
    expect(data.duplicates.map((duplicate) => duplicate.decision?.status ?? "open")).toEqual([
      "open",
      "open",
      "open",
      "open",
      "open",
      "open",
      "merged",
      "dismissed",
    ]);
    for (const duplicate of data.duplicates) {
      const reportedOn = duplicate.registration.registration.reportedOn;
      if (duplicate.decision === undefined) {
        expect(reportedOn >= "2025-11-16").toBe(true);
        expect(duplicate.registration.status).toBe("received");
      } else {
        expect(reportedOn < "2025-11-01").toBe(true);
      }
    }
    expect(new Set(data.duplicates.map((duplicate) => duplicate.candidatePersonKey)).size).toBe(8);
  });

  it("tells another story for another seed", () => {
    const other = generateDemoData({ ...options, seed: 43 });
    expect(other.placementRequests).not.toEqual(data.placementRequests);
    expect(other.duplicates).not.toEqual(data.duplicates);
    expectStoryValid(other, lastDay);
  });
});

describe("generateDemoData with today", () => {
  const today = "2026-04-15";
  const current = generateDemoData({ ...options, today });
  const open = current.placementRequests.filter((request) => isWaitingState(request.state));
  const reportedIn2026 = current.registrations.filter((r) => r.registration.reportedOn >= "2026-01-01");
  /** 1 January to 15 April 2026: 105 of 365 days. */
  const share = 105 / 365;

  it("keeps the complete years exactly as without today, and adds this year's new persons at the same yearly rate", () => {
    expect(current.registrations.slice(0, data.registrations.length)).toEqual(data.registrations);
    expect(current.persons.slice(0, data.persons.length)).toEqual(data.persons);
    expect(current.organisations).toEqual(data.organisations);
    expect(current.shelters).toEqual(data.shelters);
    const newIn2026 = current.persons.filter((p) => p.key.startsWith("person-2026-"));
    expect(newIn2026).toHaveLength(Math.round(1000 * share));
    expect(current.persons).toHaveLength(data.persons.length + newIn2026.length);
    expect(reportedIn2026.length).toBeGreaterThan(newIn2026.length);
    expect(reportedIn2026.length).toBeLessThan(1.15 * newIn2026.length);
    expect(reportedIn2026.some((r) => !r.personKey.startsWith("person-2026-"))).toBe(true);
    expect(new Set(current.registrations.map((r) => r.personKey))).toEqual(new Set(current.persons.map((p) => p.key)));
  });

  it("dates no report, reflection period or duplicate after today, and spreads this year's reports up to it", () => {
    for (const r of [...current.registrations, ...current.duplicates.map((d) => d.registration)]) {
      expect(r.registration.reportedOn <= today, r.key).toBe(true);
      const period = r.registration.reflectionPeriod;
      if (period !== undefined) expect(period.startsOn <= today && period.offeredOn <= today).toBe(true);
    }
    const dates = current.registrations.map((r) => r.registration.reportedOn);
    expect(dates).toEqual(dates.toSorted());
    const months = new Set(reportedIn2026.map((r) => r.registration.reportedOn.slice(0, 7)));
    expect(months).toEqual(new Set(["2026-01", "2026-02", "2026-03", "2026-04"]));
    expect(reportedIn2026.some((r) => r.registration.reportedOn >= "2026-04-01")).toBe(true);
    expect(reportedIn2026.some((r) => r.status === "received")).toBe(true);
  });

  it("decodes everything and keeps the domain's rules as of today, no place booked twice, open offers included", () => {
    expectValid(current, today);
  });

  it("leaves the open requests in the last three weeks before today, the open offer starting today and expiring after it", () => {
    expect(open.map((request) => request.state).toSorted()).toEqual([
      "offered",
      "requested",
      "requested",
      "searching",
      "searching",
      "waitlisted",
      "waitlisted",
    ]);
    for (const request of open) expect(request.requestedOn >= "2026-03-25" && request.requestedOn <= today).toBe(true);
    const offers = open.flatMap((request) => request.offers.filter((offer) => offer.status === "open"));
    expect(offers).toHaveLength(1);
    expect(offers[0]?.startsOn).toBe(today);
    expect(offers[0]?.expiresAt).toBe("2026-04-16T18:00:00Z");
    const settled = current.placementRequests.filter((request) => !isWaitingState(request.state));
    expect(settled.every((request) => request.requestedOn < "2026-03-25")).toBe(true);
    expect(settled.filter((request) => request.requestedOn >= "2026-01-01").length).toBeGreaterThan(10);
  });

  it("still runs some placements tonight, begun in the months before today, and ends none after today", () => {
    const running = current.placementRequests.flatMap((request) =>
      request.state === "placed" && request.placement !== undefined ? [request.placement] : [],
    );
    expect(running.length).toBeGreaterThan(5);
    expect(running.some((placement) => placement.startsOn >= "2026-03-01")).toBe(true);
    const tonight = [...bookingsOf(current, today).values()].filter((nights) => nights.includes(today)).length;
    expect(tonight).toBeGreaterThan(5);
    for (const request of current.placementRequests) {
      const endsOn = request.placement?.endsOn;
      if (endsOn !== undefined) expect(endsOn <= today).toBe(true);
    }
  });

  it("makes the open possible duplicates from the last 45 days before today", () => {
    const decided = current.duplicates.filter((duplicate) => duplicate.decision !== undefined);
    const waiting = current.duplicates.filter((duplicate) => duplicate.decision === undefined);
    expect(waiting).toHaveLength(6);
    expect(decided).toHaveLength(2);
    for (const duplicate of waiting) {
      const reportedOn = duplicate.registration.registration.reportedOn;
      expect(reportedOn >= "2026-03-01" && reportedOn <= today).toBe(true);
    }
  });

  it("returns the same data for the same today, and another story for another today", () => {
    expect(generateDemoData({ ...options, today })).toEqual(current);
    const later = generateDemoData({ ...options, today: "2026-04-16" });
    expect(later.registrations.slice(0, data.registrations.length)).toEqual(data.registrations);
    expect(later.placementRequests).not.toEqual(current.placementRequests);
  });

  it("makes valid, deterministic data up to any today in the year after lastYear", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1990, max: 2040 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 364 }),
        (seed, years, lastYear, personsPerYear, dayOfYear) => {
          const day = IsoDate.addDays(IsoDate.make(`${lastYear + 1}-01-01`), dayOfYear);
          const small = generateDemoData({ seed, years, lastYear, personsPerYear, today: day });
          expect(generateDemoData({ seed, years, lastYear, personsPerYear, today: day })).toEqual(small);
          expect(small.registrations.filter((r) => r.registration.reportedOn <= endOf(lastYear))).toEqual(
            generateDemoData({ seed, years, lastYear, personsPerYear }).registrations,
          );
          expectValid(small, day);
          for (const r of small.registrations) {
            expect(Number(r.registration.reportedOn.slice(0, 4))).toBeGreaterThan(lastYear - years);
            expect(r.registration.reportedOn <= day).toBe(true);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("rejects a today that is not a calendar date in the year after lastYear", () => {
    for (const wrong of ["2025-12-31", "2027-01-01", "2026-02-30", "15-04-2026", ""]) {
      expect(() => generateDemoData({ ...options, today: wrong }), wrong).toThrow(RangeError);
    }
    expect(() => generateDemoData({ ...options, today: "2026-02-30" })).toThrow(/today must be a calendar date/);
  });
});
