import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { ConsoleApi, RegistrationListParams } from "../src/api.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import { coordinator, fakeApi, sampleAuditEvent, sampleRegistration } from "./support/fakeApi.js";

const renderApp = (api: ConsoleApi) => {
  const queryClient = createConsoleQueryClient();
  return render(() => <App api={api} queryClient={queryClient} initialLang="nl" />);
};

const auditor = { ...coordinator, role: "auditor" as const };

beforeEach(() => {
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});
afterEach(cleanup);

describe("the registrations page", () => {
  it("lists registrations without names, 50 a page, with labelled forms, status and organisation", async () => {
    window.history.replaceState(null, "", "/registrations");
    const listRegistrations = vi.fn(fakeApi().listRegistrations);
    renderApp(fakeApi({ session: async () => coordinator, listRegistrations }));
    expect(await screen.findByText("Seksuele uitbuiting, Arbeidsuitbuiting")).toBeTruthy();
    expect(screen.getByText("Geregistreerd", { selector: "span" })).toBeTruthy();
    expect(await screen.findByText("Politie Voorbeeldstad", { selector: "td" })).toBeTruthy();
    const link = screen.getByRole("link", { name: "Melding 00000001 openen" });
    expect(link.getAttribute("href")).toBe(`/registrations/${sampleRegistration.id}`);
    expect(screen.queryByText(/\bVoorbeeld\b/)).toBeNull();
    expect(screen.queryByText(/Maria/)).toBeNull();
    expect(listRegistrations).toHaveBeenCalledWith({ limit: 50, cursor: undefined });
  });

  it("passes the status and date filter to the API", async () => {
    window.history.replaceState(null, "", "/registrations");
    const listRegistrations = vi.fn(fakeApi().listRegistrations);
    renderApp(fakeApi({ session: async () => coordinator, listRegistrations }));
    await screen.findByText("Geregistreerd", { selector: "span" });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "withdrawn" } });
    fireEvent.input(screen.getByLabelText("Gemeld vanaf"), { target: { value: "2026-01-01" } });
    fireEvent.input(screen.getByLabelText("Gemeld tot en met"), { target: { value: "2026-06-30" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    await waitFor(() =>
      expect(listRegistrations).toHaveBeenLastCalledWith({
        status: "withdrawn",
        reportedFrom: "2026-01-01",
        reportedTo: "2026-06-30",
        limit: 50,
        cursor: undefined,
      }),
    );
  });

  it("appends the next page on 'Meer laden', with the cursor", async () => {
    window.history.replaceState(null, "", "/registrations");
    const listRegistrations = vi.fn(async (params: RegistrationListParams) =>
      params.cursor === undefined
        ? { data: [sampleRegistration], nextCursor: "c2" }
        : {
            data: [{ ...sampleRegistration, id: "0193f999-0000-7000-8000-000000000003", status: "withdrawn" as const }],
            nextCursor: null,
          },
    );
    renderApp(fakeApi({ session: async () => coordinator, listRegistrations }));
    fireEvent.click(await screen.findByRole("button", { name: "Meer laden" }));
    expect(await screen.findByRole("link", { name: "Melding 00000003 openen" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Melding 00000001 openen" })).toBeTruthy();
    expect(listRegistrations).toHaveBeenLastCalledWith({ limit: 50, cursor: "c2" });
    expect(screen.queryByRole("button", { name: "Meer laden" })).toBeNull();
  });

  it("shows an error with a retry when the list fails", async () => {
    window.history.replaceState(null, "", "/registrations");
    renderApp(
      fakeApi({
        session: async () => coordinator,
        listRegistrations: async () => {
          throw new TypeError("offline");
        },
      }),
    );
    expect(await screen.findByRole("button", { name: "Opnieuw proberen" })).toBeTruthy();
  });

  it("shows the detail with the person's name and the versions", async () => {
    window.history.replaceState(null, "", `/registrations/${sampleRegistration.id}`);
    const getRegistration = vi.fn(fakeApi().getRegistration);
    const listRegistrationVersions = vi.fn(fakeApi().listRegistrationVersions);
    renderApp(fakeApi({ session: async () => coordinator, getRegistration, listRegistrationVersions }));
    expect(await screen.findByText("Maria Voorbeeld")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1, name: "Melding 00000001" })).toBeTruthy();
    expect(await screen.findByText("Ontvangen")).toBeTruthy();
    const versions = screen.getByRole("heading", { name: "Versies" }).parentElement;
    expect(versions?.querySelectorAll("tbody tr").length).toBe(2);
    expect(getRegistration).toHaveBeenCalledWith(sampleRegistration.id);
    expect(listRegistrationVersions).toHaveBeenCalledWith(sampleRegistration.id);
    // Codes in words, and the reporting organisation by its name.
    expect(await screen.findByText("Politie Voorbeeldstad", { selector: "dd" })).toBeTruthy();
    expect(screen.getByText("Vrouw", { selector: "dd" })).toBeTruthy();
    expect(screen.getByText("Nigeria", { selector: "dd" })).toBeTruthy();
    expect(screen.getByText("Nederland", { selector: "dd" })).toBeTruthy();
  });

  it("refuses the detail to an auditor", async () => {
    window.history.replaceState(null, "", `/registrations/${sampleRegistration.id}`);
    const getRegistration = vi.fn(fakeApi().getRegistration);
    renderApp(fakeApi({ session: async () => auditor, getRegistration }));
    expect(await screen.findByRole("heading", { level: 1, name: "Geen toegang" })).toBeTruthy();
    expect(getRegistration).not.toHaveBeenCalled();
  });

  it("shows the page in English", async () => {
    window.history.replaceState(null, "", "/registrations");
    render(() => (
      <App
        api={fakeApi({ session: async () => coordinator })}
        queryClient={createConsoleQueryClient()}
        initialLang="en"
      />
    ));
    expect(await screen.findByText("Sexual exploitation, Labour exploitation")).toBeTruthy();
    expect(screen.getByText("Registered", { selector: "span" })).toBeTruthy();
  });
});

describe("the audit log", () => {
  it("lists audit events for an auditor", async () => {
    window.history.replaceState(null, "", "/audit");
    const listAuditEvents = vi.fn(fakeApi().listAuditEvents);
    renderApp(fakeApi({ session: async () => auditor, listAuditEvents }));
    expect(await screen.findByText(sampleAuditEvent.action)).toBeTruthy();
    expect(screen.getByText("Gebruiker")).toBeTruthy();
    expect(screen.getByText("e2220002")).toBeTruthy();
    expect(screen.getByText("00000001")).toBeTruthy();
    expect(screen.getByText("Gelukt")).toBeTruthy();
    expect(listAuditEvents).toHaveBeenCalledWith({ cursor: undefined, limit: 50 });
  });

  it("appends the next page on 'Meer laden'", async () => {
    window.history.replaceState(null, "", "/audit");
    const listAuditEvents = vi.fn(async (params: { cursor?: string | undefined; limit: number }) =>
      params.cursor === undefined
        ? { data: [sampleAuditEvent], nextCursor: "a2" }
        : {
            data: [{ ...sampleAuditEvent, id: "x", action: "auth.login", outcome: "denied" as const }],
            nextCursor: null,
          },
    );
    renderApp(fakeApi({ session: async () => auditor, listAuditEvents }));
    fireEvent.click(await screen.findByRole("button", { name: "Meer laden" }));
    expect(await screen.findByText("auth.login")).toBeTruthy();
    expect(screen.getByText("registration.read")).toBeTruthy();
    expect(screen.getByText("Geweigerd")).toBeTruthy();
    expect(listAuditEvents).toHaveBeenLastCalledWith({ cursor: "a2", limit: 50 });
  });

  it("shows an error when the log cannot be read", async () => {
    window.history.replaceState(null, "", "/audit");
    renderApp(
      fakeApi({
        session: async () => auditor,
        listAuditEvents: async () => {
          throw new TypeError("offline");
        },
      }),
    );
    expect(await screen.findByRole("button", { name: "Opnieuw proberen" })).toBeTruthy();
  });

  it("refuses the audit log to a coordinator", async () => {
    window.history.replaceState(null, "", "/audit");
    const listAuditEvents = vi.fn(fakeApi().listAuditEvents);
    renderApp(fakeApi({ session: async () => coordinator, listAuditEvents }));
    expect(await screen.findByRole("heading", { level: 1, name: "Geen toegang" })).toBeTruthy();
    expect(listAuditEvents).not.toHaveBeenCalled();
  });
});
