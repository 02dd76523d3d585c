import { Database, generateDemoData, queryWith, Schema as Tables, writeDemoData } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import type { DisclosurePolicy, Report } from "@comensha/domain";
import { produceReport } from "@comensha/reports";
import { eq, sql } from "drizzle-orm";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retentionQueue, retentionSchedule } from "../src/jobs.js";
import { applyRetention } from "../src/services/retention.js";
import {
  adjustableClock,
  caller,
  logIn,
  makeOrganisation,
  makeUser,
  openTestApi,
  registrationBody,
  signIn,
  type TestApi,
} from "./support.js";

type Json = Record<string, unknown>;

const year = 365 * 24 * 3_600_000;
const policy: DisclosurePolicy.DisclosurePolicy = { threshold: 5 };
const pastReports = [
  { kind: "annual_monitor", year: 2025 },
  { kind: "htcds_export", year: 2025 },
  { kind: "placement_report", from: "2025-01-01", to: "2026-01-01" },
] as unknown as ReadonlyArray<Report.ReportParameters>;

const person = (familyName: string) => ({
  familyName,
  givenNames: "Retentie",
  aliases: [],
  dateOfBirth: "1990-05-06",
  sex: "female",
  nationalities: ["RO"],
});
const reportOf = (familyName: string) =>
  registrationBody({
    reportedOn: "2025-06-01",
    person: person(familyName),
    reflectionPeriod: { offeredOn: "2025-06-01", offeredBy: "police", startsOn: "2025-06-01", dublin: false },
  });

describe.each(testDatabaseKinds())("the retention job on %s", (kind) => {
  const time = adjustableClock();
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let n = 0;
  const ids = { active: "", withdrawn: "", request: "" };
  let before: Map<string, string>;

  const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    police(path, {
      method: "POST",
      ...(body === undefined ? {} : { body }),
      headers: { "Idempotency-Key": `retention-${kind}-${++n}`, ...headers },
    });
  const json = async (response: Response) => {
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return (await response.json()) as Json;
  };
  const query = <A>(run: (db: Parameters<Parameters<ReturnType<typeof queryWith>>[0]>[0]) => PromiseLike<A>) =>
    api.runtime.runPromise(Effect.flatMap(Database, (database) => queryWith(database)(run)));
  const produceAll = async () => {
    const files = new Map<string, string>();
    for (const parameters of pastReports) {
      const { artifacts } = await api.runtime.runPromise(produceReport(parameters, policy));
      for (const artifact of artifacts) files.set(artifact.name, Buffer.from(artifact.bytes).toString("base64"));
    }
    return files;
  };
  const erasedAt = async (id: string) =>
    (await query((db) => db.select().from(Tables.registrations).where(eq(Tables.registrations.id, id))))[0]?.erasedAt;
  const count = async (table: "sessions" | "loginThrottles" | "personBlindIndexes") =>
    (await query((db) => db.select().from(Tables[table]))).length;

  beforeAll(async () => {
    api = await openTestApi(kind, undefined, { clock: time.clock });
    await api.runtime.runPromise(
      writeDemoData(generateDemoData({ seed: 5, years: 1, lastYear: 2025, personsPerYear: 40 })),
    );
    police = caller(api, (await makeOrganisation(api, { name: "Politie Bewaren", kind: "police" })).apiKey);
    ids.active = (await json(await post("/v1/registrations", reportOf("Actief")))).id as string;
    ids.withdrawn = (await json(await post("/v1/registrations", reportOf("Ingetrokken")))).id as string;
    await json(
      await post(`/v1/registrations/${ids.withdrawn}/withdraw`, { reason: "Reported in error" }, { "If-Match": '"1"' }),
    );
    ids.request = (
      await json(
        await post("/v1/placement-requests", {
          registrationId: ids.active,
          needs: {
            targetGroup: "women",
            children: 0,
            urgency: "tonight",
            security: "standard",
            languages: ["ro"],
            medicalNeeds: "Asthma inhaler",
          },
        }),
      )
    ).id as string;
    await json(await post(`/v1/placement-requests/${ids.request}/cancel`));

    // A console session, a failed login, and one stored answer past its 24 hours.
    await makeUser(api, {
      email: `bewaar-${kind}@comensha.test`,
      role: "coordinator",
      password: "a long test password 2",
    });
    await signIn(api, `bewaar-${kind}@comensha.test`, "a long test password 2");
    expect((await logIn(api, `onbekend-${kind}@comensha.test`, "wrong password here")).response.status).toBe(401);
    await query((db) =>
      db
        .update(Tables.idempotencyKeys)
        .set({ expiresAt: sql`now() - interval '1 hour'` })
        .where(eq(Tables.idempotencyKeys.key, `retention-${kind}-1`)),
    );
    before = await produceAll();
  });

  afterAll(async () => {
    await api?.close();
  });

  it("runs daily on the worker's queue", () => {
    expect(retentionSchedule).toMatchObject({ key: "retention", cron: "30 3 * * *" });
    expect(retentionQueue.name).toBe("retention");
  });

  it("deletes expired stored answers today, and erases nobody who was active recently", async () => {
    const run = await api.runtime.runPromise(applyRetention);
    expect(run).toMatchObject({ erasedPersons: 0, erasedRegistrations: 0, sessions: 0, loginThrottles: 0 });
    expect(run.idempotentAnswers).toBe(1);
    expect(await count("sessions")).toBe(1);
    expect(await count("loginThrottles")).toBe(1);
  });

  it("after two years: erases a person whose every report was withdrawn, old medical needs, sessions, throttles", async () => {
    time.advance(2 * year);
    const run = await api.runtime.runPromise(applyRetention);
    expect(run.erasedPersons).toBeGreaterThanOrEqual(1);
    expect(run).toMatchObject({ sessions: 1, loginThrottles: 1, medicalNeeds: 1 });
    expect(await erasedAt(ids.withdrawn)).not.toBeNull();
    expect(await erasedAt(ids.active)).toBeNull();
    const read = await json(await police(`/v1/registrations/${ids.withdrawn}`));
    expect(read.person).toEqual({ birthYear: 1990, sex: "female", nationalities: ["RO"] });
    expect(read.withdrawalReason).toBeUndefined();
    expect(await count("sessions")).toBe(0);
    expect(await count("loginThrottles")).toBe(0);
    const [request] = await query((db) =>
      db.select().from(Tables.placementRequests).where(eq(Tables.placementRequests.id, ids.request)),
    );
    expect(request?.medicalNeeds).toBeNull();
    const after = await produceAll();
    for (const [name, bytes] of before) expect(after.get(name), name).toBe(bytes);
  });

  it("after six years: erases everyone, once, even with two runs at the same time, and the reports stay the same", async () => {
    time.advance(4 * year);
    const runs = await api.runtime.runPromise(Effect.all([applyRetention, applyRetention], { concurrency: 2 }));
    const erased = runs[0].erasedPersons + runs[1].erasedPersons;
    expect(erased).toBeGreaterThan(30);
    expect(await erasedAt(ids.active)).not.toBeNull();
    const remaining = await query((db) =>
      db
        .select({ id: Tables.registrations.id })
        .from(Tables.registrations)
        .where(sql`${Tables.registrations.erasedAt} is null`),
    );
    expect(remaining).toEqual([]);
    expect(await count("personBlindIndexes")).toBe(0);
    const audited = await query((db) =>
      db.select().from(Tables.auditEvents).where(eq(Tables.auditEvents.action, "person.erase")),
    );
    expect(new Set(audited.map((event) => event.resourceId)).size).toBe(audited.length);
    expect(audited.every((event) => event.actorKind === "system" && event.actorId === "retention")).toBe(true);

    const again = await api.runtime.runPromise(applyRetention);
    expect(again).toMatchObject({ erasedPersons: 0, erasedRegistrations: 0 });
    const after = await produceAll();
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(after.get(name), name).toBe(bytes);
  });
});
