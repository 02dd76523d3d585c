import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { ConsoleApi } from "../src/api.js";
import { formatDateTime } from "../src/format.js";
import type { Lang } from "../src/i18n/translate.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import { coordinator, fakeApi, sampleRegistration } from "./support/fakeApi.js";

const renderApp = (api: ConsoleApi, lang: Lang = "nl") =>
  render(() => <App api={api} queryClient={createConsoleQueryClient()} initialLang={lang} />);

beforeEach(() => {
  window.history.replaceState(null, "", "/registrations");
  localStorage.clear();
});
afterEach(cleanup);

describe("the order of the registrations list", () => {
  it("shows when each registration came in first, newest first, and says so", async () => {
    renderApp(fakeApi({ session: async () => coordinator }));
    const table = (await screen.findByRole("link", { name: "Melding 00000001 openen" })).closest("table");
    if (table === null) throw new Error("no table");
    const headers = within(table).getAllByRole("columnheader");
    expect(headers.map((header) => header.textContent?.trim())).toEqual([
      "Binnengekomen ↓",
      "Gemeld op",
      "Uitbuitingsvormen",
      "Status",
      "Organisatie",
      "Casus",
      "Referentie",
    ]);
    expect(headers[0]?.getAttribute("aria-sort")).toBe("descending");
    // Where the person's case stands, in words.
    expect(within(table).getByRole("cell", { name: "Nazorg" })).toBeTruthy();
    expect(within(table).getByRole("rowheader").textContent).toBe(formatDateTime(sampleRegistration.createdAt, "nl"));
    expect(screen.getByText("De nieuwste meldingen staan bovenaan, op het moment dat ze binnenkwamen.")).toBeTruthy();
  });
});

describe("filtering by where the person's case stands", () => {
  it("asks the API for the registrations of cases in follow-up, and shows all again", async () => {
    const listRegistrations = vi.fn(fakeApi().listRegistrations);
    renderApp(fakeApi({ session: async () => coordinator, listRegistrations }));
    await screen.findByRole("link", { name: "Melding 00000001 openen" });
    const select = screen.getByLabelText("Casus") as HTMLSelectElement;
    expect([...select.options].map((option) => option.textContent)).toEqual([
      "Alle casussen",
      "Actief",
      "Nazorg",
      "Gesloten",
      "Gesloten, doorverwezen",
    ]);
    fireEvent.change(select, { target: { value: "follow_up" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    await waitFor(() =>
      expect(listRegistrations).toHaveBeenLastCalledWith(expect.objectContaining({ caseStatus: "follow_up" })),
    );
    // Back to all cases: the list of before, which asked the API for no case status.
    fireEvent.change(select, { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    expect(await screen.findByRole("link", { name: "Melding 00000001 openen" })).toBeTruthy();
    expect(listRegistrations.mock.calls[0]?.[0]).not.toHaveProperty("caseStatus");
  });
});

describe("finding a registration by its reference", () => {
  it("asks the API for the reference typed, as the console shows it, without blanks or capitals", async () => {
    const listRegistrations = vi.fn(fakeApi().listRegistrations);
    renderApp(fakeApi({ session: async () => coordinator, listRegistrations }));
    await screen.findByRole("link", { name: "Melding 00000001 openen" });
    fireEvent.input(screen.getByLabelText("Referentie"), { target: { value: "  #78852A06 " } });
    fireEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    await waitFor(() =>
      expect(listRegistrations).toHaveBeenLastCalledWith(
        expect.objectContaining({ reference: "78852a06", limit: 50, cursor: undefined }),
      ),
    );
    fireEvent.input(screen.getByLabelText("Referentie"), { target: { value: sampleRegistration.id } });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "registered" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    await waitFor(() =>
      expect(listRegistrations).toHaveBeenLastCalledWith(
        expect.objectContaining({ reference: sampleRegistration.id, status: "registered" }),
      ),
    );
  });

  it("says at the field when the text cannot be a reference, and asks nothing", async () => {
    const listRegistrations = vi.fn(fakeApi().listRegistrations);
    renderApp(fakeApi({ session: async () => coordinator, listRegistrations }));
    await screen.findByRole("link", { name: "Melding 00000001 openen" });
    const calls = listRegistrations.mock.calls.length;
    const reference = screen.getByLabelText("Referentie");
    fireEvent.input(reference, { target: { value: "Jansen" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    const error = await screen.findByText(
      "Vul de 8 tekens van de referentie in (cijfers en a tot en met f), of het hele id.",
    );
    expect(reference.getAttribute("aria-invalid")).toBe("true");
    expect(reference.getAttribute("aria-describedby")).toContain(error.id);
    expect(document.activeElement).toBe(reference);
    expect(listRegistrations.mock.calls.length).toBe(calls);
    // Typing again clears the message.
    fireEvent.input(reference, { target: { value: "78852a06" } });
    expect(reference.getAttribute("aria-invalid")).toBe("false");
  });

  it("says which reference found nothing", async () => {
    const listRegistrations = vi.fn(async (params: Parameters<ConsoleApi["listRegistrations"]>[0]) =>
      params.reference === undefined ? fakeApi().listRegistrations(params) : { data: [], nextCursor: null },
    );
    renderApp(fakeApi({ session: async () => coordinator, listRegistrations }));
    await screen.findByRole("link", { name: "Melding 00000001 openen" });
    fireEvent.input(screen.getByLabelText("Referentie"), { target: { value: "deadbeef" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    expect(
      await screen.findByText("Er is geen melding met referentie deadbeef gevonden (met deze filters)."),
    ).toBeTruthy();
  });

  it("is in English when chosen", async () => {
    renderApp(fakeApi({ session: async () => coordinator }), "en");
    await screen.findByRole("link", { name: "Open registration 00000001" });
    expect(screen.getByLabelText("Reference")).toBeTruthy();
    expect(screen.getByRole("columnheader", { name: /^Received/ }).getAttribute("aria-sort")).toBe("descending");
  });

  it("has no axe violations with a refused reference", async () => {
    renderApp(fakeApi({ session: async () => coordinator }));
    await screen.findByRole("link", { name: "Melding 00000001 openen" });
    await screen.findByText("Politie Voorbeeldstad");
    fireEvent.input(screen.getByLabelText("Referentie"), { target: { value: "xyz" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    await screen.findByText(/^Vul de 8 tekens/);
    const axe = (await import("axe-core")).default;
    const result = await axe.run(document.body, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((violation) => violation.id)).toEqual([]);
  });
});
