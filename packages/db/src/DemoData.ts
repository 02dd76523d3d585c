import type { Organisation, Registration } from "@comensha/domain";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { municipalities, namePools, poolOf } from "./DemoNames.js";

/** A demo organisation, with a stable local key that registrations refer to. */
export interface DemoOrganisation extends Omit<typeof Organisation.NewOrganisation.Encoded, never> {
  readonly key: string;
}

/** A demo place in a shelter. */
export interface DemoPlace {
  readonly label: string;
  readonly targetGroup: "women" | "men" | "minors" | "families";
  readonly securityLevel: "standard" | "high";
  readonly accessible: boolean;
  readonly roomForChildren: boolean;
}

/** A demo shelter location with its places. */
export interface DemoShelter {
  readonly key: string;
  readonly name: string;
  readonly kind: string;
  readonly region: string;
  readonly places: ReadonlyArray<DemoPlace>;
}

type EncodedPerson = typeof Registration.RegistrationInput.Encoded.person;

/** A demo person: who they really are; reports may write them slightly differently. */
export interface DemoPerson {
  readonly key: string;
  readonly identity: EncodedPerson;
}

/** A demo report of a person by an organisation, in the wire form partners send. */
export interface DemoRegistration {
  readonly key: string;
  readonly organisationKey: string;
  readonly personKey: string;
  readonly status: "received" | "registered" | "withdrawn" | "rejected";
  readonly registration: typeof Registration.RegistrationInput.Encoded;
}

/** Everything the demo seed writes. */
export interface DemoData {
  readonly organisations: ReadonlyArray<DemoOrganisation>;
  readonly shelters: ReadonlyArray<DemoShelter>;
  readonly persons: ReadonlyArray<DemoPerson>;
  readonly registrations: ReadonlyArray<DemoRegistration>;
}

/** How much demo data to make, and from which seed. */
export interface DemoDataOptions {
  readonly seed: number;
  readonly years: number;
  readonly lastYear: number;
  readonly personsPerYear?: number;
}

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

const regionNames = {
  noord_nederland: "Noord-Nederland",
  oost_nederland: "Oost-Nederland",
  midden_nederland: "Midden-Nederland",
  noord_holland: "Noord-Holland",
  amsterdam: "Amsterdam",
  den_haag: "Den Haag",
  rotterdam: "Rotterdam",
  zeeland_west_brabant: "Zeeland-West-Brabant",
  oost_brabant: "Oost-Brabant",
  limburg: "Limburg",
  landelijke_eenheid: "Landelijke Eenheid",
} as const;
type Region = keyof typeof regionNames;
const territorialRegions = (Object.keys(regionNames) as Array<Region>).filter((r) => r !== "landelijke_eenheid");

const organisationsOf = (): ReadonlyArray<DemoOrganisation> => [
  ...(Object.entries(regionNames) as Array<[Region, string]>).map(([region, name]) => ({
    key: `org-police-${region}`,
    name: `Politie Eenheid ${name} (demo)`,
    kind: "police" as const,
    region,
  })),
  ...["Schiphol", "Noordoost", "Zuid"].map((district) => ({
    key: `org-kmar-${district.toLowerCase()}`,
    name: `Koninklijke Marechaussee District ${district} (demo)`,
    kind: "kmar" as const,
  })),
  ...["Opsporing", "Team Arbeidsuitbuiting Zuid"].map((unit, i) => ({
    key: `org-labour-${i + 1}`,
    name: `Nederlandse Arbeidsinspectie, ${unit} (demo)`,
    kind: "labour_inspectorate" as const,
  })),
  ...(["amsterdam", "rotterdam", "den_haag", "midden_nederland", "oost_nederland", "noord_nederland"] as const).map(
    (region) => ({
      key: `org-care-${region}`,
      name: `Zorgcoördinatie Mensenhandel ${regionNames[region]} (demo)`,
      kind: "care_coordination" as const,
      region,
    }),
  ),
  { key: "org-fairwork", name: "FairWork (demo)", kind: "fairwork" },
  { key: "org-ngo-1", name: "Stichting Demo Steunpunt Noord", kind: "ngo" },
  { key: "org-ngo-2", name: "Stichting Demo Uitweg Zuid", kind: "ngo" },
  { key: "org-shelter-1", name: "Demo Opvang West", kind: "shelter" },
  { key: "org-shelter-2", name: "Demo Vrouwenopvang Oost", kind: "shelter" },
  { key: "org-youth-1", name: "Jeugdbescherming Demo Midden", kind: "youth_care" },
  { key: "org-youth-2", name: "Jeugdzorg Demo Zuid", kind: "youth_care" },
  { key: "org-lawyer-1", name: "Demo Advocaten & Partners", kind: "lawyer" },
  { key: "org-lawyer-2", name: "Advocatenkantoor Demo Rotterdam", kind: "lawyer" },
  { key: "org-municipality-1", name: "Gemeente Amsterdam (demo)", kind: "municipality" },
  { key: "org-municipality-2", name: "Gemeente Eindhoven (demo)", kind: "municipality" },
  { key: "org-ind", name: "Immigratie- en Naturalisatiedienst (demo)", kind: "immigration_service" },
  { key: "org-other-1", name: "Demo Vakbond Arbeidsmigratie", kind: "other" },
];

const shelterPlan: ReadonlyArray<
  readonly [string, string, Region, ReadonlyArray<readonly [DemoPlace["targetGroup"], number]>]
> = [
  [
    "cosm-1",
    "COSM Demo Noord",
    "noord_nederland",
    [
      ["women", 8],
      ["men", 4],
      ["families", 2],
    ],
  ],
  [
    "cosm-2",
    "COSM Demo Midden",
    "midden_nederland",
    [
      ["women", 6],
      ["men", 6],
    ],
  ],
  [
    "cosm-3",
    "COSM Demo Zuid",
    "oost_brabant",
    [
      ["women", 6],
      ["men", 4],
      ["families", 2],
    ],
  ],
  ["omm-1", "OMM Demo", "midden_nederland", [["minors", 6]]],
  [
    "womens-1",
    "Vrouwenopvang Demo Amsterdam",
    "amsterdam",
    [
      ["women", 10],
      ["families", 3],
    ],
  ],
  [
    "womens-2",
    "Vrouwenopvang Demo Rotterdam",
    "rotterdam",
    [
      ["women", 8],
      ["families", 2],
    ],
  ],
  ["mens-1", "Mannenopvang Demo", "den_haag", [["men", 8]]],
  [
    "social-1",
    "Maatschappelijke Opvang Demo Utrecht",
    "midden_nederland",
    [
      ["women", 6],
      ["men", 6],
    ],
  ],
  [
    "social-2",
    "Maatschappelijke Opvang Demo Groningen",
    "noord_nederland",
    [
      ["women", 4],
      ["men", 6],
    ],
  ],
  ["youth-1", "Jeugdzorg Demo Residentieel", "oost_nederland", [["minors", 8]]],
  ["protected-1", "Beschermde Opvang Minderjarigen Demo", "zeeland_west_brabant", [["minors", 6]]],
  [
    "emergency-1",
    "Crisisopvang Demo",
    "noord_holland",
    [
      ["women", 3],
      ["men", 3],
      ["families", 1],
    ],
  ],
];

const shelterKinds: Record<string, string> = {
  cosm: "cosm",
  omm: "omm",
  womens: "womens_shelter",
  mens: "mens_shelter",
  social: "social_shelter",
  youth: "youth_care",
  protected: "protected_minors",
  emergency: "emergency",
};

const reportingShares: Weighted<string> = [
  ["police", 35],
  ["kmar", 10],
  ["labour_inspectorate", 15],
  ["care_coordination", 15],
  ["fairwork", 5],
  ["ngo", 5],
  ["shelter", 3],
  ["youth_care", 4],
  ["lawyer", 3],
  ["municipality", 3],
  ["immigration_service", 1],
  ["other", 1],
];

const nationalityShares: Weighted<string> = [
  ["NL", 25],
  ["RO", 7],
  ["BG", 4],
  ["PL", 4],
  ["HU", 3],
  ["LT", 1],
  ["SK", 1],
  ["NG", 10],
  ["UA", 8],
  ["UG", 5],
  ["MA", 4],
  ["SY", 3],
  ["ER", 4],
  ["CN", 3],
  ["VN", 3],
  ["BR", 3],
  ["PH", 3],
  ["TR", 2],
  ["SR", 2],
  ["stateless", 2],
  ["unknown", 3],
];

const formSharesBySex = {
  female: [
    ["sexual", 65],
    ["labour", 20],
    ["criminal", 9],
    ["forced_begging", 2],
    ["other", 1],
    ["unknown", 3],
  ],
  male: [
    ["sexual", 12],
    ["labour", 58],
    ["criminal", 20],
    ["forced_begging", 3],
    ["organ_removal", 1],
    ["other", 2],
    ["unknown", 4],
  ],
} as const satisfies Record<string, Weighted<string>>;

/**
 * Generates synthetic demo data, deterministically from `seed` (no clock, no Math.random): organisations of every
 * kind, shelters with places, about `personsPerYear` (default 1,000) new persons a year over `years` years ending in
 * `lastYear`, with realistic shares of exploitation forms, sexes, ages, nationalities and signalling organisations;
 * some persons are reported by two or three organisations in a year (written slightly differently), and a few again
 * in a later year. Returned in the wire (encoded) form.
 */
export const generateDemoData = (options: DemoDataOptions): DemoData => {
  const rng = xoroshiro128plus(options.seed);
  const random = () => uniformFloat64(rng);
  const int = (from: number, to: number) => uniformInt(rng, from, to);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: ReadonlyArray<T>): T => items[int(0, items.length - 1)] as T;
  const weighted = <T>(items: Weighted<T>): T => {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = random() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return (items.at(-1) as readonly [T, number])[0];
  };

  const organisations = organisationsOf();
  const organisationsByKind = new Map<string, Array<DemoOrganisation>>();
  for (const organisation of organisations) {
    organisationsByKind.set(organisation.kind, [...(organisationsByKind.get(organisation.kind) ?? []), organisation]);
  }

  const shelters: Array<DemoShelter> = shelterPlan.map(([key, name, region, groups]) => {
    const places: Array<DemoPlace> = [];
    for (const [targetGroup, count] of groups) {
      for (let i = 0; i < count; i++) {
        places.push({
          label: `${targetGroup.charAt(0).toUpperCase()}${i + 1}`,
          targetGroup,
          securityLevel: key.startsWith("cosm") || chance(0.2) ? "high" : "standard",
          accessible: chance(0.25),
          roomForChildren: targetGroup === "families" || chance(0.1),
        });
      }
    }
    return { key: `shelter-${key}`, name, kind: shelterKinds[key.split("-")[0] as string] as string, region, places };
  });

  const pad = (n: number) => String(n).padStart(2, "0");
  const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const dateIn = (year: number, fromMonth = 1) => {
    const month = int(fromMonth, 12);
    return `${year}-${pad(month)}-${pad(int(1, daysIn(year, month)))}`;
  };

  const persons: Array<DemoPerson> = [];
  const registrations: Array<DemoRegistration> = [];
  const firstYear = options.lastYear - options.years + 1;
  const perYear = options.personsPerYear ?? 1000;

  const report = (
    person: DemoPerson,
    year: number,
    reportedOn: string,
    organisation: DemoOrganisation,
    written: EncodedPerson,
    forms: ReadonlyArray<string>,
  ) => {
    const age = year - (person.identity.birthYear ?? Number(person.identity.dateOfBirth?.slice(0, 4)));
    const statutory = ["police", "kmar", "labour_inspectorate"].includes(organisation.kind);
    const inNetherlands = chance(0.85);
    const dutch = person.identity.nationalities.includes("NL");
    const dossierType = weighted<Registration.RegistrationInput["dossierType"]>([
      ["registration", 60],
      ["registration_and_shelter", 25],
      ["registration_information_advice", 15],
    ]);
    const reflection =
      !dutch && age >= 18 && (organisation.kind === "police" || organisation.kind === "kmar") && chance(0.4);
    const registration: typeof Registration.RegistrationInput.Encoded = {
      reportedOn,
      person: written,
      exploitation: {
        forms: [...forms] as Array<Registration.RegistrationInput["exploitation"]["forms"][number]>,
        country: inNetherlands ? "NL" : pick(["BE", "DE", "FR", "ES", "IT", "GB", "RO", "NG"] as const),
        ...(inNetherlands ? { policeRegion: pick(territorialRegions) } : {}),
        ...(inNetherlands && chance(0.3) ? { municipality: pick(municipalities) } : {}),
      },
      dossierType,
      legalBasis: statutory ? "statutory" : chance(0.8) ? "consent" : "legitimate_interest",
      consentToShareWithShelter: dossierType === "registration_and_shelter" ? chance(0.95) : chance(0.6),
      ...(reflection
        ? {
            reflectionPeriod: {
              offeredOn: reportedOn,
              offeredBy: organisation.kind as "police" | "kmar",
              startsOn: reportedOn,
              dublin: chance(0.1),
            },
          }
        : {}),
    };
    registrations.push({
      key: `r-${registrations.length + 1}`,
      organisationKey: organisation.key,
      personKey: person.key,
      status: weighted([
        ["registered", 85],
        ["received", 10],
        ["withdrawn", 3],
        ["rejected", 2],
      ]),
      registration,
    });
  };

  const variant = (identity: EncodedPerson): EncodedPerson => {
    switch (int(0, 3)) {
      case 0:
        return { ...identity, familyName: identity.familyName.toUpperCase() };
      case 1:
        return { ...identity, givenNames: identity.givenNames.split(" ").reverse().join(" ") };
      case 2:
        return {
          ...identity,
          familyName: identity.familyName.normalize("NFKD").replace(/\p{M}+/gu, ""),
          givenNames: identity.givenNames.toLowerCase(),
        };
      default:
        return {
          ...identity,
          aliases: [...identity.aliases, identity.givenNames.split(" ")[0] ?? identity.givenNames],
        };
    }
  };

  const organisationOfKind = (kind: string) => pick(organisationsByKind.get(kind) ?? organisations);

  for (let year = firstYear; year <= options.lastYear; year++) {
    for (let n = 1; n <= perYear; n++) {
      const sex = weighted<"female" | "male" | "x" | "unknown">([
        ["female", 57],
        ["male", 40],
        ["x", 1],
        ["unknown", 2],
      ]);
      const ageBand = weighted<"minor" | "young" | "adult">([
        ["minor", 15],
        ["young", 20],
        ["adult", 65],
      ]);
      const age = ageBand === "minor" ? int(12, 17) : ageBand === "young" ? int(18, 22) : int(23, 58);
      const nationality = weighted(nationalityShares);
      const nationalities =
        nationality !== "NL" && nationality !== "unknown" && nationality !== "stateless" && chance(0.03)
          ? [nationality, "NL"]
          : [nationality];
      const pool = namePools[poolOf(nationality)];
      const givenNames = chance(0.25) ? `${pick(pool.given)} ${pick(pool.given)}` : pick(pool.given);
      const birthYear = year - age;
      const fullDate = chance(0.8);
      const identity: EncodedPerson = {
        familyName: pick(pool.family),
        givenNames,
        aliases: chance(0.1) ? [pick(pool.given)] : [],
        ...(fullDate ? { dateOfBirth: `${birthYear}-${pad(int(1, 12))}-${pad(int(1, 28))}` } : { birthYear }),
        ...(chance(0.3) ? { documentNumber: `${pick(["NW", "PX", "BK", "TR"])}${int(1_000_000, 9_999_999)}` } : {}),
        sex,
        nationalities: nationalities as EncodedPerson["nationalities"],
      };
      const person: DemoPerson = { key: `p-${year}-${n}`, identity };
      persons.push(person);

      const shares = sex === "male" ? formSharesBySex.male : formSharesBySex.female;
      const form = weighted<string>(shares);
      const forms = chance(0.1) && form !== "unknown" ? [form, form === "labour" ? "criminal" : "labour"] : [form];
      const first = organisationOfKind(ageBand === "minor" && chance(0.3) ? "youth_care" : weighted(reportingShares));
      const reportedOn = dateIn(year);
      report(person, year, reportedOn, first, identity, forms);

      if (chance(0.08)) {
        const usedKinds = new Set<string>([first.kind]);
        for (let extra = int(1, 2); extra > 0; extra--) {
          const kind = weighted(reportingShares.filter(([k]) => !usedKinds.has(k)));
          usedKinds.add(kind);
          const month = Number(reportedOn.slice(5, 7));
          report(person, year, dateIn(year, month), organisationOfKind(kind), variant(identity), forms);
        }
      }
      if (year < options.lastYear && chance(0.03)) {
        const later = int(year + 1, options.lastYear);
        report(person, later, dateIn(later), organisationOfKind(weighted(reportingShares)), variant(identity), [
          weighted<string>(shares),
        ]);
      }
    }
  }

  registrations.sort((a, b) =>
    a.registration.reportedOn === b.registration.reportedOn
      ? Number(a.key.slice(2)) - Number(b.key.slice(2))
      : a.registration.reportedOn < b.registration.reportedOn
        ? -1
        : 1,
  );
  return { organisations, shelters, persons, registrations };
};
