import { ApiError, ConflictError, ProblemTypes } from "@comensha/sdk";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { Duplicate, DuplicateDecisionInput, DuplicateListParams } from "../src/api/duplicates.js";
import type { ConsoleApi } from "../src/api.js";
import type { Lang } from "../src/i18n/translate.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import { coordinator, fakeApi } from "./support/fakeApi.js";
import { sampleDuplicate, sampleExistingPerson, sampleNewPerson } from "./support/fakeDuplicates.js";

const renderApp = (api: ConsoleApi, lang: Lang = "nl") =>
  render(() => <App api={api} queryClient={createConsoleQueryClient()} initialLang={lang} />);

const signedIn = (overrides: Partial<ConsoleApi> = {}) => fakeApi({ session: async () => coordinator, ...overrides });

const detailPath = `/duplicates/${sampleDuplicate.id}`;

const mergedDuplicate: Duplicate = {
  ...sampleDuplicate,
  status: "merged",
  decisionReason: "Zelfde naam, geboortedatum en nationaliteit.",
  decidedBy: "0193e222-0000-7000-8000-0000e2220002",
  decidedAt: "2026-11-20T08:30:00.000Z",
};

const problem = (status: number, type: string, errors?: Array<{ path: string; message: string }>) => ({
  status,
  headers: new Headers(),
  problem: { type, title: "Problem", status, requestId: `req_${status}`, ...(errors === undefined ? {} : { errors }) },
});

const typeReason = (text: string) => fireEvent.input(screen.getByLabelText("Reden"), { target: { value: text } });

beforeEach(() => {
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});
afterEach(cleanup);

describe("the list of possible duplicates", () => {
  it("lists the open ones by default, 50 a page, with labelled matches and a compare link, without names", async () => {
    window.history.replaceState(null, "", "/duplicates");
    const listDuplicates = vi.fn(fakeApi().listDuplicates);
    renderApp(signedIn({ listDuplicates }));
    expect(await screen.findByText("Achternaam en geboortedatum, Naam en geboortejaar")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1, name: "Mogelijke dubbelingen" })).toBeTruthy();
    expect(screen.getByText("Te beoordelen", { selector: "span" })).toBeTruthy();
    expect((screen.getByLabelText("Status") as HTMLSelectElement).value).toBe("open");
    const link = screen.getByRole("link", { name: "Vergelijken: mogelijke dubbeling 000d0001" });
    expect(link.textContent).toBe("Vergelijken");
    expect(link.getAttribute("href")).toBe(detailPath);
    expect(screen.queryByText(/Voorbeeld/)).toBeNull();
    expect(listDuplicates).toHaveBeenCalledWith({ status: "open", limit: 50, cursor: undefined });
  });

  it("passes the chosen status to the API and says when there are none", async () => {
    window.history.replaceState(null, "", "/duplicates");
    const listDuplicates = vi.fn(fakeApi().listDuplicates);
    renderApp(signedIn({ listDuplicates }));
    await screen.findByText("Te beoordelen", { selector: "span" });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "merged" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    expect(await screen.findByText("Er zijn geen mogelijke dubbelingen met deze status.")).toBeTruthy();
    expect(listDuplicates).toHaveBeenLastCalledWith({ status: "merged", limit: 50, cursor: undefined });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    await waitFor(() =>
      expect(listDuplicates).toHaveBeenLastCalledWith({ status: undefined, limit: 50, cursor: undefined }),
    );
  });

  it("appends the next page with its cursor", async () => {
    window.history.replaceState(null, "", "/duplicates");
    const second = { ...mergedDuplicate, id: "0193d0d0-0000-7000-8000-0000000d0002", matchedOn: ["document"] };
    const listDuplicates = vi.fn(async (params: DuplicateListParams) =>
      params.cursor === undefined
        ? { data: [sampleDuplicate], nextCursor: "d2" }
        : { data: [second], nextCursor: null },
    );
    renderApp(signedIn({ listDuplicates }));
    fireEvent.click(await screen.findByRole("button", { name: "Meer laden" }));
    expect(await screen.findByRole("link", { name: "Vergelijken: mogelijke dubbeling 000d0002" })).toBeTruthy();
    expect(screen.getByText("Documentnummer")).toBeTruthy();
    expect(listDuplicates).toHaveBeenLastCalledWith({ status: "open", limit: 50, cursor: "d2" });
  });

  it("shows an error with a retry that loads the list again", async () => {
    window.history.replaceState(null, "", "/duplicates");
    const listDuplicates = vi
      .fn(fakeApi().listDuplicates)
      .mockRejectedValueOnce(new TypeError("offline"))
      .mockImplementation(fakeApi().listDuplicates);
    renderApp(signedIn({ listDuplicates }));
    fireEvent.click(await screen.findByRole("button", { name: "Opnieuw proberen" }));
    expect(await screen.findByText("Te beoordelen", { selector: "span" })).toBeTruthy();
    expect(listDuplicates).toHaveBeenCalledTimes(2);
  });
});

describe("comparing a possible duplicate", () => {
  it("opens from the list without paging the API again, and shows the persons side by side with matches marked", async () => {
    window.history.replaceState(null, "", "/duplicates");
    const findDuplicate = vi.fn(fakeApi().findDuplicate);
    const getPerson = vi.fn(fakeApi().getPerson);
    renderApp(signedIn({ findDuplicate, getPerson }));
    fireEvent.click(await screen.findByRole("link", { name: "Vergelijken: mogelijke dubbeling 000d0001" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Mogelijke dubbeling 000d0001" })).toBeTruthy();
    await screen.findByText("Maria Voorbeeld");
    const table = screen.getByRole("heading", { name: "De twee personen naast elkaar" }).parentElement;
    const rows = [...(table?.querySelectorAll("tbody tr") ?? [])].map((row) =>
      [...row.querySelectorAll("th, td")].map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ["Naam", "Maria Voorbeeld", "María voorbeeld", "✓ Gelijk"],
      ["Ook bekend als", "Mia", "Niet bekend", "? Niet te vergelijken"],
      ["Geboortedatum of geboortejaar", "12 apr 1999", "1999 (alleen het jaar)", "≈ Deels gelijk"],
      ["Geslacht", "Vrouw", "Vrouw", "✓ Gelijk"],
      ["Nationaliteiten", "Nigeria", "Nigeria, Ghana", "≈ Deels gelijk"],
      ["Documentnummer", "Niet bekend", "X1234567", "? Niet te vergelijken"],
    ]);
    // Matching rows carry a class for the highlight and a text mark, not colour alone.
    expect(table?.querySelector("tbody tr")?.className).toBe("is-same");
    expect(findDuplicate).not.toHaveBeenCalled();
    expect(getPerson).toHaveBeenCalledWith(sampleNewPerson.id);
    expect(getPerson).toHaveBeenCalledWith(sampleExistingPerson.id);
    expect(screen.getByRole("link", { name: "Melding 00000007 openen" }).getAttribute("href")).toBe(
      "/registrations/0193b000-0000-7000-8000-000000000007",
    );
    expect(screen.getByRole("link", { name: "Melding 00000003 openen" }).getAttribute("href")).toBe(
      "/registrations/0193b000-0000-7000-8000-000000000003",
    );
    expect(screen.getByText("Achternaam en geboortedatum, Naam en geboortejaar")).toBeTruthy();
  });

  it("finds the duplicate through the API when the page is opened directly", async () => {
    window.history.replaceState(null, "", detailPath);
    const findDuplicate = vi.fn(fakeApi().findDuplicate);
    renderApp(signedIn({ findDuplicate }));
    expect(await screen.findByText("Maria Voorbeeld")).toBeTruthy();
    expect(findDuplicate).toHaveBeenCalledWith(sampleDuplicate.id);
  });

  it("says so when there is no such duplicate", async () => {
    window.history.replaceState(null, "", "/duplicates/0193d0d0-0000-7000-8000-0000000d0999");
    renderApp(signedIn());
    expect(await screen.findByText(/Deze mogelijke dubbeling is niet gevonden/)).toBeTruthy();
  });

  it("shows a person that cannot be read with a retry", async () => {
    window.history.replaceState(null, "", detailPath);
    const getPerson = vi
      .fn(fakeApi().getPerson)
      .mockRejectedValueOnce(new TypeError("offline"))
      .mockImplementation(fakeApi().getPerson);
    renderApp(signedIn({ getPerson }));
    fireEvent.click(await screen.findByRole("button", { name: "Opnieuw proberen" }));
    expect(await screen.findByText("Maria Voorbeeld")).toBeTruthy();
  });

  it("shows a decided duplicate with its decision and no form", async () => {
    window.history.replaceState(null, "", detailPath);
    renderApp(signedIn({ findDuplicate: async () => mergedDuplicate }));
    expect(await screen.findByText("Samengevoegd op 20 nov 2026, 09:30 door e2220002.")).toBeTruthy();
    expect(screen.getByText("Zelfde naam, geboortedatum en nationaliteit.")).toBeTruthy();
    expect(screen.queryByLabelText("Reden")).toBeNull();
    expect(screen.queryByRole("button", { name: "Samenvoegen" })).toBeNull();
  });

  it("says that a decision reason cannot be read instead of leaving it out", async () => {
    window.history.replaceState(null, "", detailPath);
    const unreadable: Duplicate = { ...mergedDuplicate, decisionReason: null, unreadable: ["decisionReason"] };
    renderApp(signedIn({ findDuplicate: async () => unreadable }));
    expect(await screen.findByText("Samengevoegd op 20 nov 2026, 09:30 door e2220002.")).toBeTruthy();
    const note = screen.getByText(/^Niet leesbaar: de opgeslagen reden/);
    expect(note.className).toBe("unreadable");
    expect(screen.queryByText("Zelfde naam, geboortedatum en nationaliteit.")).toBeNull();
  });
});

describe("a possible duplicate after a correction", () => {
  const staleDuplicate: Duplicate = {
    ...sampleDuplicate,
    status: "stale",
    matchedOn: [],
    decidedAt: "2026-11-21T14:05:00.000Z",
  };
  const matchedOnOf = () =>
    screen.getByText((_, element) => element?.tagName === "DT" && /^Overeenkomst/.test(element.textContent ?? ""));

  it("shows one closed as stale without a decision form: nothing matches any more, and nobody decided", async () => {
    window.history.replaceState(null, "", detailPath);
    renderApp(signedIn({ findDuplicate: async () => staleDuplicate }));
    expect(await screen.findByText(/^Vanzelf gesloten op 21 nov 2026, 15:05: na een correctie/)).toBeTruthy();
    expect(screen.getAllByText("Komt niet meer overeen", { selector: "span" }).length).toBeGreaterThan(0);
    expect(matchedOnOf().textContent).toBe("Overeenkomst op");
    expect(matchedOnOf().nextElementSibling?.textContent).toBe("Niets meer: na een correctie");
    expect(screen.queryByLabelText("Reden")).toBeNull();
    expect(screen.queryByText(/een onbekende gebruiker/)).toBeNull();
  });

  it("says that a decided one's matches are those of the decision, and an open one's those of now", async () => {
    window.history.replaceState(null, "", detailPath);
    renderApp(signedIn({ findDuplicate: async () => mergedDuplicate }));
    await screen.findByText("Samengevoegd op 20 nov 2026, 09:30 door e2220002.");
    expect(matchedOnOf().textContent).toBe("Overeenkomst bij het besluit");
    cleanup();
    window.history.replaceState(null, "", detailPath);
    renderApp(signedIn());
    await screen.findByText("Maria Voorbeeld");
    expect(matchedOnOf().textContent).toBe("Overeenkomst op");
  });

  it("can be filtered on in the list", async () => {
    window.history.replaceState(null, "", "/duplicates");
    const listDuplicates = vi.fn(async (params: DuplicateListParams) => ({
      data: params.status === "stale" ? [staleDuplicate] : [],
      nextCursor: null,
    }));
    renderApp(signedIn({ listDuplicates }));
    const status = (await screen.findByLabelText("Status")) as HTMLSelectElement;
    fireEvent.change(status, { target: { value: "stale" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter toepassen" }));
    expect(await screen.findByText("Niets meer: na een correctie")).toBeTruthy();
    expect(listDuplicates).toHaveBeenCalledWith({ status: "stale", limit: 50, cursor: undefined });
  });
});

describe("deciding on a possible duplicate", () => {
  it("merges after a confirmation, says so, shows the decision and refreshes the list", async () => {
    window.history.replaceState(null, "", "/duplicates");
    const listDuplicates = vi.fn(fakeApi().listDuplicates);
    const decideDuplicate = vi.fn(fakeApi().decideDuplicate);
    renderApp(signedIn({ listDuplicates, decideDuplicate }));
    fireEvent.click(await screen.findByRole("link", { name: "Vergelijken: mogelijke dubbeling 000d0001" }));
    await screen.findByText("Maria Voorbeeld");
    typeReason("  Zelfde persoon: naam en geboortejaar gelijk.  ");
    const merge = screen.getByRole("button", { name: "Samenvoegen" });
    fireEvent.click(merge);
    const confirm = screen.getByRole("group", { name: "Samenvoegen bevestigen" });
    expect(confirm.hidden).toBe(false);
    expect(within(confirm).getByText(/kan in de console niet ongedaan worden gemaakt/)).toBeTruthy();
    expect(document.activeElement).toBe(confirm);
    expect(decideDuplicate).not.toHaveBeenCalled();
    fireEvent.click(within(confirm).getByRole("button", { name: "Ja, samenvoegen" }));
    expect(await screen.findByText("De personen zijn samengevoegd.")).toBeTruthy();
    expect(decideDuplicate).toHaveBeenCalledWith({
      id: sampleDuplicate.id,
      decision: "merge",
      reason: "Zelfde persoon: naam en geboortejaar gelijk.",
    });
    expect(await screen.findByText("Samengevoegd op 20 nov 2026, 10:45 door u (Anna de Vries).")).toBeTruthy();
    expect(screen.getByText("Zelfde persoon: naam en geboortejaar gelijk.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Samenvoegen" })).toBeNull();
    expect(listDuplicates).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("link", { name: "Terug naar de mogelijke dubbelingen" }));
    await waitFor(() => expect(listDuplicates).toHaveBeenCalledTimes(2));
  });

  it("does not merge when the confirmation is cancelled", async () => {
    window.history.replaceState(null, "", detailPath);
    const decideDuplicate = vi.fn(fakeApi().decideDuplicate);
    renderApp(signedIn({ decideDuplicate }));
    await screen.findByText("Maria Voorbeeld");
    typeReason("Zelfde persoon");
    fireEvent.click(screen.getByRole("button", { name: "Samenvoegen" }));
    fireEvent.click(screen.getByRole("button", { name: "Annuleren" }));
    expect(screen.queryByRole("group", { name: "Samenvoegen bevestigen" })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Samenvoegen" }));
    expect(decideDuplicate).not.toHaveBeenCalled();
  });

  it("dismisses with the reason, and disables the buttons while it is saved", async () => {
    window.history.replaceState(null, "", detailPath);
    let finish: (decided: Duplicate) => void = () => undefined;
    const decideDuplicate = vi.fn(
      (_input: DuplicateDecisionInput) =>
        new Promise<Duplicate>((resolve) => {
          finish = resolve;
        }),
    );
    renderApp(signedIn({ decideDuplicate }));
    await screen.findByText("Maria Voorbeeld");
    typeReason("Andere geboortedatum en ander document.");
    fireEvent.click(screen.getByRole("button", { name: "Geen dubbele" }));
    const saving = await screen.findByRole("button", { name: "Bezig met opslaan…" });
    expect((saving as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Samenvoegen" }) as HTMLButtonElement).disabled).toBe(true);
    expect(decideDuplicate).toHaveBeenCalledWith({
      id: sampleDuplicate.id,
      decision: "dismiss",
      reason: "Andere geboortedatum en ander document.",
    });
    finish({
      ...sampleDuplicate,
      status: "dismissed",
      decisionReason: "Andere geboortedatum en ander document.",
      decidedBy: coordinator.id,
      decidedAt: "2026-11-20T09:45:00.000Z",
    });
    expect(await screen.findByText("Vastgelegd: dit is geen dubbele.")).toBeTruthy();
    expect(
      await screen.findByText("Als geen dubbele beoordeeld op 20 nov 2026, 10:45 door u (Anna de Vries)."),
    ).toBeTruthy();
  });

  it("asks for a reason before anything is sent", async () => {
    window.history.replaceState(null, "", detailPath);
    const decideDuplicate = vi.fn(fakeApi().decideDuplicate);
    renderApp(signedIn({ decideDuplicate }));
    await screen.findByText("Maria Voorbeeld");
    fireEvent.click(screen.getByRole("button", { name: "Geen dubbele" }));
    const reason = screen.getByLabelText("Reden");
    expect(screen.getByText("Geef een reden voor het besluit.").id).toBe("duplicate-reason-error");
    expect(reason.getAttribute("aria-invalid")).toBe("true");
    expect(reason.getAttribute("aria-describedby")).toBe("duplicate-reason-hint duplicate-reason-error");
    expect(document.activeElement).toBe(reason);
    typeReason("ab");
    fireEvent.click(screen.getByRole("button", { name: "Samenvoegen" }));
    expect(screen.getByText("De reden moet minstens 3 tekens lang zijn.")).toBeTruthy();
    expect(screen.queryByRole("group", { name: "Samenvoegen bevestigen" })).toBeNull();
    expect(decideDuplicate).not.toHaveBeenCalled();
  });

  it("shows a 422 on the reason at the field", async () => {
    window.history.replaceState(null, "", detailPath);
    const decideDuplicate = vi.fn(async (_input: DuplicateDecisionInput): Promise<Duplicate> => {
      throw new ApiError(
        problem(422, ProblemTypes.validationFailed, [
          { path: "/reason", message: "Expected a length between 3 and 1000" },
        ]),
      );
    });
    renderApp(signedIn({ decideDuplicate }));
    await screen.findByText("Maria Voorbeeld");
    typeReason("Nee.");
    fireEvent.click(screen.getByRole("button", { name: "Geen dubbele" }));
    const error = await screen.findByText(
      "De reden is niet geaccepteerd. Geef een reden van 3 tot en met 1000 tekens.",
    );
    expect(error.id).toBe("duplicate-reason-error");
    expect(screen.getByLabelText("Reden").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByText("Het besluit is niet opgeslagen")).toBeNull();
  });

  it("says when someone else decided already, and reloads the duplicate", async () => {
    window.history.replaceState(null, "", detailPath);
    const findDuplicate = vi
      .fn(fakeApi().findDuplicate)
      .mockResolvedValueOnce(sampleDuplicate)
      .mockResolvedValue(mergedDuplicate);
    const decideDuplicate = vi.fn(async (_input: DuplicateDecisionInput): Promise<Duplicate> => {
      throw new ConflictError(problem(409, ProblemTypes.invalidState));
    });
    renderApp(signedIn({ findDuplicate, decideDuplicate }));
    await screen.findByText("Maria Voorbeeld");
    typeReason("Andere persoon");
    fireEvent.click(screen.getByRole("button", { name: "Geen dubbele" }));
    expect(await screen.findByText(/Iemand anders heeft al over deze mogelijke dubbeling besloten/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Opnieuw laden" }));
    expect(await screen.findByText("Samengevoegd op 20 nov 2026, 09:30 door e2220002.")).toBeTruthy();
    expect(screen.queryByLabelText("Reden")).toBeNull();
    expect(findDuplicate).toHaveBeenCalledTimes(2);
  });

  it("shows another failure with a retry that sends the same decision again", async () => {
    window.history.replaceState(null, "", detailPath);
    const decideDuplicate = vi
      .fn(fakeApi().decideDuplicate)
      .mockRejectedValueOnce(new TypeError("offline"))
      .mockImplementation(fakeApi().decideDuplicate);
    renderApp(signedIn({ decideDuplicate }));
    await screen.findByText("Maria Voorbeeld");
    typeReason("Andere persoon");
    fireEvent.click(screen.getByRole("button", { name: "Geen dubbele" }));
    expect(await screen.findByText("Het besluit is niet opgeslagen")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Opnieuw proberen" }));
    expect(await screen.findByText("Vastgelegd: dit is geen dubbele.")).toBeTruthy();
    expect(decideDuplicate).toHaveBeenCalledTimes(2);
    expect(decideDuplicate.mock.calls[1]?.[0]).toEqual(decideDuplicate.mock.calls[0]?.[0]);
  });
});

describe("in English", () => {
  it("shows the list and the comparison in English", async () => {
    window.history.replaceState(null, "", "/duplicates");
    renderApp(signedIn(), "en");
    expect(await screen.findByText("Family name and date of birth, Name and year of birth")).toBeTruthy();
    expect(screen.getByText("To review", { selector: "span" })).toBeTruthy();
    fireEvent.click(screen.getByRole("link", { name: "Compare: possible duplicate 000d0001" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Possible duplicate 000d0001" })).toBeTruthy();
    expect(await screen.findByText("1999 (year only)")).toBeTruthy();
    expect(screen.getAllByText("Same").length).toBe(2);
    expect(screen.getByRole("button", { name: "Merge" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Not a duplicate" })).toBeTruthy();
    expect(screen.getByLabelText("Reason")).toBeTruthy();
  });
});

describe("accessibility", () => {
  /** axe-core's serious and critical violations (colour contrast needs a real browser: the e2e test checks it). */
  const violations = async () => {
    const result = await axe.run(document.body, { rules: { "color-contrast": { enabled: false } } });
    return result.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  };

  it("has no serious violations on the list, nor on the comparison with the confirmation and a field error", async () => {
    window.history.replaceState(null, "", "/duplicates");
    renderApp(signedIn());
    fireEvent.click(await screen.findByRole("link", { name: "Vergelijken: mogelijke dubbeling 000d0001" }));
    await screen.findByText("Maria Voorbeeld");
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Geen dubbele" }));
    await screen.findByText("Geef een reden voor het besluit.");
    typeReason("Zelfde persoon");
    fireEvent.click(screen.getByRole("button", { name: "Samenvoegen" }));
    expect(screen.getByRole("group", { name: "Samenvoegen bevestigen" })).toBeTruthy();
    expect(await violations()).toEqual([]);
  });
});
