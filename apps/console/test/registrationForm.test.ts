import { describe, expect, it, vi } from "vitest";
import type { Registration } from "../src/api.js";
import {
  canReportOnStatutoryBasis,
  emptyFormState,
  fieldId,
  fieldPaths,
  formStateOf,
  isCalendarDate,
  loadAllPages,
  parseAliases,
  type RegistrationFormState,
  type ShelterRequestFormState,
  serverFieldErrors,
  serverShelterErrors,
  toPlacementRequestInput,
  toRegistrationInput,
} from "../src/pages/registrationForm.js";

const today = "2026-11-20";

/** A complete form of a synthetic person. */
const filled: RegistrationFormState = {
  ...emptyFormState(today),
  familyName: "  Voorbeeld ",
  givenNames: "Eva",
  aliases: "Evi,\n E. V. ,,",
  dateOfBirth: "2001-02-03",
  sex: "female",
  nationalities: ["RO", "unknown"],
  forms: ["labour", "sexual"],
  policeRegion: "amsterdam",
  dossierType: "registration_and_shelter",
  legalBasis: "consent",
  consentToShareWithShelter: true,
};

const errorsOf = (state: RegistrationFormState, reporterKind?: string) =>
  toRegistrationInput(state, { today, reporterKind }).errors;

describe("the registration form's state", () => {
  it("starts empty, reported today, in NL, by CoMensha itself, with a date of birth to fill in", () => {
    const state = emptyFormState(today);
    expect(state.reportedOn).toBe(today);
    expect(state.organisationId).toBe("");
    expect(state.country).toBe("NL");
    expect(state.birthChoice).toBe("dateOfBirth");
    expect(state.forms).toEqual([]);
  });

  it("turns a complete form into the request body, trimmed, in code-list order", () => {
    const result = toRegistrationInput(filled, { today });
    expect(result.errors).toEqual({});
    expect("input" in result && result.input).toEqual({
      reportedOn: today,
      person: {
        familyName: "Voorbeeld",
        givenNames: "Eva",
        aliases: ["Evi", "E. V."],
        dateOfBirth: "2001-02-03",
        sex: "female",
        nationalities: ["RO", "unknown"],
      },
      exploitation: { forms: ["sexual", "labour"], country: "NL", policeRegion: "amsterdam" },
      dossierType: "registration_and_shelter",
      legalBasis: "consent",
      consentToShareWithShelter: true,
    });
  });

  it("round-trips a registration through the form", () => {
    const registration: Registration = {
      id: "0193b000-0000-7000-8000-000000000001",
      status: "registered",
      version: 4,
      createdAt: "2026-11-18T10:00:00.000Z",
      updatedAt: "2026-11-19T10:00:00.000Z",
      reportedOn: "2026-11-18",
      person: {
        familyName: "Voorbeeld",
        givenNames: "Maria",
        aliases: ["Mia", "M."],
        birthYear: 1998,
        documentNumber: "XX0000000",
        sex: "x",
        nationalities: ["NG", "stateless"],
      },
      exploitation: { forms: ["criminal"], country: "NL", municipality: "Voorbeeldstad", policeRegion: "rotterdam" },
      dossierType: "registration",
      legalBasis: "statutory",
      consentToShareWithShelter: false,
      reflectionPeriod: { offeredOn: "2026-11-18", offeredBy: "kmar", startsOn: "2026-11-19", dublin: true },
    };
    const state = formStateOf(registration);
    expect(state.birthChoice).toBe("birthYear");
    const result = toRegistrationInput(state, { today, reporterKind: "kmar" });
    expect("input" in result && result.input).toEqual({
      reportedOn: registration.reportedOn,
      person: registration.person,
      exploitation: registration.exploitation,
      dossierType: registration.dossierType,
      legalBasis: registration.legalBasis,
      consentToShareWithShelter: false,
      reflectionPeriod: registration.reflectionPeriod,
    });
  });

  it("leaves out the birth, municipality and police region the form does not ask for", () => {
    const result = toRegistrationInput(
      { ...filled, birthChoice: "unknown", country: "BE", municipality: "Brussel", policeRegion: "amsterdam" },
      { today },
    );
    expect("input" in result && result.input.person.dateOfBirth).toBeUndefined();
    expect("input" in result && result.input.person.birthYear).toBeUndefined();
    expect("input" in result && result.input.exploitation).toEqual({ forms: ["sexual", "labour"], country: "BE" });
  });

  it("sends the sector with labour exploitation, and drops it when labour is unticked", () => {
    const withLabour = toRegistrationInput({ ...filled, sector: "agriculture" }, { today });
    expect("input" in withLabour && withLabour.input.exploitation.sector).toBe("agriculture");
    const without = toRegistrationInput({ ...filled, forms: ["sexual"], sector: "agriculture" }, { today });
    expect("input" in without && without.input.exploitation).toEqual({
      forms: ["sexual"],
      country: "NL",
      policeRegion: "amsterdam",
    });
  });

  it("requires the names, sex, nationality, forms, dossier type and legal basis", () => {
    expect(errorsOf(emptyFormState(today))).toEqual({
      "/person/familyName": { key: "registrationForms.error.required" },
      "/person/givenNames": { key: "registrationForms.error.required" },
      "/person/dateOfBirth": { key: "registrationForms.error.required" },
      "/person/sex": { key: "registrationForms.error.required" },
      "/person/nationalities": { key: "registrationForms.error.chooseOne" },
      "/exploitation/forms": { key: "registrationForms.error.chooseOne" },
      "/dossierType": { key: "registrationForms.error.required" },
      "/legalBasis": { key: "registrationForms.error.required" },
    });
  });

  it("refuses dates that are not calendar days, in the future, or births after the report", () => {
    expect(errorsOf({ ...filled, reportedOn: "2026-02-30" })["/reportedOn"]?.key).toBe("registrationForms.error.date");
    expect(errorsOf({ ...filled, reportedOn: "2026-11-21" })["/reportedOn"]?.key).toBe(
      "registrationForms.error.future",
    );
    expect(
      errorsOf({ ...filled, dateOfBirth: "2026-11-21", reportedOn: "2026-11-20" })["/person/dateOfBirth"]?.key,
    ).toBe("registrationForms.error.bornAfterReport");
    expect(errorsOf({ ...filled, birthChoice: "birthYear", birthYear: "2027" })["/person/birthYear"]?.key).toBe(
      "registrationForms.error.bornAfterReport",
    );
    expect(errorsOf({ ...filled, birthChoice: "birthYear", birthYear: "1899" })["/person/birthYear"]).toEqual({
      key: "registrationForms.error.birthYear",
      params: { min: 1900, max: 2100 },
    });
    expect(errorsOf({ ...filled, birthChoice: "birthYear", birthYear: "19x8" })["/person/birthYear"]?.key).toBe(
      "registrationForms.error.birthYear",
    );
  });

  it("limits lengths and counts as the domain does", () => {
    expect(errorsOf({ ...filled, familyName: "a".repeat(201) })["/person/familyName"]).toEqual({
      key: "registrationForms.error.tooLong",
      params: { max: 200 },
    });
    expect(errorsOf({ ...filled, familyName: "a".repeat(200) })["/person/familyName"]).toBeUndefined();
    const aliases = Array.from({ length: 21 }, (_, index) => `Alias ${index}`).join(",");
    expect(errorsOf({ ...filled, aliases })["/person/aliases"]).toEqual({
      key: "registrationForms.error.tooMany",
      params: { max: 20 },
    });
    expect(errorsOf({ ...filled, documentNumber: "9".repeat(65) })["/person/documentNumber"]?.key).toBe(
      "registrationForms.error.tooLong",
    );
    const eleven = ["NL", "BE", "DE", "FR", "RO", "BG", "PL", "NG", "ER", "SY", "VN"];
    expect(errorsOf({ ...filled, nationalities: eleven })["/person/nationalities"]?.key).toBe(
      "registrationForms.error.tooMany",
    );
  });

  it("allows a statutory basis only to police, KMar and the Labour Inspectorate", () => {
    const statutory = { ...filled, legalBasis: "statutory" };
    expect(errorsOf(statutory, "police")["/legalBasis"]).toBeUndefined();
    expect(errorsOf(statutory, "kmar")["/legalBasis"]).toBeUndefined();
    expect(errorsOf(statutory, "labour_inspectorate")["/legalBasis"]).toBeUndefined();
    expect(errorsOf(statutory, "ngo")["/legalBasis"]?.key).toBe("registrationForms.error.statutory");
    // Unknown reporter: the API decides.
    expect(errorsOf(statutory)["/legalBasis"]).toBeUndefined();
    expect(canReportOnStatutoryBasis("municipality")).toBe(false);
  });

  it("checks a reflection period only when one was offered, and that it starts on or after the offer", () => {
    expect(errorsOf({ ...filled, reflectionStartsOn: "junk" })).toEqual({});
    const offered = { ...filled, hasReflectionPeriod: true };
    expect(errorsOf(offered)).toEqual({
      "/reflectionPeriod/offeredOn": { key: "registrationForms.error.required" },
      "/reflectionPeriod/offeredBy": { key: "registrationForms.error.required" },
      "/reflectionPeriod/startsOn": { key: "registrationForms.error.required" },
    });
    const early = {
      ...offered,
      reflectionOfferedOn: "2026-11-10",
      reflectionOfferedBy: "police",
      reflectionStartsOn: "2026-11-09",
    };
    expect(errorsOf(early)["/reflectionPeriod/startsOn"]?.key).toBe("registrationForms.error.startsBeforeOffer");
    const sameDay = { ...early, reflectionStartsOn: "2026-11-10" };
    const result = toRegistrationInput(sameDay, { today });
    expect("input" in result && result.input.reflectionPeriod).toEqual({
      offeredOn: "2026-11-10",
      offeredBy: "police",
      startsOn: "2026-11-10",
      dublin: false,
    });
  });
});

describe("parseAliases", () => {
  it("splits on commas and new lines, trims, and drops empty entries and repeats", () => {
    expect(parseAliases(" Mia, M.\n\nMia ,")).toEqual(["Mia", "M."]);
    expect(parseAliases("  ")).toEqual([]);
  });
});

describe("isCalendarDate", () => {
  it("accepts real days only", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2024-1-1")).toBe(false);
  });
});

describe("the API's 422 fields", () => {
  it("go to the field they point at, array items to their list, and the rest to the summary", () => {
    const { fields, unplaced } = serverFieldErrors([
      { path: "/person/familyName", message: "Expected a string" },
      { path: "/person/familyName", message: "second message" },
      { path: "/exploitation/forms/1", message: "Expected a form" },
      { path: "/person", message: "birthYear must be the year of dateOfBirth" },
      { path: "/", message: "Unexpected key" },
    ]);
    expect(fields).toEqual({
      "/person/familyName": { key: "registrationForms.error.server", serverMessage: "Expected a string" },
      "/exploitation/forms": { key: "registrationForms.error.server", serverMessage: "Expected a form" },
    });
    expect(unplaced.map((problem) => problem.path)).toEqual(["/person", "/"]);
  });

  it("of a shelter request go to its fields", () => {
    expect(serverShelterErrors([{ path: "/needs/languages/0", message: "bad code" }]).fields).toEqual({
      "/needs/languages": { key: "registrationForms.error.server", serverMessage: "bad code" },
    });
    expect(serverShelterErrors([{ path: "/registrationId", message: "not found" }]).unplaced).toEqual([
      { path: "/registrationId", message: "not found" },
    ]);
  });

  it("name a field whose id is unique", () => {
    expect(fieldId("/person/familyName")).toBe("registration-person-familyName");
    expect(new Set(fieldPaths.map(fieldId)).size).toBe(fieldPaths.length);
  });
});

describe("loadAllPages", () => {
  it("follows the cursors to the last page", async () => {
    const fetchPage = vi.fn(async (cursor: string | undefined) =>
      cursor === undefined ? { data: [1, 2], nextCursor: "c2" } : { data: [3], nextCursor: null },
    );
    expect(await loadAllPages(fetchPage, 10)).toEqual({ items: [1, 2, 3], isComplete: true });
    expect(fetchPage.mock.calls).toEqual([[undefined], ["c2"]]);
  });

  it("stops after the page limit and says the list is incomplete", async () => {
    const fetchPage = vi.fn(async () => ({ data: ["x"], nextCursor: "again" }));
    expect(await loadAllPages(fetchPage, 3)).toEqual({ items: ["x", "x", "x"], isComplete: false });
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });
});

describe("toPlacementRequestInput", () => {
  const needs: ShelterRequestFormState = {
    targetGroup: "women",
    children: "2",
    urgency: "this_week",
    security: "standard",
    languages: " EN, ro en ",
    accessible: false,
    medicalNeeds: "  ",
    preferredRegion: "",
  };

  it("makes the body of a placement request, languages lower case without repeats", () => {
    expect(toPlacementRequestInput("r1", needs)).toEqual({
      input: {
        registrationId: "r1",
        needs: {
          targetGroup: "women",
          children: 2,
          urgency: "this_week",
          security: "standard",
          languages: ["en", "ro"],
        },
      },
    });
    const more = toPlacementRequestInput("r1", {
      ...needs,
      accessible: true,
      medicalNeeds: " Insuline ",
      preferredRegion: "limburg",
    });
    expect("input" in more && more.input).toEqual({
      registrationId: "r1",
      needs: {
        targetGroup: "women",
        children: 2,
        urgency: "this_week",
        security: "standard",
        languages: ["en", "ro"],
        accessible: true,
        medicalNeeds: "Insuline",
      },
      preferredRegion: "limburg",
    });
  });

  it("refuses a missing target group or urgency, too many children, and bad language codes", () => {
    const result = toPlacementRequestInput("r1", {
      ...needs,
      targetGroup: "",
      urgency: "someday",
      children: "13",
      languages: "eng",
    });
    expect("errors" in result && result.errors).toEqual({
      "/needs/targetGroup": { key: "registrationForms.error.required" },
      "/needs/urgency": { key: "registrationForms.error.required" },
      "/needs/children": { key: "registrationForms.error.children", params: { min: 0, max: 12 } },
      "/needs/languages": { key: "registrationForms.error.languages" },
    });
    const six = toPlacementRequestInput("r1", { ...needs, languages: "nl en de fr ro ti" });
    expect("errors" in six && six.errors["/needs/languages"]).toEqual({
      key: "registrationForms.error.tooMany",
      params: { max: 5 },
    });
  });
});
