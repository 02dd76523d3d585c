import { IsoWeek } from "@comensha/domain/labels";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { ConsoleApi } from "../src/api.js";
import { formatDate, todayInAmsterdam } from "../src/format.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import { coordinator, fakeApi } from "./support/fakeApi.js";
import { fakeFollowUpsApi } from "./support/fakeFollowUps.js";
import { cardTitled, renderRegistrationDetail, withPerson } from "./support/registrationDetail.js";

const personId = "0193c000-0000-7000-8000-0000000000dd";
const card = () => cardTitled(/Opvolgtaken|Follow-up tasks/);

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe("a person's follow-up tasks on a registration's page", () => {
  it("adds a suggested task in one click, another through the form, and marks one done", async () => {
    const followUps = fakeFollowUpsApi({ suggestions: [{ kind: "reflection_period_end", dueOn: "2027-02-19" }] });
    const addFollowUp = vi.fn(followUps.addFollowUp);
    renderRegistrationDetail(withPerson(personId, { ...followUps, addFollowUp }));
    const section = await card();
    expect(await section.findByText("Er zijn geen taken.")).toBeTruthy();

    fireEvent.click(
      await section.findByRole("button", { name: `Toevoegen: Einde bedenktijd op ${formatDate("2027-02-19", "nl")}` }),
    );
    expect(await section.findByText("De taak is toegevoegd.")).toBeTruthy();
    expect(addFollowUp).toHaveBeenCalledWith(
      personId,
      { kind: "reflection_period_end", dueOn: "2027-02-19" },
      expect.any(String),
    );
    await waitFor(() => expect(section.queryByRole("button", { name: /^Toevoegen:/ })).toBeNull());

    fireEvent.change(section.getByLabelText("Soort taak"), { target: { value: "residence_decision_b8_3" } });
    fireEvent.input(section.getByLabelText("Uiterlijk op"), { target: { value: "2027-01-31" } });
    fireEvent.input(section.getByLabelText("Titel (optioneel)"), { target: { value: "  IND bellen  " } });
    fireEvent.click(await section.findByRole("button", { name: "Taak toevoegen" }));
    await waitFor(() => expect(addFollowUp).toHaveBeenCalledTimes(2));
    expect(addFollowUp).toHaveBeenLastCalledWith(
      personId,
      { kind: "residence_decision_b8_3", dueOn: "2027-01-31", title: "IND bellen" },
      expect.any(String),
    );
    expect(await section.findByText(/IND bellen/)).toBeTruthy();
    const items = () => section.getAllByRole("listitem").filter((item) => item.classList.contains("follow-up"));
    await waitFor(() => expect(items()).toHaveLength(2));
    // By due date: the B8/3 decision (31 January) before the end of the reflection period (19 February).
    expect(items()[0]?.textContent).toContain("Besluit verblijfsvergunning B8/3");

    fireEvent.click(within(items()[0] as HTMLElement).getByRole("button", { name: "Afronden" }));
    expect(await section.findByText("De taak is afgerond.")).toBeTruthy();
    expect(await section.findByText(/^Afgerond op/)).toBeTruthy();
  });

  it("refuses a task without a date before sending it, in English when the console is", async () => {
    const followUps = fakeFollowUpsApi();
    const addFollowUp = vi.fn(followUps.addFollowUp);
    renderRegistrationDetail(withPerson(personId, { ...followUps, addFollowUp }), "en");
    const section = await card();
    fireEvent.click(await section.findByRole("button", { name: "Add task" }));
    expect(await section.findByText("Choose a date.")).toBeTruthy();
    expect(section.getByLabelText("Due on").getAttribute("aria-invalid")).toBe("true");
    expect(addFollowUp).not.toHaveBeenCalled();
  });

  it("has no accessibility violations", async () => {
    const followUps = fakeFollowUpsApi();
    await followUps.addFollowUp(personId, { kind: "custom", dueOn: "2026-01-01", title: "Te laat" }, "k");
    const { container } = renderRegistrationDetail(withPerson(personId, followUps));
    const section = await card();
    await section.findByText(/Te laat/);
    expect(section.getByText("Over tijd")).toBeTruthy();
    const results = await axe.run(container.querySelector("#follow-ups-title")?.closest("section") as Element);
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });
});

const renderAt = (path: string, api: ConsoleApi, lang: "nl" | "en" = "nl") => {
  window.history.replaceState(null, "", path);
  return render(() => <App api={api} queryClient={createConsoleQueryClient()} initialLang={lang} />);
};

describe("my tasks", () => {
  it("lists my open tasks from the menu, the overdue ones first and marked, and leaves out done ones", async () => {
    const followUps = fakeFollowUpsApi();
    const late = await followUps.addFollowUp(personId, { kind: "custom", dueOn: "2026-01-02", title: "Laat" }, "a");
    await followUps.addFollowUp(personId, { kind: "custom", dueOn: "2099-01-01", title: "Later" }, "b");
    const done = await followUps.addFollowUp(personId, { kind: "custom", dueOn: "2026-01-01", title: "Klaar" }, "c");
    await followUps.completeFollowUp(done.id);
    renderAt("/", fakeApi({ session: async () => coordinator, ...followUps }));
    fireEvent.click(await screen.findByRole("link", { name: "Mijn taken" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Mijn taken" })).toBeTruthy();
    await screen.findByText(/Later/);
    const tasks = screen.getAllByRole("listitem").filter((item) => item.classList.contains("follow-up"));
    expect(tasks.map((item) => item.querySelector("p")?.textContent)).toEqual([
      "Eigen taak – Laat",
      "Eigen taak – Later",
    ]);
    expect(tasks[0]?.classList.contains("overdue")).toBe(true);
    expect(within(tasks[0] as HTMLElement).getByText("Over tijd")).toBeTruthy();
    expect(screen.queryByText(/Klaar/)).toBeNull();
    expect(followUps.tasks.get(late.id)?.state).toBe("open");
  });

  it("is not in the menu of policy staff", async () => {
    renderAt("/", fakeApi({ session: async () => ({ ...coordinator, role: "policy" }) }), "en");
    await screen.findByRole("link", { name: "Dashboard" });
    expect(screen.queryByRole("link", { name: "My tasks" })).toBeNull();
  });
});

describe("overdue tasks among the signals on the dashboard", () => {
  const signals = async () => ({
    asOf: "2026-12-08",
    summary: [{ kind: "follow_ups_overdue" as const, targetGroup: null, count: 3 }],
    data: [{ kind: "follow_ups_overdue" as const, count: 3 }],
  });

  it("counts them for a coordinator and links to their tasks", async () => {
    renderAt("/", fakeApi({ session: async () => coordinator, signals }));
    const detail = await screen.findByText("3 open taken zijn over hun datum.");
    expect(detail.closest("li")?.querySelector("a")?.getAttribute("href")).toBe("/tasks");
    expect(screen.getAllByText("Opvolgtaken over tijd").length).toBeGreaterThan(0);
  });

  it("shows policy staff the count alone, with no target group", async () => {
    const { summary } = await signals();
    renderAt(
      "/",
      fakeApi({
        session: async () => ({ ...coordinator, role: "policy" }),
        signals: async () => ({ asOf: "2026-12-08", summary }),
      }),
      "en",
    );
    expect(await screen.findByText(/3 open tasks are past their due date\./)).toBeTruthy();
    expect(screen.queryByText(/Target group unknown/)).toBeNull();
  });
});

describe("the weekly stay list on the shelters page", () => {
  it("downloads the chosen shelter's list of this week as CSV", async () => {
    const followUps = fakeFollowUpsApi();
    const createObjectURL = vi.fn(() => "blob:stay-list");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    renderAt("/shelters", fakeApi({ session: async () => coordinator, ...followUps }));
    const section = await cardTitled(/Weeklijst van verblijven/);
    const week = IsoWeek.weekOf(todayInAmsterdam());
    expect(((await section.findByLabelText("Weeknummer")) as HTMLInputElement).value).toBe(week);
    const shelter = (await section.findByLabelText("Opvang en plaatsingen")) as HTMLSelectElement;
    fireEvent.change(shelter, { target: { value: "0193d000-0000-7000-8000-0000000000s1" } });
    fireEvent.click(section.getByRole("button", { name: "Weeklijst exporteren (CSV)" }));
    expect(await section.findByText("De weeklijst is gedownload.")).toBeTruthy();
    expect(followUps.csvAsked).toEqual([["0193d000-0000-7000-8000-0000000000s1", week]]);
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  });
});
