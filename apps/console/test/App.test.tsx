import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { ConsoleApi } from "../src/api.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import { coordinator, fakeApi, locked, sampleReport, unauthorized } from "./support/fakeApi.js";

const renderApp = (api: ConsoleApi) => {
  const queryClient = createConsoleQueryClient();
  return render(() => <App api={api} queryClient={queryClient} initialLang="nl" />);
};

const fillLogin = (email: string, password: string) => {
  fireEvent.input(screen.getByLabelText("E-mailadres"), { target: { value: email } });
  fireEvent.input(screen.getByLabelText("Wachtwoord"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Inloggen" }));
};

beforeEach(() => {
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});
afterEach(cleanup);

describe("the login page", () => {
  it("appears when there is no session, with labelled fields and focus on the e-mail address", async () => {
    renderApp(fakeApi());
    const email = await screen.findByLabelText("E-mailadres");
    expect(email.getAttribute("autocomplete")).toBe("username");
    expect(screen.getByLabelText("Wachtwoord").getAttribute("autocomplete")).toBe("current-password");
    expect(document.activeElement).toBe(email);
    expect(screen.getByRole("heading", { level: 1, name: "Inloggen" })).toBeTruthy();
  });

  it("asks for the missing fields without calling the API", async () => {
    const login = vi.fn();
    renderApp(fakeApi({ login }));
    await screen.findByLabelText("E-mailadres");
    fireEvent.click(screen.getByRole("button", { name: "Inloggen" }));
    expect(screen.getByText("Vul uw e-mailadres in.")).toBeTruthy();
    expect(screen.getByText("Vul uw wachtwoord in.")).toBeTruthy();
    expect(screen.getByLabelText("E-mailadres").getAttribute("aria-invalid")).toBe("true");
    expect(login).not.toHaveBeenCalled();
  });

  it("says the credentials are wrong, and clears the password", async () => {
    renderApp(
      fakeApi({
        login: async () => {
          throw unauthorized();
        },
      }),
    );
    await screen.findByLabelText("E-mailadres");
    fillLogin("anna@comensha.example", "wrong");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Het e-mailadres of het wachtwoord is onjuist.");
    expect(document.activeElement).toBe(alert);
    expect((screen.getByLabelText("Wachtwoord") as HTMLInputElement).value).toBe("");
  });

  it("says how many minutes a locked account must wait", async () => {
    renderApp(
      fakeApi({
        login: async () => {
          throw locked(14 * 60 + 10);
        },
      }),
    );
    await screen.findByLabelText("E-mailadres");
    fillLogin("anna@comensha.example", "secret");
    expect((await screen.findByRole("alert")).textContent).toContain("Probeer het over 15 minuten opnieuw.");
  });

  it("opens the dashboard after logging in, with the user's name and role in the header", async () => {
    const login = vi.fn(async () => coordinator);
    renderApp(fakeApi({ login }));
    await screen.findByLabelText("E-mailadres");
    fillLogin("  anna@comensha.example ", "correct horse");
    expect(await screen.findByRole("heading", { level: 1, name: "Overzicht" })).toBeTruthy();
    expect(login).toHaveBeenCalledWith({ email: "anna@comensha.example", password: "correct horse" });
    expect(screen.getByText("Anna de Vries")).toBeTruthy();
    expect(screen.getByText("Coördinator")).toBeTruthy();
  });
});

describe("signed in", () => {
  it("asks for a new password before anything else when the account must change it", async () => {
    renderApp(fakeApi({ session: async () => ({ ...coordinator, mustChangePassword: true }) }));
    expect(await screen.findByRole("heading", { level: 1, name: "Wachtwoord wijzigen" })).toBeTruthy();
    expect(screen.queryByRole("navigation")).toBeNull();
    expect(screen.getByLabelText("Nieuw wachtwoord").getAttribute("autocomplete")).toBe("new-password");
  });

  it("shows a coordinator's dashboard cards with their data", async () => {
    renderApp(fakeApi({ session: async () => coordinator }));
    expect(await screen.findByText("1.234")).toBeTruthy();
    expect(await screen.findByText("Vrouwen")).toBeTruthy();
    expect(await screen.findByText("Aangevraagd")).toBeTruthy();
    expect(await screen.findByText("Wacht 3 dagen op een plek (norm: 1 dag).")).toBeTruthy();
  });

  it("links every signal to its request, and every open state's count to the queue of that state", async () => {
    const signals: ConsoleApi["signals"] = async () => ({
      asOf: "2026-11-20",
      summary: [{ kind: "waiting_over_norm", targetGroup: "men", count: 4 }],
      data: [
        { kind: "waiting_over_norm", requestId: "r1", daysWaiting: 1, normDays: 7 },
        { kind: "reflection_expires_while_waiting", requestId: "r2", expiresOn: "2026-11-25" },
        { kind: "cosm_stay_over_norm", placementId: "p3", requestId: "r3", startsOn: "2026-08-01" },
        { kind: "no_capacity", targetGroup: "men", waiting: 1 },
      ],
    });
    renderApp(fakeApi({ session: async () => coordinator, signals }));
    expect(await screen.findByText("Wacht 1 dag op een plek (norm: 7 dagen).")).toBeTruthy();
    expect(screen.getByText("Geen vrije plek voor Mannen vannacht; 1 aanvraag wacht.")).toBeTruthy();
    const hrefOf = (name: string) => screen.getByRole("link", { name }).getAttribute("href");
    expect(hrefOf("Wachttijd boven de norm")).toBe("/shelters/requests/r1");
    expect(hrefOf("Bedenktijd loopt af tijdens het wachten")).toBe("/shelters/requests/r2");
    expect(hrefOf("Verblijf in COSM langer dan 3 maanden")).toBe("/shelters/requests/r3");
    expect(hrefOf("Geen vrije plek voor een doelgroep")).toBe("/shelters?state=searching");
    expect(hrefOf("Aangevraagd")).toBe("/shelters?state=requested");
    expect(hrefOf("Op de wachtlijst")).toBe("/shelters?state=waitlisted");
    expect(hrefOf("Opvang en wachtrij openen")).toBe("/shelters");
    fireEvent.click(screen.getByRole("button", { name: "English" }));
    expect(await screen.findByText("Waiting 1 day for a place (norm: 7 days).")).toBeTruthy();
    expect(screen.getByText("No free place for Men tonight; 1 request is waiting.")).toBeTruthy();
  });

  it("names the target group without a free place tonight and how many requests wait, in Dutch and English", async () => {
    const signals: ConsoleApi["signals"] = async () => ({
      asOf: "2026-11-20",
      summary: [
        { kind: "no_capacity", targetGroup: "minors", count: 2 },
        { kind: "waiting_over_norm", targetGroup: "minors", count: 1 },
      ],
      data: [
        { kind: "no_capacity", targetGroup: "minors", waiting: 2 },
        { kind: "waiting_over_norm", requestId: "r1", daysWaiting: 3, normDays: 1 },
      ],
    });
    renderApp(fakeApi({ session: async () => coordinator, signals }));
    expect(await screen.findByText("Geen vrije plek voor Minderjarigen vannacht; 2 aanvragen wachten.")).toBeTruthy();
    expect(screen.getAllByText("Geen vrije plek voor een doelgroep").length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole("button", { name: "English" }));
    expect(await screen.findByText("No free place for Minors tonight; 2 requests are waiting.")).toBeTruthy();
  });

  it("shows the last complete year beside this year's figures", async () => {
    const statisticsOverview = vi.fn(async (year: number) => ({
      year,
      persons: year * 2,
      reports: year * 3,
      dataAsOf: "2026-11-20T08:00:00.000Z",
    }));
    renderApp(fakeApi({ session: async () => coordinator, statisticsOverview }));
    const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Amsterdam", year: "numeric" }).format());
    const persons = new Intl.NumberFormat("nl-NL").format((year - 1) * 2);
    const reports = new Intl.NumberFormat("nl-NL").format((year - 1) * 3);
    expect(
      await screen.findByText(`Heel ${year - 1}: ${persons} mogelijke slachtoffers, ${reports} meldingen.`),
    ).toBeTruthy();
    expect(statisticsOverview.mock.calls.map(([asked]) => asked).sort()).toEqual([year - 1, year]);
  });

  it("shows an error with a retry on a card whose call failed, and retries", async () => {
    let calls = 0;
    const signals: ConsoleApi["signals"] = async () => {
      calls += 1;
      if (calls === 1) throw new TypeError("offline");
      return { asOf: "2026-11-20", summary: [], data: [] };
    };
    renderApp(fakeApi({ session: async () => coordinator, signals }));
    const retry = await screen.findByRole("button", { name: "Opnieuw proberen" });
    fireEvent.click(retry);
    expect(await screen.findByText("Er zijn op dit moment geen knelpunten.")).toBeTruthy();
  });

  it("shows policy staff the signals as counts per target group, without any case", async () => {
    const signals: ConsoleApi["signals"] = async () => ({
      asOf: "2026-11-20",
      summary: [
        { kind: "waiting_over_norm", targetGroup: "women", count: 3 },
        { kind: "waiting_over_norm", targetGroup: "men", count: 2 },
        { kind: "cosm_stay_over_norm", targetGroup: null, count: 1 },
      ],
    });
    renderApp(fakeApi({ session: async () => ({ ...coordinator, role: "policy" }), signals }));
    expect(await screen.findByText("Doelgroep Vrouwen: 3")).toBeTruthy();
    expect(screen.getByText("Doelgroep Mannen: 2")).toBeTruthy();
    expect(screen.getByText("Doelgroep onbekend: 1")).toBeTruthy();
    expect(screen.getByText("5", { selector: ".tally-count" })).toBeTruthy();
    expect(screen.queryByText(/Wacht \d+ dagen/)).toBeNull();
  });

  it("shows policy staff only the pages they may use", async () => {
    renderApp(fakeApi({ session: async () => ({ ...coordinator, role: "policy" }) }));
    const nav = await screen.findByRole("navigation", { name: "Hoofdmenu" });
    const links = [...nav.querySelectorAll("a")].map((a) => a.textContent);
    expect(links).toEqual(["Overzicht", "Rapportages"]);
  });

  it("refuses a page the role may not open, even by its URL", async () => {
    window.history.replaceState(null, "", "/registrations");
    renderApp(fakeApi({ session: async () => ({ ...coordinator, role: "policy" }) }));
    expect(await screen.findByRole("heading", { level: 1, name: "Geen toegang" })).toBeTruthy();
  });

  it("lists reports with their download links", async () => {
    window.history.replaceState(null, "", "/reports");
    renderApp(fakeApi({ session: async () => coordinator }));
    const link = await screen.findByRole("link", { name: "annual-monitor-2025.nl.csv" });
    expect(link.getAttribute("href")).toBe("/v1/reports/r/artifacts/annual-monitor-2025.nl.csv");
    expect(screen.getByText("Klaar")).toBeTruthy();
    expect(screen.queryByRole("link", { name: /Bekijken met grafieken/ })).toBeNull();
  });

  it("offers to view an HTML report with its charts in a new tab", async () => {
    window.history.replaceState(null, "", "/reports");
    const html = {
      name: "annual-monitor-2025.nl.html",
      format: "html" as const,
      language: "nl" as const,
      mediaType: "text/html; charset=utf-8",
      size: 4096,
      sha256: "1".repeat(64),
      href: "/v1/reports/r/artifacts/annual-monitor-2025.nl.html",
    };
    renderApp(
      fakeApi({
        session: async () => coordinator,
        listReports: async () => ({ data: [{ ...sampleReport, artifacts: [html] }], nextCursor: null }),
      }),
    );
    const view = await screen.findByRole("link", {
      name: "Bekijken met grafieken: annual-monitor-2025.nl.html (opent in een nieuw tabblad)",
    });
    expect(view.getAttribute("href")).toBe("/v1/reports/r/artifacts/annual-monitor-2025.nl.html?disposition=inline");
    expect(view.getAttribute("target")).toBe("_blank");
    expect(view.getAttribute("rel")).toBe("noopener");
  });

  it("requests an annual monitor for the chosen year", async () => {
    window.history.replaceState(null, "", "/reports");
    const createReport = vi.fn(fakeApi().createReport);
    renderApp(fakeApi({ session: async () => coordinator, createReport }));
    const year = await screen.findByLabelText("Jaar");
    fireEvent.input(year, { target: { value: "2024" } });
    fireEvent.click(screen.getByRole("button", { name: "Jaarmonitor aanvragen" }));
    await waitFor(() =>
      expect(createReport).toHaveBeenCalledWith({ parameters: { kind: "annual_monitor", year: 2024 } }),
    );
    expect(await screen.findByText("De jaarmonitor 2024 is aangevraagd. U ziet de voortgang hieronder.")).toBeTruthy();
  });

  it("goes back to the login page when a call finds the session ended", async () => {
    renderApp(
      fakeApi({
        session: async () => coordinator,
        signals: async () => {
          throw unauthorized();
        },
      }),
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Inloggen" })).toBeTruthy();
  });

  it("logs out and forgets the user", async () => {
    const logout = vi.fn(async () => undefined);
    renderApp(fakeApi({ session: async () => coordinator, logout }));
    fireEvent.click(await screen.findByRole("button", { name: "Uitloggen" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Inloggen" })).toBeTruthy();
    expect(logout).toHaveBeenCalledOnce();
    expect(screen.queryByText("Anna de Vries")).toBeNull();
  });
});

describe("the language", () => {
  it("switches to English, keeps the choice and updates <html lang>", async () => {
    renderApp(fakeApi());
    await screen.findByLabelText("E-mailadres");
    fireEvent.click(screen.getByRole("button", { name: "English" }));
    expect(await screen.findByLabelText("Email address")).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
    expect(localStorage.getItem("comensha.lang")).toBe("en");
    expect(screen.getByRole("button", { name: "Nederlands" }).getAttribute("lang")).toBe("nl");
  });
});
