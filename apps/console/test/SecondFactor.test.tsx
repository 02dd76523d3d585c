import { UnauthorizedError, UnprocessableEntityError } from "@comensha/sdk";
import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { ConsoleApi, LoginCredentials } from "../src/api.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import { coordinator, fakeApi } from "./support/fakeApi.js";

const renderApp = (api: ConsoleApi) => {
  const queryClient = createConsoleQueryClient();
  return render(() => <App api={api} queryClient={queryClient} initialLang="nl" />);
};

const problem = (type: string) =>
  new UnauthorizedError({
    status: 401,
    headers: new Headers(),
    problem: { type: `https://comensha.nl/problems/${type}`, title: type, status: 401, requestId: "req_7" },
  });

beforeEach(() => {
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});
afterEach(cleanup);

describe("logging in with a second factor", () => {
  it("asks for the app's code after a right password, keeps the password, and sends both", async () => {
    const login = vi.fn(async (credentials: LoginCredentials) => {
      if (credentials.code === undefined && credentials.recoveryCode === undefined) {
        throw problem("second-factor-required");
      }
      if (credentials.code !== "123456") throw problem("invalid-second-factor");
      return coordinator;
    });
    renderApp(fakeApi({ login }));
    fireEvent.input(await screen.findByLabelText("E-mailadres"), { target: { value: "anna@comensha.example" } });
    fireEvent.input(screen.getByLabelText("Wachtwoord"), { target: { value: "correct horse" } });
    fireEvent.click(screen.getByRole("button", { name: "Inloggen" }));

    const code = await screen.findByLabelText("Code uit uw authenticator-app");
    expect(code.getAttribute("autocomplete")).toBe("one-time-code");
    expect(code.getAttribute("inputmode")).toBe("numeric");
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Inloggen" }));
    expect(screen.getByText("Vul de code uit uw authenticator-app in.")).toBeTruthy();
    expect(login).toHaveBeenCalledTimes(1);

    fireEvent.input(code, { target: { value: "654321" } });
    fireEvent.click(screen.getByRole("button", { name: "Inloggen" }));
    expect((await screen.findByRole("alert")).textContent).toContain("De code is onjuist, al gebruikt of verlopen.");
    expect((screen.getByLabelText("Code uit uw authenticator-app") as HTMLInputElement).value).toBe("");

    fireEvent.input(screen.getByLabelText("Code uit uw authenticator-app"), { target: { value: "123456" } });
    fireEvent.click(screen.getByRole("button", { name: "Inloggen" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Overzicht" })).toBeTruthy();
    expect(login).toHaveBeenLastCalledWith({
      email: "anna@comensha.example",
      password: "correct horse",
      code: "123456",
    });
  });

  it("takes a recovery code instead when the phone is not at hand", async () => {
    const login = vi.fn(async (credentials: LoginCredentials) => {
      if (credentials.recoveryCode === undefined) throw problem("second-factor-required");
      return coordinator;
    });
    renderApp(fakeApi({ login }));
    fireEvent.input(await screen.findByLabelText("E-mailadres"), { target: { value: "anna@comensha.example" } });
    fireEvent.input(screen.getByLabelText("Wachtwoord"), { target: { value: "correct horse" } });
    fireEvent.click(screen.getByRole("button", { name: "Inloggen" }));
    fireEvent.click(await screen.findByRole("button", { name: "Telefoon niet bij de hand? Gebruik een herstelcode" }));
    fireEvent.input(screen.getByLabelText("Herstelcode"), { target: { value: "abcd-efgh-jkmn-pqrs" } });
    fireEvent.click(screen.getByRole("button", { name: "Inloggen" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Overzicht" })).toBeTruthy();
    expect(login).toHaveBeenLastCalledWith({
      email: "anna@comensha.example",
      password: "correct horse",
      recoveryCode: "abcd-efgh-jkmn-pqrs",
    });
  });
});

describe("setting up the second factor", () => {
  it("shows the QR code and secret before anything else, confirms a code, then the recovery codes once", async () => {
    let enrolled = false;
    const confirm = vi.fn(async (code: string) => {
      if (code !== "246810") {
        throw new UnprocessableEntityError({
          status: 422,
          headers: new Headers(),
          problem: {
            type: "https://comensha.nl/problems/validation-failed",
            title: "The request breaks a rule",
            status: 422,
            requestId: "req_8",
            errors: [{ path: "/code", message: "is wrong" }],
          },
        });
      }
      enrolled = true;
      return Array.from({ length: 10 }, (_, i) => `abcd-efgh-jkmn-pq${i}${i}`);
    });
    renderApp(
      fakeApi({
        session: async () => ({ ...coordinator, secondFactorEnrolled: enrolled, secondFactorRequired: true }),
        confirmSecondFactor: confirm,
      }),
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Tweede factor instellen" })).toBeTruthy();
    expect(screen.queryByRole("navigation")).toBeNull();
    const qr = await screen.findByRole("img", { name: "QR-code om de authenticator-app in te stellen" });
    expect(qr.querySelector("svg")).not.toBeNull();
    expect(screen.getByText("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP")).toBeTruthy();

    fireEvent.input(screen.getByLabelText("Code uit de app"), { target: { value: "111111" } });
    fireEvent.click(screen.getByRole("button", { name: "Bevestigen" }));
    expect(
      await screen.findByText("De code klopt niet of is verlopen. Vul de code in die de app nu toont."),
    ).toBeTruthy();

    fireEvent.input(screen.getByLabelText("Code uit de app"), { target: { value: "246810" } });
    fireEvent.click(screen.getByRole("button", { name: "Bevestigen" }));
    const codes = await screen.findByRole("list", { name: "Herstelcodes" });
    expect(codes.querySelectorAll("li")).toHaveLength(10);
    expect(codes.textContent).toContain("abcd-efgh-jkmn-pq00");

    fireEvent.click(screen.getByRole("button", { name: "Ik heb de codes bewaard, verder" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Overzicht" })).toBeTruthy();
  });

  it("refuses an answer that is not a plain SVG instead of putting it into the page", async () => {
    renderApp(
      fakeApi({
        session: async () => ({ ...coordinator, secondFactorEnrolled: false, secondFactorRequired: true }),
        startSecondFactor: async () => ({ secret: "JBSWY3DP", qrCodeSvg: '<svg onload="alert(1)"></svg>' }),
      }),
    );
    expect(await screen.findByText("JBSW Y3DP")).toBeTruthy();
    expect(screen.queryByRole("img", { name: "QR-code om de authenticator-app in te stellen" })).toBeNull();
  });
});
