import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKey } from "@comensha/db";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@comensha/db/testing";
import {
  Comensha,
  ConflictError,
  type CoordinatorRegistration,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ProblemTypes,
  UnauthorizedError,
  UnprocessableEntityError,
} from "@comensha/sdk";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { type RunningServer, startServer } from "../src/server.js";
import { makeOrganisation, makeUser, registrationBody } from "./support.js";

/** A fetch that fails like a bad network: per attempt, with probability `rate`, one of four faults. */
const faultyFetch = (rate: number, seed: number) => {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const faults = { refused: 0, droppedAfterWork: 0, unavailable: 0, unavailableAfterWork: 0 };
  const fetchWithFaults: typeof fetch = async (input, init) => {
    if (random() >= rate) return fetch(input, init);
    switch (Math.floor(random() * 4)) {
      case 0:
        faults.refused += 1;
        throw new TypeError("fetch failed: connection refused");
      case 1: {
        faults.droppedAfterWork += 1;
        await (await fetch(input, init)).arrayBuffer();
        throw new TypeError("fetch failed: socket hang up");
      }
      case 2:
        faults.unavailable += 1;
        return new Response('{"type":"https://comensha.nl/problems/unavailable","status":503}', {
          status: 503,
          headers: { "Content-Type": "application/problem+json", "Retry-After": "0" },
        });
      default: {
        faults.unavailableAfterWork += 1;
        await (await fetch(input, init)).arrayBuffer();
        return new Response("upstream gone", { status: 503, headers: { "Retry-After": "0" } });
      }
    }
  };
  return { fetch: fetchWithFaults, faults };
};

/** A fetch with the cookie jar a browser would keep, for session mode outside a browser. */
const cookieJar = () => {
  let cookie = "";
  const sent: Array<{ method: string; csrf: string | null; authorization: string | null }> = [];
  const withCookies: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie !== "") headers.set("Cookie", cookie);
    sent.push({
      method: init?.method ?? "GET",
      csrf: headers.get("X-CSRF-Token"),
      authorization: headers.get("Authorization"),
    });
    const response = await fetch(input, { ...init, headers });
    const setCookie = response.headers.get("Set-Cookie");
    if (setCookie !== null) {
      const [pair] = setCookie.split(";");
      cookie = /Max-Age=0\b/.test(setCookie) ? "" : (pair ?? "");
    }
    return response;
  };
  return { fetch: withCookies, cookie: () => cookie, sent };
};

describe.each(testDatabaseKinds())("the SDK against the running API on %s", (kind) => {
  let server: RunningServer;
  let database: TestDatabase;
  let dataDir: string;
  let policeKey: string;
  let ngoKey: string;
  let ngoId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "comensha-sdk-"));
    database = await createTestDatabase(kind);
    const env = {
      PORT: "0",
      HOST: "127.0.0.1",
      COMENSHA_DATA_DIR: dataDir,
      COMENSHA_ENCRYPTION_KEY: generateKey(),
      COMENSHA_INDEX_KEY: generateKey(),
      ...(database.config.kind === "postgres" ? { DATABASE_URL: database.config.url } : {}),
    };
    server = await startServer({ config: loadConfig(env), logger: silentLogger });
    const api = { runtime: server.runtime } as Parameters<typeof makeOrganisation>[0];
    policeKey = (await makeOrganisation(api, { name: "Politie SDK-test", kind: "police" })).apiKey;
    const ngo = await makeOrganisation(api, { name: "Stichting SDK-test", kind: "ngo" });
    [ngoKey, ngoId] = [ngo.apiKey, ngo.organisation.id];
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("works in session mode as the console does: logs in, reads the session, creates with CSRF, logs out", async () => {
    const api = { runtime: server.runtime } as Parameters<typeof makeUser>[0];
    const password = "a long console password";
    await makeUser(api, { email: "console-sdk@comensha.test", role: "coordinator", password });
    const jar = cookieJar();
    const client = new Comensha({ baseUrl: server.url, session: true, fetch: jar.fetch });

    await expect(client.auth.session()).rejects.toBeInstanceOf(UnauthorizedError);
    const login = await client.auth.login({ email: "Console-SDK@comensha.test", password });
    expect(login.user).toMatchObject({ email: "console-sdk@comensha.test", role: "coordinator" });
    expect(jar.cookie()).toMatch(/^comensha_session=[A-Za-z0-9_-]{43}$/);
    expect(await client.auth.session()).toEqual({ ...login, user: { ...login.user } });
    expect(login.secondFactorRequired).toBe(true);
    await expect(client.statistics.overview({ year: 2026 })).rejects.toMatchObject({
      status: 403,
      type: ProblemTypes.secondFactorEnrolmentRequired,
    });
    const { secret, otpauthUri, qrCodeSvg } = await client.auth.startSecondFactor();
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrCodeSvg).toMatch(/^<svg/);
    const { recoveryCodes } = await client.auth.confirmSecondFactor({
      code: TOTP.generate({ secret: Secret.fromBase32(secret) }),
    });
    expect(recoveryCodes).toHaveLength(10);

    const created = await client.registrations.create(registrationBody({ legalBasis: "consent" }) as never);
    expect(created.status).toBe("received");
    expect(jar.sent.at(-1)).toMatchObject({ method: "POST", csrf: login.csrfToken, authorization: null });
    const overview = await client.statistics.overview({ year: 2026 });
    expect(overview.reports).toBeGreaterThanOrEqual(1);

    const forged = new Comensha({
      baseUrl: server.url,
      session: true,
      fetch: jar.fetch,
      defaultHeaders: { "X-CSRF-Token": "forged" },
      maxRetries: 0,
    });
    await expect(
      forged.registrations.create(registrationBody({ legalBasis: "consent" }) as never),
    ).rejects.toMatchObject({ status: 403, type: ProblemTypes.csrfFailed });

    await client.auth.logout();
    expect(jar.cookie()).toBe("");
    await expect(client.auth.session()).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(
      client.auth.login({ email: "console-sdk@comensha.test", password: "not the password" }),
    ).rejects.toMatchObject({ status: 401, type: ProblemTypes.invalidCredentials });
    await expect(client.auth.login({ email: "console-sdk@comensha.test", password })).rejects.toMatchObject({
      status: 401,
      type: ProblemTypes.secondFactorRequired,
    });
    const again = await client.auth.login({
      email: "console-sdk@comensha.test",
      password,
      recoveryCode: recoveryCodes[0] as string,
    });
    expect(again.user.secondFactorEnrolled).toBe(true);
  });

  it("creates, lists (all pages), gets, updates and withdraws a registration", async () => {
    const client = new Comensha({ apiKey: policeKey, baseUrl: server.url });
    const created = await client.registrations.create(registrationBody() as never);
    expect(created.status).toBe("received");
    expect(created.version).toBe(1);
    for (let i = 0; i < 4; i++) await client.registrations.create(registrationBody() as never);

    const firstPage = await client.registrations.list({ limit: 2 });
    expect(firstPage.data).toHaveLength(2);
    const all: Array<string> = [];
    for await (const registration of client.registrations.list({ limit: 2 })) all.push(registration.id);
    expect(all).toHaveLength(5);
    expect(all).toContain(created.id);

    const got = await client.registrations.get(created.id);
    expect(got).toEqual(created);
    const updated = await client.registrations.update(
      created.id,
      registrationBody({ exploitation: { forms: ["labour"], country: "NL" } }) as never,
      { version: got.version },
    );
    expect(updated.version).toBe(2);
    expect(updated.exploitation.forms).toEqual(["labour"]);
    await expect(
      client.registrations.update(created.id, registrationBody() as never, { version: 1 }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    const withdrawn = await client.registrations.withdraw(created.id, { version: 2, reason: "reported in error" });
    expect(withdrawn.status).toBe("withdrawn");
    expect(withdrawn.withdrawalReason).toBe("reported in error");
    expect((await client.registrations.get(created.id)).withdrawalReason).toBe("reported in error");
  });

  it("requests first shelter, follows and cancels it, and reads availability", async () => {
    const client = new Comensha({ apiKey: policeKey, baseUrl: server.url });
    const registration = await client.registrations.create(registrationBody() as never);
    const request = await client.placementRequests.create({
      registrationId: registration.id,
      needs: { targetGroup: "women", children: 1, urgency: "tonight", security: "high", languages: ["en", "nl"] },
    });
    expect(request.state).toBe("requested");
    expect((await client.placementRequests.get(request.id)).needs.children).toBe(1);
    const ids: Array<string> = [];
    for await (const item of client.placementRequests.list({ state: "requested" })) ids.push(item.id);
    expect(ids).toContain(request.id);
    expect((await client.placementRequests.cancel(request.id)).state).toBe("cancelled");
    await expect(client.placementRequests.cancel(request.id)).rejects.toMatchObject({ status: 409 });
    const availability = await client.shelters.availability({ from: "2026-12-01", to: "2026-12-02" });
    expect(availability.totals.map((t) => t.targetGroup).sort()).toEqual(["families", "men", "minors", "women"]);
  });

  it("runs a night call: report, request shelter, suggest, offer, accept, and end", async () => {
    const api = { runtime: server.runtime } as Parameters<typeof makeOrganisation>[0];
    const partner = new Comensha({ apiKey: policeKey, baseUrl: server.url });
    const coordinator = new Comensha({
      apiKey: (await makeOrganisation(api, { name: "CoMensha SDK", kind: "other", role: "coordinator" })).apiKey,
      baseUrl: server.url,
    });
    const admin = (await makeOrganisation(api, { name: "Beheer SDK", kind: "other", role: "admin" })).apiKey;
    await new Comensha({ apiKey: admin, baseUrl: server.url }).request({
      method: "POST",
      path: "/v1/shelters",
      body: {
        name: "COSM SDK",
        kind: "cosm",
        region: "amsterdam",
        places: [
          { label: "V1", targetGroup: "women", securityLevel: "high", accessible: false, roomForChildren: false },
        ],
      },
    });

    const registration = await partner.registrations.create(registrationBody({ reportedOn: "2026-11-20" }) as never);
    const request = await partner.placementRequests.create({
      registrationId: registration.id,
      needs: { targetGroup: "women", children: 0, urgency: "tonight", security: "high", languages: ["en"] },
      preferredRegion: "amsterdam",
    });
    await coordinator.placementRequests.startSearch(request.id);
    const [best] = await coordinator.placementRequests.suggestions(request.id, { from: "2026-11-21" });
    expect(best?.isInPreferredRegion).toBe(true);
    await coordinator.placementRequests.offer(request.id, {
      placeId: best?.placeId as string,
      startsOn: "2026-11-21",
      expiresAt: "2099-01-01T00:00:00Z",
    });
    const placement = await partner.placementRequests.accept(request.id);
    expect(placement.placeId).toBe(best?.placeId);
    expect((await partner.placementRequests.get(request.id)).state).toBe("placed");
    const ended = await coordinator.placementRequests.end(request.id, { endsOn: "2027-01-15", reason: "moved_on" });
    expect(ended.endsOn).toBe("2027-01-15");
    expect((await partner.placementRequests.get(request.id)).state).toBe("ended");
  });

  it("follows a case after the report: coordinators write and correct notes and change its status", async () => {
    const api = { runtime: server.runtime } as Parameters<typeof makeOrganisation>[0];
    const partner = new Comensha({ apiKey: policeKey, baseUrl: server.url });
    const coordinator = new Comensha({
      apiKey: (await makeOrganisation(api, { name: "CoMensha SDK notities", kind: "other", role: "coordinator" }))
        .apiKey,
      baseUrl: server.url,
    });
    const registration = await partner.registrations.create(registrationBody({ reportedOn: "2026-11-22" }) as never);
    // A coordinator reads the registration in its coordinator shape, with the (deduplicated) person.
    const { personId } = (await coordinator.registrations.get(registration.id)) as unknown as CoordinatorRegistration;

    const note = await coordinator.persons.addNote(personId, { text: "First contact through the shelter." });
    expect(note.content).toEqual({ state: "readable", text: "First contact through the shelter." });
    const corrected = await coordinator.persons.correctNote(
      personId,
      note.id,
      { text: "First contact through the COSM shelter." },
      { version: note.version },
    );
    expect(corrected.version).toBe(2);
    await expect(
      coordinator.persons.correctNote(personId, note.id, { text: "Stale." }, { version: 1 }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(
      coordinator.persons.correctNote(personId, note.id, { text: "No version." }, {} as never),
    ).rejects.toThrow("pass { version }");
    const withVersions = await coordinator.persons.note(personId, note.id);
    expect(withVersions.versions.map((version) => version.version)).toEqual([1, 2]);
    expect((await coordinator.persons.notes(personId)).items.map((item) => item.id)).toEqual([note.id]);
    await expect(partner.persons.notes(personId)).rejects.toBeInstanceOf(ForbiddenError);

    const status = await coordinator.persons.changeCaseStatus(personId, {
      status: "follow_up",
      reason: "follow_up_planned",
    });
    expect(status.status).toBe("follow_up");
  });

  it("uploads files to a case as bytes or a Blob, lists them and downloads the same bytes; partners may not", async () => {
    const api = { runtime: server.runtime } as Parameters<typeof makeOrganisation>[0];
    const partner = new Comensha({ apiKey: policeKey, baseUrl: server.url });
    const coordinator = new Comensha({
      apiKey: (await makeOrganisation(api, { name: "CoMensha SDK bijlagen", kind: "other", role: "coordinator" }))
        .apiKey,
      baseUrl: server.url,
    });
    const registration = await partner.registrations.create(registrationBody({ reportedOn: "2026-11-23" }) as never);
    const { personId } = (await coordinator.registrations.get(registration.id)) as unknown as CoordinatorRegistration;

    const pdf = new TextEncoder().encode("%PDF-1.7\n% verklaring\n%%EOF\n");
    const first = await coordinator.persons.addAttachment(personId, {
      fileName: "Verklaring – Kovač.pdf",
      mediaType: "application/pdf",
      data: pdf,
    });
    expect(first).toMatchObject({
      personId,
      name: { state: "readable", fileName: "Verklaring – Kovač.pdf" },
      mediaType: "application/pdf",
      size: pdf.length,
      sha256: createHash("sha256").update(pdf).digest("hex"),
    });
    const second = await coordinator.persons.addAttachment(personId, {
      fileName: "notitie.txt",
      mediaType: "text/plain",
      data: new Blob(["Gesprek met tolk."]),
    });
    expect(second.size).toBe(17);
    expect((await coordinator.persons.attachments(personId)).items.map((item) => item.id)).toEqual([
      second.id,
      first.id,
    ]);
    const downloaded = await coordinator.persons.downloadAttachment(personId, first.id);
    expect(Buffer.from(downloaded).equals(Buffer.from(pdf))).toBe(true);
    expect(new TextDecoder().decode(await coordinator.persons.downloadAttachment(personId, second.id))).toBe(
      "Gesprek met tolk.",
    );

    await expect(
      coordinator.persons.addAttachment(personId, {
        fileName: "nep.pdf",
        mediaType: "application/pdf",
        data: pdf.slice(1),
      }),
    ).rejects.toMatchObject({ status: 422, type: ProblemTypes.attachmentContentRejected });
    await expect(partner.persons.attachments(personId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(partner.persons.downloadAttachment(personId, first.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("plans follow-up tasks, works through a worklist and exports a shelter's weekly stay list", async () => {
    const api = { runtime: server.runtime } as Parameters<typeof makeOrganisation>[0];
    const partner = new Comensha({ apiKey: policeKey, baseUrl: server.url });
    const coordinator = new Comensha({
      apiKey: (await makeOrganisation(api, { name: "CoMensha SDK taken", kind: "other", role: "coordinator" })).apiKey,
      baseUrl: server.url,
    });
    const owner = (await makeUser(api, { email: "taken-sdk@comensha.test", role: "coordinator" })).credential.user.id;
    const admin = new Comensha({
      apiKey: (await makeOrganisation(api, { name: "Beheer SDK taken", kind: "other", role: "admin" })).apiKey,
      baseUrl: server.url,
    });
    const shelter = (await admin.request({
      method: "POST",
      path: "/v1/shelters",
      body: {
        name: "COSM SDK taken",
        kind: "cosm",
        region: "den_haag",
        places: [
          { label: "T1", targetGroup: "women", securityLevel: "standard", accessible: false, roomForChildren: false },
        ],
      },
    })) as { id: string; places: Array<{ id: string }> };
    const registration = await partner.registrations.create(registrationBody({ reportedOn: "2026-11-22" }) as never);
    const { personId } = (await coordinator.registrations.get(registration.id)) as unknown as CoordinatorRegistration;
    const request = await partner.placementRequests.create({
      registrationId: registration.id,
      needs: { targetGroup: "women", children: 0, urgency: "planned", security: "standard", languages: [] },
    });
    await coordinator.placementRequests.startSearch(request.id);
    await coordinator.placementRequests.offer(request.id, {
      placeId: shelter.places[0]?.id as string,
      startsOn: "2026-11-23",
      expiresAt: "2099-01-01T00:00:00Z",
    });
    const placement = await partner.placementRequests.accept(request.id);

    const before = await coordinator.persons.followUps(personId);
    expect(before.items).toEqual([]);
    expect(before.suggestions).toContainEqual({ kind: "cosm_three_month_norm", dueOn: "2027-02-23" });
    const task = await coordinator.persons.addFollowUp(personId, {
      kind: "cosm_three_month_norm",
      dueOn: "2027-02-23",
      owner,
      title: "Evaluate the stay",
    });
    expect(task).toMatchObject({ owner, state: "open", title: { state: "readable", text: "Evaluate the stay" } });
    const late = await coordinator.persons.addFollowUp(personId, { kind: "custom", dueOn: "2026-11-25", owner });
    expect((await coordinator.persons.followUps(personId)).suggestions).not.toContainEqual({
      kind: "cosm_three_month_norm",
      dueOn: "2027-02-23",
    });

    const overdue = await coordinator.followUps.list({ owner, overdue: true });
    expect(overdue.data.map((item) => item.id)).toEqual([late.id]);
    const all: Array<string> = [];
    for await (const item of coordinator.followUps.list({ owner, limit: 1 })) all.push(item.id);
    expect(all).toEqual([late.id, task.id]);
    expect((await coordinator.followUps.complete(late.id)).state).toBe("done");
    await expect(coordinator.followUps.cancel(late.id)).rejects.toBeInstanceOf(ConflictError);
    expect((await coordinator.followUps.list({ owner, state: "open" })).data.map((item) => item.id)).toEqual([task.id]);
    await expect(
      coordinator.persons.addFollowUp(personId, { kind: "custom", dueOn: "2026-12-01" }),
    ).rejects.toBeInstanceOf(UnprocessableEntityError);
    await expect(partner.followUps.list()).rejects.toBeInstanceOf(ForbiddenError);

    const list = await coordinator.shelters.stayList(shelter.id, { week: "2026-W48" });
    expect(list).toMatchObject({ week: "2026-W48", from: "2026-11-23", to: "2026-11-29" });
    expect(list.rows).toEqual([
      {
        personId,
        registrationId: registration.id,
        placementId: placement.id,
        startsOn: "2026-11-23",
        endsOn: null,
        daysStayed: 7,
        daysInWeek: 7,
        openFollowUpsDue: 0,
        nextFollowUpDueOn: null,
      },
    ]);
    const csv: string = await coordinator.shelters.stayList(shelter.id, { week: "2026-W48", format: "csv" });
    expect(csv.split("\r\n")[1]).toBe(`2026-W48,${personId},${registration.id},${placement.id},2026-11-23,,7,7,0,`);
    await expect(partner.shelters.stayList(shelter.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("lets policy staff request a report, wait for it and download its files; partners may not", async () => {
    const api = { runtime: server.runtime } as Parameters<typeof makeOrganisation>[0];
    const policyKey = (await makeOrganisation(api, { name: "Beleid SDK-test", kind: "other", role: "policy" })).apiKey;
    const policy = new Comensha({ apiKey: policyKey, baseUrl: server.url });
    const requested = await policy.reports.create({ parameters: { kind: "annual_monitor", year: 2026 } });
    expect(requested.status).toBe("queued");
    const done = await policy.reports.waitFor(requested.id, { intervalMs: 100 });
    expect(done.status).toBe("completed");
    const json = done.artifacts.find((artifact) => artifact.format === "json" && !artifact.name.includes("schema"));
    const text = await policy.reports.download(done.id, json?.name ?? "");
    expect(typeof text).toBe("string");
    expect(createHash("sha256").update(text, "utf8").digest("hex")).toBe(json?.sha256);
    expect((JSON.parse(text) as { parameters: unknown }).parameters).toEqual({ kind: "annual_monitor", year: 2026 });
    const listed = await policy.reports.list({ limit: 10 });
    expect(listed.data.map((report) => report.id)).toContain(done.id);
    const partner = new Comensha({ apiKey: policeKey, baseUrl: server.url });
    await expect(partner.reports.create({ parameters: { kind: "annual_monitor", year: 2026 } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("keeps another organisation's registrations out of reach and out of sight", async () => {
    const police = new Comensha({ apiKey: policeKey, baseUrl: server.url });
    const ngo = new Comensha({ apiKey: ngoKey, baseUrl: server.url });
    const own = await police.registrations.create(registrationBody() as never);
    await expect(ngo.registrations.get(own.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(ngo.registrations.withdraw(own.id, { version: own.version })).rejects.toBeInstanceOf(NotFoundError);
    const seen: Array<string> = [];
    for await (const registration of ngo.registrations.list()) seen.push(registration.id);
    expect(seen).not.toContain(own.id);
    await expect(ngo.registrations.create(registrationBody() as never)).rejects.toBeInstanceOf(
      UnprocessableEntityError,
    );
  });

  it("transfers a registration: the receiver owns it, the sender reads it as it was and cannot change it", async () => {
    const api = { runtime: server.runtime } as Parameters<typeof makeOrganisation>[0];
    const police = new Comensha({ apiKey: policeKey, baseUrl: server.url });
    const ngo = new Comensha({ apiKey: ngoKey, baseUrl: server.url });
    const other = new Comensha({
      apiKey: (await makeOrganisation(api, { name: "Derde SDK-overdracht", kind: "ngo" })).apiKey,
      baseUrl: server.url,
    });
    const own = await police.registrations.create(registrationBody() as never);
    const transfer = await police.registrations.transfer(own.id, {
      toOrganisationId: ngoId,
      reason: "care_takes_over",
    });
    expect(transfer).toMatchObject({ registrationId: own.id, toOrganisationId: ngoId, version: 1 });
    expect((await ngo.registrations.transfers(own.id)).data.map((item) => item.id)).toEqual([transfer.id]);
    expect((await police.registrations.transfers(own.id)).data.map((item) => item.reason)).toEqual(["care_takes_over"]);
    expect((await ngo.registrations.get(own.id)).id).toBe(own.id);
    expect((await police.registrations.get(own.id)).version).toBe(1);
    const refused = await police.registrations.withdraw(own.id, { version: 1 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as ForbiddenError).type).toBe(ProblemTypes.transferred);
    await expect(
      police.registrations.transfer(own.id, { toOrganisationId: ngoId, reason: "other" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      ngo.registrations.transfer(own.id, { toOrganisationId: ngoId, reason: "other" }),
    ).rejects.toBeInstanceOf(UnprocessableEntityError);
    await expect(other.registrations.transfers(own.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("creates 200 registrations exactly once through dropped connections and 503s on 20% of attempts", async () => {
    const organisation = await makeOrganisation({ runtime: server.runtime } as Parameters<typeof makeOrganisation>[0], {
      name: "Politie Storingstest",
      kind: "police",
    });
    const { fetch: flaky, faults } = faultyFetch(0.2, kind === "postgres" ? 7 : 11);
    const client = new Comensha({ apiKey: organisation.apiKey, baseUrl: server.url, fetch: flaky, maxRetries: 12 });
    const indexes = Array.from({ length: 200 }, (_, i) => i);
    const workers = Array.from({ length: 8 }, async (_, worker) => {
      for (const i of indexes.filter((n) => n % 8 === worker)) {
        await client.registrations.create(
          registrationBody({
            person: {
              familyName: `Storing${i}`,
              givenNames: "Test",
              aliases: [],
              birthYear: 1990,
              sex: "male",
              nationalities: ["PL"],
            },
          }) as never,
        );
      }
    });
    await Promise.all(workers);
    expect(faults.refused + faults.droppedAfterWork + faults.unavailable + faults.unavailableAfterWork).toBeGreaterThan(
      20,
    );
    expect(faults.droppedAfterWork + faults.unavailableAfterWork).toBeGreaterThan(5);

    const reader = new Comensha({ apiKey: organisation.apiKey, baseUrl: server.url });
    const names: Array<string> = [];
    for await (const registration of reader.registrations.list({ limit: 200 }))
      names.push(registration.person.familyName ?? "");
    expect(names).toHaveLength(200);
    expect(new Set(names).size).toBe(200);
  });
});
