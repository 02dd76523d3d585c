import { testDatabaseKinds } from "@comensha/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType } from "../src/problem.js";
import { auditCsvHeader } from "../src/routes/auditEvents.js";
import {
  caller,
  inSession,
  makeOrganisation,
  makeUser,
  openTestApi,
  registrationBody,
  signIn,
  type TestApi,
} from "./support.js";

type Json = Record<string, unknown>;
type Call = (
  path: string,
  init?: { method?: string; body?: unknown; headers?: Record<string, string> },
) => Response | Promise<Response>;
interface Event {
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: { readonly kind: string; readonly id: string; readonly organisationId?: string };
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId?: string;
  readonly outcome: string;
  readonly kind: string;
  readonly actorName?: string;
  readonly organisationName?: string;
}
interface EventPage {
  readonly data: ReadonlyArray<Event>;
  readonly nextCursor: string | null;
}

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/** Parses the CSV of the export (RFC 4180: quoted fields with doubled quotes, CRLF) into rows of fields. */
const parseCsv = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = [];
  let row: Array<string> = [];
  let field = "";
  let quoted = false;
  for (let index = text.startsWith("\uFEFF") ? 1 : 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ",") {
      row.push(field);
      field = "";
    } else if (character === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index++;
    } else field += character;
  }
  return rows;
};

/** Issue 15: the audit log must serve an investigation: filters, names, labels, a CSV export, changes apart from reads. */
describe.each(testDatabaseKinds())("the audit log for investigations on %s", (kind) => {
  let api: TestApi;
  let auditor: Call;
  let coordinator: Call;
  let police: Call;
  let policeOrganisationId: string;
  let partner: Call;
  let admin: Call;
  let policy: Call;
  let investigator: Call;
  let investigatorId: string;
  let hostileUserId: string;
  let first: string;
  let second: string;
  let middle: string;

  const list = async (query: string): Promise<EventPage> => {
    const response = await auditor(`/v1/audit-events?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as EventPage;
  };
  /** Every event of a selection, following the cursors page by page. */
  const all = async (query: string, limit = 500): Promise<Array<Event>> => {
    const events: Array<Event> = [];
    let cursor: string | null = null;
    do {
      const page: EventPage = await list(`${query}&limit=${limit}${cursor === null ? "" : `&cursor=${cursor}`}`);
      events.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return events;
  };
  const create = async (as: Call, key: string) => {
    const response = await as("/v1/registrations", {
      method: "POST",
      body: registrationBody(),
      headers: { "Idempotency-Key": `${kind}-${key}` },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as Json).id as string;
  };

  beforeAll(async () => {
    api = await openTestApi(kind);
    auditor = caller(
      api,
      (await makeOrganisation(api, { name: "Audit (test)", kind: "other", role: "auditor" })).apiKey,
    );
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha (test)", kind: "other", role: "coordinator" })).apiKey,
    );
    const politie = await makeOrganisation(api, { name: 'Politie "Voorbeeldstad", eenheid', kind: "police" });
    police = caller(api, politie.apiKey);
    policeOrganisationId = politie.organisation.id;
    partner = caller(api, (await makeOrganisation(api, { name: "Stichting Ander", kind: "ngo" })).apiKey);
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer (test)", kind: "other", role: "admin" })).apiKey);
    policy = caller(
      api,
      (await makeOrganisation(api, { name: "Beleid (test)", kind: "other", role: "policy" })).apiKey,
    );
    const password = "Onderzoek-wachtwoord-2026";
    const eva = await makeUser(api, {
      email: "eva@example.org",
      name: "Eva Onderzoeker",
      role: "coordinator",
      password,
    });
    investigatorId = eva.credential.user.id;
    investigator = inSession(api, await signIn(api, "eva@example.org", password));
    const hostile = await makeUser(api, {
      email: "formule@example.org",
      name: '=HYPERLINK("http://evil.example","klik")',
      role: "coordinator",
      password,
    });
    hostileUserId = hostile.credential.user.id;
    await signIn(api, "formule@example.org", password);

    first = await create(police, "first");
    second = await create(police, "second");
    expect((await coordinator(`/v1/registrations/${first}`)).status).toBe(200);
    expect((await investigator(`/v1/registrations/${first}`)).status).toBe(200);
    // Another organisation's registration reads as not found, and is audited as denied.
    expect((await partner(`/v1/registrations/${first}`)).status).toBe(404);
    // An id that is no id is recorded as asked for: text a spreadsheet would run.
    expect((await partner("/v1/registrations/=1+1")).status).toBe(404);
    await sleep(50);
    middle = new Date().toISOString();
    await sleep(50);
    const corrected = await coordinator(`/v1/registrations/${first}`, {
      method: "PUT",
      body: registrationBody({ reportedOn: "2026-11-21" }),
      headers: { "If-Match": '"1"' },
    });
    expect(corrected.status).toBe(200);
    expect((await coordinator(`/v1/registrations/${first}/audit-events`)).status).toBe(200);
    expect((await police(`/v1/registrations/${second}`)).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  it("filters by a record: the registration's events alone, newest first, changes and reads", async () => {
    const events = await all(`resourceId=${first}`);
    expect(events.map((event) => event.action)).toEqual([
      "registration.audit_trail",
      "registration.update",
      "registration.read",
      "registration.read",
      "registration.read",
      "registration.create",
    ]);
    expect(events.every((event) => event.resourceId === first && event.resourceType === "registration")).toBe(true);
    expect(events.map((event) => event.kind)).toEqual(["read", "change", "read", "read", "read", "change"]);
    expect(await all(`resourceType=registration&resourceId=${first}`)).toEqual(events);
    expect(await all(`resourceType=person&resourceId=${first}`)).toEqual([]);
  });

  it("filters by kind, action and outcome", async () => {
    const changes = await all(`resourceId=${first}&kind=change`);
    expect(changes.map((event) => event.action)).toEqual(["registration.update", "registration.create"]);
    const reads = await all(`resourceId=${first}&kind=read`);
    expect(reads).toHaveLength(4);
    expect(reads.every((event) => event.kind === "read")).toBe(true);
    const creates = await all("action=registration.create");
    expect(creates.map((event) => event.resourceId).sort()).toEqual([first, second].sort());
    const denied = await all("outcome=denied");
    expect(denied.map((event) => [event.action, event.resourceId])).toEqual([
      ["registration.read", "=1+1"],
      ["registration.read", first],
    ]);
    expect((await all("kind=change")).every((event) => event.kind === "change")).toBe(true);
    expect((await all("kind=read")).some((event) => event.action === "auth.login")).toBe(false);
  });

  it("filters by actor: by id, kind, organisation and (part of) a name, and names the actor", async () => {
    const byEva = await all(`actorId=${investigatorId}`);
    expect(byEva.map((event) => event.action)).toEqual(["registration.read", "auth.login"]);
    expect(byEva.every((event) => event.actorName === "Eva Onderzoeker")).toBe(true);
    expect(await all("actorName=onderZOEKER")).toEqual(byEva);
    expect(await all("actorName=onderzoeker&actorKind=api_key")).toEqual([]);
    const byPolice = await all("actorName=voorbeeldstad");
    expect(byPolice.map((event) => event.action)).toEqual([
      "registration.read",
      "registration.create",
      "registration.create",
    ]);
    expect(byPolice[0]).toMatchObject({
      actor: { kind: "api_key", organisationId: policeOrganisationId },
      actorName: 'Politie "Voorbeeldstad", eenheid',
      organisationName: 'Politie "Voorbeeldstad", eenheid',
    });
    expect(await all(`organisationId=${policeOrganisationId}`)).toEqual(byPolice);
    // A system actor by its id; a LIKE wildcard is taken literally.
    const bySystem = await all("actorName=test&actorKind=system");
    expect(bySystem.map((event) => event.action)).toEqual(["user.create", "user.create"]);
    expect(bySystem.every((event) => event.actorName === undefined)).toBe(true);
    expect(await all("actorName=%25")).toEqual([]);
    expect(await all("actorName=_")).toEqual([]);
  });

  it("filters by a period of days or instants, inclusive", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const everything = await all("");
    expect(await all(`from=${today}&to=${today}`)).toEqual(everything);
    expect(await all("to=2020-01-01")).toEqual([]);
    expect(await all("from=2999-01-01")).toEqual([]);
    const later = await all(`from=${encodeURIComponent(middle)}`);
    expect(later.map((event) => event.action)).toEqual([
      "registration.read",
      "registration.audit_trail",
      "registration.update",
    ]);
    expect(later.every((event) => event.occurredAt >= middle)).toBe(true);
    const earlier = await all(`to=${encodeURIComponent(middle)}`);
    expect(earlier.length + later.length).toBe(everything.length);
    // An instant with an offset is the same instant.
    const shifted = new Date(Date.parse(middle) + 3_600_000).toISOString().replace("Z", "+01:00");
    expect(await all(`from=${encodeURIComponent(shifted)}`)).toEqual(later);
  });

  it("combines filters, and pages through a filtered selection with its cursor", async () => {
    const combined = await all(`resourceId=${first}&kind=read&actorKind=api_key&outcome=success&from=2026-01-01`);
    expect(combined.map((event) => event.action)).toEqual(["registration.audit_trail", "registration.read"]);
    const whole = await all(`resourceId=${first}`);
    const paged = await all(`resourceId=${first}`, 1);
    expect(paged).toEqual(whole);
    const firstPage = await list(`resourceId=${first}&kind=read&limit=2`);
    expect(firstPage.data).toHaveLength(2);
    expect(firstPage.nextCursor).not.toBeNull();
    const next = await list(`resourceId=${first}&kind=read&limit=2&cursor=${firstPage.nextCursor}`);
    expect(next.data.map((event) => event.kind)).toEqual(["read", "read"]);
    expect(next.nextCursor).toBeNull();
  });

  it("refuses a filter it cannot apply with a 400 problem naming the parameter", async () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["actorKind=robot", "/actorKind"],
      ["kind=both", "/kind"],
      ["outcome=maybe", "/outcome"],
      ["action=Registration.Read", "/action"],
      ["resourceType=Registration", "/resourceType"],
      ["organisationId=politie", "/organisationId"],
      ["actorId=a%20b", "/actorId"],
      ["resourceId=", "/resourceId"],
      [`actorName=${"x".repeat(101)}`, "/actorName"],
      ["from=2023-02-30", "/from"],
      ["from=2026-11-20T25:00Z", "/from"],
      ["to=20-11-2026", "/to"],
      ["from=2026-11-20T10:00", "/from"],
      ["from=2026-11-21&to=2026-11-20", "/to"],
    ];
    for (const [query, path] of cases) {
      const response = await auditor(`/v1/audit-events?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      const problem = (await response.json()) as { type: string; errors: Array<{ path: string }> };
      expect(problem.type).toBe(ProblemType.badRequest);
      expect(
        problem.errors.map((error) => error.path),
        query,
      ).toContain(path);
      expect((await auditor(`/v1/audit-events/export?${query}`)).status, query).toBe(400);
    }
    const two = (await (await auditor("/v1/audit-events?kind=x&outcome=y")).json()) as { errors: Array<Json> };
    expect(two.errors.map((error) => error.path).sort()).toEqual(["/kind", "/outcome"]);
    expect((await auditor("/v1/audit-events/export?lang=de")).status).toBe(400);
    expect((await auditor(`/v1/audit-events?resourceId=${first}&cursor=nonsense`)).status).toBe(400);
  });

  it("lets only auditors read and export the audit log, and audits a refused export", async () => {
    for (const refused of [coordinator, police, partner, admin, policy, investigator]) {
      expect((await refused("/v1/audit-events")).status).toBe(403);
      expect((await refused(`/v1/audit-events?resourceId=${first}`)).status).toBe(403);
      expect((await refused("/v1/audit-events/export")).status).toBe(403);
    }
    expect((await api.app.request("/v1/audit-events")).status).toBe(401);
    expect((await api.app.request("/v1/audit-events/export")).status).toBe(401);
    const refusals = await all("action=audit_event.export&outcome=denied");
    expect(refusals).toHaveLength(6);
    expect(refusals.every((event) => event.resourceType === "audit_event")).toBe(true);
  });

  it("exports a filtered selection as CSV, labelled, guarded against formulas, and audits the export", async () => {
    const response = await auditor(`/v1/audit-events/export?resourceId=${first}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="audit-events-[\dT-]+Z\.csv"$/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("\r\n");
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...auditCsvHeader]);
    const column = (name: (typeof auditCsvHeader)[number]) => auditCsvHeader.indexOf(name);
    const events = await all(`resourceId=${first}`);
    expect(rows.map((row) => row[column("action")])).toEqual(events.map((event) => event.action));
    expect(rows.map((row) => row[column("occurred_at")])).toEqual(events.map((event) => event.occurredAt));
    const created = rows.at(-1) ?? [];
    expect(created[column("action_label")]).toBe("Melding geregistreerd");
    expect(created[column("resource_type_label")]).toBe("Melding");
    expect(created[column("kind")]).toBe("change");
    expect(created[column("actor_name")]).toBe('Politie "Voorbeeldstad", eenheid');
    expect(text).toContain('"Politie ""Voorbeeldstad"", eenheid"');
    expect(rows.some((row) => row[column("actor_name")] === "Eva Onderzoeker")).toBe(true);

    const english = parseCsv(await (await auditor(`/v1/audit-events/export?resourceId=${first}&lang=en`)).text());
    expect(english.at(-1)?.[column("action_label")]).toBe("Registration created");

    // Text a spreadsheet would run as a formula starts with an apostrophe: an id as asked for, a user's name.
    const hostileId = parseCsv(await (await auditor("/v1/audit-events/export?resourceId=%3D1%2B1")).text());
    expect(hostileId.slice(1).map((row) => row[column("resource_id")])).toEqual(["'=1+1"]);
    const hostileName = parseCsv(await (await auditor(`/v1/audit-events/export?actorId=${hostileUserId}`)).text());
    expect(hostileName.slice(1).map((row) => row[column("actor_name")])).toEqual([
      '\'=HYPERLINK("http://evil.example","klik")',
    ]);

    const exports = await all("action=audit_event.export&outcome=success");
    expect(exports.length).toBeGreaterThanOrEqual(4);
    expect(exports[0]).toMatchObject({ resourceType: "audit_event", kind: "read", actor: { kind: "api_key" } });
    expect(exports[0]?.resourceId).toBeUndefined();
    const empty = parseCsv(await (await auditor("/v1/audit-events/export?from=2999-01-01")).text());
    expect(empty).toEqual([[...auditCsvHeader]]);
  });

  describe("a registration's own trail", () => {
    it("lists its changes apart from its reads, and names API keys by organisation but no user", async () => {
      const trail = async (query: string) => {
        const response = await coordinator(`/v1/registrations/${first}/audit-events?${query}`);
        expect(response.status).toBe(200);
        return ((await response.json()) as EventPage).data;
      };
      const changes = await trail("kind=change");
      expect(changes.map((event) => event.action)).toEqual(["registration.update", "registration.create"]);
      expect(changes[1]?.actorName).toBe('Politie "Voorbeeldstad", eenheid');
      const reads = await trail("kind=read");
      expect(reads.length).toBeGreaterThanOrEqual(5);
      expect(reads.every((event) => event.kind === "read")).toBe(true);
      const fromEva = reads.find((event) => event.actor.id === investigatorId);
      expect(fromEva).toBeDefined();
      expect(fromEva?.actorName).toBeUndefined();
      expect(fromEva?.organisationName).toBeDefined();
      // Everything: and the trail's own read of the reads, written after that page was read.
      expect((await trail("")).length).toBe(changes.length + reads.length + 1);
      const bad = await coordinator(`/v1/registrations/${first}/audit-events?kind=writes`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: Array<Json> }).errors).toEqual([
        { path: "/kind", message: "Expected change or read" },
      ]);
    });
  });
});
