import { Country } from "@comensha/domain";
import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../src/App.js";
import type { ConsoleApi } from "../src/api.js";
import { FormField } from "../src/components/FormField.js";
import { type ComboboxOption, foldText, MultiCombobox, matchOptions } from "../src/components/MultiCombobox.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import { coordinator, fakeApi } from "./support/fakeApi.js";

afterEach(cleanup);

const countries = (lang: "nl" | "en"): ReadonlyArray<ComboboxOption> =>
  [...Country.codeList.codes]
    .map((code) => ({ code, label: Country.codeList.labels[code][lang] }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));

const texts = {
  chosen: "Gekozen",
  suggestions: "Voorstellen",
  remove: (label: string) => `${label} verwijderen`,
  noMatches: "Niets gevonden",
  matches: (count: number) => `${count} gevonden`,
  added: (label: string) => `${label} toegevoegd`,
  removed: (label: string) => `${label} verwijderd`,
};

/** A field with the combobox, its chosen codes in a signal the test reads. */
const renderField = (options: ReadonlyArray<ComboboxOption>, initial: ReadonlyArray<string> = [], max?: number) => {
  const [codes, setCodes] = createSignal<ReadonlyArray<string>>(initial);
  render(() => (
    <FormField id="nat" label="Nationaliteiten" hint="Typ een naam of een code" error={undefined}>
      {(aria) => (
        <MultiCombobox
          id="nat"
          options={options}
          selected={codes()}
          onChange={setCodes}
          aria={aria}
          texts={texts}
          max={max}
        />
      )}
    </FormField>
  ));
  return { codes, input: screen.getByRole("combobox", { name: "Nationaliteiten" }) as HTMLInputElement };
};

const visibleOptions = () =>
  within(screen.getByRole("listbox", { name: "Voorstellen" }))
    .getAllByRole("option")
    .map((option) => option.textContent);

describe("matchOptions", () => {
  it("finds a country by its code first, then by the start of its name, a word in it, or any part of it", () => {
    const nl = countries("nl");
    expect(matchOptions(nl, "ro")[0]?.label).toBe("Roemenië");
    expect(matchOptions(nl, "RO")[0]?.code).toBe("RO");
    expect(matchOptions(nl, "roem").map((option) => option.code)).toEqual(["RO"]);
    expect(matchOptions(nl, "nl")[0]?.label).toBe("Nederland");
    expect(matchOptions(countries("en"), "nether")[0]?.code).toBe("NL");
    // Without accents and in any case: "cote" finds Côte d'Ivoire, "ivoire" a word in its name.
    expect(matchOptions(countries("en"), "cote").map((option) => option.code)).toContain("CI");
    expect(matchOptions(countries("en"), "IVOIRE").map((option) => option.code)).toContain("CI");
    expect(matchOptions(nl, "zzz")).toEqual([]);
    expect(matchOptions(nl, "  ")).toHaveLength(nl.length);
  });

  it("folds accents and case", () => {
    expect(foldText("Roemenië")).toBe("roemenie");
    expect(foldText("CÔTE")).toBe("cote");
  });
});

describe("the combobox", () => {
  it("is an ARIA combobox that suggests as one types and chooses with the arrow keys and Enter", () => {
    const { codes, input } = renderField(countries("nl"));
    expect(input.getAttribute("aria-autocomplete")).toBe("list");
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(input.getAttribute("aria-describedby")).toBe("nat-hint");
    fireEvent.input(input, { target: { value: "ro" } });
    expect(input.getAttribute("aria-expanded")).toBe("true");
    expect(visibleOptions()[0]).toBe("Roemenië");
    expect(screen.getByRole("status").textContent).toMatch(/^\d+ gevonden$/);
    const first = screen.getByRole("option", { name: "Roemenië" });
    expect(input.getAttribute("aria-activedescendant")).toBe(first.id);
    fireEvent.keyDown(input, { key: "ArrowDown" });
    const second = screen.getAllByRole("option")[1];
    expect(input.getAttribute("aria-activedescendant")).toBe(second?.id);
    fireEvent.keyDown(input, { key: "ArrowUp" });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(codes()).toEqual(["RO"]);
    expect(input.value).toBe("");
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByRole("status").textContent).toBe("Roemenië toegevoegd");
    expect(within(screen.getByRole("list", { name: "Gekozen" })).getByText("Roemenië")).toBeTruthy();
  });

  it("keeps several values as chips, each with a remove button, and marks chosen options as selected", () => {
    const { codes, input } = renderField(countries("nl"), ["NG"]);
    fireEvent.input(input, { target: { value: "Ghana" } });
    fireEvent.click(screen.getByRole("option", { name: "Ghana" }));
    expect(codes()).toEqual(["NG", "GH"]);
    expect(document.activeElement).toBe(input);
    fireEvent.input(input, { target: { value: "nig" } });
    expect(screen.getByRole("option", { name: "Nigeria" }).getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(input, { key: "Escape" });
    expect(input.getAttribute("aria-expanded")).toBe("false");
    fireEvent.keyDown(input, { key: "Escape" });
    expect(input.value).toBe("");
    fireEvent.click(screen.getByRole("button", { name: "Nigeria verwijderen" }));
    expect(codes()).toEqual(["GH"]);
    expect(document.activeElement).toBe(input);
    expect(screen.getByRole("status").textContent).toBe("Nigeria verwijderd");
  });

  it("removes a chosen value when it is chosen again, says when nothing matches, and holds at most `max`", () => {
    const { codes, input } = renderField(countries("nl"), ["NG"], 2);
    fireEvent.input(input, { target: { value: "NG" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(codes()).toEqual([]);
    fireEvent.input(input, { target: { value: "qqq" } });
    expect(screen.getByText("Niets gevonden", { selector: ".combobox-empty" })).toBeTruthy();
    expect(screen.queryByRole("listbox")).toBeNull();
    fireEvent.keyDown(input, { key: "Enter" });
    expect(codes()).toEqual([]);
    for (const code of ["NG", "GH", "ER"]) {
      fireEvent.input(input, { target: { value: code } });
      fireEvent.keyDown(input, { key: "Enter" });
    }
    expect(codes()).toEqual(["NG", "GH"]);
    fireEvent.input(input, { target: { value: "ER" } });
    expect(screen.getByRole("option", { name: "Eritrea" }).getAttribute("aria-disabled")).toBe("true");
  });

  it("opens every option with the down arrow, and Enter without a list open submits the form", () => {
    const { input } = renderField(countries("en"));
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(visibleOptions()).toHaveLength(Country.codeList.codes.length);
    fireEvent.keyDown(input, { key: "End" });
    expect(input.getAttribute("aria-activedescendant")).toBe(screen.getAllByRole("option").at(-1)?.id);
    fireEvent.keyDown(input, { key: "Escape" });
    const enter = new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true });
    input.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(false);
  });
});

describe("the nationalities of the registration form", () => {
  const renderForm = (api: ConsoleApi, lang: "nl" | "en" = "nl") => {
    window.history.replaceState(null, "", "/registrations/new");
    return render(() => <App api={api} queryClient={createConsoleQueryClient()} initialLang={lang} />);
  };

  it("finds a nationality by its Dutch name or its code, and 'unknown' and 'stateless' too", async () => {
    renderForm(fakeApi({ session: async () => coordinator }));
    const input = await screen.findByRole("combobox", { name: "Nationaliteiten" });
    fireEvent.input(input, { target: { value: "roem" } });
    fireEvent.keyDown(input, { key: "Enter" });
    fireEvent.input(input, { target: { value: "staat" } });
    fireEvent.keyDown(input, { key: "Enter" });
    const chosen = screen.getByRole("list", { name: "Gekozen nationaliteiten" });
    expect(
      within(chosen)
        .getAllByRole("listitem")
        .map((item) => item.firstChild?.textContent),
    ).toEqual(["Roemenië", "Staatloos"]);
    expect(screen.getByRole("button", { name: "Roemenië verwijderen" })).toBeTruthy();
  });

  it("searches the English names in English", async () => {
    renderForm(fakeApi({ session: async () => coordinator }), "en");
    const input = await screen.findByRole("combobox", { name: "Nationalities" });
    fireEvent.input(input, { target: { value: "german" } });
    const suggestions = screen.getByRole("listbox", { name: "Suggested nationalities" });
    expect(within(suggestions).getAllByRole("option")[0]?.textContent).toBe("Germany");
    fireEvent.keyDown(input, { key: "Enter" });
    expect(screen.getByRole("button", { name: "Remove Germany" })).toBeTruthy();
  });

  it("has no axe violations with the list open and a value chosen", async () => {
    renderForm(fakeApi({ session: async () => coordinator }));
    const input = await screen.findByRole("combobox", { name: "Nationaliteiten" });
    fireEvent.input(input, { target: { value: "NG" } });
    fireEvent.keyDown(input, { key: "Enter" });
    fireEvent.input(input, { target: { value: "gh" } });
    const axe = (await import("axe-core")).default;
    const result = await axe.run(document.body, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((violation) => `${violation.id}: ${violation.nodes.length}`)).toEqual([]);
  });
});
