import { AuditEvent as DomainAuditEvent } from "@comensha/domain";
import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { AuditEvent, ConsoleApi, RegistrationListParams } from "../src/api.js";
import { actionLabel, auditFilterOf, resourceTypeLabel } from "../src/pages/AuditPage.js";
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
  const named: AuditEvent = {
    ...sampleAuditEvent,
    id: "0193d000-0000-7000-8000-000000000002",
    actor: { kind: "user", id: "0193e222-0000-7000-8000-0000e2220007" },
    actorName: "Eva Onderzoeker",
    organisationName: "CoMensha",
    action: "registration.create.replay",
    kind: "read",
  };

  it("lists audit events for an auditor, the action and record in words", async () => {
    window.history.replaceState(null, "", "/audit");
    const listAuditEvents = vi.fn(fakeApi().listAuditEvents);
    renderApp(fakeApi({ session: async () => auditor, listAuditEvents }));
    const action = await screen.findByText("Melding bekeken", { selector: "td > span" });
    expect(action.getAttribute("title")).toBe(sampleAuditEvent.action);
    expect(screen.queryByText(sampleAuditEvent.action)).toBeNull();
    expect(screen.getByText("Gebruiker e2220002")).toBeTruthy();
    expect(screen.getByText("Melding", { selector: "td" })).toBeTruthy();
    expect(screen.getByText("00000001")).toBeTruthy();
    expect(screen.getByText("Gelukt", { selector: "span.status" })).toBeTruthy();
    expect(screen.getByText("Inzage", { selector: "span" })).toBeTruthy();
    expect(listAuditEvents).toHaveBeenCalledWith({ cursor: undefined, limit: 50 });
  });

  it("appends the next page on 'Meer laden'", async () => {
    window.history.replaceState(null, "", "/audit");
    const listAuditEvents = vi.fn(async (params: { cursor?: string | undefined; limit: number }) =>
      params.cursor === undefined
        ? { data: [sampleAuditEvent], nextCursor: "a2" }
        : {
            data: [
              {
                ...sampleAuditEvent,
                id: "x",
                action: "auth.login",
                outcome: "denied" as const,
                kind: "change" as const,
              },
            ],
            nextCursor: null,
          },
    );
    renderApp(fakeApi({ session: async () => auditor, listAuditEvents }));
    fireEvent.click(await screen.findByRole("button", { name: "Meer laden" }));
    expect(await screen.findByText("Inloggen", { selector: "td > span" })).toBeTruthy();
    expect(screen.getByText("Melding bekeken", { selector: "td > span" })).toBeTruthy();
    expect(screen.getByText("Geweigerd", { selector: "span.status" })).toBeTruthy();
    expect(listAuditEvents).toHaveBeenLastCalledWith({ cursor: "a2", limit: 50 });
  });

  it("names who acted, and labels a replay and a record type in English too", async () => {
    window.history.replaceState(null, "", "/audit");
    const listAuditEvents = vi.fn(async () => ({ data: [named], nextCursor: null }));
    const { unmount } = renderApp(fakeApi({ session: async () => auditor, listAuditEvents }));
    expect(await screen.findByText("Eva Onderzoeker")).toBeTruthy();
    expect(screen.getByText("Melding geregistreerd (herhaald verzoek)")).toBeTruthy();
    unmount();
    render(() => (
      <App
        api={fakeApi({ session: async () => auditor, listAuditEvents })}
        queryClient={createConsoleQueryClient()}
        initialLang="en"
      />
    ));
    expect(await screen.findByText("Registration created (repeated request)")).toBeTruthy();
    expect(screen.getByText("Registration", { selector: "td" })).toBeTruthy();
    expect(screen.getByText("Eva Onderzoeker")).toBeTruthy();
  });

  it("sends the filter form to the API and keeps it in the page's address", async () => {
    window.history.replaceState(null, "", "/audit");
    const listAuditEvents = vi.fn(fakeApi().listAuditEvents);
    renderApp(fakeApi({ session: async () => auditor, listAuditEvents }));
    await screen.findByText("Melding bekeken");
    fireEvent.input(screen.getByLabelText("Actor (naam)"), { target: { value: " Eva " } });
    fireEvent.input(screen.getByLabelText("Object-id"), { target: { value: sampleRegistration.id } });
    fireEvent.change(screen.getByLabelText("Soort object"), { target: { value: "registration" } });
    fireEvent.change(screen.getByLabelText("Actie"), { target: { value: "registration.update" } });
    fireEvent.change(screen.getByLabelText("Soort gebeurtenis"), { target: { value: "change" } });
    fireEvent.change(screen.getByLabelText("Uitkomst"), { target: { value: "denied" } });
    fireEvent.input(screen.getByLabelText("Van"), { target: { value: "2026-01-01" } });
    fireEvent.input(screen.getByLabelText("Tot en met"), { target: { value: "2026-06-30" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    await waitFor(() =>
      expect(listAuditEvents).toHaveBeenLastCalledWith({
        actorName: "Eva",
        resourceType: "registration",
        resourceId: sampleRegistration.id,
        action: "registration.update",
        kind: "change",
        outcome: "denied",
        from: new Date("2026-01-01T00:00:00").toISOString(),
        to: new Date("2026-06-30T23:59:59.999").toISOString(),
        limit: 50,
        cursor: undefined,
      }),
    );
    const address = new URLSearchParams(window.location.search);
    expect(address.get("resourceId")).toBe(sampleRegistration.id);
    expect(address.get("from")).toBe("2026-01-01");
    fireEvent.click(screen.getByRole("button", { name: "Filters wissen" }));
    await waitFor(() => expect(window.location.search).toBe(""));
    expect((screen.getByLabelText("Actor (naam)") as HTMLInputElement).value).toBe("");
    expect((screen.getByLabelText("Actie") as HTMLSelectElement).value).toBe("");
  });

  it("opens filtered by a record from its address, the form filled in", async () => {
    window.history.replaceState(null, "", `/audit?resourceId=${sampleRegistration.id}&kind=read`);
    const listAuditEvents = vi.fn(fakeApi().listAuditEvents);
    renderApp(fakeApi({ session: async () => auditor, listAuditEvents }));
    await screen.findByText("Melding bekeken");
    expect(listAuditEvents).toHaveBeenCalledWith({
      resourceId: sampleRegistration.id,
      kind: "read",
      limit: 50,
      cursor: undefined,
    });
    expect((screen.getByLabelText("Object-id") as HTMLInputElement).value).toBe(sampleRegistration.id);
    expect((screen.getByLabelText("Soort gebeurtenis") as HTMLSelectElement).value).toBe("read");
  });

  it("filters by an actor or a record chosen in the list", async () => {
    window.history.replaceState(null, "", "/audit");
    const listAuditEvents = vi.fn(async () => ({ data: [named], nextCursor: null }));
    renderApp(fakeApi({ session: async () => auditor, listAuditEvents }));
    fireEvent.click(await screen.findByRole("button", { name: "Alleen gebeurtenissen van Eva Onderzoeker tonen" }));
    await waitFor(() =>
      expect(listAuditEvents).toHaveBeenLastCalledWith({ actorId: named.actor.id, limit: 50, cursor: undefined }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Alleen gebeurtenissen over Melding 00000001 tonen" }));
    await waitFor(() =>
      expect(listAuditEvents).toHaveBeenLastCalledWith({
        actorId: named.actor.id,
        resourceType: "registration",
        resourceId: sampleRegistration.id,
        limit: 50,
        cursor: undefined,
      }),
    );
  });

  it("exports the filtered selection as a CSV file that Excel reads as UTF-8", async () => {
    window.history.replaceState(null, "", `/audit?resourceId=${sampleRegistration.id}`);
    const blobs: Array<Blob> = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return "blob:audit";
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const names: Array<string> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const exportAuditEvents = vi.fn(async () => "occurred_at,kind\r\n");
    renderApp(fakeApi({ session: async () => auditor, exportAuditEvents }));
    fireEvent.click(await screen.findByRole("button", { name: "Selectie exporteren (CSV)" }));
    expect(await screen.findByText(/is gedownload/)).toBeTruthy();
    expect(exportAuditEvents).toHaveBeenCalledWith({ resourceId: sampleRegistration.id }, "nl");
    expect(names).toEqual([expect.stringMatching(/^auditlog-\d{4}-\d{2}-\d{2}\.csv$/)]);
    const bytes = new Uint8Array(await (blobs[0] as Blob).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    click.mockRestore();
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

describe("the labels of the audit log", () => {
  it("give every action the server writes, and every resource type, words in Dutch and in English", () => {
    for (const code of DomainAuditEvent.actionCodeList.codes) {
      for (const lang of ["nl", "en"] as const) {
        expect(actionLabel(code, lang), `${code} ${lang}`).not.toBe(code);
        expect(actionLabel(`${code}.replay`, lang)).toContain(actionLabel(code, lang));
      }
      expect(actionLabel(code, "nl")).not.toBe(actionLabel(code, "en"));
    }
    for (const code of DomainAuditEvent.resourceTypeCodeList.codes) {
      expect(resourceTypeLabel(code, "nl"), code).not.toBe(code);
      expect(resourceTypeLabel(code, "en"), code).not.toBe(code);
    }
    // A code this console does not know yet shows as itself rather than as nothing.
    expect(actionLabel("something.new", "nl")).toBe("something.new");
  });

  it("turn the form's days into the instants of the console's time zone, and leave out what is empty", () => {
    expect(auditFilterOf({})).toEqual({});
    expect(
      auditFilterOf({ actorName: "  ", kind: "both", outcome: "success", from: "2026-02-30", to: "2026-03-01" }),
    ).toEqual({ outcome: "success", to: new Date("2026-03-01T23:59:59.999").toISOString() });
  });
});
