import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { ConsoleApi } from "../src/api.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import { coordinator, fakeApi } from "./support/fakeApi.js";

const renderApp = (api: ConsoleApi) =>
  render(() => <App api={api} queryClient={createConsoleQueryClient()} initialLang="nl" />);

beforeEach(() => {
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});
afterEach(cleanup);

/*
 * On a small screen (styles.css, max-width 48rem) the menu's list shows only while the menu button is expanded, and
 * "log out" shows in the user menu instead of the header. jsdom applies no style sheet: these tests check the state
 * the style sheet reads (aria-expanded, the `is-open` class, the panel's own logout button).
 */
describe("the menu on a small screen", () => {
  it("folds the pages behind a disclosure button after the skip link and the header, and opens it", async () => {
    renderApp(fakeApi({ session: async () => coordinator }));
    const nav = await screen.findByRole("navigation", { name: "Hoofdmenu" });
    const toggle = within(nav).getByRole("button", { name: "Hoofdmenu" });
    const list = nav.querySelector("ul");
    expect(toggle.getAttribute("aria-controls")).toBe(list?.id);
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(list?.classList.contains("is-open")).toBe(false);
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(list?.classList.contains("is-open")).toBe(true);
    // Focus order: skip link, header, then the menu, then the page.
    const order = [...document.querySelectorAll("a, button")];
    expect(order.indexOf(screen.getByText("Direct naar de inhoud"))).toBe(0);
    expect(order.indexOf(toggle)).toBeGreaterThan(order.indexOf(screen.getByRole("button", { name: "English" })));
  });

  it("closes again when a page is chosen, and on Escape with the focus back on the button", async () => {
    renderApp(fakeApi({ session: async () => coordinator }));
    const nav = await screen.findByRole("navigation", { name: "Hoofdmenu" });
    const toggle = within(nav).getByRole("button", { name: "Hoofdmenu" });
    fireEvent.click(toggle);
    fireEvent.click(within(nav).getByRole("link", { name: "Meldingen" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Meldingen" })).toBeTruthy();
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    within(nav).getByRole("link", { name: "Rapportages" }).focus();
    fireEvent.keyDown(document, { key: "Escape" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(toggle);
  });

  it("offers 'log out' in the user menu too, for the screen where the header has no room for it", async () => {
    const logout = vi.fn(async () => undefined);
    renderApp(fakeApi({ session: async () => coordinator, logout }));
    fireEvent.click(await screen.findByRole("button", { name: /Anna de Vries/ }));
    const panel = document.getElementById("user-menu-panel");
    if (panel === null) throw new Error("no user menu");
    fireEvent.click(within(panel).getByRole("button", { name: "Uitloggen" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Inloggen" })).toBeTruthy();
    expect(logout).toHaveBeenCalledOnce();
  });
});
