import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createTestDatabase, type TestDatabase } from "@comensha/db/testing";
import { Secret, TOTP } from "otpauth";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumArgs } from "./chromiumArgs.mjs";

/**
 * The console in a real browser (Debian's chromium, driven by playwright-core) against the real API started as
 * `npm start` starts it, on PostgreSQL when DATABASE_URL names a server (as in .ci/run), else on the embedded
 * database. Each page is checked with axe-core (no serious or critical violations) and photographed into
 * docs/screenshots.
 */

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");
const apiDir = join(root, "apps/api");
const screenshots = join(root, "docs/screenshots");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const chromiumPath = execFileSync(process.execPath, [join(root, "tooling/ensure-chromium.mjs")], {
  encoding: "utf8",
}).trim();

const cli = [process.execPath, "--import", "tsx", join(apiDir, "src/cli.ts")] as const;

const comensha = async (env: NodeJS.ProcessEnv, ...args: ReadonlyArray<string>) =>
  (
    await promisify(execFile)(cli[0], [...cli.slice(1), ...args], {
      cwd: apiDir,
      env: { ...process.env, ...env },
      encoding: "utf8",
    })
  ).stdout;

/** Starts the whole system as `npm start` does and resolves with its URL once it listens. */
const startSystem = (env: NodeJS.ProcessEnv) =>
  new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
    const child = spawn(cli[0], [...cli.slice(1), "start"], {
      cwd: apiDir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`the API did not start:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /CoMensha API: (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with ${code}:\n${output}`));
    });
  });

interface Login {
  readonly email: string;
  readonly password: string;
  /** A one-time password that the user must change at the first login. */
  readonly oneTime: boolean;
  /** The second factor, once set up in the browser: its secret, recovery codes and the last time step used. */
  readonly factor?: { readonly secret: string; readonly recoveryCodes: Array<string>; lastStep: number };
}

/** The roles that must set up a second factor (the server's default). */
const secondFactorRoles = new Set(["admin", "coordinator", "care"]);

/** The time step of now, as authenticator apps count them (30 seconds). */
const currentStep = () => Math.floor(Date.now() / 30_000);

/**
 * What the user's authenticator app shows now, for a step not used yet: each code works once, so a second login
 * within the same 30 seconds waits for the next code, as a person would.
 */
const freshCode = async (factor: NonNullable<Login["factor"]>) => {
  while (currentStep() <= factor.lastStep) await new Promise((resolve) => setTimeout(resolve, 1000));
  factor.lastStep = currentStep();
  return TOTP.generate({ secret: Secret.fromBase32(factor.secret), timestamp: factor.lastStep * 30_000 });
};

describe("the console in a browser", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "comensha-console-e2e-"));
  let database: TestDatabase | undefined;
  let system: { child: ChildProcess; url: string };
  let context: BrowserContext;
  let page: Page;
  const logins = new Map<string, Login>();
  /** The care coordination organisation whose care user answers the referral (the embedded demo names one). */
  let careOrganisation = "";
  const pageErrors: Array<string> = [];
  /** What the browser logged as errors, e.g. a failed request ("Failed to load resource: … 401"). */
  const consoleErrors: Array<string> = [];

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = { PORT: "0", HOST: "127.0.0.1", COMENSHA_DATA_DIR: dataDir, DATABASE_URL: "" };
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase("postgres");
      env.DATABASE_URL = database.config.kind === "postgres" ? database.config.url : "";
      env.COMENSHA_DEMO_KEYS = "on";
      await comensha(env, "seed", "--years", "2", "--persons-per-year", "300");
      for (const role of ["coordinator", "policy", "admin", "auditor"]) {
        const made = JSON.parse(
          await comensha(env, "user", "create", "--email", `${role}@e2e.test`, "--role", role, "--json"),
        ) as { oneTimePassword: string };
        logins.set(role, { email: `${role}@e2e.test`, password: made.oneTimePassword, oneTime: true });
      }
      // A care coordination organisation with a care user of its own, as an administrator would make them.
      careOrganisation = "Zorgcoördinatie Mensenhandel Proefregio";
      const made = JSON.parse(
        await comensha(env, "org", "create", "--name", careOrganisation, "--kind", "care_coordination", "--json"),
      ) as { organisation: { id: string } };
      const care = JSON.parse(
        await comensha(
          env,
          "user",
          "create",
          "--email",
          "care@e2e.test",
          "--role",
          "care",
          "--organisation",
          made.organisation.id,
          "--json",
        ),
      ) as { oneTimePassword: string };
      logins.set("care", { email: "care@e2e.test", password: care.oneTimePassword, oneTime: true });
    }
    system = await startSystem(env);
    if (!process.env.DATABASE_URL) {
      const demo = JSON.parse(readFileSync(join(dataDir, "demo-users.json"), "utf8")) as ReadonlyArray<{
        role: string;
        email: string;
        password: string;
        organisation?: string;
      }>;
      for (const user of demo) logins.set(user.role, { email: user.email, password: user.password, oneTime: false });
      careOrganisation = demo.find((user) => user.role === "care")?.organisation ?? "";
    }
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "comensha-chromium-")), {
      executablePath: chromiumPath,
      args: [...chromiumArgs, "--lang=nl-NL"],
      viewport: { width: 1280, height: 900 },
      locale: "nl-NL",
      timezoneId: "Europe/Amsterdam",
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    mkdirSync(screenshots, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    system?.child.kill("SIGTERM");
    await new Promise((resolve) => system?.child.once("exit", resolve) ?? resolve(undefined));
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** axe-core's serious and critical violations on the page as it is now, by rule and element. */
  const axeViolations = async () => {
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (context: Document) => Promise<{
              violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: Array<string> }> }>;
            }>;
          };
        }
      ).axe;
      return axe.run(document);
    });
    return result.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  };

  const shoot = (name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

  const logIn = async (role: string) => {
    const login = logins.get(role);
    if (login === undefined) throw new Error(`no login for ${role}`);
    await page.getByLabel("E-mailadres").fill(login.email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(login.password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    if (login.oneTime) {
      const next = `${login.password}-e2e-new-2026`;
      await page.getByRole("heading", { name: "Wachtwoord wijzigen", level: 1 }).waitFor();
      await page.getByLabel("Huidig wachtwoord", { exact: true }).fill(login.password);
      await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(next);
      await page.getByLabel("Herhaal het nieuwe wachtwoord", { exact: true }).fill(next);
      await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
      logins.set(role, { ...login, password: next, oneTime: false });
    }
    const current = logins.get(role) as Login;
    if (current.factor !== undefined) {
      await page.getByLabel("Code uit uw authenticator-app").fill(await freshCode(current.factor));
      await page.getByRole("button", { name: "Inloggen" }).click();
    } else if (secondFactorRoles.has(role)) {
      await setUpSecondFactor(role, current);
    }
    await page.getByRole("heading", { name: "Overzicht", level: 1 }).waitFor();
  };

  /** Sets up the authenticator app as a user would: reads the secret beside the QR code, confirms a code, keeps the recovery codes. */
  const setUpSecondFactor = async (role: string, login: Login) => {
    await page.getByRole("heading", { name: "Tweede factor instellen", level: 1 }).waitFor();
    await page.getByRole("img", { name: "QR-code om de authenticator-app in te stellen" }).waitFor();
    const secret = ((await page.locator("code.secret").textContent()) ?? "").replaceAll(" ", "");
    const factor = { secret, recoveryCodes: [] as Array<string>, lastStep: 0 };
    if (role === "coordinator") {
      expect(await axeViolations()).toEqual([]);
      await shoot("02a-second-factor-setup");
    }
    await page.getByLabel("Code uit de app").fill(await freshCode(factor));
    await page.getByRole("button", { name: "Bevestigen" }).click();
    const list = page.getByRole("list", { name: "Herstelcodes" });
    await list.waitFor();
    factor.recoveryCodes.push(...(await list.locator("li").allTextContents()).map((code) => code.trim()));
    expect(factor.recoveryCodes).toHaveLength(10);
    if (role === "coordinator") {
      expect(await axeViolations()).toEqual([]);
      await shoot("02b-recovery-codes");
    }
    await page.getByRole("button", { name: "Ik heb de codes bewaard, verder" }).click();
    logins.set(role, { ...login, factor });
  };

  it("shows the login page, accessible, and refuses a wrong password with a clear message", async () => {
    consoleErrors.length = 0;
    await page.goto(system.url);
    await page.getByRole("heading", { name: "Inloggen", level: 1 }).waitFor();
    await page.waitForLoadState("networkidle");
    // Without a session the console does not even ask for one: no 401 in the browser's log.
    expect(consoleErrors).toEqual([]);
    expect(await axeViolations()).toEqual([]);
    await shoot("01-login");
    const login = logins.get("coordinator");
    await page.getByLabel("E-mailadres").fill(login?.email ?? "");
    await page.getByLabel("Wachtwoord", { exact: true }).fill("not the password at all");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/onjuist/);
    expect(await page.evaluate(() => Object.keys(window.sessionStorage))).toEqual([]);
  });

  it("logs a coordinator in to the dashboard with this year's figures, free places and signals", async () => {
    await logIn("coordinator");
    await page.waitForLoadState("networkidle");
    // The dashboard's cards load one by one; on a busy machine (CI runs the API's tests beside these) that takes
    // seconds, so wait as long as the other steps do.
    const loaded = { timeout: 30_000 };
    await expect.poll(() => page.locator("main").textContent(), loaded).toMatch(/Vrije plaatsen/);
    // Every card loaded (the open requests card counts four states), so the picture shows no skeletons.
    await expect.poll(() => page.locator("main .skeleton, main [aria-busy='true']").count(), loaded).toBe(0);
    await expect.poll(() => page.locator("main").textContent(), loaded).toMatch(/Aangevraagd/);
    expect(await axeViolations()).toEqual([]);
    await shoot("02-dashboard");
    // A coordinator acts from the dashboard: a signal opens its placement request.
    const signals = page.locator("section", { has: page.getByRole("heading", { name: "Knelpunten", level: 2 }) });
    await signals.getByRole("link").first().click();
    await page.getByRole("heading", { name: /^Plaatsingsverzoek /, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/shelters\/requests\/[0-9a-f-]{36}$/);
    await page.getByRole("link", { name: "Overzicht" }).click();
    await page.getByRole("heading", { name: "Overzicht", level: 1 }).waitFor();
    expect(
      await page.evaluate(() => Object.keys(window.localStorage).filter((key) => key !== "comensha.lang")),
    ).toEqual([]);
    const cookies = await context.cookies(system.url);
    expect(cookies.find((cookie) => cookie.name === "comensha_session")).toMatchObject({
      httpOnly: true,
      sameSite: "Strict",
    });
  });

  it("asks a coordinator for the second factor at every login, refuses a wrong code and takes a recovery code", async () => {
    const login = logins.get("coordinator") as Login;
    const factor = login.factor as NonNullable<Login["factor"]>;
    const signIn = async () => {
      await page.getByRole("heading", { name: "Inloggen", level: 1 }).waitFor();
      await page.getByLabel("E-mailadres").fill(login.email);
      await page.getByLabel("Wachtwoord", { exact: true }).fill(login.password);
      await page.getByRole("button", { name: "Inloggen" }).click();
      await page.getByLabel("Code uit uw authenticator-app").waitFor();
    };
    await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
    await signIn();
    // The right password alone opens nothing: the session is not there until the code is.
    expect((await context.cookies(system.url)).some((cookie) => cookie.name === "comensha_session")).toBe(false);
    await page.goto(`${system.url}/registrations`);
    await signIn();
    const now = TOTP.generate({ secret: Secret.fromBase32(factor.secret) });
    const wrong = String((Number(now) + 1) % 1_000_000).padStart(6, "0");
    await page.getByLabel("Code uit uw authenticator-app").fill(wrong);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/code is onjuist/);
    expect(await axeViolations()).toEqual([]);
    await shoot("02c-second-factor-login");

    await page.getByRole("button", { name: "Telefoon niet bij de hand? Gebruik een herstelcode" }).click();
    await page.getByLabel("Herstelcode").fill(factor.recoveryCodes.shift() as string);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByRole("heading", { name: "Meldingen", level: 1 }).waitFor();

    await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
    await page.getByRole("heading", { name: "Inloggen", level: 1 }).waitFor();
    await logIn("coordinator");
  });

  it("lists registrations without names, and opens one with its person and versions", async () => {
    await page.getByRole("link", { name: "Meldingen" }).click();
    await page.getByRole("heading", { name: "Meldingen", level: 1 }).waitFor();
    const open = page.getByRole("link", { name: /^Melding .* openen$/ }).first();
    await open.waitFor();
    expect(await page.getByRole("link", { name: /^Melding .* openen$/ }).count()).toBe(50);
    expect(await axeViolations()).toEqual([]);
    await shoot("06-registrations");
    await open.click();
    await page.getByRole("heading", { name: "Versies" }).waitFor();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Naam/);
    expect(await axeViolations()).toEqual([]);
    await page.getByRole("link", { name: "Overzicht" }).click();
    await page.getByRole("heading", { name: "Overzicht", level: 1 }).waitFor();
  });

  /** The id at the end of the page's path, e.g. the registration a form just saved. */
  const idInPath = () => new URL(page.url()).pathname.split("/").pop() ?? "";

  /**
   * Registers a phone report as a coordinator does, on behalf of a police unit, through the form only. Resolves with
   * the new registration's id (from the detail page the form leads to).
   */
  const registerReport = async (person: { familyName: string; givenNames: string; dateOfBirth: string }) => {
    await page.getByRole("link", { name: "Meldingen", exact: true }).click();
    await page.getByRole("link", { name: "Nieuwe melding registreren" }).click();
    await page.getByRole("heading", { name: "Nieuwe melding registreren", level: 1 }).waitFor();
    const organisation = page.getByLabel("Organisatie", { exact: true });
    await expect
      .poll(async () => (await organisation.locator("option").allTextContents()).join("|"))
      .toMatch(/Politie/);
    const police = (await organisation.locator("option").allTextContents()).find((name) => /Politie/.test(name));
    await organisation.selectOption({ label: police ?? "" });
    await page.getByLabel("Achternaam").fill(person.familyName);
    await page.getByLabel("Voornamen").fill(person.givenNames);
    await page.getByLabel("Geboortedatum", { exact: true }).fill(person.dateOfBirth);
    await page.getByLabel("Geslacht").selectOption("female");
    // The nationality combobox: type part of the name, choose the suggestion (a chip appears).
    const nationalities = page.getByRole("combobox", { name: "Nationaliteiten" });
    await nationalities.fill("Roem");
    await page
      .getByRole("listbox", { name: "Voorgestelde nationaliteiten" })
      .getByRole("option", { name: "Roemenië" })
      .click();
    await page.getByRole("button", { name: "Roemenië verwijderen" }).waitFor();
    await page.getByLabel("Seksuele uitbuiting").check();
    await page.getByLabel("Soort dossier").selectOption("registration_and_shelter");
    await page.getByLabel("Grondslag").selectOption("statutory");
    await page.getByLabel("De persoon geeft toestemming om gegevens te delen met de opvang").check();
    // The officer offered the reflection period tonight: COSM takes only people whose reflection period runs.
    const today = await page.getByLabel("Gemeld op").inputValue();
    await page.getByLabel("Er is bedenktijd aangeboden").check();
    await page.getByLabel("Aangeboden op").fill(today);
    await page.getByLabel("Aangeboden door").selectOption("police");
    await page.getByLabel("Begint op").fill(today);
  };

  const submitReport = async () => {
    await page.getByRole("button", { name: "Melding registreren" }).click();
    await expect
      .poll(() => page.locator("main").textContent(), { timeout: 30_000 })
      .toMatch(/De melding is geregistreerd/);
    return idInPath();
  };

  const night = { first: "", second: "" };

  it("registers a phone report on behalf of the police, through the form alone", async () => {
    await registerReport({ familyName: "Jansen-Proef", givenNames: "Eva", dateOfBirth: "1998-03-02" });
    expect(await axeViolations()).toEqual([]);
    await shoot("07-register-report");
    night.first = await submitReport();
    expect(night.first).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: "Audittrail" }).waitFor();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Jansen-Proef/);
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Melding geregistreerd/);
    expect(await axeViolations()).toEqual([]);
    await shoot("15-registration-detail");

    // Found again by its reference, as the page shows it ("Melding 1a2b3c4d"), typed in capitals.
    const reference = night.first.slice(-8);
    await page.getByRole("link", { name: "Meldingen", exact: true }).click();
    await page.getByRole("heading", { name: "Meldingen", level: 1 }).waitFor();
    await page.getByLabel("Referentie", { exact: true }).fill(reference.toUpperCase());
    await page.getByRole("button", { name: "Filter toepassen" }).click();
    await expect.poll(() => page.getByRole("link", { name: /^Melding .* openen$/ }).count()).toBe(1);
    await page.getByRole("link", { name: `Melding ${reference} openen` }).click();
    await page.getByRole("heading", { name: `Melding ${reference}`, level: 1 }).waitFor();
  });

  it("finds the same person reported again as a possible duplicate, compares both and merges them", async () => {
    await registerReport({ familyName: "Jansen-Proef", givenNames: "Evi", dateOfBirth: "1998-03-02" });
    night.second = await submitReport();
    // Which of the open duplicates is ours: the one the second report raised (a coordinator sees it at the top).
    const duplicateId = await page.evaluate(async (registrationId) => {
      const listed = (await (await fetch("/v1/duplicates?status=open&limit=200")).json()) as {
        data: Array<{ id: string; registrationId: string }>;
      };
      return listed.data.find((duplicate) => duplicate.registrationId === registrationId)?.id ?? "";
    }, night.second);
    expect(duplicateId).not.toBe("");
    await page.getByRole("link", { name: "Mogelijke dubbelingen" }).click();
    await page.getByRole("heading", { name: "Mogelijke dubbelingen", level: 1 }).waitFor();
    const compare = page.getByRole("link", { name: `Vergelijken: mogelijke dubbeling ${duplicateId.slice(-8)}` });
    await compare.waitFor();
    expect(await axeViolations()).toEqual([]);
    await shoot("08-duplicates");
    await compare.click();
    await page.getByRole("heading", { name: "De twee personen naast elkaar" }).waitFor();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Evi[\s\S]*Eva|Eva[\s\S]*Evi/);
    await page
      .getByLabel("Reden", { exact: true })
      .fill("Zelfde persoon: geboortedatum en achternaam, bevestigd door de politie.");
    expect(await axeViolations()).toEqual([]);
    await shoot("09-duplicate-compare");
    await page.getByRole("button", { name: "Samenvoegen", exact: true }).click();
    await page.getByRole("button", { name: "Ja, samenvoegen" }).click();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/De personen zijn samengevoegd/);
    const decided = await page.evaluate(
      async (id) =>
        (
          (await (await fetch("/v1/duplicates?status=merged&limit=200")).json()) as {
            data: Array<{ id: string; decisionReason: string }>;
          }
        ).data.find((duplicate) => duplicate.id === id),
      duplicateId,
    );
    expect(decided?.decisionReason).toMatch(/bevestigd door de politie/);
  });

  it("finds a place tonight: asks for first shelter, offers the best suggestion and confirms the placement", async () => {
    await page.goto(`${system.url}/registrations/${night.first}`);
    await page.getByRole("button", { name: "Eerste opvang aanvragen" }).click();
    await page.getByLabel("Doelgroep").selectOption("women");
    await page.getByLabel("Urgentie").selectOption("tonight");
    await page.getByRole("button", { name: "Opvang aanvragen" }).click();
    const open = page.getByRole("link", { name: /^Opvangverzoek .* openen$/ });
    await open.click();
    await page.getByRole("heading", { name: /^Plaatsingsverzoek /, level: 1 }).waitFor();
    const requestId = idInPath();
    await page.getByRole("button", { name: "Zoeken starten" }).click();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Het zoeken naar een plek is gestart/);
    const offer = page.getByRole("button", { name: /^Aanbieden: / }).first();
    await offer.waitFor();
    expect(await axeViolations()).toEqual([]);
    await shoot("10-placement-request");
    await offer.click();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/is aangeboden/);
    await page.getByRole("button", { name: "Plaatsing bevestigen" }).click();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/De plaatsing is bevestigd/);
    const state = await page.evaluate(
      async (id) => ((await (await fetch(`/v1/placement-requests/${id}`)).json()) as { state: string }).state,
      requestId,
    );
    expect(state).toBe("placed");
    // Names, not ids: the reporting organisation by its name.
    const details = page.locator("section", { has: page.getByRole("heading", { name: "Gegevens van het verzoek" }) });
    await expect.poll(() => details.textContent()).toMatch(/Politie/);

    // Placed tonight, so the end date the form proposes is the first one the API accepts: tomorrow, no refusal after
    // "yes, this cannot be undone".
    const placement = () =>
      page.locator("section", { has: page.getByRole("heading", { name: "Plaatsing", exact: true, level: 2 }) });
    const factOf = async (label: string) =>
      (
        (await placement().locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]").textContent()) ??
        ""
      ).trim();
    const shelter = await factOf("Opvanglocatie");
    const place = await factOf("Plek");
    expect(shelter).not.toBe("");
    const endsOn = page.getByLabel("Einddatum");
    expect(await endsOn.inputValue()).toBe(await endsOn.getAttribute("min"));
    await page.getByLabel("Reden", { exact: true }).selectOption("moved_on");
    await page.getByRole("button", { name: "Plaatsing beëindigen" }).click();
    await page.getByRole("button", { name: "Ja, plaatsing beëindigen" }).click();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/De plaatsing is beëindigd per/);
    // An ended placement keeps its facts: shelter, place, dates and reason stay on its page, after a reload too.
    await page.reload();
    await placement().locator("dt", { hasText: "Reden van beëindiging" }).waitFor();
    expect(await factOf("Opvanglocatie")).toBe(shelter);
    expect(await factOf("Plek")).toBe(place);
    expect(await factOf("Geplaatst vanaf")).not.toBe("");
    expect(await factOf("Beëindigd per")).not.toBe("");
    expect(await factOf("Reden van beëindiging")).toBe("Doorgestroomd");
    expect(await axeViolations()).toEqual([]);
    await shoot("10b-placement-ended");

    await page
      .getByRole("navigation", { name: "Hoofdmenu" })
      .getByRole("link", { name: "Opvang en plaatsingen" })
      .click();
    await page.getByRole("heading", { name: "Opvang en plaatsingen", level: 1 }).waitFor();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Per opvanglocatie/);
    expect(await axeViolations()).toEqual([]);
    await shoot("11-shelters");
    await page.getByRole("link", { name: "Overzicht" }).click();
    await page.getByRole("heading", { name: "Overzicht", level: 1 }).waitFor();
  });

  it("refers the placed person to a care coordinator, who accepts and reports back; the case closes as referred", async () => {
    // The coordinator refers Eva, placed tonight, to care coordination, sharing her identifiers with her consent.
    await page.goto(`${system.url}/registrations/${night.first}`);
    const referrals = page.locator("section", { has: page.getByRole("heading", { name: "Doorverwijzingen" }) });
    await referrals.getByLabel("Doorverwijzen naar").selectOption({ label: careOrganisation });
    await referrals.getByLabel("Hulp").selectOption("care_coordination");
    await referrals.getByLabel(/Identificerende gegevens/).check();
    await referrals.getByLabel("Grondslag om ze te delen").selectOption("consent");
    await referrals.getByRole("button", { name: "Doorverwijzen" }).click();
    await expect.poll(() => referrals.textContent()).toMatch(/De doorverwijzing is verstuurd/);
    await expect.poll(() => referrals.textContent()).toMatch(/Wacht op antwoord/);

    // The care coordinator signs in: the dashboard says a referral waits; the menu holds nothing else.
    await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
    await page.getByRole("heading", { name: "Inloggen", level: 1 }).waitFor();
    await logIn("care");
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Wachten op uw antwoord: 1\./);
    expect(await page.getByRole("navigation", { name: "Hoofdmenu" }).locator("a").allTextContents()).toEqual([
      "Overzicht",
      "Doorverwijzingen",
    ]);
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Doorverwijzingen" }).click();
    await page.getByRole("heading", { name: "Doorverwijzingen", level: 1 }).waitFor();
    const item = page.getByRole("list", { name: "Doorverwijzingen" }).getByRole("listitem").first();
    await item.getByRole("button", { name: "Bekijken" }).click();
    // Shared on consent: the name she was reported with.
    await expect.poll(() => item.textContent()).toMatch(/Jansen-Proef/);
    expect(await axeViolations()).toEqual([]);
    await shoot("16-care-referral");
    await item.getByRole("button", { name: "Accepteren" }).click();
    await expect.poll(() => item.textContent()).toMatch(/U heeft de doorverwijzing geaccepteerd/);
    await item.getByLabel("Hoe liep de hulp af?").selectOption("support_completed");
    await item.getByRole("button", { name: "Afloop melden" }).click();
    await expect.poll(() => item.textContent()).toMatch(/De afloop is gemeld/);
    await expect.poll(() => item.textContent()).toMatch(/Afgerond/);
    // Nothing else is open to a care user, even by typing its address or calling the API.
    const crafted = await page.evaluate(async (id) => (await fetch(`/v1/registrations/${id}`)).status, night.first);
    expect(crafted).toBe(403);

    // Back at CoMensha: the coordinator sees the answer and closes the case as referred.
    await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
    await page.getByRole("heading", { name: "Inloggen", level: 1 }).waitFor();
    await logIn("coordinator");
    await page.goto(`${system.url}/registrations/${night.first}`);
    await expect.poll(() => referrals.textContent()).toMatch(/Afgerond \(Ondersteuning afgerond\)/);
    const status = page.locator("section", { has: page.getByRole("heading", { name: "Casusstatus" }) });
    await status.getByLabel("Nieuwe status").selectOption("closed_referred");
    // Closed as referred has one coded reason, and the form takes it.
    expect(await status.getByLabel("Reden", { exact: true }).inputValue()).toBe("referred");
    await status.getByRole("button", { name: "Status wijzigen" }).click();
    await expect.poll(() => status.textContent()).toMatch(/De status is gewijzigd/);
    await expect.poll(() => status.textContent()).toMatch(/Gesloten, doorverwezen/);
    const personId = await page.evaluate(
      async (id) => ((await (await fetch(`/v1/registrations/${id}`)).json()) as { personId: string }).personId,
      night.first,
    );
    const caseStatus = await page.evaluate(
      async (id) => ((await (await fetch(`/v1/persons/${id}/case-status`)).json()) as { status: string }).status,
      personId,
    );
    expect(caseStatus).toBe("closed_referred");
    expect(pageErrors).toEqual([]);
  });

  it("requests an annual monitor, follows it to completion and downloads its CSV", async () => {
    await page.getByRole("link", { name: "Rapportages" }).click();
    await page.getByRole("heading", { name: "Rapportages", level: 1 }).waitFor();
    const year = String(new Date().getFullYear() - 1);
    await page.getByRole("spinbutton", { name: "Jaar" }).fill(year);
    await page.getByRole("button", { name: "Jaarmonitor aanvragen" }).click();
    const csvLink = page.locator(`a[href$="annual_monitor-${year}.nl.csv"]`).first();
    await csvLink.waitFor({ timeout: 120_000 });
    expect(await axeViolations()).toEqual([]);
    await shoot("03-reports");
    const href = (await csvLink.getAttribute("href")) ?? "";
    const download = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
    }, href);
    expect(download.status).toBe(200);
    expect(download.type).toContain("text/csv");
    expect(download.text).toContain("persons_by_exploitation_form");
    // The charts: the printable HTML report, shown in a new tab.
    const view = page
      .getByRole("link", {
        name: `Bekijken met grafieken: annual_monitor-${year}.nl.html (opent in een nieuw tabblad)`,
      })
      .first();
    const shown = await page.evaluate(
      async (url) => {
        const response = await fetch(url);
        return { disposition: response.headers.get("content-disposition"), text: await response.text() };
      },
      (await view.getAttribute("href")) ?? "",
    );
    expect(shown.disposition).toMatch(/^inline;/);
    expect(shown.text).toContain("<svg");
  });

  it("switches to English and keeps the choice across a reload", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.reload();
    await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();
    expect(await axeViolations()).toEqual([]);
    await shoot("04-reports-en");
    await page.getByRole("button", { name: "Nederlands" }).click();
    await page.getByRole("heading", { name: "Rapportages", level: 1 }).waitFor();
  });

  it("shows policy staff no page with personal data, even by typing its address", async () => {
    await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
    await page.getByRole("heading", { name: "Inloggen", level: 1 }).waitFor();
    await logIn("policy");
    const nav = await page.locator("nav a").allTextContents();
    expect(nav).toContain("Rapportages");
    expect(nav).not.toContain("Meldingen");
    expect(nav).not.toContain("Mogelijke dubbelingen");
    await page.goto(`${system.url}/registrations`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toMatch(/Geen toegang/);
    await shoot("05-policy-no-access");
    const crafted = await page.evaluate(async () => (await fetch("/v1/registrations")).status);
    expect(crafted).toBe(403);
    expect(pageErrors).toEqual([]);
  });

  it("lets an administrator add an organisation, showing its first API key once, and see the users", async () => {
    await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
    await page.getByRole("heading", { name: "Inloggen", level: 1 }).waitFor();
    await logIn("admin");
    await page.getByRole("link", { name: "Organisaties en sleutels" }).click();
    await page.getByRole("heading", { name: "Organisaties en sleutels", level: 1 }).waitFor();
    await page.getByLabel("Naam", { exact: true }).fill("Stichting Proefopvang");
    await page.getByLabel("Soort organisatie").selectOption("shelter");
    await page.getByRole("button", { name: "Organisatie aanmaken" }).click();
    const key = page.getByRole("textbox", { name: "API-sleutel" });
    await key.waitFor();
    expect(await key.inputValue()).toMatch(/^cmk_[0-9a-f]{8}_/);
    expect(await axeViolations()).toEqual([]);
    await shoot("12-organisations");
    const works = await page.evaluate(
      async (apiKey) => (await fetch("/v1/registrations", { headers: { Authorization: `Bearer ${apiKey}` } })).status,
      await key.inputValue(),
    );
    expect(works).toBe(200);
    await page.getByRole("link", { name: "Gebruikers" }).click();
    await page.getByRole("heading", { name: "Gebruikers", level: 1 }).waitFor();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/coordinator@/);
    expect(await axeViolations()).toEqual([]);
    await shoot("13-users");
  });

  it("shows an auditor the audit log, with the administrator's new organisation in it", async () => {
    await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
    await page.getByRole("heading", { name: "Inloggen", level: 1 }).waitFor();
    await logIn("auditor");
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Auditlog" }).click();
    await page.getByRole("heading", { name: "Auditlog", level: 1 }).waitFor();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Organisatie aangemaakt/);
    expect(await axeViolations()).toEqual([]);
    await shoot("14-audit-log");
    expect(pageErrors).toEqual([]);
  });

  it("filters the audit log by a record: the events of one registration, then only its changes", async () => {
    const table = () => page.locator("main table").textContent();
    await page.getByLabel("Object-id").fill(night.first);
    await page.getByRole("button", { name: "Filter toepassen" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("resourceId")).toBe(night.first);
    await expect.poll(table).toMatch(/Melding geregistreerd/);
    await expect.poll(async () => /Organisatie aangemaakt/.test((await table()) ?? "")).toBe(false);
    // Every row is about this registration (the record's button carries its whole id).
    const records = await page
      .locator("main table tbody tr td:nth-child(4) button")
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute("title")));
    expect(records.length).toBeGreaterThan(1);
    expect([...new Set(records)]).toEqual([night.first]);
    await page.getByLabel("Soort gebeurtenis").selectOption("change");
    await page.getByRole("button", { name: "Filter toepassen" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("kind")).toBe("change");
    await expect.poll(async () => /Melding bekeken/.test((await table()) ?? "")).toBe(false);
    await expect.poll(table).toMatch(/Melding geregistreerd/);
    expect(await axeViolations()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
