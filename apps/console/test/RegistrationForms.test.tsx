import { ConnectionError, PreconditionFailedError, UnprocessableEntityError } from "@comensha/sdk";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { RegistrationFormsApi } from "../src/api/registrationForms.js";
import type { ConsoleApi, Registration } from "../src/api.js";
import { todayInAmsterdam } from "../src/format.js";
import type { Lang } from "../src/i18n/translate.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import { coordinator, fakeApi, sampleRegistration } from "./support/fakeApi.js";
import { createdRegistration, policeOrganisation, registrationAuditEvent } from "./support/fakeRegistrationForms.js";

const renderApp = (api: ConsoleApi, lang: Lang = "nl") =>
  render(() => <App api={api} queryClient={createConsoleQueryClient()} initialLang={lang} />);

const asCoordinator = (overrides: Partial<ConsoleApi> = {}) =>
  fakeApi({ session: async () => coordinator, ...overrides });

const problem = (errors: ReadonlyArray<{ path: string; message: string }>) =>
  new UnprocessableEntityError({
    status: 422,
    headers: new Headers(),
    problem: {
      type: "https://comensha.nl/problems/validation-failed",
      title: "The request does not match the schema",
      status: 422,
      requestId: "req_422",
      errors: [...errors],
    },
  });

const stale = () =>
  new PreconditionFailedError({
    status: 412,
    headers: new Headers(),
    problem: {
      type: "https://comensha.nl/problems/precondition-failed",
      title: "The registration changed since you read it",
      status: 412,
      requestId: "req_412",
    },
  });

/** The form's error summary (the shell has a live alert region of its own). */
const formAlert = async (heading = "De melding is niet opgeslagen") =>
  (await screen.findByRole("heading", { name: heading })).closest<HTMLElement>('[role="alert"]') as HTMLElement;

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(input(label), { target: { value } });
const choose = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
/** Chooses in a combobox as a keyboard user does: types each code, and takes the first suggestion with Enter. */
const chooseMany = (label: string, values: ReadonlyArray<string>) => {
  const input = screen.getByLabelText(label);
  for (const value of values) {
    fireEvent.input(input, { target: { value } });
    fireEvent.keyDown(input, { key: "Enter" });
  }
};

/** Fills in a complete, valid report of a (synthetic) person. */
const fillValidForm = () => {
  type("Achternaam", "Voorbeeld");
  type("Voornamen", "Eva");
  type("Ook bekend als (optioneel)", "Evi, E. V.\nEvi");
  type("Geboortedatum", "2001-02-03");
  choose("Geslacht", "female");
  chooseMany("Nationaliteiten", ["RO"]);
  fireEvent.click(screen.getByLabelText("Arbeidsuitbuiting"));
  choose("Politie-eenheid (optioneel)", "amsterdam");
  choose("Soort dossier", "registration");
  choose("Grondslag", "consent");
  fireEvent.click(screen.getByLabelText("De persoon geeft toestemming om gegevens te delen met de opvang"));
};

const expectedInput = () => ({
  reportedOn: todayInAmsterdam(),
  person: {
    familyName: "Voorbeeld",
    givenNames: "Eva",
    aliases: ["Evi", "E. V."],
    dateOfBirth: "2001-02-03",
    sex: "female",
    nationalities: ["RO"],
  },
  exploitation: { forms: ["labour"], country: "NL", policeRegion: "amsterdam" },
  dossierType: "registration",
  legalBasis: "consent",
  consentToShareWithShelter: true,
});

beforeEach(() => {
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});
afterEach(cleanup);

describe("registering a report", () => {
  it("links from the list to the form", async () => {
    window.history.replaceState(null, "", "/registrations");
    renderApp(asCoordinator());
    const link = await screen.findByRole("link", { name: "Nieuwe melding registreren" });
    expect(link.getAttribute("href")).toBe("/registrations/new");
  });

  it("offers the active partner organisations besides CoMensha itself, reported today by default", async () => {
    window.history.replaceState(null, "", "/registrations/new");
    const listReportingOrganisations = vi.fn(fakeApi().listReportingOrganisations);
    renderApp(asCoordinator({ listReportingOrganisations }));
    expect(await screen.findByRole("heading", { level: 1, name: "Nieuwe melding registreren" })).toBeTruthy();
    const select = await screen.findByLabelText("Organisatie");
    await within(select).findByRole("option", { name: "Politie Voorbeeldstad (Politie)" });
    const options = within(select)
      .getAllByRole("option")
      .map((option) => option.textContent);
    expect(options).toEqual(["CoMensha zelf", "Politie Voorbeeldstad (Politie)"]);
    expect((select as HTMLSelectElement).value).toBe("");
    expect(input("Gemeld op").value).toBe(todayInAmsterdam());
    expect(listReportingOrganisations).toHaveBeenCalledWith({ cursor: undefined, limit: 200 });
  });

  it("registers the report on behalf of the chosen organisation and opens it with a success message", async () => {
    window.history.replaceState(null, "", "/registrations/new");
    const createRegistration = vi.fn(fakeApi().createRegistration);
    renderApp(asCoordinator({ createRegistration }));
    const select = await screen.findByLabelText("Organisatie");
    await within(select).findByRole("option", { name: "Politie Voorbeeldstad (Politie)" });
    choose("Organisatie", policeOrganisation.id);
    fillValidForm();
    choose("Grondslag", "statutory");
    fireEvent.click(screen.getByRole("button", { name: "Melding registreren" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Melding 000000aa" })).toBeTruthy();
    expect(await screen.findByText("De melding is geregistreerd.")).toBeTruthy();
    expect(createRegistration).toHaveBeenCalledTimes(1);
    expect(createRegistration).toHaveBeenCalledWith(
      { ...expectedInput(), legalBasis: "statutory", organisationId: policeOrganisation.id },
      { idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    );
  });

  it("sends a retry after a network error with the same body and Idempotency-Key", async () => {
    window.history.replaceState(null, "", "/registrations/new");
    const createRegistration = vi.fn<RegistrationFormsApi["createRegistration"]>(async () => {
      throw new ConnectionError("offline");
    });
    renderApp(asCoordinator({ createRegistration }));
    await screen.findByLabelText("Organisatie");
    fillValidForm();
    fireEvent.click(screen.getByRole("button", { name: "Melding registreren" }));
    const alert = await formAlert();
    expect(within(alert).getByText(/Er is geen verbinding met de server/)).toBeTruthy();

    createRegistration.mockImplementationOnce(async () => createdRegistration);
    fireEvent.click(within(alert).getByRole("button", { name: "Opnieuw proberen" }));
    expect(await screen.findByText("De melding is geregistreerd.")).toBeTruthy();
    expect(createRegistration).toHaveBeenCalledTimes(2);
    const [first, second] = createRegistration.mock.calls;
    expect(second?.[1].idempotencyKey).toBe(first?.[1].idempotencyKey);
    expect(second?.[0]).toEqual(first?.[0]);
    expect(first?.[0]).toEqual(expectedInput());
  });

  it("uses a new Idempotency-Key once the form was changed after a failure", async () => {
    window.history.replaceState(null, "", "/registrations/new");
    const createRegistration = vi.fn<RegistrationFormsApi["createRegistration"]>(async () => {
      throw new ConnectionError("offline");
    });
    renderApp(asCoordinator({ createRegistration }));
    await screen.findByLabelText("Organisatie");
    fillValidForm();
    fireEvent.click(screen.getByRole("button", { name: "Melding registreren" }));
    await formAlert();
    type("Voornamen", "Eva Maria");
    fireEvent.click(screen.getByRole("button", { name: "Melding registreren" }));
    await waitFor(() => expect(createRegistration).toHaveBeenCalledTimes(2));
    const [first, second] = createRegistration.mock.calls;
    expect(second?.[1].idempotencyKey).not.toBe(first?.[1].idempotencyKey);
  });

  it("checks the form before sending: errors at the fields and in a summary whose links focus them", async () => {
    window.history.replaceState(null, "", "/registrations/new");
    const createRegistration = vi.fn(fakeApi().createRegistration);
    renderApp(asCoordinator({ createRegistration }));
    await within(await screen.findByLabelText("Organisatie")).findByRole("option", {
      name: "Politie Voorbeeldstad (Politie)",
    });
    type("Gemeld op", "2999-01-01");
    choose("Grondslag", "statutory");
    fireEvent.click(screen.getByRole("button", { name: "Melding registreren" }));

    const alert = await formAlert();
    expect(within(alert).getByText("Controleer de gemarkeerde velden:")).toBeTruthy();
    const familyName = input("Achternaam");
    expect(familyName.getAttribute("aria-invalid")).toBe("true");
    const errorId = familyName.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(errorId)?.textContent).toBe("Vul dit veld in.");
    expect(within(alert).getByRole("link", { name: "Gemeld op: Deze datum ligt in de toekomst." })).toBeTruthy();
    // CoMensha itself does not report on a statutory basis.
    expect(
      within(alert).getByRole("link", {
        name: "Grondslag: Een wettelijke taak geldt alleen voor meldingen van politie, KMar en de Arbeidsinspectie.",
      }),
    ).toBeTruthy();
    expect(within(alert).getByRole("link", { name: "Uitbuitingsvormen: Kies er minstens één." })).toBeTruthy();
    fireEvent.click(within(alert).getByRole("link", { name: "Achternaam: Vul dit veld in." }));
    expect(document.activeElement).toBe(familyName);
    fireEvent.click(within(alert).getByRole("link", { name: "Uitbuitingsvormen: Kies er minstens één." }));
    expect(document.activeElement).toBe(screen.getByLabelText("Seksuele uitbuiting"));
    expect(createRegistration).not.toHaveBeenCalled();
  });

  it("shows the API's 422 at the matching fields, and paths without a field in the summary", async () => {
    window.history.replaceState(null, "", "/registrations/new");
    const createRegistration = vi.fn<RegistrationFormsApi["createRegistration"]>(async () => {
      throw problem([
        { path: "/person/nationalities/0", message: "Expected a nationality code" },
        { path: "/person", message: "birthYear must be the year of dateOfBirth" },
      ]);
    });
    renderApp(asCoordinator({ createRegistration }));
    await screen.findByLabelText("Organisatie");
    fillValidForm();
    fireEvent.click(screen.getByRole("button", { name: "Melding registreren" }));

    const alert = await formAlert();
    expect(within(alert).getByText("De server heeft de melding niet aanvaard:")).toBeTruthy();
    expect(within(alert).getByText("birthYear must be the year of dateOfBirth")).toBeTruthy();
    const nationalities = screen.getByLabelText("Nationaliteiten");
    expect(nationalities.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (nationalities.getAttribute("aria-describedby") ?? "").split(" ");
    const error = document.getElementById(describedBy.at(-1) ?? "");
    expect(error?.textContent).toBe("De server keurt dit veld af. Expected a nationality code");
    expect(screen.getByRole("button", { name: "Melding registreren" }).hasAttribute("disabled")).toBe(false);
  });
});

describe("correcting a registration", () => {
  const editPath = `/registrations/${sampleRegistration.id}/edit`;

  it("prefills the form and saves the correction with the version it was based on", async () => {
    window.history.replaceState(null, "", editPath);
    const updateRegistration = vi.fn(fakeApi().updateRegistration);
    renderApp(asCoordinator({ updateRegistration }));
    expect(await screen.findByRole("heading", { level: 1, name: "Melding 00000001 corrigeren" })).toBeTruthy();
    await screen.findByLabelText("Achternaam");
    expect(input("Achternaam").value).toBe("Voorbeeld");
    expect(input("Geboortedatum").value).toBe("1999-04-12");
    expect((screen.getByLabelText("Seksuele uitbuiting") as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByLabelText("Organisatie")).toBeNull();
    // The police organisation (synthetic) that reported it is named, and may report on a statutory basis.
    expect(await screen.findByText("Politie Voorbeeldstad")).toBeTruthy();
    type("Voornamen", "Maria Eva");
    fireEvent.click(screen.getByRole("button", { name: "Correctie opslaan" }));

    expect(await screen.findByText("De correctie is opgeslagen (versie 3).")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1, name: "Melding 00000001" })).toBeTruthy();
    expect(updateRegistration).toHaveBeenCalledWith(
      sampleRegistration.id,
      {
        reportedOn: "2026-11-18",
        person: {
          familyName: "Voorbeeld",
          givenNames: "Maria Eva",
          aliases: [],
          dateOfBirth: "1999-04-12",
          sex: "female",
          nationalities: ["NG"],
        },
        exploitation: { forms: ["sexual", "labour"], country: "NL" },
        dossierType: "registration_and_shelter",
        legalBasis: "statutory",
        consentToShareWithShelter: true,
      },
      2,
    );
  });

  it("says when someone else changed it meanwhile, and loads the latest version to correct", async () => {
    window.history.replaceState(null, "", editPath);
    const latest: Registration = {
      ...sampleRegistration,
      version: 3,
      person: { ...sampleRegistration.person, givenNames: "Maria Anna" },
    };
    const getRegistration = vi
      .fn<ConsoleApi["getRegistration"]>()
      .mockResolvedValueOnce(sampleRegistration)
      .mockResolvedValue(latest);
    const updateRegistration = vi.fn(fakeApi().updateRegistration).mockImplementationOnce(async () => {
      throw stale();
    });
    renderApp(asCoordinator({ getRegistration, updateRegistration }));
    await screen.findByRole("heading", { level: 1, name: "Melding 00000001 corrigeren" });
    await screen.findByLabelText("Achternaam");
    type("Achternaam", "Voorbeeldig");
    fireEvent.click(screen.getByRole("button", { name: "Correctie opslaan" }));

    const alert = await formAlert();
    expect(within(alert).getByText(/Iemand anders heeft deze melding intussen gewijzigd/)).toBeTruthy();
    fireEvent.click(within(alert).getByRole("button", { name: "Nieuwste versie laden" }));
    expect(await screen.findByText("De nieuwste versie (versie 3) is geladen.")).toBeTruthy();
    expect(input("Voornamen").value).toBe("Maria Anna");
    expect(input("Achternaam").value).toBe("Voorbeeld");

    fireEvent.click(screen.getByRole("button", { name: "Correctie opslaan" }));
    await waitFor(() => expect(updateRegistration).toHaveBeenCalledTimes(2));
    expect(updateRegistration.mock.calls[0]?.[2]).toBe(2);
    expect(updateRegistration.mock.calls[1]?.[2]).toBe(3);
  });

  it("shows an error with a retry when the registration cannot be read", async () => {
    window.history.replaceState(null, "", editPath);
    const getRegistration = vi
      .fn<ConsoleApi["getRegistration"]>()
      .mockRejectedValueOnce(new ConnectionError("offline"))
      .mockResolvedValue(sampleRegistration);
    renderApp(asCoordinator({ getRegistration }));
    fireEvent.click(await screen.findByRole("button", { name: "Opnieuw proberen" }));
    expect(((await screen.findByLabelText("Achternaam")) as HTMLInputElement).value).toBe("Voorbeeld");
    expect(getRegistration).toHaveBeenCalledTimes(2);
  });
});

describe("the registration detail", () => {
  const detailPath = `/registrations/${sampleRegistration.id}`;

  it("withdraws after a confirmation, then shows the registration as withdrawn", async () => {
    window.history.replaceState(null, "", detailPath);
    const withdrawRegistration = vi.fn<RegistrationFormsApi["withdrawRegistration"]>(async (_id, { reason }) => ({
      ...sampleRegistration,
      status: "withdrawn",
      version: 3,
      ...(reason === undefined ? {} : { withdrawalReason: reason }),
    }));
    renderApp(asCoordinator({ withdrawRegistration }));
    expect((await screen.findByRole("link", { name: "Corrigeren" })).getAttribute("href")).toBe(`${detailPath}/edit`);
    fireEvent.click(screen.getByRole("button", { name: "Intrekken" }));
    expect(screen.getByRole("heading", { name: "Melding intrekken" })).toBeTruthy();
    const reason = screen.getByRole("textbox", { name: "Reden (niet verplicht)" }) as HTMLTextAreaElement;
    expect(reason.maxLength).toBe(1000);
    fireEvent.input(reason, { target: { value: "  Per vergissing twee keer gemeld  " } });
    expect(withdrawRegistration).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Ja, melding intrekken" }));

    expect(await screen.findByText("De melding is ingetrokken.")).toBeTruthy();
    expect(withdrawRegistration).toHaveBeenCalledWith(sampleRegistration.id, {
      version: 2,
      reason: "Per vergissing twee keer gemeld",
    });
    expect(await screen.findByText("Deze melding is ingetrokken en kan niet meer veranderen.")).toBeTruthy();
    expect(screen.getByText("Reden van intrekking", { selector: "dt" })).toBeTruthy();
    expect(screen.getByText("Per vergissing twee keer gemeld", { selector: "dd" })).toBeTruthy();
    expect(screen.getByText("Ingetrokken", { selector: "dd" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Corrigeren" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Eerste opvang aanvragen" })).toBeNull();
  });

  it("shows an erased registration without names, and offers no change", async () => {
    window.history.replaceState(null, "", detailPath);
    const erased = {
      ...sampleRegistration,
      person: { birthYear: 1994, sex: "female" as const, nationalities: ["NG" as const] },
      erasedAt: "2026-12-01T09:00:00.000Z",
    };
    renderApp(asCoordinator({ getRegistration: async () => erased }));
    expect(await screen.findByText("Gewist op 1 dec 2026, 10:00 (bewaartermijn of verzoek tot wissen)")).toBeTruthy();
    expect(screen.getByText("1994", { selector: "dd" })).toBeTruthy();
    expect(screen.queryByText(/undefined/)).toBeNull();
    expect(screen.getByText(/zijn gewist; de melding telt mee in de cijfers/)).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Corrigeren" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Intrekken" })).toBeNull();
  });

  it("withdraws without a reason when none is typed", async () => {
    window.history.replaceState(null, "", detailPath);
    const withdrawRegistration = vi.fn(fakeApi().withdrawRegistration);
    renderApp(asCoordinator({ withdrawRegistration }));
    fireEvent.click(await screen.findByRole("button", { name: "Intrekken" }));
    fireEvent.input(screen.getByRole("textbox", { name: "Reden (niet verplicht)" }), { target: { value: "   " } });
    fireEvent.click(screen.getByRole("button", { name: "Ja, melding intrekken" }));
    expect(await screen.findByText("De melding is ingetrokken.")).toBeTruthy();
    expect(withdrawRegistration).toHaveBeenCalledWith(sampleRegistration.id, { version: 2 });
    expect(screen.queryByText("Reden van intrekking")).toBeNull();
  });

  it("does not withdraw when the confirmation is declined", async () => {
    window.history.replaceState(null, "", detailPath);
    const withdrawRegistration = vi.fn(fakeApi().withdrawRegistration);
    renderApp(asCoordinator({ withdrawRegistration }));
    fireEvent.click(await screen.findByRole("button", { name: "Intrekken" }));
    fireEvent.click(screen.getByRole("button", { name: "Niet intrekken" }));
    expect(screen.queryByRole("heading", { name: "Melding intrekken" })).toBeNull();
    expect(withdrawRegistration).not.toHaveBeenCalled();
  });

  it("shows the registration's changes in its audit trail, in words, and its reads apart once opened", async () => {
    window.history.replaceState(null, "", detailPath);
    const listRegistrationAuditEvents = vi.fn(fakeApi().listRegistrationAuditEvents);
    renderApp(asCoordinator({ listRegistrationAuditEvents }));
    const changed = await screen.findByText("Melding gecorrigeerd");
    expect(changed.getAttribute("title")).toBe(registrationAuditEvent.action);
    const trail = screen.getByRole("heading", { name: "Audittrail" }).parentElement as HTMLElement;
    expect(within(trail).getByRole("heading", { name: "Wijzigingen" })).toBeTruthy();
    expect(within(trail).getByText("e2220003")).toBeTruthy();
    expect(within(trail).getByText("Gelukt")).toBeTruthy();
    expect(listRegistrationAuditEvents).toHaveBeenCalledTimes(1);
    expect(listRegistrationAuditEvents).toHaveBeenCalledWith(sampleRegistration.id, {
      cursor: undefined,
      limit: 50,
      kind: "change",
    });
    // The reads are folded away, and asked for only when opened.
    const reads = within(trail).getByText("Inzage: wie heeft de melding bekeken").parentElement as HTMLDetailsElement;
    expect(reads.open).toBe(false);
    reads.open = true;
    reads.dispatchEvent(new Event("toggle"));
    await waitFor(() =>
      expect(listRegistrationAuditEvents).toHaveBeenLastCalledWith(sampleRegistration.id, {
        cursor: undefined,
        limit: 50,
        kind: "read",
      }),
    );
  });

  it("requests first shelter and links to the new placement request", async () => {
    window.history.replaceState(null, "", detailPath);
    const requestFirstShelter = vi.fn(fakeApi().requestFirstShelter);
    renderApp(asCoordinator({ requestFirstShelter }));
    fireEvent.click(await screen.findByRole("button", { name: "Eerste opvang aanvragen" }));
    choose("Doelgroep", "women");
    type("Aantal kinderen dat meekomt", "1");
    choose("Urgentie", "tonight");
    choose("Beveiliging", "high");
    type("Talen die de persoon spreekt (optioneel)", "EN, ro");
    fireEvent.click(screen.getByLabelText("Toegankelijke plek nodig"));
    fireEvent.click(screen.getByRole("button", { name: "Opvang aanvragen" }));

    const link = await screen.findByRole("link", { name: "Opvangverzoek 000000f1 openen" });
    expect(link.getAttribute("href")).toBe("/shelters/requests/0193f000-0000-7000-8000-0000000000f1");
    expect(screen.getByText(/Het opvangverzoek is aangemaakt/)).toBeTruthy();
    expect(requestFirstShelter).toHaveBeenCalledWith(
      {
        registrationId: sampleRegistration.id,
        needs: {
          targetGroup: "women",
          children: 1,
          urgency: "tonight",
          security: "high",
          languages: ["en", "ro"],
          accessible: true,
        },
      },
      { idempotencyKey: expect.any(String) },
    );
  });

  it("shows the API's 422 of a shelter request at its field", async () => {
    window.history.replaceState(null, "", detailPath);
    const requestFirstShelter = vi.fn<RegistrationFormsApi["requestFirstShelter"]>(async () => {
      throw problem([{ path: "/needs/languages/1", message: "an ISO 639-1 language code" }]);
    });
    renderApp(asCoordinator({ requestFirstShelter }));
    fireEvent.click(await screen.findByRole("button", { name: "Eerste opvang aanvragen" }));
    choose("Doelgroep", "men");
    choose("Urgentie", "planned");
    fireEvent.click(screen.getByRole("button", { name: "Opvang aanvragen" }));
    const languages = input("Talen die de persoon spreekt (optioneel)");
    await waitFor(() => expect(languages.getAttribute("aria-invalid")).toBe("true"));
    expect(languages.getAttribute("aria-describedby")).toContain("shelter-needs-languages-error");
    expect(screen.getByText("an ISO 639-1 language code")).toBeTruthy();
  });
});

describe("in English", () => {
  it("shows the form and the detail actions in English", async () => {
    window.history.replaceState(null, "", "/registrations/new");
    renderApp(asCoordinator(), "en");
    expect(await screen.findByRole("heading", { level: 1, name: "Register a report" })).toBeTruthy();
    expect(screen.getByText("Reporting organisation")).toBeTruthy();
    const select = screen.getByLabelText("Organisation");
    expect(await within(select).findByRole("option", { name: "Politie Voorbeeldstad (Police)" })).toBeTruthy();
    expect(within(select).getByRole("option", { name: "CoMensha itself" })).toBeTruthy();
    expect(screen.getByLabelText("Labour exploitation")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Register the report" }));
    expect(await screen.findByRole("link", { name: "Family name: Fill in this field." })).toBeTruthy();
  });

  it("shows the detail actions in English", async () => {
    window.history.replaceState(null, "", `/registrations/${sampleRegistration.id}`);
    renderApp(asCoordinator(), "en");
    expect(await screen.findByRole("link", { name: "Correct" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Withdraw" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Request first shelter" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Audit trail" })).toBeTruthy();
  });
});
