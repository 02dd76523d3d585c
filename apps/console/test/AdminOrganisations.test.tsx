import { ApiError, ConnectionError, ProblemTypes, UnprocessableEntityError } from "@comensha/sdk";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import type { QueryClient } from "@tanstack/solid-query";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { CreatedOrganisation } from "../src/api/admin.js";
import type { ConsoleApi } from "../src/api.js";
import { formatDateTime } from "../src/format.js";
import type { Lang } from "../src/i18n/translate.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import {
  admin,
  fakeAdminApi,
  pendingKey,
  sampleApiKey,
  sampleOrganisation,
  samplePoliceOrganisation,
  sampleRevokedKey,
  sampleSecretKey,
} from "./support/fakeAdmin.js";
import { coordinator, fakeApi } from "./support/fakeApi.js";

const renderApp = (api: ConsoleApi, lang: Lang = "nl"): QueryClient => {
  const queryClient = createConsoleQueryClient();
  render(() => <App api={api} queryClient={queryClient} initialLang={lang} />);
  return queryClient;
};

const adminApi = (overrides: Partial<ConsoleApi> = {}) => fakeApi({ session: async () => admin, ...overrides });

const validation = (errors: ReadonlyArray<{ path: string; message: string }>) =>
  new ApiError({
    status: 422,
    headers: new Headers(),
    problem: {
      type: "https://comensha.nl/problems/validation-failed",
      title: "The request breaks a rule",
      status: 422,
      requestId: "req_422",
      errors: [...errors],
    },
  });

const fillOrganisation = async (name: string, kind: string, region = "") => {
  fireEvent.input(await screen.findByLabelText("Naam"), { target: { value: name } });
  fireEvent.change(screen.getByLabelText("Soort organisatie"), { target: { value: kind } });
  fireEvent.change(screen.getByLabelText("Politie-eenheid (optioneel)"), { target: { value: region } });
};

/** axe-core's violations in the rendered page (contrast cannot be measured in jsdom), by rule and element. */
const axeViolations = async () => {
  const result = await axe.run(document.body, { rules: { "color-contrast": { enabled: false } } });
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`,
  );
};

const submitOrganisation = () => fireEvent.click(screen.getByRole("button", { name: "Organisatie aanmaken" }));

beforeEach(() => {
  window.history.replaceState(null, "", "/organisations");
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the organisations page", () => {
  it("lists the organisations with kind, region and status labels, 50 a page", async () => {
    const listOrganisations = vi.fn(fakeAdminApi().listOrganisations);
    renderApp(adminApi({ listOrganisations }));
    const link = await screen.findByRole("link", { name: "Stichting Voorbeeldhulp" });
    expect(link.getAttribute("href")).toBe(`/organisations/${sampleOrganisation.id}`);
    const police = screen.getByRole("row", { name: /Politie Voorbeeldstad/ });
    expect(within(police).getByText("Politie")).toBeTruthy();
    expect(within(police).getByText("Amsterdam")).toBeTruthy();
    expect(within(police).getByText("Opgeschort")).toBeTruthy();
    const ngo = screen.getByRole("row", { name: /Stichting Voorbeeldhulp/ });
    expect(within(ngo).getByText("Maatschappelijke organisatie")).toBeTruthy();
    expect(within(ngo).getByText("Actief")).toBeTruthy();
    expect(listOrganisations).toHaveBeenCalledWith({ limit: 50, cursor: undefined });
  });

  it("creates an organisation and shows its API key once, with a copy button, then forgets it", async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const createOrganisation = vi.fn(fakeAdminApi().createOrganisation);
    const listOrganisations = vi.fn(fakeAdminApi().listOrganisations);
    const queryClient = renderApp(adminApi({ createOrganisation, listOrganisations }));
    await screen.findByRole("link", { name: "Stichting Voorbeeldhulp" });

    await fillOrganisation("  Politie Voorbeeldland ", "police", "rotterdam");
    submitOrganisation();

    expect(await screen.findByText("Organisatie Politie Voorbeeldland is aangemaakt.")).toBeTruthy();
    expect(createOrganisation).toHaveBeenCalledWith(
      { name: "Politie Voorbeeldland", kind: "police", region: "rotterdam" },
      { idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    );
    const box = screen.getByRole("region", { name: "Nieuwe API-sleutel van Politie Voorbeeldland" });
    expect(within(box).getByText("Kopieer deze sleutel nu; hij wordt niet meer getoond.")).toBeTruthy();
    const secret = within(box).getByLabelText("API-sleutel") as HTMLInputElement;
    expect(secret.value).toBe(sampleSecretKey);
    expect(secret.readOnly).toBe(true);
    expect(document.activeElement?.textContent).toBe("Nieuwe API-sleutel van Politie Voorbeeldland");

    // The key is in no cache: not the queries', not the mutations'.
    const cached = JSON.stringify([
      queryClient
        .getQueryCache()
        .getAll()
        .map((query) => query.state.data),
      queryClient
        .getMutationCache()
        .getAll()
        .map((mutation) => mutation.state.data),
    ]);
    expect(cached).not.toContain(sampleSecretKey);
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);

    fireEvent.click(within(box).getByRole("button", { name: "Kopiëren" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(sampleSecretKey));
    expect(await within(box).findByText("Gekopieerd naar het klembord.")).toBeTruthy();
    await waitFor(() => expect(listOrganisations).toHaveBeenCalledTimes(2));
    expect((screen.getByLabelText("Naam") as HTMLInputElement).value).toBe("");

    fireEvent.click(within(box).getByRole("button", { name: "Klaar, ik heb het gekopieerd" }));
    expect(screen.queryByDisplayValue(sampleSecretKey)).toBeNull();
  });

  it("selects the key for Ctrl+C when there is no clipboard", async () => {
    vi.stubGlobal("navigator", { ...navigator, clipboard: undefined });
    renderApp(adminApi());
    await fillOrganisation("Stichting Voorbeeld", "ngo");
    submitOrganisation();
    const secret = (await screen.findByLabelText("API-sleutel")) as HTMLInputElement;
    fireEvent.click(screen.getByRole("button", { name: "Kopiëren" }));
    expect(await screen.findByText(/Kopiëren lukte niet/)).toBeTruthy();
    expect(document.activeElement).toBe(secret);
    expect(secret.selectionStart).toBe(0);
    expect(secret.selectionEnd).toBe(sampleSecretKey.length);
  });

  it("does not keep the key after navigating away", async () => {
    renderApp(adminApi());
    await fillOrganisation("Stichting Voorbeeld", "ngo");
    submitOrganisation();
    await screen.findByDisplayValue(sampleSecretKey);
    fireEvent.click(await screen.findByRole("link", { name: "Stichting Voorbeeldhulp" }));
    await screen.findByRole("heading", { level: 1, name: "Stichting Voorbeeldhulp" });
    fireEvent.click(screen.getByRole("link", { name: "Terug naar alle organisaties" }));
    await screen.findByRole("heading", { level: 1, name: "Organisaties en sleutels" });
    expect(screen.queryByDisplayValue(sampleSecretKey)).toBeNull();
    expect(document.body.textContent).not.toContain(sampleSecretKey);
  });

  it("checks the form before sending: a name and a kind are required", async () => {
    const createOrganisation = vi.fn(fakeAdminApi().createOrganisation);
    renderApp(adminApi({ createOrganisation }));
    await screen.findByRole("link", { name: "Stichting Voorbeeldhulp" });
    await fillOrganisation("   ", "");
    submitOrganisation();
    const name = screen.getByLabelText("Naam");
    expect(screen.getByText("Vul een naam in.").id).toBe("organisation-name-error");
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(name.getAttribute("aria-describedby")).toBe("organisation-name-error");
    expect(screen.getByText("Kies de soort organisatie.")).toBeTruthy();
    expect(document.activeElement).toBe(name);
    expect(createOrganisation).not.toHaveBeenCalled();
  });

  it("shows a 422 of the API at the field it names", async () => {
    const createOrganisation = vi.fn(async (): Promise<CreatedOrganisation> => {
      throw validation([{ path: "/region", message: "is not a police region" }]);
    });
    renderApp(adminApi({ createOrganisation }));
    await fillOrganisation("Stichting Voorbeeld", "ngo", "amsterdam");
    submitOrganisation();
    const error = await screen.findByText("is not a police region");
    expect(error.closest("p")?.id).toBe("organisation-region-error");
    expect(error.closest("p")?.textContent).toBe("Niet geaccepteerd: is not a police region");
    const region = screen.getByLabelText("Politie-eenheid (optioneel)");
    expect(region.getAttribute("aria-invalid")).toBe("true");
    expect(region.getAttribute("aria-describedby")).toBe("organisation-region-hint organisation-region-error");
    expect(document.activeElement).toBe(region);
    const alert = (await screen.findByText("Controleer de ingevulde gegevens.")).closest("[role=alert]");
    expect(alert).not.toBeNull();
  });

  it("disables the button while sending, and sends the same Idempotency-Key again after a lost answer", async () => {
    let fail = true;
    let release: () => void = () => undefined;
    const createOrganisation = vi.fn(async (...args: Parameters<ConsoleApi["createOrganisation"]>) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      if (fail) throw new ConnectionError("POST /v1/organisations failed to connect");
      return fakeAdminApi().createOrganisation(...args);
    });
    renderApp(adminApi({ createOrganisation }));
    await fillOrganisation("Stichting Voorbeeld", "ngo");
    submitOrganisation();
    const pending = await screen.findByRole("button", { name: "Bezig met aanmaken…" });
    expect((pending as HTMLButtonElement).disabled).toBe(true);
    release();
    expect(await screen.findByText(/Er is geen verbinding met de server/)).toBeTruthy();

    fail = false;
    submitOrganisation();
    await waitFor(() => expect(createOrganisation).toHaveBeenCalledTimes(2));
    release();
    expect(await screen.findByText("Organisatie Stichting Voorbeeld is aangemaakt.")).toBeTruthy();
    const [first, second] = createOrganisation.mock.calls;
    expect(second?.[1]?.idempotencyKey).toBe(first?.[1]?.idempotencyKey);
  });

  it("shows a failed list with a retry that loads it", async () => {
    let attempts = 0;
    const listOrganisations = vi.fn(async (params: { limit: number; cursor?: string | undefined }) => {
      attempts += 1;
      if (attempts === 1) throw new ConnectionError("offline");
      return fakeAdminApi().listOrganisations(params);
    });
    renderApp(adminApi({ listOrganisations }));
    fireEvent.click(await screen.findByRole("button", { name: "Opnieuw proberen" }));
    expect(await screen.findByRole("link", { name: "Stichting Voorbeeldhulp" })).toBeTruthy();
    expect(listOrganisations).toHaveBeenCalledTimes(2);
  });

  it("is refused to a coordinator, without asking the API", async () => {
    const listOrganisations = vi.fn(fakeAdminApi().listOrganisations);
    renderApp(fakeApi({ session: async () => coordinator, listOrganisations }));
    expect(await screen.findByRole("heading", { level: 1, name: "Geen toegang" })).toBeTruthy();
    expect(listOrganisations).not.toHaveBeenCalled();
  });

  it("has no accessibility violations with the form errors and the new key shown", async () => {
    renderApp(adminApi());
    await screen.findByRole("link", { name: "Stichting Voorbeeldhulp" });
    submitOrganisation();
    await screen.findByText("Vul een naam in.");
    expect(await axeViolations()).toEqual([]);
    await fillOrganisation("Stichting Voorbeeld", "ngo");
    submitOrganisation();
    await screen.findByDisplayValue(sampleSecretKey);
    expect(await axeViolations()).toEqual([]);
  });

  it("shows the page and the once-only warning in English", async () => {
    renderApp(adminApi(), "en");
    const row = await screen.findByRole("row", { name: /Politie Voorbeeldstad/ });
    expect(within(row).getByText("Police")).toBeTruthy();
    expect(within(row).getByText("Suspended")).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Voorbeeld Foundation" } });
    fireEvent.change(screen.getByLabelText("Kind of organisation"), { target: { value: "ngo" } });
    fireEvent.click(screen.getByRole("button", { name: "Create organisation" }));
    expect(await screen.findByText("Copy this key now; it will not be shown again.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Copy" })).toBeTruthy();
  });
});

describe("an organisation's page", () => {
  const openPolice = () => window.history.replaceState(null, "", `/organisations/${samplePoliceOrganisation.id}`);
  const openNgo = () => window.history.replaceState(null, "", `/organisations/${sampleOrganisation.id}`);

  it("shows the organisation and its keys by prefix only, with last use and revocation", async () => {
    openPolice();
    const findOrganisation = vi.fn(fakeAdminApi().findOrganisation);
    const listApiKeys = vi.fn(fakeAdminApi().listApiKeys);
    renderApp(adminApi({ findOrganisation, listApiKeys }));
    expect(await screen.findByRole("heading", { level: 1, name: "Politie Voorbeeldstad" })).toBeTruthy();
    expect(screen.getByText("Amsterdam")).toBeTruthy();
    const active = await screen.findByRole("row", { name: /cmk_a1b2c3d4_…/ });
    expect(within(active).getByText("Partner")).toBeTruthy();
    expect(within(active).getByText("Actief")).toBeTruthy();
    const revoked = screen.getByRole("row", { name: /cmk_0f0e0d0c_…/ });
    expect(within(revoked).getByText("Nooit gebruikt")).toBeTruthy();
    expect(within(revoked).queryByRole("button")).toBeNull();
    expect(findOrganisation).toHaveBeenCalledWith(samplePoliceOrganisation.id);
    expect(listApiKeys).toHaveBeenCalledWith(samplePoliceOrganisation.id, { limit: 50, cursor: undefined });
  });

  it("makes a new partner key and shows it once", async () => {
    openNgo();
    const createApiKey = vi.fn(fakeAdminApi().createApiKey);
    const listApiKeys = vi.fn(fakeAdminApi().listApiKeys);
    renderApp(adminApi({ createApiKey, listApiKeys }));
    const role = (await screen.findByLabelText("Rol")) as HTMLSelectElement;
    // An NGO receives referrals to care, so it may also hold a care key.
    expect([...role.options].map((option) => option.textContent)).toEqual([
      "Partner",
      "Zorgorganisatie (doorverwijzingen)",
    ]);
    fireEvent.input(screen.getByLabelText("Naam"), { target: { value: "  Koppeling zaaksysteem " } });
    fireEvent.click(screen.getByRole("button", { name: "Nieuwe sleutel aanmaken" }));
    expect(await screen.findByText("De nieuwe sleutel is aangemaakt.")).toBeTruthy();
    expect(createApiKey).toHaveBeenCalledWith(
      sampleOrganisation.id,
      { role: "partner", label: "Koppeling zaaksysteem" },
      { idempotencyKey: expect.any(String) },
    );
    expect((screen.getByLabelText("API-sleutel") as HTMLInputElement).value).toBe(sampleSecretKey);
    expect(screen.getByText("Kopieer deze sleutel nu; hij wordt niet meer getoond.")).toBeTruthy();
    await waitFor(() => expect(listApiKeys).toHaveBeenCalledTimes(2));
  });

  it("names each key, and says in a status column whether it is active, waiting or revoked (and when)", async () => {
    openPolice();
    renderApp(
      adminApi({ listApiKeys: async () => ({ data: [sampleApiKey, sampleRevokedKey, pendingKey], nextCursor: null }) }),
    );
    const table = (await screen.findByRole("row", { name: /cmk_a1b2c3d4_…/ })).closest("table");
    if (table === null) throw new Error("no table");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((header) => header.textContent),
    ).toEqual(["Naam", "Sleutel", "Rol", "Aangemaakt", "Laatst gebruikt", "Status", "Acties"]);
    const active = screen.getByRole("row", { name: /cmk_a1b2c3d4_…/ });
    expect(within(active).getByRole("rowheader").textContent).toBe("Koppeling zaaksysteem");
    expect(within(active).getByText("Actief")).toBeTruthy();
    const revoked = screen.getByRole("row", { name: /cmk_0f0e0d0c_…/ });
    expect(within(revoked).getByRole("rowheader").textContent).toBe("Zonder naam");
    expect(within(revoked).queryByText("Actief")).toBeNull();
    expect(
      within(revoked).getByText(`Ingetrokken op ${formatDateTime(sampleRevokedKey.revokedAt ?? "", "nl")}`),
    ).toBeTruthy();
    expect(within(screen.getByRole("row", { name: /cmk_9a8b7c6d_…/ })).getByText("Wacht op goedkeuring")).toBeTruthy();
  });

  it("asks for a name before making a key, and shows the API's refusal of one at its field", async () => {
    openNgo();
    const createApiKey = vi.fn<ConsoleApi["createApiKey"]>().mockRejectedValueOnce(
      new UnprocessableEntityError({
        status: 422,
        headers: new Headers(),
        problem: {
          type: ProblemTypes.validationFailed,
          title: "The request does not match the schema",
          status: 422,
          requestId: "req_l",
          errors: [{ path: "/label", message: "Expected a string with a length between 1 and 100" }],
        },
      }),
    );
    renderApp(adminApi({ createApiKey }));
    const label = await screen.findByLabelText("Naam");
    fireEvent.click(screen.getByRole("button", { name: "Nieuwe sleutel aanmaken" }));
    expect(await screen.findByText("Geef de sleutel een naam.")).toBeTruthy();
    expect(label.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(label);
    expect(createApiKey).not.toHaveBeenCalled();
    fireEvent.input(label, { target: { value: "Test" } });
    fireEvent.click(screen.getByRole("button", { name: "Nieuwe sleutel aanmaken" }));
    expect(await screen.findByText(/Expected a string with a length between 1 and 100/)).toBeTruthy();
    expect(label.getAttribute("aria-invalid")).toBe("true");
  });

  it("offers CoMensha's own organisation the staff roles", async () => {
    const comensha = { ...sampleOrganisation, isComensha: true, name: "CoMensha" };
    openNgo();
    renderApp(adminApi({ findOrganisation: async () => comensha }));
    const role = (await screen.findByLabelText("Rol")) as HTMLSelectElement;
    expect([...role.options].map((option) => option.value)).toEqual([
      "partner",
      "coordinator",
      "policy",
      "admin",
      "auditor",
    ]);
  });

  it("revokes a key only after confirmation that applications stop working", async () => {
    openNgo();
    const revokeApiKey = vi.fn(fakeAdminApi().revokeApiKey);
    const listApiKeys = vi.fn(fakeAdminApi().listApiKeys);
    renderApp(adminApi({ revokeApiKey, listApiKeys }));
    fireEvent.click(await screen.findByRole("button", { name: "Sleutel cmk_a1b2c3d4_… intrekken" }));
    const question = screen.getByText(
      "Sleutel cmk_a1b2c3d4_… intrekken? Toepassingen die deze sleutel gebruiken, werken vanaf dat moment niet meer.",
    );
    await waitFor(() => expect(document.activeElement).toBe(question));
    fireEvent.click(screen.getByRole("button", { name: "Annuleren" }));
    expect(revokeApiKey).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole("button", { name: "Sleutel cmk_a1b2c3d4_… intrekken" }));
    fireEvent.click(screen.getByRole("button", { name: "Ja, intrekken" }));
    expect(await screen.findByText("Sleutel cmk_a1b2c3d4_… is ingetrokken.")).toBeTruthy();
    expect(revokeApiKey).toHaveBeenCalledWith(sampleApiKey.id);
    await waitFor(() => expect(listApiKeys).toHaveBeenCalledTimes(2));
  });

  it("has no accessibility violations with a revocation being confirmed", async () => {
    openNgo();
    renderApp(adminApi());
    fireEvent.click(await screen.findByRole("button", { name: "Sleutel cmk_a1b2c3d4_… intrekken" }));
    await screen.findByRole("button", { name: "Ja, intrekken" });
    expect(await axeViolations()).toEqual([]);
  });

  it("keeps the question open and shows the error when revoking fails", async () => {
    openNgo();
    renderApp(
      adminApi({
        revokeApiKey: async () => {
          throw new ConnectionError("offline");
        },
      }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Sleutel cmk_a1b2c3d4_… intrekken" }));
    fireEvent.click(screen.getByRole("button", { name: "Ja, intrekken" }));
    const error = await screen.findByText(/Er is geen verbinding met de server/);
    expect(error.closest("[role=alert]")).not.toBeNull();
    expect(screen.getByRole("button", { name: "Ja, intrekken" })).toBeTruthy();
  });

  it("says so when the organisation does not exist", async () => {
    window.history.replaceState(null, "", "/organisations/0193c111-0000-7000-8000-0000c11100ee");
    const listApiKeys = vi.fn(fakeAdminApi().listApiKeys);
    renderApp(adminApi({ listApiKeys }));
    expect(await screen.findByText("Deze organisatie bestaat niet (meer).")).toBeTruthy();
    expect(listApiKeys).not.toHaveBeenCalled();
  });

  it("shows a key another administrator asked for as awaiting approval, and approves it after confirmation", async () => {
    openNgo();
    const approveApiKey = vi.fn(fakeAdminApi().approveApiKey);
    const listApiKeys = vi.fn(async () => ({ data: [pendingKey, sampleApiKey], nextCursor: null }));
    renderApp(adminApi({ approveApiKey, listApiKeys }));
    const row = await screen.findByRole("row", { name: /cmk_9a8b7c6d_…/ });
    expect(within(row).getByText("Wacht op goedkeuring")).toBeTruthy();
    expect(within(row).getByText("Coördinator")).toBeTruthy();
    expect(
      within(screen.getByRole("row", { name: /cmk_a1b2c3d4_…/ })).queryByRole("button", { name: /goedkeuren/ }),
    ).toBeNull();
    fireEvent.click(within(row).getByRole("button", { name: "Sleutel cmk_9a8b7c6d_… goedkeuren" }));
    expect(
      screen.getByText(
        "Sleutel cmk_9a8b7c6d_… met de rol Coördinator goedkeuren? Daarmee krijgt de houder van de sleutel vanaf nu toegang met die rol.",
      ),
    ).toBeTruthy();
    expect(approveApiKey).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Ja, goedkeuren" }));
    expect(await screen.findByText("Sleutel cmk_9a8b7c6d_… is goedgekeurd en werkt nu.")).toBeTruthy();
    expect(approveApiKey).toHaveBeenCalledWith(pendingKey.id);
    await waitFor(() => expect(listApiKeys).toHaveBeenCalledTimes(2));
  });

  it("offers no approval of one's own key request, but lets it be revoked (turned down)", async () => {
    openNgo();
    const own = {
      ...pendingKey,
      approval: { requestedBy: { kind: "user", id: admin.id }, approvedBy: null, approvedAt: null },
    } as const;
    renderApp(adminApi({ listApiKeys: async () => ({ data: [own], nextCursor: null }) }));
    const row = await screen.findByRole("row", { name: /cmk_9a8b7c6d_…/ });
    expect(within(row).getByText("Wacht op goedkeuring")).toBeTruthy();
    expect(within(row).getByText("Uw aanvraag: een andere beheerder keurt goed")).toBeTruthy();
    expect(within(row).queryByRole("button", { name: /goedkeuren/ })).toBeNull();
    expect(within(row).getByRole("button", { name: "Sleutel cmk_9a8b7c6d_… intrekken" })).toBeTruthy();
  });

  it("says that a new coordinator key works only once another administrator approves it", async () => {
    const comensha = { ...sampleOrganisation, isComensha: true, name: "CoMensha" };
    openNgo();
    renderApp(adminApi({ findOrganisation: async () => comensha }));
    fireEvent.change(await screen.findByLabelText("Rol"), { target: { value: "coordinator" } });
    fireEvent.input(screen.getByLabelText("Naam"), { target: { value: "Rapportagescript" } });
    fireEvent.click(screen.getByRole("button", { name: "Nieuwe sleutel aanmaken" }));
    expect(
      await screen.findByText(
        "De nieuwe sleutel is aangemaakt. Hij werkt pas als een andere beheerder hem goedkeurt (vier ogen).",
      ),
    ).toBeTruthy();
    expect((screen.getByLabelText("API-sleutel") as HTMLInputElement).value).toBe(sampleSecretKey);
  });

  it("has no accessibility violations with an approval being confirmed", async () => {
    openNgo();
    renderApp(adminApi({ listApiKeys: async () => ({ data: [pendingKey], nextCursor: null }) }));
    fireEvent.click(await screen.findByRole("button", { name: "Sleutel cmk_9a8b7c6d_… goedkeuren" }));
    await screen.findByRole("button", { name: "Ja, goedkeuren" });
    expect(await axeViolations()).toEqual([]);
  });

  it("shows a key awaiting approval in English", async () => {
    openNgo();
    renderApp(adminApi({ listApiKeys: async () => ({ data: [pendingKey], nextCursor: null }) }), "en");
    const row = await screen.findByRole("row", { name: /cmk_9a8b7c6d_…/ });
    expect(within(row).getByText("Awaiting approval")).toBeTruthy();
    expect(within(row).getByRole("button", { name: "Approve key cmk_9a8b7c6d_…" })).toBeTruthy();
  });

  it("shows the keys in English", async () => {
    openNgo();
    renderApp(adminApi(), "en");
    const revoked = await screen.findByRole("row", { name: /cmk_0f0e0d0c_…/ });
    expect(within(revoked).getByText("Never used")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Revoke key cmk_a1b2c3d4_…" })).toBeTruthy();
  });
});
