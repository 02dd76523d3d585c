// biome-ignore-all lint/suspicious/noDocumentCookie: the test sets and clears cookies as the API and the browser would.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSdkApi, mayHaveSession } from "../src/api.js";

const clearCookies = () => {
  for (const cookie of document.cookie.split(";")) {
    const name = cookie.split("=")[0]?.trim();
    if (name) document.cookie = `${name}=; Max-Age=0; Path=/`;
  }
};

describe("the signed-in hint", () => {
  afterEach(() => {
    clearCookies();
    vi.restoreAllMocks();
  });

  it("tells a browser without the API's hint that there is no session", () => {
    expect(mayHaveSession()).toBe(false);
    document.cookie = "comensha_signed_in=1; Path=/";
    expect(mayHaveSession()).toBe(true);
    document.cookie = "comensha_signed_in=; Path=/";
    expect(mayHaveSession()).toBe(false);
    document.cookie = "other_signed_in=1; Path=/";
    expect(mayHaveSession()).toBe(false);
  });

  it("asks for the session only with the hint, so a first visit logs no 401, and drops a hint whose session ended", async () => {
    const fetch = vi.spyOn(globalThis, "fetch").mockImplementation(
      async () =>
        new Response(JSON.stringify({ type: "https://comensha.nl/problems/unauthorized", title: "No session" }), {
          status: 401,
          headers: { "Content-Type": "application/problem+json" },
        }),
    );
    const api = createSdkApi("http://localhost");
    expect(await api.session()).toBeNull();
    expect(fetch).not.toHaveBeenCalled();

    document.cookie = "comensha_signed_in=1; Path=/";
    expect(await api.session()).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(mayHaveSession()).toBe(false);
  });
});
