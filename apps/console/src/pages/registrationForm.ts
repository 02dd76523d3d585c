import {
  Country,
  DossierType,
  ExploitationForm,
  IsoDate,
  LegalBasis,
  Nationality,
  PlacementRequest,
  PoliceRegion,
  Sector,
  Sex,
  TargetGroup,
} from "@comensha/domain/labels";
import type {
  ErasedPerson,
  PlacementNeeds,
  PlacementRequestInput,
  ProblemField,
  RegistrationInput,
} from "@comensha/sdk";
import type { FieldMessage } from "../components/FormField.js";
import type { MessageKey } from "../i18n/nl.js";
import type { MessageParams } from "../i18n/translate.js";
import { placeProblems } from "../problemFields.js";

/** How the person's birth is known: the date, only the year, or not at all (the domain allows each). */
export type BirthChoice = "dateOfBirth" | "birthYear" | "unknown";

/**
 * What the registration form holds while it is filled in: every field as the inputs give it (text, codes, flags),
 * before it is checked and turned into a {@link RegistrationInput} by {@link toRegistrationInput}.
 */
export interface RegistrationFormState {
  /** The reporting organisation; `""` is CoMensha itself. */
  readonly organisationId: string;
  readonly reportedOn: string;
  readonly familyName: string;
  readonly givenNames: string;
  /** Other names, separated by commas or new lines. */
  readonly aliases: string;
  readonly birthChoice: BirthChoice;
  readonly dateOfBirth: string;
  readonly birthYear: string;
  readonly sex: string;
  readonly nationalities: ReadonlyArray<string>;
  readonly documentNumber: string;
  readonly forms: ReadonlyArray<string>;
  readonly country: string;
  readonly municipality: string;
  readonly policeRegion: string;
  readonly sector: string;
  readonly dossierType: string;
  readonly legalBasis: string;
  readonly consentToShareWithShelter: boolean;
  readonly hasReflectionPeriod: boolean;
  readonly reflectionOfferedOn: string;
  readonly reflectionOfferedBy: string;
  readonly reflectionStartsOn: string;
  readonly reflectionDublin: boolean;
}

/**
 * The fields of the form, named by the JSON pointer of their value in the body, as the API names them in the
 * `errors[].path` of a `422`.
 */
export const fieldPaths = [
  "/organisationId",
  "/reportedOn",
  "/person/familyName",
  "/person/givenNames",
  "/person/aliases",
  "/person/dateOfBirth",
  "/person/birthYear",
  "/person/sex",
  "/person/nationalities",
  "/person/documentNumber",
  "/exploitation/forms",
  "/exploitation/country",
  "/exploitation/municipality",
  "/exploitation/policeRegion",
  "/exploitation/sector",
  "/dossierType",
  "/legalBasis",
  "/consentToShareWithShelter",
  "/reflectionPeriod/offeredOn",
  "/reflectionPeriod/offeredBy",
  "/reflectionPeriod/startsOn",
  "/reflectionPeriod/dublin",
] as const;
export type FieldPath = (typeof fieldPaths)[number];

/** What is wrong with one field: a text key and its values, or (from the API) its own English message. */
export type FieldError =
  | { readonly key: MessageKey; readonly params?: Readonly<Record<string, string | number>> }
  | { readonly key: "registrationForms.error.server"; readonly serverMessage: string };

export type FieldErrors = Partial<Record<FieldPath, FieldError>>;

/** A field's error in words: the text of its key (the API's own message stands beside it, see {@link fieldMessageOf}). */
export const fieldErrorText = (error: FieldError, t: (key: MessageKey, params?: MessageParams) => string): string =>
  "serverMessage" in error ? t(error.key) : t(error.key, error.params);

/** A field's error as its `FormField` shows it: the text, and the API's own (English) message when it came from a `422`. */
export const fieldMessageOf = (
  error: FieldError | undefined,
  t: (key: MessageKey, params?: MessageParams) => string,
): FieldMessage | undefined =>
  error === undefined
    ? undefined
    : { text: fieldErrorText(error, t), apiMessage: "serverMessage" in error ? error.serverMessage : undefined };

/** The id of a field's input (or of its fieldset for a group): `/person/familyName` -> `registration-person-familyName`. */
export const fieldId = (path: FieldPath): string => `registration${path.replaceAll("/", "-")}`;

const maxNameLength = 200;
const maxAliases = 20;
const maxDocumentNumberLength = 64;
const maxMunicipalityLength = 100;
/** The most nationalities a person may have on a report. */
export const maxNationalities = 10;
const minBirthYear = 1900;
const maxBirthYear = 2100;

/** The reporters that may transfer data on a statutory basis: police, KMar and the Labour Inspectorate. */
const statutoryKinds: ReadonlySet<string> = new Set(["police", "kmar", "labour_inspectorate"]);

/** Who may offer a reflection period (the domain's `ReflectionPeriodOfferer`). */
export const reflectionPeriodOfferers = ["police", "kmar"] as const;

/** The security levels a shelter place may have (the domain's `SecurityLevel`). */
export const securityLevels = ["standard", "high"] as const;

/** Whether an organisation of this kind may report on a statutory legal basis. */
export const canReportOnStatutoryBasis = (kind: string): boolean => statutoryKinds.has(kind);

/** A new, empty form: reported today (in Amsterdam), the person's birth date known, CoMensha itself reporting. */
export const emptyFormState = (today: string): RegistrationFormState => ({
  organisationId: "",
  reportedOn: today,
  familyName: "",
  givenNames: "",
  aliases: "",
  birthChoice: "dateOfBirth",
  dateOfBirth: "",
  birthYear: "",
  sex: "",
  nationalities: [],
  documentNumber: "",
  forms: [],
  country: "NL",
  municipality: "",
  policeRegion: "",
  sector: "",
  dossierType: "",
  legalBasis: "",
  consentToShareWithShelter: false,
  hasReflectionPeriod: false,
  reflectionOfferedOn: "",
  reflectionOfferedBy: "",
  reflectionStartsOn: "",
  reflectionDublin: false,
});

/** The form filled in from a registration, to correct it (an erased one leaves the identifier fields empty). */
export const formStateOf = (
  registration: Omit<RegistrationInput, "person"> & { readonly person: RegistrationInput["person"] | ErasedPerson },
): RegistrationFormState => {
  const { person, exploitation, reflectionPeriod } = registration;
  const birthChoice: BirthChoice =
    person.dateOfBirth !== undefined ? "dateOfBirth" : person.birthYear !== undefined ? "birthYear" : "unknown";
  return {
    organisationId: "",
    reportedOn: registration.reportedOn,
    familyName: person.familyName ?? "",
    givenNames: person.givenNames ?? "",
    aliases: (person.aliases ?? []).join("\n"),
    birthChoice,
    dateOfBirth: person.dateOfBirth ?? "",
    birthYear: person.birthYear === undefined ? "" : String(person.birthYear),
    sex: person.sex,
    nationalities: person.nationalities,
    documentNumber: person.documentNumber ?? "",
    forms: exploitation.forms,
    country: exploitation.country,
    municipality: exploitation.municipality ?? "",
    policeRegion: exploitation.policeRegion ?? "",
    sector: exploitation.sector ?? "",
    dossierType: registration.dossierType,
    legalBasis: registration.legalBasis,
    consentToShareWithShelter: registration.consentToShareWithShelter,
    hasReflectionPeriod: reflectionPeriod !== undefined,
    reflectionOfferedOn: reflectionPeriod?.offeredOn ?? "",
    reflectionOfferedBy: reflectionPeriod?.offeredBy ?? "",
    reflectionStartsOn: reflectionPeriod?.startsOn ?? "",
    reflectionDublin: reflectionPeriod?.dublin ?? false,
  };
};

/** The aliases of a comma- or line-separated list: trimmed, without empty entries or repeats. */
export const parseAliases = (text: string): ReadonlyArray<string> => [
  ...new Set(
    text
      .split(/[,\n]/)
      .map((alias) => alias.trim())
      .filter((alias) => alias !== ""),
  ),
];

/** Whether a string is a real calendar day as `YYYY-MM-DD`. */
export const isCalendarDate = (value: string): boolean => IsoDate.isIsoDate(value);

/** Whether `value` is one of `codes`; it then has the code list's type (the API's literal union). */
const isCode = <Code extends string>(codes: ReadonlyArray<Code>, value: string): value is Code =>
  (codes as ReadonlyArray<string>).includes(value);

/** What the form needs to know beyond its own fields to check them. */
export interface ValidationContext {
  /** Today in Amsterdam, `YYYY-MM-DD`: a report is not dated in the future. */
  readonly today: string;
  /** The kind of the reporting organisation, when known: it decides whether a statutory basis is allowed. */
  readonly reporterKind?: string | undefined;
}

/**
 * Checks the form the way the domain does where the rule is simple (required fields, real dates, lengths, counts,
 * the order of dates, a statutory basis for police, KMar and the Labour Inspectorate only) and turns it into the
 * body of the request. The API checks everything again; its `422` is shown through {@link serverFieldErrors}.
 */
export const toRegistrationInput = (
  state: RegistrationFormState,
  context: ValidationContext,
): { readonly input: RegistrationInput; readonly errors: FieldErrors } | { readonly errors: FieldErrors } => {
  const errors: FieldErrors = {};
  const required: FieldError = { key: "registrationForms.error.required" };
  const tooLong = (max: number): FieldError => ({ key: "registrationForms.error.tooLong", params: { max } });

  const reportedOn = state.reportedOn.trim();
  if (reportedOn === "") errors["/reportedOn"] = required;
  else if (!isCalendarDate(reportedOn)) errors["/reportedOn"] = { key: "registrationForms.error.date" };
  else if (reportedOn > context.today) errors["/reportedOn"] = { key: "registrationForms.error.future" };
  const isReportedOnValid = errors["/reportedOn"] === undefined;

  const familyName = state.familyName.trim();
  if (familyName === "") errors["/person/familyName"] = required;
  else if (familyName.length > maxNameLength) errors["/person/familyName"] = tooLong(maxNameLength);
  const givenNames = state.givenNames.trim();
  if (givenNames === "") errors["/person/givenNames"] = required;
  else if (givenNames.length > maxNameLength) errors["/person/givenNames"] = tooLong(maxNameLength);

  const aliases = parseAliases(state.aliases);
  if (aliases.length > maxAliases) {
    errors["/person/aliases"] = { key: "registrationForms.error.tooMany", params: { max: maxAliases } };
  } else if (aliases.some((alias) => alias.length > maxNameLength)) {
    errors["/person/aliases"] = tooLong(maxNameLength);
  }

  const dateOfBirth = state.dateOfBirth.trim();
  const birthYearText = state.birthYear.trim();
  if (state.birthChoice === "dateOfBirth") {
    if (dateOfBirth === "") errors["/person/dateOfBirth"] = required;
    else if (!isCalendarDate(dateOfBirth)) errors["/person/dateOfBirth"] = { key: "registrationForms.error.date" };
    else if (isReportedOnValid && dateOfBirth > reportedOn) {
      errors["/person/dateOfBirth"] = { key: "registrationForms.error.bornAfterReport" };
    }
  } else if (state.birthChoice === "birthYear") {
    const year = Number(birthYearText);
    if (birthYearText === "") errors["/person/birthYear"] = required;
    else if (!/^\d{4}$/.test(birthYearText) || year < minBirthYear || year > maxBirthYear) {
      errors["/person/birthYear"] = {
        key: "registrationForms.error.birthYear",
        params: { min: minBirthYear, max: maxBirthYear },
      };
    } else if (isReportedOnValid && year > Number(reportedOn.slice(0, 4))) {
      errors["/person/birthYear"] = { key: "registrationForms.error.bornAfterReport" };
    }
  }

  const sex = Sex.codeList.codes.find((code) => code === state.sex);
  if (sex === undefined) errors["/person/sex"] = required;
  const nationalities = state.nationalities.filter((code) => isCode(Nationality.codeList.codes, code));
  if (nationalities.length === 0) errors["/person/nationalities"] = { key: "registrationForms.error.chooseOne" };
  else if (nationalities.length > maxNationalities) {
    errors["/person/nationalities"] = { key: "registrationForms.error.tooMany", params: { max: maxNationalities } };
  }
  const documentNumber = state.documentNumber.trim();
  if (documentNumber.length > maxDocumentNumberLength) {
    errors["/person/documentNumber"] = tooLong(maxDocumentNumberLength);
  }

  const forms = ExploitationForm.codeList.codes.filter((code) => state.forms.includes(code));
  if (forms.length === 0) errors["/exploitation/forms"] = { key: "registrationForms.error.chooseOne" };
  const country = Country.codeList.codes.find((code) => code === state.country);
  if (country === undefined) errors["/exploitation/country"] = required;
  const isNetherlands = country === "NL";
  const municipality = isNetherlands ? state.municipality.trim() : "";
  if (municipality.length > maxMunicipalityLength) {
    errors["/exploitation/municipality"] = tooLong(maxMunicipalityLength);
  }
  const policeRegion = isNetherlands
    ? PoliceRegion.codeList.codes.find((code) => code === state.policeRegion)
    : undefined;
  // The sector applies to labour exploitation only; unticking labour drops a sector chosen before.
  const sector = forms.includes("labour") ? Sector.codeList.codes.find((code) => code === state.sector) : undefined;

  const dossierType = DossierType.codeList.codes.find((code) => code === state.dossierType);
  if (dossierType === undefined) errors["/dossierType"] = required;
  const legalBasis = LegalBasis.codeList.codes.find((code) => code === state.legalBasis);
  if (legalBasis === undefined) errors["/legalBasis"] = required;
  else if (
    legalBasis === "statutory" &&
    context.reporterKind !== undefined &&
    !canReportOnStatutoryBasis(context.reporterKind)
  ) {
    errors["/legalBasis"] = { key: "registrationForms.error.statutory" };
  }

  const offeredOn = state.reflectionOfferedOn.trim();
  const startsOn = state.reflectionStartsOn.trim();
  const offeredBy = reflectionPeriodOfferers.find((code) => code === state.reflectionOfferedBy);
  if (state.hasReflectionPeriod) {
    if (offeredOn === "") errors["/reflectionPeriod/offeredOn"] = required;
    else if (!isCalendarDate(offeredOn))
      errors["/reflectionPeriod/offeredOn"] = { key: "registrationForms.error.date" };
    if (offeredBy === undefined) errors["/reflectionPeriod/offeredBy"] = required;
    if (startsOn === "") errors["/reflectionPeriod/startsOn"] = required;
    else if (!isCalendarDate(startsOn)) errors["/reflectionPeriod/startsOn"] = { key: "registrationForms.error.date" };
    else if (errors["/reflectionPeriod/offeredOn"] === undefined && startsOn < offeredOn) {
      errors["/reflectionPeriod/startsOn"] = { key: "registrationForms.error.startsBeforeOffer" };
    }
  }

  if (
    Object.keys(errors).length > 0 ||
    sex === undefined ||
    country === undefined ||
    dossierType === undefined ||
    legalBasis === undefined ||
    (state.hasReflectionPeriod && offeredBy === undefined)
  ) {
    return { errors };
  }
  const input: RegistrationInput = {
    reportedOn,
    person: {
      familyName,
      givenNames,
      aliases: [...aliases],
      ...(state.birthChoice === "dateOfBirth" ? { dateOfBirth } : {}),
      ...(state.birthChoice === "birthYear" ? { birthYear: Number(birthYearText) } : {}),
      ...(documentNumber === "" ? {} : { documentNumber }),
      sex,
      nationalities,
    },
    exploitation: {
      forms: [...forms],
      country,
      ...(municipality === "" ? {} : { municipality }),
      ...(policeRegion === undefined ? {} : { policeRegion }),
      ...(sector === undefined ? {} : { sector }),
    },
    dossierType,
    legalBasis,
    consentToShareWithShelter: state.consentToShareWithShelter,
    ...(state.hasReflectionPeriod && offeredBy !== undefined
      ? { reflectionPeriod: { offeredOn, offeredBy, startsOn, dublin: state.reflectionDublin } }
      : {}),
  };
  return { input, errors };
};

/**
 * The API's `422` fields placed at a form's fields, each with the API's own (English) message; the rest, which the form
 * lists in the summary at the top, are `unplaced`.
 */
const serverErrorsAt = <P extends string>(
  problems: ReadonlyArray<ProblemField>,
  fields: ReadonlyArray<P>,
): { readonly fields: Partial<Record<P, FieldError>>; readonly unplaced: ReadonlyArray<ProblemField> } => {
  const { atField, others } = placeProblems(problems, fields);
  const placed: Partial<Record<P, FieldError>> = {};
  for (const field of fields) {
    const serverMessage = atField[field];
    if (serverMessage !== undefined) placed[field] = { key: "registrationForms.error.server", serverMessage };
  }
  return { fields: placed, unplaced: others };
};

/** The API's `422` fields of a registration, placed at the registration form's fields. */
export const serverFieldErrors = (problems: ReadonlyArray<ProblemField>) => serverErrorsAt(problems, fieldPaths);

/**
 * Every item of a cursor-paginated list, page after page, up to `maxPages` pages (a safety net against a cursor that
 * never ends). `isComplete` is false when the limit cut the list short.
 */
export const loadAllPages = async <T>(
  fetchPage: (
    cursor: string | undefined,
  ) => Promise<{ readonly data: ReadonlyArray<T>; readonly nextCursor: string | null }>,
  maxPages: number,
): Promise<{ readonly items: ReadonlyArray<T>; readonly isComplete: boolean }> => {
  const items: Array<T> = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await fetchPage(cursor);
    items.push(...result.data);
    if (result.nextCursor === null) return { items, isComplete: true };
    cursor = result.nextCursor;
  }
  return { items, isComplete: false };
};

/** What a first-shelter request form holds while it is filled in. */
export interface ShelterRequestFormState {
  readonly targetGroup: string;
  readonly children: string;
  readonly urgency: string;
  readonly security: string;
  /** ISO 639-1 codes separated by commas or spaces, e.g. "en, ro". */
  readonly languages: string;
  readonly accessible: boolean;
  readonly medicalNeeds: string;
  readonly preferredRegion: string;
}

/** The fields of the first-shelter form, named by the JSON pointer of their value in the body. */
export const shelterRequestFields = [
  "/needs/targetGroup",
  "/needs/children",
  "/needs/urgency",
  "/needs/security",
  "/needs/languages",
  "/needs/accessible",
  "/needs/medicalNeeds",
  "/preferredRegion",
] as const;
export type ShelterRequestField = (typeof shelterRequestFields)[number];

/** The API's `422` fields of a placement request, placed at the first-shelter form's fields. */
export const serverShelterErrors = (problems: ReadonlyArray<ProblemField>) =>
  serverErrorsAt(problems, shelterRequestFields);

/** The needs of a first-shelter request, checked the way the domain checks them, as the body of the request. */
export const toPlacementRequestInput = (
  registrationId: string,
  state: ShelterRequestFormState,
):
  | { readonly input: PlacementRequestInput }
  | { readonly errors: Partial<Record<ShelterRequestField, FieldError>> } => {
  const errors: Partial<Record<ShelterRequestField, FieldError>> = {};
  const required: FieldError = { key: "registrationForms.error.required" };
  const targetGroup = TargetGroup.codeList.codes.find((code) => code === state.targetGroup);
  const urgency = PlacementRequest.urgencyCodeList.codes.find((code) => code === state.urgency);
  const security = securityLevels.find((code) => code === state.security);
  if (targetGroup === undefined) errors["/needs/targetGroup"] = required;
  if (urgency === undefined) errors["/needs/urgency"] = required;
  if (security === undefined) errors["/needs/security"] = required;
  const childrenText = state.children.trim() === "" ? "0" : state.children.trim();
  const children = Number(childrenText);
  if (!/^\d{1,2}$/.test(childrenText) || children > 12) {
    errors["/needs/children"] = { key: "registrationForms.error.children", params: { min: 0, max: 12 } };
  }
  const languages = [
    ...new Set(
      state.languages
        .split(/[\s,]+/)
        .map((code) => code.trim().toLowerCase())
        .filter((code) => code !== ""),
    ),
  ];
  if (languages.some((code) => !/^[a-z]{2}$/.test(code))) {
    errors["/needs/languages"] = { key: "registrationForms.error.languages" };
  } else if (languages.length > 5) {
    errors["/needs/languages"] = { key: "registrationForms.error.tooMany", params: { max: 5 } };
  }
  const medicalNeeds = state.medicalNeeds.trim();
  if (medicalNeeds.length > 500)
    errors["/needs/medicalNeeds"] = { key: "registrationForms.error.tooLong", params: { max: 500 } };
  const preferredRegion = PoliceRegion.codeList.codes.find((code) => code === state.preferredRegion);
  if (Object.keys(errors).length > 0 || targetGroup === undefined || urgency === undefined || security === undefined) {
    return { errors };
  }
  const needs: PlacementNeeds = {
    targetGroup,
    children,
    urgency,
    security,
    languages,
    ...(state.accessible ? { accessible: true } : {}),
    ...(medicalNeeds === "" ? {} : { medicalNeeds }),
  };
  return { input: { registrationId, needs, ...(preferredRegion === undefined ? {} : { preferredRegion }) } };
};
