import { cleanup, fireEvent } from "@solidjs/testing-library";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConsoleApi } from "../src/api.js";
import { cardTitled, renderRegistrationDetail, withPerson as withPersonOf } from "./support/registrationDetail.js";

const personId = "0193c000-0000-7000-8000-0000000000cc";

const renderDetail = renderRegistrationDetail;
const withPerson = (overrides: Partial<ConsoleApi> = {}) => withPersonOf(personId, overrides);

const card = () => cardTitled(/Dossiernotities|Case notes/);

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe("a person's case notes on a registration's page", () => {
  it("writes a note, corrects it, and shows the earlier version on request", async () => {
    const api = withPerson();
    const addCaseNote = vi.fn(api.addCaseNote);
    const correctCaseNote = vi.fn(api.correctCaseNote);
    renderDetail({ ...api, addCaseNote, correctCaseNote });
    const section = await card();
    expect(await section.findByText("Er zijn nog geen notities.")).toBeTruthy();

    fireEvent.input(section.getByLabelText("Nieuwe notitie"), { target: { value: "Intake gedaan.\nTolk geregeld." } });
    fireEvent.click(section.getByRole("button", { name: "Notitie opslaan" }));
    expect(await section.findByText("De notitie is opgeslagen.")).toBeTruthy();
    expect(addCaseNote).toHaveBeenCalledWith(personId, "Intake gedaan.\nTolk geregeld.", expect.any(String));
    expect(await section.findByText(/Intake gedaan\.\s+Tolk geregeld\./)).toBeTruthy();
    expect((section.getByLabelText("Nieuwe notitie") as HTMLTextAreaElement).value).toBe("");

    fireEvent.click(section.getByRole("button", { name: "Corrigeren" }));
    const correction = section.getByLabelText("Correctie van de notitie") as HTMLTextAreaElement;
    expect(correction.value).toBe("Intake gedaan.\nTolk geregeld.");
    fireEvent.input(correction, { target: { value: "Intake gedaan; tolk voor dinsdag." } });
    fireEvent.click(section.getByRole("button", { name: "Correctie opslaan" }));
    expect(await section.findByText("De correctie is opgeslagen als versie 2.")).toBeTruthy();
    expect(correctCaseNote).toHaveBeenCalledWith(personId, expect.any(String), "Intake gedaan; tolk voor dinsdag.", 1);
    expect(await section.findByText("Intake gedaan; tolk voor dinsdag.")).toBeTruthy();

    fireEvent.click(section.getByRole("button", { name: "Eerdere versies tonen" }));
    expect(await section.findByText(/^Versie 1,/)).toBeTruthy();
    expect(section.getByText(/Intake gedaan\.\s+Tolk geregeld\./)).toBeTruthy();
  });

  it("refuses an empty note before sending it, and says so in English when the console is", async () => {
    const api = withPerson();
    const addCaseNote = vi.fn(api.addCaseNote);
    renderDetail({ ...api, addCaseNote }, "en");
    const section = await card();
    fireEvent.input(section.getByLabelText("New note"), { target: { value: "   " } });
    fireEvent.click(section.getByRole("button", { name: "Save note" }));
    expect(await section.findByText("Write a note first.")).toBeTruthy();
    expect(section.getByLabelText("New note").getAttribute("aria-invalid")).toBe("true");
    expect(addCaseNote).not.toHaveBeenCalled();
  });

  it("tells the writer when someone else corrected the note first, and shows their version", async () => {
    const api = withPerson();
    const note = await api.addCaseNote(personId, "Eerste woorden.", "key-1");
    renderDetail(api);
    const section = await card();
    expect(await section.findByText("Eerste woorden.")).toBeTruthy();
    fireEvent.click(section.getByRole("button", { name: "Corrigeren" }));
    // Another coordinator's correction lands while this one is being written.
    await api.correctCaseNote(personId, note.id, "Andermans correctie.", 1);
    fireEvent.input(section.getByLabelText("Correctie van de notitie"), { target: { value: "Mijn correctie." } });
    fireEvent.click(section.getByRole("button", { name: "Correctie opslaan" }));
    expect(await section.findByText(/Iemand anders heeft deze notitie intussen gewijzigd/)).toBeTruthy();
    expect(await section.findByText("Andermans correctie.")).toBeTruthy();
  });

  it("has no accessibility violations", async () => {
    const api = withPerson();
    await api.addCaseNote(personId, "Een notitie.", "key-a11y");
    const { container } = renderDetail(api);
    const section = await card();
    await section.findByText("Een notitie.");
    fireEvent.click(section.getByRole("button", { name: "Corrigeren" }));
    const results = await axe.run(container.querySelector("#case-notes-title")?.closest("section") as Element);
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });
});
