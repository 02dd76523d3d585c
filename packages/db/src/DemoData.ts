import {
  AgeGroup,
  type Country,
  type DossierType,
  type ExploitationForm,
  IsoDate,
  Nationality,
  NationalityGroup,
  type Organisation,
  type OrganisationKind,
  type Person,
  PersonMatching,
  Placement,
  PlacementRequest,
  PoliceRegion,
  ReflectionPeriod,
  type Registration,
  type Sex,
  type ShelterKind,
  type TargetGroup,
} from "@comensha/domain";
import { Redacted, Result, Schema } from "effect";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import {
  type CalibratedYear,
  calibratedYearOf,
  reportedPersons,
  type YearProfile,
  yearProfiles,
} from "./DemoCalibration.js";
import { municipalitiesByRegion, type NamePool, namePools, poolsOf, type TerritorialRegion } from "./DemoNames.js";

type NewOrganisationEncoded = typeof Organisation.NewOrganisation.Encoded;
type RegistrationEncoded = typeof Registration.RegistrationInput.Encoded;
type PersonEncoded = RegistrationEncoded["person"];
type ExploitationEncoded = RegistrationEncoded["exploitation"];
type ReflectionPeriodEncoded = NonNullable<RegistrationEncoded["reflectionPeriod"]>;
type Kind = OrganisationKind.OrganisationKind;
type Form = ExploitationForm.ExploitationForm;

/** A demo partner organisation, with a stable local key (`org-police-amsterdam`) that registrations refer to. */
export interface DemoOrganisation extends NewOrganisationEncoded {
  readonly key: string;
}

/** A place in a demo shelter, for one target group. */
export interface DemoPlace {
  readonly label: string;
  readonly targetGroup: TargetGroup.TargetGroup;
  readonly securityLevel: "standard" | "high";
  readonly accessible: boolean;
  readonly roomForChildren: boolean;
}

/** A demo shelter location (opvanglocatie) in a police region, with its places. */
export interface DemoShelter {
  readonly key: string;
  readonly name: string;
  readonly kind: ShelterKind.ShelterKind;
  readonly region: PoliceRegion.PoliceRegion;
  readonly places: ReadonlyArray<DemoPlace>;
}

/** A demo person as they really are; their reports may write them slightly differently. */
export interface DemoPerson {
  readonly key: string;
  readonly identity: PersonEncoded;
}

/** A demo report of a person by an organisation, in the wire (encoded) form partners send, with its status. */
export interface DemoRegistration {
  readonly key: string;
  readonly organisationKey: string;
  readonly personKey: string;
  readonly status: Registration.RegistrationStatus;
  readonly registration: RegistrationEncoded;
}

/** A place of a demo shelter, named by the shelter's key and the place's label. */
export interface DemoPlaceRef {
  readonly shelterKey: string;
  readonly placeLabel: string;
}

/** An offer of a place to a demo placement request: accepted, declined, or still open. */
export interface DemoOffer extends DemoPlaceRef {
  readonly startsOn: string;
  readonly expiresAt: string;
  readonly status: "open" | "accepted" | "declined";
}

/** A demo placement: the nights [startsOn, endsOn) in one place; without an end (and reason) it still runs. */
export interface DemoPlacement extends DemoPlaceRef {
  readonly startsOn: string;
  readonly endsOn?: string;
  readonly endReason?: Placement.EndReason;
}

/** The needs of a demo placement request in the wire form; demo requests carry no medical needs. */
export type DemoPlacementNeeds = Omit<typeof PlacementRequest.PlacementNeeds.Encoded, "medicalNeeds">;

/**
 * A demo placement request (opvangverzoek) for one registration: its needs, the events of its state machine from
 * `requested` on ({@link PlacementRequest.transition}), the state they lead to, the offers made and the placement.
 */
export interface DemoPlacementRequest {
  readonly key: string;
  readonly registrationKey: string;
  readonly requestedBy: PlacementRequest.Requester;
  readonly requestedOn: string;
  readonly preferredRegion?: PoliceRegion.PoliceRegion;
  readonly needs: DemoPlacementNeeds;
  readonly events: ReadonlyArray<PlacementRequest.PlacementEventTag>;
  readonly state: PlacementRequest.PlacementState;
  readonly offers: ReadonlyArray<DemoOffer>;
  readonly placement?: DemoPlacement;
}

/**
 * A possible duplicate: a later report that writes an existing person with other given names but the same family
 * name and date of birth, so only a weak blind index (`family_dob`) matches and the seed, like the API, makes a new
 * person for it. `decision` is absent while it waits for a coordinator.
 */
export interface DemoDuplicate {
  readonly key: string;
  /** The person as the report writes them; a new person record, not one of {@link DemoData.persons}. */
  readonly person: DemoPerson;
  /** The report, of `person`. */
  readonly registration: DemoRegistration;
  /** The existing person the report weakly matches. */
  readonly candidatePersonKey: string;
  readonly decision?: { readonly status: "merged" | "dismissed"; readonly reason: string };
}

/**
 * Everything the demo seed writes: plain, JSON-serialisable data, registrations ordered by report date. The demo's
 * present is `today`, or `lastYear`-12-31 without it ({@link DemoDataOptions}): requests still open were made in the
 * last weeks before it, an open offer expires after it, and a placement without an end still runs.
 */
export interface DemoData {
  readonly organisations: ReadonlyArray<DemoOrganisation>;
  readonly shelters: ReadonlyArray<DemoShelter>;
  readonly persons: ReadonlyArray<DemoPerson>;
  readonly registrations: ReadonlyArray<DemoRegistration>;
  /** Placement requests ordered by request date. */
  readonly placementRequests: ReadonlyArray<DemoPlacementRequest>;
  /** Possible duplicates, each with its own report, written after all other registrations. */
  readonly duplicates: ReadonlyArray<DemoDuplicate>;
}

/**
 * How much demo data to make, and from which seed: `years` calendar years ending in `lastYear` (the caller decides
 * it, so that no report lies after `lastYear`-12-31), with `personsPerYear` (default 1,000) new persons in `lastYear`
 * and in each other year as many as the published counts scale it to ({@link demoPersonsIn}), and with `today` also
 * the year after `lastYear` up to `today`.
 */
export interface DemoDataOptions {
  /** An unsigned 32-bit whole number, 0 to 4294967295. */
  readonly seed: number;
  readonly years: number;
  readonly lastYear: number;
  readonly personsPerYear?: number;
  /**
   * The demo's present as an ISO date (`YYYY-MM-DD`) in the year after `lastYear`: that year's reports run from
   * 1 January to `today`, and the open requests, offers, running placements and open duplicates are recent on it.
   */
  readonly today?: string;
}

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

const entriesOf = <K extends string>(table: { readonly [Key in K]?: number }): ReadonlyArray<readonly [K, number]> =>
  Object.entries(table) as Array<[K, number]>;

/** Shares as a table, `{ female: 57, male: 40 }`; string keys keep the order they are written in. */
const weights: <T extends string>(table: { readonly [K in T]?: number }) => Weighted<T> = entriesOf;

interface Random {
  readonly int: (from: number, to: number) => number;
  readonly chance: (probability: number) => boolean;
  readonly pick: <T>(items: ReadonlyArray<T>) => T;
  readonly weighted: <T>(items: Weighted<T>) => T;
}

const makeRandom = (rng: RandomGenerator): Random => {
  const int = (from: number, to: number) => uniformInt(rng, from, to);
  const pick = <T>(items: ReadonlyArray<T>): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error("Cannot pick from an empty list");
    return item;
  };
  return {
    int,
    chance: (probability) => uniformFloat64(rng) < probability,
    pick,
    weighted: <T>(items: Weighted<T>): T => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = uniformFloat64(rng) * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return pick(items.slice(-1))[0];
    },
  };
};

const msPerDay = 86_400_000;
const dayOf = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / msPerDay;
const isoOf = (day: number): string => new Date(day * msPerDay).toISOString().slice(0, 10);
const partsOf = (day: number) => {
  const date = new Date(day * msPerDay);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

const ageOn = (identity: PersonEncoded, day: number): number | undefined =>
  AgeGroup.ageOn(
    {
      dateOfBirth: identity.dateOfBirth === undefined ? undefined : IsoDate.make(identity.dateOfBirth),
      birthYear: identity.birthYear,
    },
    IsoDate.make(isoOf(day)),
  );

const careCoordinationAreas: ReadonlyArray<readonly [TerritorialRegion, string]> = [
  ["noord_nederland", "Noord-Nederland"],
  ["oost_nederland", "Gelderland-Overijssel"],
  ["midden_nederland", "Regio Utrecht"],
  ["noord_holland", "Noord-Holland Noord"],
  ["amsterdam", "Amsterdam-Amstelland"],
  ["den_haag", "Haaglanden"],
  ["rotterdam", "Rijnmond"],
  ["zeeland_west_brabant", "Zeeland-West-Brabant"],
  ["oost_brabant", "Oost-Brabant"],
  ["limburg", "Limburg"],
];

const organisation = (key: string, name: string, kind: Kind, region?: PoliceRegion.PoliceRegion): DemoOrganisation =>
  region === undefined ? { key, name, kind } : { key, name, kind, region };

/** The demo's partner organisations: every kind, police units in every region, names that are no real office. */
export const demoOrganisations: ReadonlyArray<DemoOrganisation> = [
  ...PoliceRegion.codeList.codes.map((region) =>
    organisation(
      `org-police-${region}`,
      `Politie Eenheid ${PoliceRegion.codeList.label(region, "nl")}`,
      "police",
      region,
    ),
  ),
  organisation("org-kmar-schiphol", "Koninklijke Marechaussee Brigade Schiphol", "kmar"),
  organisation("org-kmar-noord-oost", "Koninklijke Marechaussee District Noord en Oost", "kmar"),
  organisation("org-kmar-zuid-west", "Koninklijke Marechaussee District Zuid-West", "kmar"),
  organisation("org-labour-investigation", "Nederlandse Arbeidsinspectie, Directie Opsporing", "labour_inspectorate"),
  organisation("org-labour-north", "Nederlandse Arbeidsinspectie, Team Arbeidsuitbuiting Noord", "labour_inspectorate"),
  organisation("org-labour-south", "Nederlandse Arbeidsinspectie, Team Arbeidsuitbuiting Zuid", "labour_inspectorate"),
  ...careCoordinationAreas.map(([region, area]) =>
    organisation(`org-care-${region}`, `Zorgcoördinatie Mensenhandel ${area}`, "care_coordination", region),
  ),
  organisation("org-fairwork-helpdesk", "FairWork Helpdesk", "fairwork"),
  organisation("org-fairwork-outreach", "FairWork Outreachteam", "fairwork"),
  organisation("org-ngo-uitweg", "Stichting Uitweg Noord", "ngo", "noord_nederland"),
  organisation("org-ngo-open-deur", "Stichting Open Deur Mensenhandel", "ngo", "amsterdam"),
  organisation("org-ngo-steunpunt", "Steunpunt Arbeidsmigranten Zuid", "ngo", "oost_brabant"),
  organisation("org-ngo-kompas", "Stichting Kompas Jongeren", "ngo", "rotterdam"),
  organisation("org-shelter-west", "Stichting Opvang West", "shelter", "den_haag"),
  organisation("org-shelter-oost", "Vrouwenopvang Oost", "shelter", "oost_nederland"),
  organisation("org-shelter-zuid", "Stichting Perspectief Opvang Zuid", "shelter", "limburg"),
  organisation("org-youth-midden", "Jeugdbescherming Regio Midden", "youth_care", "midden_nederland"),
  organisation("org-youth-west", "Jeugdzorg Randstad West", "youth_care", "rotterdam"),
  organisation("org-youth-zuid", "Jeugdzorg Brabant-Zuid", "youth_care", "zeeland_west_brabant"),
  organisation("org-lawyer-grachtzijde", "Advocatenkantoor Grachtzijde", "lawyer", "amsterdam"),
  organisation("org-lawyer-maas", "Advocaten aan de Maas", "lawyer", "rotterdam"),
  organisation("org-lawyer-noord", "Rechtshulpcollectief Noord", "lawyer", "noord_nederland"),
  organisation("org-municipality-amsterdam", "Gemeente Amsterdam", "municipality", "amsterdam"),
  organisation("org-municipality-rotterdam", "Gemeente Rotterdam", "municipality", "rotterdam"),
  organisation("org-municipality-utrecht", "Gemeente Utrecht", "municipality", "midden_nederland"),
  organisation("org-municipality-eindhoven", "Gemeente Eindhoven", "municipality", "oost_brabant"),
  organisation("org-municipality-groningen", "Gemeente Groningen", "municipality", "noord_nederland"),
  organisation("org-ind-trafficking", "Immigratie- en Naturalisatiedienst, Unit Mensenhandel", "immigration_service"),
  organisation("org-ind-registration", "Immigratie- en Naturalisatiedienst, Aanmeldcentrum", "immigration_service"),
  organisation("org-other-union", "Vakbond Arbeidsmigratie Midden", "other", "midden_nederland"),
  organisation("org-other-health", "Huisartsenpost Centrum", "other", "den_haag"),
  organisation("org-other-school", "Regionaal Opleidingscentrum Oost", "other", "oost_nederland"),
];

interface ShelterPlan {
  readonly key: string;
  readonly name: string;
  readonly kind: ShelterKind.ShelterKind;
  readonly region: PoliceRegion.PoliceRegion;
  readonly places: { readonly [G in TargetGroup.TargetGroup]?: number };
}

const shelterPlans: ReadonlyArray<ShelterPlan> = [
  {
    key: "shelter-cosm-noord",
    name: "COSM Noord",
    kind: "cosm",
    region: "noord_nederland",
    places: { women: 8, men: 4, families: 2 },
  },
  {
    key: "shelter-cosm-midden",
    name: "COSM Midden",
    kind: "cosm",
    region: "midden_nederland",
    places: { women: 6, men: 6 },
  },
  {
    key: "shelter-cosm-zuid",
    name: "COSM Zuid",
    kind: "cosm",
    region: "oost_brabant",
    places: { women: 6, men: 4, families: 2 },
  },
  /** OMM takes adults with multiple problems besides the exploitation, not minors (`ShelterKind`). */
  {
    key: "shelter-omm-midden",
    name: "OMM Midden",
    kind: "omm",
    region: "midden_nederland",
    places: { women: 3, men: 2 },
  },
  {
    key: "shelter-womens-amsterdam",
    name: "Vrouwenopvang De Haven",
    kind: "womens_shelter",
    region: "amsterdam",
    places: { women: 10, families: 3 },
  },
  {
    key: "shelter-womens-rotterdam",
    name: "Vrouwenopvang Het Anker",
    kind: "womens_shelter",
    region: "rotterdam",
    places: { women: 8, families: 2 },
  },
  {
    key: "shelter-mens-den-haag",
    name: "Mannenopvang Haaglanden",
    kind: "mens_shelter",
    region: "den_haag",
    places: { men: 8 },
  },
  {
    key: "shelter-social-utrecht",
    name: "Maatschappelijke Opvang Utrecht",
    kind: "social_shelter",
    region: "midden_nederland",
    places: { women: 5, men: 4 },
  },
  {
    key: "shelter-social-groningen",
    name: "Maatschappelijke Opvang Groningen",
    kind: "social_shelter",
    region: "noord_nederland",
    places: { women: 4, men: 6 },
  },
  {
    key: "shelter-youth-oost",
    name: "Jeugdzorg Residentieel Oost",
    kind: "youth_care",
    region: "oost_nederland",
    places: { minors: 8 },
  },
  {
    key: "shelter-protected-minors",
    name: "Beschermde Opvang Minderjarigen Zuid",
    kind: "protected_minors",
    region: "zeeland_west_brabant",
    places: { minors: 6 },
  },
  {
    key: "shelter-emergency-noord-holland",
    name: "Noodopvang Noord-Holland",
    kind: "emergency",
    region: "noord_holland",
    places: { women: 3, men: 3, families: 1 },
  },
];

const placePrefix: { readonly [G in TargetGroup.TargetGroup]: string } = {
  women: "V",
  men: "M",
  minors: "J",
  families: "G",
};

const highSecurityShare: { readonly [K in ShelterKind.ShelterKind]: number } = {
  cosm: 0.5,
  omm: 0.5,
  womens_shelter: 0.3,
  mens_shelter: 0.1,
  social_shelter: 0.05,
  youth_care: 0.2,
  protected_minors: 1,
  emergency: 0.2,
};

const makeShelters = (random: Random): ReadonlyArray<DemoShelter> =>
  shelterPlans.map((plan) => ({
    key: plan.key,
    name: plan.name,
    kind: plan.kind,
    region: plan.region,
    places: entriesOf(plan.places).flatMap(([targetGroup, count]) =>
      Array.from({ length: count }, (_, i) => ({
        label: `${placePrefix[targetGroup]}-${String(i + 1).padStart(2, "0")}`,
        targetGroup,
        securityLevel: random.chance(highSecurityShare[plan.kind]) ? "high" : "standard",
        accessible: random.chance(0.25),
        roomForChildren: targetGroup === "families" || (targetGroup === "women" && random.chance(0.2)),
      })),
    ),
  }));

const oftenDutchToo: ReadonlySet<Nationality.Nationality> = new Set(["MA", "TR", "SR"]);

type FormGroup = "dutch" | "other_eu" | "non_eu";
/**
 * The forms of adults by sex and nationality group, before a year's {@link YearProfile.formTilt}. Forced marriage is
 * rare: no published count was found, so it has a small weight for women from outside the EU only.
 */
const formShares: { readonly [S in "female" | "male"]: { readonly [G in FormGroup]: Weighted<Form> } } = {
  female: {
    dutch: weights({ sexual: 76, labour: 6, criminal: 11, forced_begging: 1, other: 3, unknown: 3 }),
    other_eu: weights({ sexual: 62, labour: 30, criminal: 5, forced_begging: 2, unknown: 1 }),
    non_eu: weights({
      sexual: 62,
      labour: 24,
      criminal: 7,
      forced_begging: 2,
      forced_marriage: 0.6,
      organ_removal: 0.5,
      other: 1.5,
      unknown: 3,
    }),
  },
  male: {
    dutch: weights({ sexual: 36, labour: 24, criminal: 30, other: 5, unknown: 5 }),
    other_eu: weights({ sexual: 4, labour: 83, criminal: 8, forced_begging: 3, unknown: 2 }),
    non_eu: weights({
      sexual: 16,
      labour: 60,
      criminal: 10,
      forced_begging: 6,
      organ_removal: 1,
      other: 3,
      unknown: 4,
    }),
  },
};

const secondFormShares: Weighted<Form> = weights({ sexual: 2, labour: 2, criminal: 2 });

/** `shares` with each form's weight multiplied by the year's tilt. */
const tilted = (shares: Weighted<Form>, tilt: YearProfile["formTilt"]): Weighted<Form> =>
  shares.map(([form, weight]) => [
    form,
    weight * (form === "sexual" || form === "labour" || form === "criminal" ? tilt[form] : 1),
  ]);

type AgeBand = "minor" | "young" | "adult" | "unknown";

/** A year's profile as the generator draws from it: its shares as weighted lists. */
interface YearDraws {
  readonly sex: Weighted<Sex.Sex>;
  readonly ageBand: Weighted<AgeBand>;
  readonly nationality: Weighted<Nationality.Nationality>;
  readonly minorForms: Weighted<Form>;
  /** The forms of adults by sex and nationality group: {@link formShares} tilted by the year's `formTilt`. */
  readonly adultForms: { readonly [S in "female" | "male"]: { readonly [G in FormGroup]: Weighted<Form> } };
  readonly reporters: { readonly labour: Weighted<Kind>; readonly other: Weighted<Kind> };
}

const drawsOf = (profile: YearProfile): YearDraws => ({
  sex: weights<Sex.Sex>({
    female: profile.femaleShare,
    male: 0.97 - profile.femaleShare,
    x: 0.01,
    unknown: 0.02,
  }),
  ageBand: weights<AgeBand>({
    minor: profile.minorShare,
    young: profile.youngShare,
    adult: 0.98 - profile.minorShare - profile.youngShare,
    unknown: 0.02,
  }),
  nationality: weights(profile.nationalities),
  minorForms: weights<Form>(profile.minorForms),
  adultForms: {
    female: {
      dutch: tilted(formShares.female.dutch, profile.formTilt),
      other_eu: tilted(formShares.female.other_eu, profile.formTilt),
      non_eu: tilted(formShares.female.non_eu, profile.formTilt),
    },
    male: {
      dutch: tilted(formShares.male.dutch, profile.formTilt),
      other_eu: tilted(formShares.male.other_eu, profile.formTilt),
      non_eu: tilted(formShares.male.non_eu, profile.formTilt),
    },
  },
  reporters: { labour: weights(profile.reporters.labour), other: weights(profile.reporters.other) },
});

const yearDraws = new Map<CalibratedYear, YearDraws>(
  Object.entries(yearProfiles).map(([year, profile]) => [Number(year) as CalibratedYear, drawsOf(profile)]),
);

/** The shares the demo draws from in `year` ({@link yearProfiles}; before 2019 and after 2024 the nearest year's). */
const drawsIn = (year: number): YearDraws => {
  const draws = yearDraws.get(calibratedYearOf(year));
  if (draws === undefined) throw new Error(`no demo profile for ${year}`);
  return draws;
};

/**
 * How many new persons the demo makes in `year`, of a demo whose last complete year `lastYear` has `personsPerYear`:
 * `personsPerYear` scaled by the persons reported to CoMensha in `year` against `lastYear` ({@link reportedPersons};
 * before 2019 and after 2024 the nearest year's count). A demo of 2019 to 2025 with 1,000 a year makes 1,413 in 2019,
 * 838 in 2021 and 1,000 in 2024 and 2025.
 */
export const demoPersonsIn = (year: number, lastYear: number, personsPerYear: number): number =>
  Math.round((personsPerYear * reportedPersons[calibratedYearOf(year)]) / reportedPersons[calibratedYearOf(lastYear)]);

const regionShares: Weighted<TerritorialRegion> = weights({
  amsterdam: 16,
  rotterdam: 14,
  den_haag: 12,
  midden_nederland: 10,
  oost_nederland: 10,
  zeeland_west_brabant: 9,
  oost_brabant: 9,
  noord_holland: 8,
  noord_nederland: 6,
  limburg: 6,
});

const offererShares = weights<"police" | "kmar">({ police: 80, kmar: 20 });

const dossierShares = {
  withReflection: weights<DossierType.DossierType>({
    registration_and_shelter: 55,
    registration: 35,
    registration_information_advice: 10,
  }),
  minor: weights<DossierType.DossierType>({
    registration: 50,
    registration_and_shelter: 35,
    registration_information_advice: 15,
  }),
  other: weights<DossierType.DossierType>({
    registration: 58,
    registration_and_shelter: 25,
    registration_information_advice: 17,
  }),
};

const statusShares = {
  recent: weights<Registration.RegistrationStatus>({ received: 45, registered: 52, withdrawn: 2, rejected: 1 }),
  settled: weights<Registration.RegistrationStatus>({ registered: 90, received: 4, withdrawn: 4, rejected: 2 }),
};

const countriesAbroad: ReadonlyArray<Country.CountryCode> = ["BE", "DE", "FR", "ES", "IT", "GB", "AT", "GR", "TR"];

const statutoryKinds: ReadonlySet<Kind> = new Set(["police", "kmar", "labour_inspectorate"]);
const isOfferer = (kind: Kind): kind is "police" | "kmar" => kind === "police" || kind === "kmar";

const documentPrefixes = ["NX", "PB", "BZ", "KR", "TD", "RV"] as const;

const nonDutchPools = (Object.keys(namePools) as Array<keyof typeof namePools>).filter((key) => key !== "dutch");

interface Subject {
  readonly person: DemoPerson;
  readonly pool: NamePool;
  readonly givenNames: ReadonlyArray<string>;
  readonly formGroup: FormGroup;
  readonly formSex: "female" | "male";
  readonly isMinor: boolean;
  /** The shares of the year the person was first reported in. */
  readonly draws: YearDraws;
}

interface Case {
  readonly forms: ReadonlyArray<Form>;
  readonly exploitation: ExploitationEncoded;
  readonly region: TerritorialRegion | undefined;
}

interface Report {
  readonly sequence: number;
  readonly day: number;
  readonly organisationKey: string;
  readonly personKey: string;
  readonly status: Registration.RegistrationStatus;
  readonly registration: RegistrationEncoded;
}

const stripDiacritics = (name: string): string =>
  name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC");

/** The share of registrations for shelter (with consent) that lead to a placement request. */
const requestShare = 0.3;

/** The longest a request waits for a place, in days, before the coordinator gives it up. */
const longestWait = 21;

/** Requests made in this many last days before the demo's present are still open. */
const openWindow = 21;

/**
 * The states of the requests still open, in order of priority when there are fewer candidates: one offered, and
 * requested, searching and waitlisted twice each.
 */
const openStates: ReadonlyArray<PlacementRequest.PlacementState> = [
  "offered",
  "requested",
  "searching",
  "waitlisted",
  "requested",
  "searching",
  "waitlisted",
];

/** How far along an open request is: the oldest requests are the furthest along. */
const openRank: { readonly [S in PlacementRequest.PlacementState]?: number } = {
  waitlisted: 0,
  offered: 1,
  searching: 2,
  requested: 3,
};

const eventsTo: {
  readonly [S in PlacementRequest.PlacementState]?: ReadonlyArray<PlacementRequest.PlacementEventTag>;
} = {
  requested: [],
  searching: ["StartSearch"],
  waitlisted: ["StartSearch", "Waitlist"],
  offered: ["StartSearch", "Offer"],
};

const urgencyShares: Weighted<PlacementRequest.Urgency> = weights({ tonight: 30, this_week: 45, planned: 25 });

const endReasonShares: Weighted<Placement.EndReason> = weights({
  moved_on: 48,
  transferred: 18,
  left_without_notice: 14,
  returned_home: 12,
  other: 5,
  removed: 3,
});

/** The shortest and longest stay in a shelter of each kind, in nights. */
const stayNights: { readonly [K in ShelterKind.ShelterKind]: readonly [number, number] } = {
  cosm: [21, 95],
  omm: [30, 180],
  womens_shelter: [21, 180],
  mens_shelter: [14, 120],
  social_shelter: [14, 120],
  youth_care: [30, 240],
  protected_minors: [45, 240],
  emergency: [1, 14],
};

/** The language most people of a nationality speak, as an ISO 639-1 code. */
const languageOf: { readonly [N in Nationality.Nationality]?: string } = {
  NL: "nl",
  SR: "nl",
  RO: "ro",
  BG: "bg",
  PL: "pl",
  HU: "hu",
  LT: "lt",
  SK: "sk",
  NG: "en",
  GH: "en",
  UG: "en",
  ER: "ti",
  MA: "ar",
  SY: "ar",
  stateless: "ar",
  UA: "uk",
  CN: "zh",
  VN: "vi",
  BR: "pt",
  CO: "es",
  VE: "es",
  PH: "tl",
  TR: "tr",
};

const decodeReflectionPeriod = Schema.decodeUnknownSync(ReflectionPeriod.ReflectionPeriod);
const isIsoDate = Schema.is(IsoDate.IsoDate);

const dayOfIso = (iso: string): number => Date.parse(iso) / msPerDay;

/** The needs of a placement request for the person of `registration`, made on `day`. */
const needsFor = (random: Random, registration: RegistrationEncoded, day: number): DemoPlacementNeeds => {
  const person = registration.person;
  const age = ageOn(person, day);
  const isMinor = age !== undefined && age < 18;
  const isFemale = person.sex === "female" || (person.sex !== "male" && random.chance(0.5));
  const hasChildren = !isMinor && random.chance(isFemale ? 0.15 : 0.03);
  const forms = registration.exploitation.forms;
  const isAtRisk = forms.includes("sexual") || forms.includes("criminal");
  const languages = new Set(person.nationalities.flatMap((n) => languageOf[n] ?? []));
  if (languages.size === 0 || (!languages.has("en") && random.chance(0.4))) languages.add("en");
  return {
    targetGroup: isMinor ? "minors" : hasChildren ? "families" : isFemale ? "women" : "men",
    children: hasChildren ? random.int(1, 3) : 0,
    urgency: random.weighted(urgencyShares),
    security: random.chance(isAtRisk ? 0.25 : 0.08) ? "high" : "standard",
    languages: [...languages].slice(0, 5),
    ...(random.chance(0.04) ? { accessible: true } : {}),
  };
};

/** A place and the first day from which it is free for good (its last placement's end; never while one runs). */
interface Slot {
  readonly shelter: DemoShelter;
  readonly place: DemoPlace;
  freeFrom: number;
}

const refOf = (slot: Slot): DemoPlaceRef => ({ shelterKey: slot.shelter.key, placeLabel: slot.place.label });

/** The state a request reaches through `events` from `requested`, by the domain's state machine. */
const stateAfter = (events: ReadonlyArray<PlacementRequest.PlacementEventTag>): PlacementRequest.PlacementState =>
  events.reduce<PlacementRequest.PlacementState>((state, event) => {
    const next = PlacementRequest.transition(state, { _tag: event });
    if (Result.isFailure(next)) throw new Error(`demo placement request: ${event} is not allowed in ${state}`);
    return next.success;
  }, "requested");

/**
 * Placement requests for about {@link requestShare} of the registrations for shelter with consent, at most one per
 * person, placed in the order they come: each in a free place that fits its needs (target group, security,
 * accessibility, room for children) and the offer rules ({@link Placement.checkOfferRules}: COSM only while the
 * reflection period runs), after a wait on the waiting list when none is free, or cancelled after
 * {@link longestWait} days. A place holds one person at a time. Stays that would end after `lastDay` (the demo's
 * present) still run. In the last {@link openWindow} days a handful of requests are still open ({@link openStates});
 * the one offered has an open offer from `lastDay`, expiring the day after.
 */
const makePlacementRequests = (
  random: Random,
  shelters: ReadonlyArray<DemoShelter>,
  registrations: ReadonlyArray<DemoRegistration>,
  lastDay: number,
): ReadonlyArray<DemoPlacementRequest> => {
  const slots: Array<Slot> = shelters.flatMap((shelter) =>
    shelter.places.map((place) => ({ shelter, place, freeFrom: Number.NEGATIVE_INFINITY })),
  );
  const requestedPersons = new Set<string>();
  const drafts: Array<Omit<DemoPlacementRequest, "key" | "state">> = [];

  const isCandidate = (r: DemoRegistration) =>
    r.registration.dossierType === "registration_and_shelter" &&
    r.registration.consentToShareWithShelter &&
    (r.status === "registered" || r.status === "received") &&
    !requestedPersons.has(r.personKey);

  const needsOf = (r: DemoRegistration, day: number): DemoPlacementNeeds => needsFor(random, r.registration, day);

  /** Whether the offer rules let the registration's person into COSM from `day` on. */
  const cosmAdmits = (r: DemoRegistration): ((day: number) => boolean) => {
    const { person, reflectionPeriod, consentToShareWithShelter } = r.registration;
    if (reflectionPeriod === undefined) return () => false;
    const context = {
      consentToShareWithShelter,
      shelterKind: "cosm" as const,
      birth: {
        dateOfBirth: person.dateOfBirth === undefined ? undefined : IsoDate.make(person.dateOfBirth),
        birthYear: person.birthYear,
      },
      nationalities: person.nationalities,
      reflectionPeriod: decodeReflectionPeriod(reflectionPeriod),
    };
    const known = new Map<number, boolean>();
    return (day) => {
      const admits =
        known.get(day) ?? Placement.checkOfferRules({ ...context, startsOn: IsoDate.make(isoOf(day)) }).length === 0;
      known.set(day, admits);
      return admits;
    };
  };

  const fits = (slot: Slot, needs: DemoPlacementNeeds, admitsToCosm: (day: number) => boolean, day: number) =>
    slot.freeFrom <= day &&
    slot.place.targetGroup === needs.targetGroup &&
    (needs.security === "standard" || slot.place.securityLevel === "high") &&
    (needs.accessible !== true || slot.place.accessible) &&
    (needs.children === 0 || slot.place.roomForChildren) &&
    (slot.shelter.kind !== "cosm" || admitsToCosm(day));

  const choose = (candidates: ReadonlyArray<Slot>, needs: DemoPlacementNeeds, region: string | undefined): Slot =>
    random.weighted(
      candidates.map((slot) => {
        const kind = slot.shelter.kind;
        const kindWeight = kind === "cosm" ? 6 : kind === "emergency" ? (needs.urgency === "tonight" ? 2 : 0.3) : 1;
        return [slot, kindWeight * (slot.shelter.region === region ? 3 : 1)] as const;
      }),
    );

  const delayOf = (urgency: PlacementRequest.Urgency): number =>
    urgency === "tonight"
      ? random.chance(0.8)
        ? 0
        : 1
      : urgency === "this_week"
        ? random.int(1, 6)
        : random.int(5, 14);

  const offerOf = (slot: Slot, startsOn: number, status: DemoOffer["status"], expiresOn = startsOn): DemoOffer => ({
    ...refOf(slot),
    startsOn: isoOf(startsOn),
    expiresAt: `${isoOf(expiresOn)}T18:00:00Z`,
    status,
  });

  const baseOf = (r: DemoRegistration, requestedOn: number, needs: DemoPlacementNeeds) => {
    const region = r.registration.exploitation.policeRegion;
    return {
      registrationKey: r.key,
      requestedBy: random.chance(0.2) ? ("coordinator" as const) : ("partner" as const),
      requestedOn: isoOf(requestedOn),
      ...(region !== undefined && random.chance(0.5) ? { preferredRegion: region } : {}),
      needs,
    };
  };

  const lastSettledRequest = lastDay - openWindow - 1;
  for (const r of registrations) {
    const reportedOn = dayOfIso(r.registration.reportedOn);
    if (reportedOn > lastSettledRequest || !isCandidate(r) || !random.chance(requestShare)) continue;
    const requestedOn = Math.min(lastSettledRequest, reportedOn + (random.chance(0.6) ? 0 : random.int(1, 3)));
    requestedPersons.add(r.personKey);
    const needs = needsOf(r, requestedOn);
    const base = baseOf(r, requestedOn, needs);
    if (random.chance(0.06)) {
      drafts.push({ ...base, events: random.chance(0.5) ? ["Cancel"] : ["StartSearch", "Cancel"], offers: [] });
      continue;
    }
    const admitsToCosm = cosmAdmits(r);
    const desired = requestedOn + delayOf(needs.urgency);
    let startsOn = desired;
    let candidates = slots.filter((slot) => fits(slot, needs, admitsToCosm, startsOn));
    while (candidates.length === 0 && startsOn < requestedOn + longestWait) {
      startsOn += 1;
      candidates = slots.filter((slot) => fits(slot, needs, admitsToCosm, startsOn));
    }
    if (candidates.length === 0) {
      drafts.push({ ...base, events: ["StartSearch", "Waitlist", "Cancel"], offers: [] });
      continue;
    }
    const slot = choose(candidates, needs, base.preferredRegion ?? r.registration.exploitation.policeRegion);
    const others = candidates.filter((other) => other !== slot);
    const declined = others.length > 0 && random.chance(0.1) ? random.pick(others) : undefined;
    const events: Array<PlacementRequest.PlacementEventTag> =
      startsOn > desired ? ["StartSearch", "Waitlist"] : ["StartSearch"];
    const offers: Array<DemoOffer> = [];
    if (declined !== undefined) {
      offers.push(offerOf(declined, startsOn, "declined"));
      events.push("Offer", "DeclineOffer");
    }
    offers.push(offerOf(slot, startsOn, "accepted"));
    events.push("Offer", "Accept");
    const [shortest, longest] = stayNights[slot.shelter.kind];
    const isLongCosmStay = slot.shelter.kind === "cosm" && random.chance(0.1);
    const endsOn = startsOn + random.int(shortest, longest) + (isLongCosmStay ? random.int(15, 60) : 0);
    if (endsOn <= lastDay) {
      events.push("End");
      slot.freeFrom = endsOn;
      const placement = { ...refOf(slot), startsOn: isoOf(startsOn), endsOn: isoOf(endsOn) };
      drafts.push({
        ...base,
        events,
        offers,
        placement: { ...placement, endReason: random.weighted(endReasonShares) },
      });
    } else {
      slot.freeFrom = Number.POSITIVE_INFINITY;
      drafts.push({ ...base, events, offers, placement: { ...refOf(slot), startsOn: isoOf(startsOn) } });
    }
  }

  const recent: Array<DemoRegistration> = [];
  for (const r of registrations) {
    if (dayOfIso(r.registration.reportedOn) < lastDay - openWindow || !isCandidate(r)) continue;
    if (!recent.some((other) => other.personKey === r.personKey)) recent.push(r);
  }
  const chosen = openStates.slice(0, recent.length).map(() => {
    const [r] = recent.splice(random.int(0, recent.length - 1), 1) as [DemoRegistration];
    const reportedOn = dayOfIso(r.registration.reportedOn);
    const requestedOn = reportedOn + random.int(0, Math.min(2, lastDay - reportedOn));
    return { r, requestedOn, needs: needsOf(r, requestedOn), admitsToCosm: cosmAdmits(r) };
  });
  chosen.sort((a, b) => a.requestedOn - b.requestedOn);
  const states = openStates.slice(0, chosen.length).toSorted((a, b) => (openRank[a] ?? 0) - (openRank[b] ?? 0));
  const offeredAt = states.indexOf("offered");
  if (offeredAt >= 0) {
    const order = [...chosen.keys()].sort((a, b) => Math.abs(a - offeredAt) - Math.abs(b - offeredAt) || a - b);
    const fitting = order.find((i) => {
      const c = chosen[i];
      return c !== undefined && slots.some((slot) => fits(slot, c.needs, c.admitsToCosm, lastDay));
    });
    states[offeredAt] = "searching";
    if (fitting !== undefined) {
      states[offeredAt] = states[fitting] ?? "searching";
      states[fitting] = "offered";
    }
  }
  for (const [i, { r, requestedOn, needs, admitsToCosm }] of chosen.entries()) {
    requestedPersons.add(r.personKey);
    const state = states[i] ?? "requested";
    const base = baseOf(r, requestedOn, needs);
    const events = eventsTo[state] ?? [];
    if (state !== "offered") {
      drafts.push({ ...base, events, offers: [] });
      continue;
    }
    const candidates = slots.filter((slot) => fits(slot, needs, admitsToCosm, lastDay));
    const slot = choose(candidates, needs, base.preferredRegion ?? r.registration.exploitation.policeRegion);
    slot.freeFrom = Number.POSITIVE_INFINITY;
    drafts.push({ ...base, events, offers: [offerOf(slot, lastDay, "open", lastDay + 1)] });
  }

  return drafts
    .map((draft, sequence) => ({ draft, sequence }))
    .sort(
      (a, b) =>
        (a.draft.requestedOn < b.draft.requestedOn ? -1 : a.draft.requestedOn > b.draft.requestedOn ? 1 : 0) ||
        a.sequence - b.sequence,
    )
    .map(({ draft }, i) => ({ key: `placement-request-${i + 1}`, ...draft, state: stateAfter(draft.events) }));
};

/** Possible duplicates still waiting for a coordinator, and those already decided, with the coordinator's reason. */
const duplicatePlan: ReadonlyArray<DemoDuplicate["decision"]> = [
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  {
    status: "merged",
    reason: "Zelfde persoon: de melder bevestigt dat de roepnaam is genoteerd in plaats van de officiële voornaam.",
  },
  {
    status: "dismissed",
    reason: "Andere persoon: tweeling met dezelfde achternaam en geboortedatum, nagevraagd bij de melder.",
  },
];

/**
 * Later reports of existing persons under other given names ({@link DemoDuplicate}): open ones in the last 45 days
 * before `lastDay`, decided ones 2 to 8 months before it. The new full name appears on no report of anyone born in
 * the same year (so neither `name_dob` nor `name_year` matches), no other person shares the family name and date of
 * birth, and the report carries no document number: `family_dob` with the candidate is the only match.
 */
const makeDuplicates = (
  random: Random,
  persons: ReadonlyArray<DemoPerson>,
  registrations: ReadonlyArray<DemoRegistration>,
  lastDay: number,
): ReadonlyArray<DemoDuplicate> => {
  const firstReports = new Map<string, DemoRegistration>();
  const writtenByBirthYear = new Map<number, Array<DemoRegistration>>();
  for (const r of registrations) {
    if (!firstReports.has(r.personKey)) firstReports.set(r.personKey, r);
    const { birthYear, dateOfBirth } = r.registration.person;
    const year = birthYear ?? (dateOfBirth === undefined ? undefined : Number(dateOfBirth.slice(0, 4)));
    if (year === undefined) continue;
    const written = writtenByBirthYear.get(year) ?? [];
    written.push(r);
    writtenByBirthYear.set(year, written);
  }
  const namesByBirthYear = new Map<number, Set<string>>();
  /** The normalised names (full names and aliases) that reports give persons born in `year`. */
  const namesOf = (year: number): Set<string> => {
    const known = namesByBirthYear.get(year);
    if (known !== undefined) return known;
    const names = new Set(
      (writtenByBirthYear.get(year) ?? []).flatMap(({ registration: { person } }) =>
        [`${person.givenNames} ${person.familyName}`, ...person.aliases].map(PersonMatching.normaliseName),
      ),
    );
    namesByBirthYear.set(year, names);
    return names;
  };
  /** Whether another person's report shares the family name and date of birth: a second weak match. */
  const sharesFamilyAndBirth = (candidate: DemoPerson, dateOfBirth: string) => {
    const familyName = PersonMatching.normaliseName(candidate.identity.familyName);
    return (writtenByBirthYear.get(Number(dateOfBirth.slice(0, 4))) ?? []).some(
      (r) =>
        r.personKey !== candidate.key &&
        r.registration.person.dateOfBirth === dateOfBirth &&
        PersonMatching.normaliseName(r.registration.person.familyName) === familyName,
    );
  };
  const eligible = persons.flatMap((person) => {
    const first = firstReports.get(person.key);
    return person.identity.dateOfBirth !== undefined && first?.status === "registered"
      ? [{ person, firstDay: dayOfIso(first.registration.reportedOn) }]
      : [];
  });
  const used = new Set<string>();
  const duplicates: Array<DemoDuplicate> = [];
  for (const decision of duplicatePlan) {
    const [from, to] = decision === undefined ? [lastDay - 45, lastDay] : [lastDay - 240, lastDay - 60];
    const candidates = eligible.flatMap((e) => (e.firstDay < from && !used.has(e.person.key) ? [e.person] : []));
    if (candidates.length === 0) continue;
    const candidate = random.pick(candidates);
    const first = firstReports.get(candidate.key);
    const dateOfBirth = candidate.identity.dateOfBirth;
    used.add(candidate.key);
    if (first === undefined || dateOfBirth === undefined || sharesFamilyAndBirth(candidate, dateOfBirth)) continue;

    const isTwin = decision?.status === "dismissed";
    const sex = isTwin ? (random.chance(0.5) ? "female" : "male") : candidate.identity.sex;
    const pool =
      Object.values(namePools).find((p) => p.family.some((name) => name === candidate.identity.familyName)) ??
      namePools.dutch;
    const givenNames: ReadonlyArray<string> =
      sex === "female" ? pool.female : sex === "male" ? pool.male : [...pool.female, ...pool.male];
    const names = namesOf(Number(dateOfBirth.slice(0, 4)));
    const given = Array.from({ length: 10 }, () => random.pick(givenNames)).find(
      (name) => !names.has(PersonMatching.normaliseName(`${name} ${candidate.identity.familyName}`)),
    );
    if (given === undefined) continue;
    names.add(PersonMatching.normaliseName(`${given} ${candidate.identity.familyName}`));

    const n = duplicates.length + 1;
    const identity: PersonEncoded = {
      familyName: candidate.identity.familyName,
      givenNames: given,
      aliases: [],
      dateOfBirth,
      sex,
      nationalities: candidate.identity.nationalities,
    };
    const kind = random.weighted(drawsIn(partsOf(lastDay).year).reporters.other);
    const reporter = random.pick(demoOrganisations.filter((o) => o.kind === kind));
    const person = { key: `person-duplicate-${n}`, identity };
    duplicates.push({
      key: `duplicate-${n}`,
      person,
      registration: {
        key: `registration-duplicate-${n}`,
        organisationKey: reporter.key,
        personKey: person.key,
        status: decision === undefined ? "received" : "registered",
        registration: {
          reportedOn: isoOf(random.int(Math.max(from, dayOfIso(first.registration.reportedOn) + 1), to)),
          person: identity,
          exploitation: first.registration.exploitation,
          dossierType: random.chance(0.7) ? "registration" : "registration_information_advice",
          legalBasis: statutoryKinds.has(kind) ? "statutory" : "consent",
          consentToShareWithShelter: random.chance(0.5),
        },
      },
      candidatePersonKey: candidate.key,
      ...(decision === undefined ? {} : { decision }),
    });
  }
  return duplicates;
};

const maxSeed = 2 ** 32 - 1;

const validate = (options: DemoDataOptions): number => {
  const personsPerYear = options.personsPerYear ?? 1000;
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > maxSeed) {
    throw new RangeError(`seed must be a whole number from 0 to ${maxSeed}, got ${options.seed}`);
  }
  if (!Number.isInteger(options.years) || options.years < 1) {
    throw new RangeError(`years must be a whole number of at least 1, got ${options.years}`);
  }
  if (!Number.isInteger(options.lastYear) || options.lastYear - options.years + 1 < 1980 || options.lastYear > 9999) {
    throw new RangeError(
      `the years must lie between 1980 and 9999, got ${options.years} years up to ${options.lastYear}`,
    );
  }
  if (!Number.isInteger(personsPerYear) || personsPerYear < 0) {
    throw new RangeError(`personsPerYear must be a whole number of at least 0, got ${personsPerYear}`);
  }
  const today = options.today;
  if (today !== undefined && (!isIsoDate(today) || IsoDate.yearOf(today) !== options.lastYear + 1)) {
    throw new RangeError(
      `today must be a calendar date (YYYY-MM-DD) in the year after lastYear ${options.lastYear}, got "${today}"`,
    );
  }
  return personsPerYear;
};

/** The demo organisations by kind, in the order they are listed. */
const organisationsByKind: ReadonlyMap<Kind, ReadonlyArray<DemoOrganisation>> = (() => {
  const byKind = new Map<Kind, Array<DemoOrganisation>>();
  for (const candidate of demoOrganisations) {
    const ofKind = byKind.get(candidate.kind) ?? [];
    ofKind.push(candidate);
    byKind.set(candidate.kind, ofKind);
  }
  return byKind;
})();

/**
 * A person's name with more parts from their name pool, for a person drawn again because their first draw shares a
 * blind index with someone else ({@link streamDemoVolume}): from `level` 1 a second family name, from 2 more given
 * names, from 3 a third family name. At volume the pools' ten names of each kind cannot tell a million people apart.
 */
const widenName = (
  random: Random,
  identity: PersonEncoded,
  pool: NamePool,
  givenNames: ReadonlyArray<string>,
  level: number,
): PersonEncoded => {
  const families = [identity.familyName];
  for (let n = level >= 3 ? 2 : 1; n > 0; n--)
    families.push(random.pick(pool.family.filter((f) => !families.includes(f))));
  const given = identity.givenNames.split(" ");
  for (let n = Math.min(level - 1, 3); n > 0; n--) {
    const extra = random.pick(givenNames);
    if (!given.includes(extra)) given.push(extra);
  }
  return { ...identity, familyName: families.join("-"), givenNames: given.join(" ") };
};

/**
 * The reporting of persons with one random stream, as of `presentDay` (a report within 60 days before it may still be
 * in process, and no report or reflection period lies after it), into `reports`. A `naming.level` above 0 gives new
 * persons longer names ({@link widenName}); at 0 (the demo's) the draws are the demo's.
 */
const makeReporting = (
  random: Random,
  presentDay: number,
  reports: Array<Report>,
  naming: { readonly level: number } = { level: 0 },
) => {
  const chooseOrganisation = (kind: Kind, region: TerritorialRegion | undefined): DemoOrganisation => {
    const candidates = organisationsByKind.get(kind) ?? demoOrganisations;
    if (kind === "police") {
      const unit =
        region !== undefined && random.chance(0.85)
          ? region
          : random.chance(0.6)
            ? "landelijke_eenheid"
            : random.pick(regionShares)[0];
      return candidates.find((candidate) => candidate.region === unit) ?? random.pick(candidates);
    }
    const local = candidates.filter((candidate) => candidate.region !== undefined && candidate.region === region);
    return local.length > 0 && random.chance(0.7) ? random.pick(local) : random.pick(candidates);
  };

  const chooseReporter = (
    subject: Subject,
    forms: ReadonlyArray<Form>,
    region: TerritorialRegion | undefined,
    day: number,
  ) => {
    const reporters = drawsIn(partsOf(day).year).reporters;
    const shares = forms.includes("labour") ? reporters.labour : reporters.other;
    const isDutch = subject.formGroup === "dutch";
    const kind =
      subject.isMinor && random.chance(0.15)
        ? "youth_care"
        : random.weighted(isDutch ? shares.filter(([k]) => k !== "immigration_service") : shares);
    return chooseOrganisation(kind, region);
  };

  const makeSubject = (key: string, firstDay: number): Subject => {
    const draws = drawsIn(partsOf(firstDay).year);
    const sex = random.weighted(draws.sex);
    const nationality = random.weighted(draws.nationality);
    const nationalities: Array<Nationality.Nationality> =
      oftenDutchToo.has(nationality) && random.chance(0.15) ? [nationality, "NL"] : [nationality];
    const group = NationalityGroup.nationalityGroupOf(nationalities);
    const formGroup: FormGroup = group === "unknown" ? "non_eu" : group;
    const formSex = sex === "female" || sex === "male" ? sex : random.chance(0.5) ? "female" : "male";

    const pools = poolsOf(nationality);
    const pool: NamePool = namePools[random.pick(pools.length > 0 ? pools : nonDutchPools)];
    const givenNames = formSex === "female" ? pool.female : pool.male;
    const first = random.pick(givenNames);
    const second = random.pick(givenNames);
    const given = random.chance(0.2) && second !== first ? `${first} ${second}` : first;

    const band = random.weighted(draws.ageBand);
    const age =
      band === "minor"
        ? random.chance(0.75)
          ? random.int(15, 17)
          : random.int(10, 14)
        : band === "young"
          ? random.int(18, 22)
          : random.chance(0.7)
            ? random.int(23, 35)
            : random.int(36, 60);
    const report = partsOf(firstDay);
    const birth = (): Pick<PersonEncoded, "dateOfBirth" | "birthYear"> => {
      if (band === "unknown") return {};
      if (random.chance(0.2)) return { birthYear: report.year - age - (report.month >= 7 ? 0 : 1) };
      const latest = dayOf(report.year - age, report.month, report.day);
      const earliest = dayOf(report.year - age - 1, report.month, report.day) + 1;
      return { dateOfBirth: isoOf(latest - random.int(0, latest - earliest)) };
    };

    const identity: PersonEncoded = {
      familyName: random.pick(pool.family),
      givenNames: given,
      aliases: random.chance(0.08) ? [random.pick(givenNames)].filter((alias) => alias !== first) : [],
      ...birth(),
      ...(random.chance(0.35)
        ? { documentNumber: `${random.pick(documentPrefixes)}${random.int(1_000_000, 9_999_999)}` }
        : {}),
      sex,
      nationalities,
    };
    return {
      person: {
        key,
        identity: naming.level === 0 ? identity : widenName(random, identity, pool, givenNames, naming.level),
      },
      pool,
      givenNames,
      formGroup,
      formSex,
      isMinor: band === "minor",
      draws,
    };
  };

  const chooseForms = (subject: Subject): ReadonlyArray<Form> => {
    const { draws } = subject;
    const form = random.weighted(
      subject.isMinor ? draws.minorForms : draws.adultForms[subject.formSex][subject.formGroup],
    );
    if (form === "unknown" || !random.chance(0.08)) return [form];
    return [form, random.weighted(secondFormShares.filter(([other]) => other !== form))];
  };

  const makeCase = (subject: Subject): Case => {
    const forms = chooseForms(subject);
    if (random.chance(0.86)) {
      const region = random.weighted(regionShares);
      const isRegionKnown = random.chance(0.92);
      return {
        forms,
        region,
        exploitation: {
          forms,
          country: "NL",
          ...(isRegionKnown && random.chance(0.45)
            ? { municipality: random.pick(municipalitiesByRegion[region]) }
            : {}),
          ...(isRegionKnown ? { policeRegion: region } : {}),
        },
      };
    }
    const origin = subject.person.identity.nationalities.find(
      (nationality): nationality is Country.CountryCode => Nationality.isCountry(nationality) && nationality !== "NL",
    );
    const country = origin !== undefined && random.chance(0.5) ? origin : random.pick(countriesAbroad);
    return { forms, region: undefined, exploitation: { forms, country } };
  };

  const widen = (earlier: Case): Case => {
    const [form] = earlier.forms;
    if (form === undefined || form === "unknown" || earlier.forms.length > 1 || !random.chance(0.15)) return earlier;
    const forms = [form, random.weighted(secondFormShares.filter(([other]) => other !== form))];
    return { ...earlier, forms, exploitation: { ...earlier.exploitation, forms } };
  };

  const reflectionFor = (
    subject: Subject,
    reporter: Kind,
    day: number,
    yearEnd: number,
  ): ReflectionPeriodEncoded | undefined => {
    const age = ageOn(subject.person.identity, day);
    if (age === undefined || age < 18 || subject.formGroup === "dutch") return undefined;
    const isEuCitizen = subject.formGroup === "other_eu";
    const probability = (isEuCitizen ? 0.08 : 0.45) * (isOfferer(reporter) ? 1 : 0.4);
    if (!random.chance(probability)) return undefined;
    const offeredBy = isOfferer(reporter) ? reporter : random.weighted(offererShares);
    const yearStart = dayOf(partsOf(day).year, 1, 1);
    const offeredOn = isOfferer(reporter) ? day : Math.max(yearStart, day - random.int(0, 21));
    const startsOn = Math.min(yearEnd, offeredOn + (random.chance(0.7) ? 0 : random.int(1, 5)));
    return {
      offeredOn: isoOf(offeredOn),
      offeredBy,
      startsOn: isoOf(startsOn),
      dublin: !isEuCitizen && random.chance(0.12),
    };
  };

  const dossierTypeFor = (subject: Subject, hasReflection: boolean): DossierType.DossierType =>
    random.weighted(
      hasReflection ? dossierShares.withReflection : subject.isMinor ? dossierShares.minor : dossierShares.other,
    );

  const statusFor = (day: number): Registration.RegistrationStatus =>
    random.weighted(presentDay - day < 60 ? statusShares.recent : statusShares.settled);

  const variations: ReadonlyArray<(subject: Subject, identity: PersonEncoded) => PersonEncoded> = [
    (_, identity) => ({ ...identity, familyName: identity.familyName.toUpperCase() }),
    (_, identity) => ({ ...identity, givenNames: identity.givenNames.toLowerCase() }),
    (_, identity) => ({
      ...identity,
      familyName: stripDiacritics(identity.familyName),
      givenNames: stripDiacritics(identity.givenNames),
      aliases: identity.aliases.map(stripDiacritics),
    }),
    (subject, identity) => {
      const parts = identity.givenNames.split(" ");
      return subject.pool.familyFirst || parts.length < 2
        ? { ...identity, familyName: identity.givenNames, givenNames: identity.familyName }
        : { ...identity, givenNames: parts.toReversed().join(" ") };
    },
    (subject, identity) => {
      const alias = random.pick(subject.givenNames);
      return identity.aliases.includes(alias) || identity.givenNames.includes(alias)
        ? { ...identity, aliases: [...identity.aliases, `${alias} ${identity.familyName}`] }
        : { ...identity, aliases: [...identity.aliases, alias] };
    },
    (_, { dateOfBirth, ...identity }) =>
      dateOfBirth === undefined ? identity : { ...identity, birthYear: Number(dateOfBirth.slice(0, 4)) },
    (_, { documentNumber: _documentNumber, ...identity }) => identity,
  ];

  const writtenBy = (subject: Subject): PersonEncoded => {
    if (random.chance(0.4)) return subject.person.identity;
    let identity = subject.person.identity;
    for (let n = random.int(1, 2); n > 0; n--) identity = random.pick(variations)(subject, identity);
    return identity;
  };

  const report = (
    subject: Subject,
    reporter: DemoOrganisation,
    day: number,
    theCase: Case,
    written: PersonEncoded,
    earlierPeriod?: ReflectionPeriodEncoded,
  ): ReflectionPeriodEncoded | undefined => {
    const yearEnd = Math.min(dayOf(partsOf(day).year, 12, 31), presentDay);
    const reflectionPeriod =
      earlierPeriod === undefined
        ? reflectionFor(subject, reporter.kind, day, yearEnd)
        : random.chance(0.6)
          ? earlierPeriod
          : undefined;
    const dossierType = dossierTypeFor(subject, reflectionPeriod !== undefined);
    const registration: RegistrationEncoded = {
      reportedOn: isoOf(day),
      person: written,
      exploitation: theCase.exploitation,
      dossierType,
      legalBasis: statutoryKinds.has(reporter.kind)
        ? "statutory"
        : random.chance(0.8)
          ? "consent"
          : "legitimate_interest",
      consentToShareWithShelter: random.chance(dossierType === "registration_and_shelter" ? 0.95 : 0.5),
      ...(reflectionPeriod === undefined ? {} : { reflectionPeriod }),
    };
    reports.push({
      sequence: reports.length,
      day,
      organisationKey: reporter.key,
      personKey: subject.person.key,
      status: statusFor(day),
      registration,
    });
    return earlierPeriod ?? reflectionPeriod;
  };

  /**
   * Reports a new person of `year` (a {@link Subject} keyed `key`) first on a day from 1 January to `untilDay`, by
   * two or three organisations in about 8% of the cases, and in about 3% again in a later year up to `lastReportYear`.
   */
  const reportNewPerson = (key: string, year: number, untilDay: number, lastReportYear: number): Subject => {
    const yearStart = dayOf(year, 1, 1);
    const firstDay = yearStart + random.int(0, untilDay - yearStart);
    const subject = makeSubject(key, firstDay);

    const theCase = makeCase(subject);
    const first = chooseReporter(subject, theCase.forms, theCase.region, firstDay);
    let period = report(subject, first, firstDay, theCase, subject.person.identity);

    if (random.chance(0.08)) {
      const used = new Set([first.key]);
      const days = Array.from(
        { length: random.chance(0.75) ? 1 : 2 },
        () => firstDay + random.int(0, Math.min(75, untilDay - firstDay)),
      ).toSorted((a, b) => a - b);
      for (const day of days) {
        let reporter = chooseReporter(subject, theCase.forms, theCase.region, day);
        for (let attempt = 0; used.has(reporter.key) && attempt < 10; attempt++) {
          reporter = chooseReporter(subject, theCase.forms, theCase.region, day);
        }
        if (used.has(reporter.key)) continue;
        used.add(reporter.key);
        period = report(subject, reporter, day, widen(theCase), writtenBy(subject), period);
      }
    }

    if (year < lastReportYear && random.chance(0.03)) {
      const later = year + 1 + random.int(0, Math.min(2, lastReportYear - year - 1));
      reportAgain(subject, dayOf(later, 1, 1), dayOf(later, 12, 31));
    }
    return subject;
  };

  /** Reports a person again, for a new case, on a day from `fromDay` to `untilDay`. */
  const reportAgain = (subject: Subject, fromDay: number, untilDay: number): void => {
    const day = fromDay + random.int(0, untilDay - fromDay);
    const laterCase = makeCase(subject);
    const reporter = chooseReporter(subject, laterCase.forms, laterCase.region, day);
    report(subject, reporter, day, laterCase, writtenBy(subject));
  };

  return { reportNewPerson, reportAgain };
};

/** The `jumps`-th of the seed's independent random streams: 0 the shelters, 1 the complete years, 2 the story, 3 today's year. */
const streamOf = (seed: number, jumps: number): Random => {
  const generator = xoroshiro128plus(seed);
  for (let n = 0; n < jumps; n++) generator.jump();
  return makeRandom(generator);
};

/**
 * Generates synthetic demo data for the embedded demo and for tests: organisations of every kind, shelters with their
 * places, and new possible victims over `years` years ending in `lastYear` (`personsPerYear` in `lastYear`, the other
 * years scaled by the published counts: {@link demoPersonsIn}), with their reports. With `today` (in the year after
 * `lastYear`) the data also holds that year up to `today`, at the rate of `lastYear`, and
 * the demo's present is `today`; without it, `lastYear`-12-31. The complete years are the same either way: today's
 * year comes from a random stream of its own.
 *
 * The result is a pure function of the options: the same options give the same data (no clock, no `Math.random`).
 *
 * Each year from 2019 to 2024 follows the figures that CoMensha and the National Rapporteur published for it
 * ({@link yearProfiles}, with their sources; `docs/demo-data.md`), and a year before or after them the nearest one:
 * the women's, minors' and nationalities' shares, the forms (labour exploitation rising from a fifth of the persons
 * in 2019 to about 40% from 2020 on), and who reports (the police's share falling from about half to under a third,
 * FairWork's rising to about a quarter, care coordinators' to about 30%). About 8% of the persons are reported by
 * two or three organisations in the same year, which may write the person slightly differently (case, diacritics,
 * name order, an alias, only the birth year), and about 3% again in a later year. Reflection periods go only to
 * non-Dutch adults, offered by police or KMar; a statutory legal basis only to police, KMar and the Labour
 * Inspectorate.
 *
 * Everything is in the wire (encoded) form, so each registration decodes with `Registration.RegistrationInput` and each
 * organisation (without its key) with `Organisation.NewOrganisation`. Names are invented combinations of common name
 * parts and describe no real person.
 *
 * @throws a `RangeError` when the options are not whole numbers, the seed is not an unsigned 32-bit number, the
 * years fall outside 1980-9999, or `today` is not a calendar date in the year after `lastYear`.
 */
export const generateDemoData = (options: DemoDataOptions): DemoData => {
  const personsPerYear = validate(options);
  const firstYear = options.lastYear - options.years + 1;
  const lastDay = dayOf(options.lastYear, 12, 31);
  const today = options.today === undefined ? undefined : dayOfIso(options.today);
  const presentDay = today ?? lastDay;

  const reports: Array<Report> = [];
  const subjects: Array<{ readonly year: number; readonly subject: Subject }> = [];
  const personsIn = (year: number) => demoPersonsIn(year, options.lastYear, personsPerYear);
  let most = personsPerYear;
  for (let year = firstYear; year <= options.lastYear; year++) most = Math.max(most, personsIn(year));
  const width = String(most).length;
  const keyOf = (year: number, n: number) => `person-${year}-${String(n).padStart(width, "0")}`;

  const completeYears = makeReporting(streamOf(options.seed, 1), lastDay, reports);
  for (let year = firstYear; year <= options.lastYear; year++) {
    for (let n = 1, count = personsIn(year); n <= count; n++) {
      const subject = completeYears.reportNewPerson(keyOf(year, n), year, dayOf(year, 12, 31), options.lastYear);
      subjects.push({ year, subject });
    }
  }

  if (today !== undefined) {
    const year = options.lastYear + 1;
    const yearStart = dayOf(year, 1, 1);
    const share = (today - yearStart + 1) / (dayOf(year, 12, 31) - yearStart + 1);
    const yearRandom = streamOf(options.seed, 3);
    const currentYear = makeReporting(yearRandom, today, reports);
    for (const earlier of subjects) {
      if (earlier.year >= year - 3 && yearRandom.chance(0.01 * share)) {
        currentYear.reportAgain(earlier.subject, yearStart, today);
      }
    }
    for (let n = 1, count = Math.round(personsIn(year) * share); n <= count; n++) {
      subjects.push({ year, subject: currentYear.reportNewPerson(keyOf(year, n), year, today, year) });
    }
  }
  const persons = subjects.map(({ subject }) => subject.person);

  const registrations = reports
    .toSorted((a, b) => a.day - b.day || a.sequence - b.sequence)
    .map(
      (r, i): DemoRegistration => ({
        key: `registration-${i + 1}`,
        organisationKey: r.organisationKey,
        personKey: r.personKey,
        status: r.status,
        registration: r.registration,
      }),
    );

  const shelters = makeShelters(streamOf(options.seed, 0));
  const storyRandom = streamOf(options.seed, 2);
  return {
    organisations: demoOrganisations.map((o) => ({ ...o })),
    shelters,
    persons,
    registrations,
    placementRequests: makePlacementRequests(storyRandom, shelters, registrations, presentDay),
    duplicates: makeDuplicates(storyRandom, persons, registrations, presentDay),
  };
};

/** A report of a {@link DemoVolumePerson}: who reported, its status, and the report in the wire (encoded) form. */
export interface DemoVolumeReport {
  readonly organisationKey: string;
  readonly status: Registration.RegistrationStatus;
  readonly registration: RegistrationEncoded;
}

/**
 * A placement request of a volume demo for the report `reportIndex` of its person. At volume the demo's few dozen
 * places could never house the persons, so a request is never placed: it is cancelled after searching or waiting,
 * or still open (requested, searching, waitlisted) when made in the last {@link openWindow} days.
 */
export interface DemoVolumeRequest {
  readonly reportIndex: number;
  readonly requestedBy: PlacementRequest.Requester;
  readonly requestedOn: string;
  readonly preferredRegion?: PoliceRegion.PoliceRegion;
  readonly needs: DemoPlacementNeeds;
  readonly events: ReadonlyArray<PlacementRequest.PlacementEventTag>;
  readonly state: PlacementRequest.PlacementState;
}

/**
 * A possible duplicate of a volume demo's person, as {@link DemoDuplicate}: a later report under other given names
 * with the same family name and date of birth, and no document number or aliases, so that with the person it shares
 * only the weak `family_dob` blind index. Open when reported in the last 45 days, else decided (on `decidedOn`).
 */
export interface DemoVolumeDuplicate {
  readonly identity: PersonEncoded;
  readonly report: DemoVolumeReport;
  /** The blind-index inputs of the report, each once. */
  readonly indexes: ReadonlyArray<PersonMatching.BlindIndexInput>;
  readonly decision?: NonNullable<DemoDuplicate["decision"]> & { readonly decidedOn: string };
}

/** One new person of a volume demo with every report of them, oldest first; see {@link streamDemoVolume}. */
export interface DemoVolumePerson {
  readonly person: DemoPerson;
  readonly reports: ReadonlyArray<DemoVolumeReport>;
  /** The blind-index inputs of all the person's reports, each once: what duplicate matching stores for them. */
  readonly indexes: ReadonlyArray<PersonMatching.BlindIndexInput>;
  readonly placementRequest?: DemoVolumeRequest;
  readonly duplicate?: DemoVolumeDuplicate;
}

/** How much volume demo data to make: `persons` new persons over `years` calendar years ending in `lastYear`. */
export interface DemoVolumeOptions {
  /** An unsigned 32-bit whole number, 0 to 4294967295. */
  readonly seed: number;
  readonly persons: number;
  readonly years: number;
  readonly lastYear: number;
}

/** The share of a volume demo's persons with a date of birth and a registered first report that get a duplicate. */
const volumeDuplicateShare = 0.005;

/** The blind-index inputs of reports of a person (wire form), each once, as duplicate matching makes them. */
const indexInputsOf = (people: ReadonlyArray<PersonEncoded>): ReadonlyArray<PersonMatching.BlindIndexInput> => {
  const inputs = new Map<string, PersonMatching.BlindIndexInput>();
  for (const person of people) {
    const reported = {
      ...person,
      familyName: Redacted.make(person.familyName),
      givenNames: Redacted.make(person.givenNames),
      aliases: person.aliases.map((alias) => Redacted.make(alias)),
      ...(person.dateOfBirth === undefined ? {} : { dateOfBirth: Redacted.make(person.dateOfBirth) }),
      ...(person.documentNumber === undefined ? {} : { documentNumber: Redacted.make(person.documentNumber) }),
    } as unknown as Person.ReportedPerson;
    for (const input of PersonMatching.blindIndexInputs(reported)) inputs.set(keyOfInput(input), input);
  }
  return [...inputs.values()];
};

const keyOfInput = (input: PersonMatching.BlindIndexInput) => `${input.name}|${input.normalised}`;

/** 32-bit FNV-1a of `text`'s UTF-16 code units, from `basis`. */
const fnv1a = (text: string, basis: number): number => {
  let hash = basis;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

/**
 * A set of strings kept as 52-bit hashes in an open-addressing table, 8 to 16 bytes a member: what a volume demo
 * remembers of the blind indexes it made (about 64 MB for a million persons). It may say `true` for a string never
 * added (about once in 2^52 / members lookups; the person is then only drawn again), never `false` for one added.
 */
class HashSet {
  private slots = new Float64Array(1 << 16);
  private size = 0;

  private static hashOf(text: string): number {
    // Low 32 bits pick the slot; 20 more bits tell members apart. 0 marks an empty slot.
    return (fnv1a(text, 0x9e3779b9) & 0xfffff) * 2 ** 32 + fnv1a(text, 0x811c9dc5) || 1;
  }

  private find(hash: number): number {
    const mask = this.slots.length - 1;
    let at = (hash % 2 ** 32) & mask;
    while (this.slots[at] !== 0 && this.slots[at] !== hash) at = (at + 1) & mask;
    return at;
  }

  has(text: string): boolean {
    return this.slots[this.find(HashSet.hashOf(text))] !== 0;
  }

  add(text: string): void {
    const hash = HashSet.hashOf(text);
    const at = this.find(hash);
    if (this.slots[at] !== 0) return;
    this.slots[at] = hash;
    this.size += 1;
    if (this.size * 2 > this.slots.length) {
      const old = this.slots;
      this.slots = new Float64Array(old.length * 2);
      for (const member of old) if (member !== 0) this.slots[this.find(member)] = member;
    }
  }
}

/** How a request of a volume demo ends that was not made in the last {@link openWindow} days. */
const cancelledPaths: ReadonlyArray<ReadonlyArray<PlacementRequest.PlacementEventTag>> = [
  ["Cancel"],
  ["StartSearch", "Cancel"],
  ["StartSearch", "Waitlist", "Cancel"],
];

/**
 * The new persons of each year of a volume demo, `persons` in all, shared out by the persons reported to CoMensha in
 * those years ({@link reportedPersons}, as {@link demoPersonsIn}), the remainders to the largest fractions.
 */
export const demoVolumePerYear = (persons: number, years: number, lastYear: number): ReadonlyArray<number> => {
  const firstYear = lastYear - years + 1;
  const weights = Array.from({ length: years }, (_, i) => reportedPersons[calibratedYearOf(firstYear + i)]);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const exact = weights.map((weight) => (persons * weight) / total);
  const counts = exact.map(Math.floor);
  const order = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest);
  for (let n = persons - counts.reduce((sum, count) => sum + count, 0), k = 0; n > 0; n--, k++) {
    const at = order[k % order.length]?.i ?? 0;
    counts[at] = (counts[at] ?? 0) + 1;
  }
  return counts;
};

/**
 * Generates demo data at volume, one person at a time, so that a seed of a million persons holds one batch in memory
 * (and 52 bits for each blind index made): the persons and reports of {@link generateDemoData}'s complete years (the
 * same yearly profiles, reporters, names, second reports by other organisations and later years) for `persons` new
 * persons shared out over the years by {@link demoVolumePerYear}, each with their reports oldest first. From a stream
 * of its own, a placement request for about {@link requestShare} of the persons with a report for shelter with consent
 * ({@link DemoVolumeRequest}), and a possible duplicate for about 0.5% of those with a date of birth and a registered
 * first report ({@link DemoVolumeDuplicate}). The demo's present is `lastYear`-12-31. A pure function of the options.
 *
 * No two persons share a blind index except a duplicate and its person (by `family_dob`): the demo's name pools are
 * small, so a person whose reports would share one with an earlier person is drawn again, with a longer name
 * ({@link widenName}) each time. Duplicate matching thus finds exactly the duplicates generated, at any volume.
 *
 * @throws a `RangeError` when the options are not whole numbers, the seed is not an unsigned 32-bit number or the
 * years fall outside 1980-9999.
 */
export function* streamDemoVolume(options: DemoVolumeOptions): Generator<DemoVolumePerson> {
  validate({ seed: options.seed, years: options.years, lastYear: options.lastYear, personsPerYear: options.persons });
  const { lastYear } = options;
  const firstYear = lastYear - options.years + 1;
  const lastDay = dayOf(lastYear, 12, 31);
  const reports: Array<Report> = [];
  const naming = { level: 0 };
  const reporting = makeReporting(streamOf(options.seed, 1), lastDay, reports, naming);
  const story = streamOf(options.seed, 4);
  const taken = new HashSet();
  const merged = duplicatePlan.find((decision) => decision?.status === "merged");
  const dismissed = duplicatePlan.find((decision) => decision?.status === "dismissed");

  const requestFor = (made: ReadonlyArray<DemoVolumeReport>): DemoVolumeRequest | undefined => {
    const reportIndex = made.findIndex(
      (r) =>
        r.registration.dossierType === "registration_and_shelter" &&
        r.registration.consentToShareWithShelter &&
        (r.status === "registered" || r.status === "received"),
    );
    const report = made[reportIndex];
    if (report === undefined || !story.chance(requestShare)) return undefined;
    const registration = report.registration;
    const reportedOn = dayOfIso(registration.reportedOn);
    const requestedOn = Math.min(lastDay, reportedOn + (story.chance(0.6) ? 0 : story.int(1, 3)));
    const needs = needsFor(story, registration, requestedOn);
    const region = registration.exploitation.policeRegion;
    const requestedBy = story.chance(0.2) ? "coordinator" : "partner";
    const preferredRegion = region !== undefined && story.chance(0.5) ? region : undefined;
    const events =
      requestedOn > lastDay - openWindow
        ? (eventsTo[story.pick(["requested", "searching", "waitlisted"] as const)] ?? [])
        : story.pick(cancelledPaths);
    return {
      reportIndex,
      requestedBy,
      requestedOn: isoOf(requestedOn),
      ...(preferredRegion === undefined ? {} : { preferredRegion }),
      needs,
      events,
      state: stateAfter(events),
    };
  };

  /** A duplicate whose report shares only `family_dob` with anyone: with its person, whose indexes are `taken`. */
  const duplicateFor = (subject: Subject, made: ReadonlyArray<DemoVolumeReport>): DemoVolumeDuplicate | undefined => {
    const identity = subject.person.identity;
    const dateOfBirth = identity.dateOfBirth;
    const [first] = made;
    if (first === undefined || dateOfBirth === undefined || first.status !== "registered") return undefined;
    const firstDay = dayOfIso(first.registration.reportedOn);
    if (firstDay >= lastDay || !story.chance(volumeDuplicateShare)) return undefined;
    const day = story.int(firstDay + 1, Math.min(lastDay, firstDay + 730));
    const plan = day > lastDay - 45 ? undefined : story.chance(0.6) ? merged : dismissed;
    const sex = plan?.status === "dismissed" ? (story.chance(0.5) ? "female" : "male") : identity.sex;
    const pool = subject.pool;
    const givenNames = sex === "female" ? pool.female : sex === "male" ? pool.male : [...pool.female, ...pool.male];
    const writtenAs = (givenName: string): PersonEncoded => ({
      familyName: identity.familyName,
      givenNames: givenName,
      aliases: [],
      dateOfBirth,
      sex,
      nationalities: identity.nationalities,
    });
    const written = Array.from({ length: 10 }, () => writtenAs(story.pick(givenNames))).find((person) =>
      indexInputsOf([person]).every((input) => input.name === "family_dob" || !taken.has(keyOfInput(input))),
    );
    if (written === undefined) return undefined;
    const kind = story.weighted(drawsIn(partsOf(day).year).reporters.other);
    const reporter = story.pick(organisationsByKind.get(kind) ?? demoOrganisations);
    return {
      identity: written,
      report: {
        organisationKey: reporter.key,
        status: plan === undefined ? "received" : "registered",
        registration: {
          reportedOn: isoOf(day),
          person: written,
          exploitation: first.registration.exploitation,
          dossierType: story.chance(0.7) ? "registration" : "registration_information_advice",
          legalBasis: statutoryKinds.has(kind) ? "statutory" : "consent",
          consentToShareWithShelter: story.chance(0.5),
        },
      },
      indexes: indexInputsOf([written]),
      ...(plan === undefined
        ? {}
        : { decision: { ...plan, decidedOn: isoOf(Math.min(lastDay, day + story.int(1, 30))) } }),
    };
  };

  /** Draws new persons of `year` until one shares no blind index with anyone before them. */
  const drawPerson = (key: string, year: number) => {
    for (naming.level = 0; naming.level <= 50; naming.level++) {
      reports.length = 0;
      const subject = reporting.reportNewPerson(key, year, dayOf(year, 12, 31), lastYear);
      const made = reports
        .toSorted((a, b) => a.day - b.day || a.sequence - b.sequence)
        .map(
          ({ organisationKey, status, registration }): DemoVolumeReport => ({ organisationKey, status, registration }),
        );
      const indexes = indexInputsOf(made.map((report) => report.registration.person));
      if (indexes.every((input) => !taken.has(keyOfInput(input)))) {
        for (const input of indexes) taken.add(keyOfInput(input));
        return { subject, made, indexes };
      }
    }
    throw new Error(`demo person ${key}: no name found that sets them apart from everyone else`);
  };

  const perYear = demoVolumePerYear(options.persons, options.years, lastYear);
  for (const [i, count] of perYear.entries()) {
    const year = firstYear + i;
    for (let n = 1; n <= count; n++) {
      const { subject, made, indexes } = drawPerson(`person-${year}-${n}`, year);
      const placementRequest = requestFor(made);
      const duplicate = duplicateFor(subject, made);
      if (duplicate !== undefined) for (const input of duplicate.indexes) taken.add(keyOfInput(input));
      yield {
        person: subject.person,
        reports: made,
        indexes,
        ...(placementRequest === undefined ? {} : { placementRequest }),
        ...(duplicate === undefined ? {} : { duplicate }),
      };
    }
  }
}
