import { ApiError, ConnectionError, type CreatedUser } from "@comensha/sdk";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { User } from "../src/api/admin.js";
import type { ConsoleApi } from "../src/api.js";
import type { Lang } from "../src/i18n/translate.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import { admin, fakeAdminApi, pendingUser, sampleOneTimePassword, sampleUser } from "./support/fakeAdmin.js";
import { coordinator, fakeApi } from "./support/fakeApi.js";
import { comenshaOrganisation, policeOrganisation, suspendedOrganisation } from "./support/fakeRegistrationForms.js";

const renderApp = (api: ConsoleApi, lang: Lang = "nl") => {
  const queryClient = createConsoleQueryClient();
  render(() => <App api={api} queryClient={queryClient} initialLang={lang} />);
  return queryClient;
};

const adminApi = (overrides: Partial<ConsoleApi> = {}) => fakeApi({ session: async () => admin, ...overrides });

const problem = (status: number, type: string, errors: ReadonlyArray<{ path: string; message: string }> = []) =>
  new ApiError({
    status,
    headers: new Headers(),
    problem: { type, title: "Refused", status, requestId: "req_u", errors: [...errors] },
  });

const fillUser = async (email: string, name: string, role: string) => {
  fireEvent.input(await screen.findByLabelText("E-mailadres"), { target: { value: email } });
  fireEvent.input(screen.getByLabelText("Naam"), { target: { value: name } });
  fireEvent.change(screen.getByLabelText("Rol"), { target: { value: role } });
};

const submitUser = () => fireEvent.click(screen.getByRole("button", { name: "Gebruiker aanmaken" }));

beforeEach(() => {
  window.history.replaceState(null, "", "/users");
  localStorage.clear();
});
afterEach(cleanup);

describe("the users page", () => {
  it("lists users with role, status and last login, and offers no way to disable oneself", async () => {
    const listUsers = vi.fn(fakeAdminApi().listUsers);
    renderApp(adminApi({ listUsers }));
    const jan = await screen.findByRole("row", { name: /Jan Voorbeeld/ });
    expect(within(jan).getByText("jan.voorbeeld@comensha.example")).toBeTruthy();
    expect(within(jan).getByText("Coördinator")).toBeTruthy();
    expect(within(jan).getByText("Actief")).toBeTruthy();
    expect(within(jan).getByText("Nog nooit")).toBeTruthy();
    expect(within(jan).getByText("Moet het wachtwoord nog wijzigen")).toBeTruthy();
    expect(within(jan).getByRole("button", { name: "Jan Voorbeeld uitschakelen" })).toBeTruthy();
    const self = screen.getByRole("row", { name: /Bea Beheerder/ });
    expect(within(self).getByText("Beheerder")).toBeTruthy();
    expect(within(self).getByText("Dit bent u")).toBeTruthy();
    expect(within(self).queryByRole("button")).toBeNull();
    expect(listUsers).toHaveBeenCalledWith({ limit: 50, cursor: undefined });
  });

  it("offers no disable button for a user who is disabled already", async () => {
    const disabled: User = { ...sampleUser, status: "disabled" };
    renderApp(adminApi({ listUsers: async () => ({ data: [disabled], nextCursor: null }) }));
    const row = await screen.findByRole("row", { name: /Jan Voorbeeld/ });
    expect(within(row).getByText("Uitgeschakeld")).toBeTruthy();
    expect(within(row).queryByRole("button")).toBeNull();
  });

  it("creates a user and shows the one-time password once, to be changed at the first login", async () => {
    const createUser = vi.fn(fakeAdminApi().createUser);
    const listUsers = vi.fn(fakeAdminApi().listUsers);
    const queryClient = renderApp(adminApi({ createUser, listUsers }));
    await fillUser(" Piet.Voorbeeld@CoMensha.example ", "Piet Voorbeeld", "policy");
    submitUser();
    expect(await screen.findByText("Gebruiker Piet Voorbeeld is aangemaakt.")).toBeTruthy();
    expect(createUser).toHaveBeenCalledWith(
      { email: "piet.voorbeeld@comensha.example", name: "Piet Voorbeeld", role: "policy" },
      { idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    );
    const box = screen.getByRole("region", { name: "Eenmalig wachtwoord van Piet Voorbeeld" });
    expect((within(box).getByLabelText("Eenmalig wachtwoord") as HTMLInputElement).value).toBe(sampleOneTimePassword);
    expect(within(box).getByText("Kopieer dit wachtwoord nu; het wordt niet meer getoond.")).toBeTruthy();
    expect(within(box).getByText(/Piet Voorbeeld moet het bij de eerste keer inloggen vervangen/)).toBeTruthy();
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
    expect(cached).not.toContain(sampleOneTimePassword);
    await waitFor(() => expect(listUsers).toHaveBeenCalledTimes(2));
    fireEvent.click(within(box).getByRole("button", { name: "Klaar, ik heb het gekopieerd" }));
    expect(screen.queryByDisplayValue(sampleOneTimePassword)).toBeNull();
  });

  it("makes a care user for an organisation that receives referrals, and asks for one first", async () => {
    const createUser = vi.fn(fakeAdminApi().createUser);
    const careNorth = {
      ...policeOrganisation,
      id: "0193c111-0000-7000-8000-0000c1110020",
      name: "Zorgcoördinatie Noord",
      kind: "care_coordination" as const,
      isComensha: false,
    };
    renderApp(
      adminApi({
        createUser,
        listReportingOrganisations: async () => ({
          data: [comenshaOrganisation, policeOrganisation, suspendedOrganisation, careNorth],
          nextCursor: null,
        }),
      }),
    );
    expect(screen.queryByLabelText("Organisatie")).toBeNull();
    await fillUser("zorg@zorg.example", "Zoë Zorg", "care");
    const organisation = (await screen.findByLabelText("Organisatie")) as HTMLSelectElement;
    await screen.findByRole("option", { name: "Zorgcoördinatie Noord" });
    // Not the police, not CoMensha itself, not a suspended organisation.
    expect([...organisation.options].map((option) => option.textContent)).toEqual([
      "Kies een organisatie…",
      "Zorgcoördinatie Noord",
    ]);
    submitUser();
    expect(await screen.findByText("Kies de organisatie waar deze gebruiker werkt.")).toBeTruthy();
    expect(createUser).not.toHaveBeenCalled();
    fireEvent.change(organisation, { target: { value: careNorth.id } });
    submitUser();
    expect(await screen.findByText("Gebruiker Zoë Zorg is aangemaakt.")).toBeTruthy();
    expect(createUser).toHaveBeenCalledWith(
      { email: "zorg@zorg.example", name: "Zoë Zorg", role: "care", organisationId: careNorth.id },
      { idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    );
  });

  it("checks the form before sending: an address, a name and a role", async () => {
    const createUser = vi.fn(fakeAdminApi().createUser);
    renderApp(adminApi({ createUser }));
    await fillUser("piet@voorbeeld", "", "");
    submitUser();
    const email = screen.getByLabelText("E-mailadres");
    expect(screen.getByText("Vul een geldig e-mailadres in, zoals naam@comensha.nl.").id).toBe("user-email-error");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(email.getAttribute("aria-describedby")).toBe("user-email-error");
    expect(screen.getByText("Vul een naam in.")).toBeTruthy();
    expect(screen.getByText("Kies een rol.")).toBeTruthy();
    expect(document.activeElement).toBe(email);
    expect(createUser).not.toHaveBeenCalled();
  });

  it("shows a taken address (422 at /email) at the address field", async () => {
    const createUser = vi.fn(async (): Promise<CreatedUser> => {
      throw problem(422, "https://comensha.nl/problems/validation-failed", [
        { path: "/email", message: "is already the address of another user" },
      ]);
    });
    renderApp(adminApi({ createUser }));
    await fillUser("jan.voorbeeld@comensha.example", "Jan Voorbeeld", "coordinator");
    submitUser();
    const error = await screen.findByText("Dit e-mailadres is al van een andere gebruiker.");
    expect(error.id).toBe("user-email-error");
    const email = screen.getByLabelText("E-mailadres");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(email.getAttribute("aria-describedby")).toBe("user-email-error");
    expect(document.activeElement).toBe(email);
    expect(screen.queryByLabelText("Eenmalig wachtwoord")).toBeNull();
  });

  it("disables a user only after confirmation, and says so", async () => {
    const disableUser = vi.fn(fakeAdminApi().disableUser);
    const listUsers = vi.fn(fakeAdminApi().listUsers);
    renderApp(adminApi({ disableUser, listUsers }));
    fireEvent.click(await screen.findByRole("button", { name: "Jan Voorbeeld uitschakelen" }));
    expect(
      screen.getByText(
        "Jan Voorbeeld (jan.voorbeeld@comensha.example) uitschakelen? Deze gebruiker kan dan niet meer inloggen en alle sessies eindigen direct.",
      ),
    ).toBeTruthy();
    expect(disableUser).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Ja, uitschakelen" }));
    expect(await screen.findByText("Jan Voorbeeld is uitgeschakeld.")).toBeTruthy();
    expect(disableUser).toHaveBeenCalledWith(sampleUser.id);
    await waitFor(() => expect(listUsers).toHaveBeenCalledTimes(2));
  });

  it("resets a lost second factor only after confirmation, and only for users who have one", async () => {
    const enrolled = { ...sampleUser, secondFactorEnrolled: true };
    const resetSecondFactor = vi.fn(async () => undefined);
    renderApp(adminApi({ resetSecondFactor, listUsers: async () => ({ data: [admin, enrolled], nextCursor: null }) }));
    expect(await screen.findAllByText("Tweede factor ingesteld")).toHaveLength(2);
    fireEvent.click(await screen.findByRole("button", { name: "Tweede factor resetten: Jan Voorbeeld" }));
    expect(
      screen.getByText(/De tweede factor van Jan Voorbeeld \(jan.voorbeeld@comensha.example\) resetten\?/),
    ).toBeTruthy();
    expect(resetSecondFactor).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Ja, resetten" }));
    expect(await screen.findByText("De tweede factor van Jan Voorbeeld is gereset.")).toBeTruthy();
    expect(resetSecondFactor).toHaveBeenCalledWith(sampleUser.id);
    // No reset for oneself (the API refuses it too), and none for a user without a second factor.
    expect(screen.queryByRole("button", { name: "Tweede factor resetten: Bea Beheerder" })).toBeNull();
  });

  it("explains the API's refusal to disable one's own account", async () => {
    renderApp(
      adminApi({
        disableUser: async () => {
          throw problem(409, "https://comensha.nl/problems/invalid-state");
        },
      }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Jan Voorbeeld uitschakelen" }));
    fireEvent.click(screen.getByRole("button", { name: "Ja, uitschakelen" }));
    const error = await screen.findByText("U kunt uw eigen account niet uitschakelen. Vraag een andere beheerder.");
    expect(error.closest("[role=alert]")).not.toBeNull();
  });

  it("shows a failed list with a retry that loads it", async () => {
    let attempts = 0;
    const listUsers = vi.fn(async (params: { limit: number; cursor?: string | undefined }) => {
      attempts += 1;
      if (attempts === 1) throw new ConnectionError("offline");
      return fakeAdminApi().listUsers(params);
    });
    renderApp(adminApi({ listUsers }));
    fireEvent.click(await screen.findByRole("button", { name: "Opnieuw proberen" }));
    expect(await screen.findByRole("row", { name: /Jan Voorbeeld/ })).toBeTruthy();
  });

  it("is refused to a coordinator, without asking the API", async () => {
    const listUsers = vi.fn(fakeAdminApi().listUsers);
    renderApp(fakeApi({ session: async () => coordinator, listUsers }));
    expect(await screen.findByRole("heading", { level: 1, name: "Geen toegang" })).toBeTruthy();
    expect(listUsers).not.toHaveBeenCalled();
  });

  it("has no accessibility violations with the list, a confirmation and a one-time password shown", async () => {
    renderApp(adminApi());
    fireEvent.click(await screen.findByRole("button", { name: "Jan Voorbeeld uitschakelen" }));
    await fillUser("piet@comensha.example", "Piet Voorbeeld", "auditor");
    submitUser();
    await screen.findByDisplayValue(sampleOneTimePassword);
    const result = await axe.run(document.body, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((violation) => violation.id)).toEqual([]);
  });

  it("shows a user another administrator asked for as awaiting approval, and approves them after confirmation", async () => {
    const approveUser = vi.fn(fakeAdminApi().approveUser);
    const listUsers = vi.fn(async () => ({ data: [admin, pendingUser], nextCursor: null }));
    renderApp(adminApi({ approveUser, listUsers }));
    const row = await screen.findByRole("row", { name: /Kees Voorbeeld/ });
    expect(within(row).getByText("Wacht op goedkeuring")).toBeTruthy();
    expect(within(row).queryByText("Moet het wachtwoord nog wijzigen")).toBeNull();
    fireEvent.click(within(row).getByRole("button", { name: "Kees Voorbeeld goedkeuren" }));
    expect(
      screen.getByText(
        "Kees Voorbeeld (kees.voorbeeld@comensha.example) goedkeuren als Coördinator? Daarmee kan deze gebruiker inloggen en werken met de rechten van die rol.",
      ),
    ).toBeTruthy();
    expect(approveUser).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Ja, goedkeuren" }));
    expect(await screen.findByText("Kees Voorbeeld is goedgekeurd en kan nu inloggen.")).toBeTruthy();
    expect(approveUser).toHaveBeenCalledWith(pendingUser.id);
    await waitFor(() => expect(listUsers).toHaveBeenCalledTimes(2));
  });

  it("offers no approval of one's own request, only the note that another administrator approves", async () => {
    const own: User = {
      ...pendingUser,
      approval: { requestedBy: { kind: "user", id: admin.id }, approvedBy: null, approvedAt: null },
    };
    renderApp(adminApi({ listUsers: async () => ({ data: [admin, own], nextCursor: null }) }));
    const row = await screen.findByRole("row", { name: /Kees Voorbeeld/ });
    expect(within(row).getByText("Wacht op goedkeuring")).toBeTruthy();
    expect(within(row).getByText("Uw aanvraag: een andere beheerder keurt goed")).toBeTruthy();
    expect(within(row).queryByRole("button", { name: "Kees Voorbeeld goedkeuren" })).toBeNull();
    // The request can still be turned down (withdrawn): disabling the pending user.
    expect(within(row).getByRole("button", { name: "Kees Voorbeeld uitschakelen" })).toBeTruthy();
  });

  it("explains the API's refusal of one's own approval, and of one that is no longer pending", async () => {
    let answer = problem(403, "https://comensha.nl/problems/second-approver-required");
    renderApp(
      adminApi({
        listUsers: async () => ({ data: [admin, pendingUser], nextCursor: null }),
        approveUser: async () => {
          throw answer;
        },
      }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Kees Voorbeeld goedkeuren" }));
    fireEvent.click(screen.getByRole("button", { name: "Ja, goedkeuren" }));
    const error = await screen.findByText(
      "U kunt uw eigen aanvraag niet goedkeuren. Een andere beheerder moet dat doen.",
    );
    expect(error.closest("[role=alert]")).not.toBeNull();
    answer = problem(409, "https://comensha.nl/problems/invalid-state");
    fireEvent.click(screen.getByRole("button", { name: "Ja, goedkeuren" }));
    expect(await screen.findByText("Dit wacht niet (meer) op goedkeuring. Vernieuw de lijst.")).toBeTruthy();
  });

  it("says that a new coordinator can log in only once another administrator approves them", async () => {
    renderApp(adminApi());
    await fillUser("kees@comensha.example", "Kees Voorbeeld", "coordinator");
    submitUser();
    expect(
      await screen.findByText(
        "Gebruiker Kees Voorbeeld is aangemaakt en kan inloggen zodra een andere beheerder de gebruiker goedkeurt (vier ogen).",
      ),
    ).toBeTruthy();
    expect(await screen.findByDisplayValue(sampleOneTimePassword)).toBeTruthy();
  });

  it("has no accessibility violations with an approval being confirmed", async () => {
    renderApp(adminApi({ listUsers: async () => ({ data: [admin, pendingUser], nextCursor: null }) }));
    fireEvent.click(await screen.findByRole("button", { name: "Kees Voorbeeld goedkeuren" }));
    await screen.findByRole("button", { name: "Ja, goedkeuren" });
    const result = await axe.run(document.body, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((violation) => violation.id)).toEqual([]);
  });

  it("shows a pending user and the approval in English", async () => {
    renderApp(adminApi({ listUsers: async () => ({ data: [admin, pendingUser], nextCursor: null }) }), "en");
    const row = await screen.findByRole("row", { name: /Kees Voorbeeld/ });
    expect(within(row).getByText("Awaiting approval")).toBeTruthy();
    fireEvent.click(within(row).getByRole("button", { name: "Approve Kees Voorbeeld" }));
    fireEvent.click(screen.getByRole("button", { name: "Yes, approve" }));
    expect(await screen.findByText("Kees Voorbeeld has been approved and can log in now.")).toBeTruthy();
  });

  it("shows the page in English", async () => {
    renderApp(adminApi(), "en");
    const jan = await screen.findByRole("row", { name: /Jan Voorbeeld/ });
    expect(within(jan).getByText("Coordinator")).toBeTruthy();
    expect(within(jan).getByText("Never")).toBeTruthy();
    expect(screen.getByText("This is you")).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Email address"), { target: { value: "piet@comensha.example" } });
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Piet Voorbeeld" } });
    fireEvent.change(screen.getByLabelText("Role"), { target: { value: "auditor" } });
    fireEvent.click(screen.getByRole("button", { name: "Create user" }));
    expect(await screen.findByText("Copy this password now; it will not be shown again.")).toBeTruthy();
    expect(screen.getByText(/Piet Voorbeeld must replace it/)).toBeTruthy();
  });
});
