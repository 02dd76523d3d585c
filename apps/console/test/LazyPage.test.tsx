import { cleanup, render, screen, waitFor } from "@solidjs/testing-library";
import type { Component } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { lazyPage, settledPageLoads } from "../src/components/LazyPage.js";
import { focusPageHeading, Page } from "../src/components/Page.js";
import { I18nProvider } from "../src/i18n/I18n.js";

const renderIn = (Content: Component) =>
  render(() => (
    <I18nProvider initialLang="nl">
      <Content />
    </I18nProvider>
  ));

/** A page's code that arrives when the test says so. */
const deferredPage = () => {
  let resolve: (page: Component) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<Component>((done, fail) => {
    resolve = done;
    reject = fail;
  });
  return { load: vi.fn(() => promise), resolve, reject };
};

const ExamplePage: Component = () => (
  <Page title="Voorbeeld">
    <p>De inhoud van de pagina</p>
  </Page>
);

afterEach(cleanup);

describe("lazyPage", () => {
  it("shows the skeleton and says it is loading until the page's code is there, then the page", async () => {
    const code = deferredPage();
    const { container } = renderIn(lazyPage(code.load));
    expect(screen.getByRole("status").textContent).toBe("Laden…");
    expect(container.querySelector(".skeleton")).not.toBeNull();
    code.resolve(ExamplePage);
    expect(await screen.findByText("De inhoud van de pagina")).toBeTruthy();
    expect(container.querySelector(".skeleton")).toBeNull();
  });

  it("loads the code once: preloaded (a hovered link), then shown at once, also a second time", async () => {
    const code = deferredPage();
    const Lazy = lazyPage(code.load);
    const preloaded = Lazy.preload();
    code.resolve(ExamplePage);
    await preloaded;
    renderIn(Lazy);
    expect(screen.getByText("De inhoud van de pagina")).toBeTruthy();
    cleanup();
    renderIn(Lazy);
    expect(screen.getByText("De inhoud van de pagina")).toBeTruthy();
    expect(code.load).toHaveBeenCalledTimes(1);
  });

  it("says so when the code fails to load, offers to retry, and loads it anew the next time", async () => {
    const failing = deferredPage();
    const load = vi.fn<() => Promise<Component>>().mockImplementationOnce(failing.load);
    load.mockImplementationOnce(async () => ExamplePage);
    const Lazy = lazyPage(load);
    renderIn(Lazy);
    failing.reject(new TypeError("Failed to fetch dynamically imported module"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Er ging iets mis. Probeer het opnieuw.");
    expect(screen.getByRole("button", { name: "Opnieuw proberen" })).toBeTruthy();
    cleanup();
    renderIn(Lazy);
    expect(await screen.findByText("De inhoud van de pagina")).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("moves the focus to the heading of a page whose code arrives after the route change", async () => {
    const code = deferredPage();
    renderIn(lazyPage(code.load));
    focusPageHeading(window.location.pathname);
    await new Promise((done) => requestAnimationFrame(done));
    code.resolve(ExamplePage);
    const heading = await screen.findByRole("heading", { level: 1, name: "Voorbeeld" });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it("leaves the focus alone when the user went elsewhere before the page arrived", async () => {
    const code = deferredPage();
    renderIn(lazyPage(code.load));
    focusPageHeading("/somewhere-else");
    code.resolve(ExamplePage);
    await screen.findByRole("heading", { level: 1, name: "Voorbeeld" });
    await new Promise((done) => requestAnimationFrame(done));
    await new Promise((done) => requestAnimationFrame(done));
    expect(document.activeElement).toBe(document.body);
  });

  it("tells when every page load started has finished, so a test ends only after its preloads", async () => {
    const first = deferredPage();
    const second = deferredPage();
    void lazyPage(first.load).preload();
    void lazyPage(second.load)
      .preload()
      .catch(() => undefined);
    let settled = false;
    const waiting = settledPageLoads().then(() => {
      settled = true;
    });
    first.resolve(ExamplePage);
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    second.reject(new Error("offline"));
    await waiting;
    expect(settled).toBe(true);
  });
});
