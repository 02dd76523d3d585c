import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as fc from "fast-check";
import * as AuditEvent from "../src/AuditEvent.js";

const isBound = Schema.is(AuditEvent.PeriodBound);

describe("the period of an audit log selection", () => {
  it("takes a date as a whole UTC day, and both bounds inclusive", () => {
    expect(AuditEvent.periodOf("2026-11-20", "2026-11-20")).toEqual({
      occurredFrom: "2026-11-20T00:00:00.000Z",
      occurredBefore: "2026-11-21T00:00:00.000Z",
    });
    expect(AuditEvent.periodOf(undefined, "2024-02-29")).toEqual({ occurredBefore: "2024-03-01T00:00:00.000Z" });
    expect(AuditEvent.periodOf(undefined, undefined)).toEqual({});
  });

  it("takes an instant with its zone as that instant, the end one millisecond inclusive", () => {
    expect(AuditEvent.periodOf("2026-11-20T09:30+01:00", "2026-11-20T10:00:00.250Z")).toEqual({
      occurredFrom: "2026-11-20T08:30:00.000Z",
      occurredBefore: "2026-11-20T10:00:00.251Z",
    });
  });

  it("refuses a period that ends before it starts, and a bound that is no day or instant", () => {
    expect(AuditEvent.periodOf("2026-11-21", "2026-11-20")).toBeUndefined();
    expect(AuditEvent.periodOf("2026-11-20T10:00Z", "2026-11-20T09:59Z")).toBeUndefined();
    for (const bad of [
      "2023-02-29",
      "2026-13-01",
      "20-11-2026",
      "2026-11-20T10:00",
      "2026-11-20T24:00Z",
      "2026-11-20T10:60Z",
      "2026-11-20T10:00+25:00",
      "2026-11-20 10:00Z",
      "yesterday",
      "",
    ]) {
      expect(isBound(bad), bad).toBe(false);
      expect(AuditEvent.periodOf(bad, undefined), bad).toBeUndefined();
    }
  });

  it("keeps every event of a day between the bounds of that day, whatever its time", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
        (date) => {
          const day = date.toISOString().slice(0, 10);
          const period = AuditEvent.periodOf(day, day);
          const instant = date.toISOString();
          expect(period?.occurredFrom !== undefined && instant >= period.occurredFrom).toBe(true);
          expect(period?.occurredBefore !== undefined && instant < period.occurredBefore).toBe(true);
        },
      ),
    );
  });
});

describe("the kinds and labels of audit actions", () => {
  it("reads a read, a list, an export and any replay; changes the rest, an unknown action too", () => {
    expect(AuditEvent.kindOfAction("registration.read")).toBe("read");
    expect(AuditEvent.kindOfAction("registration.list")).toBe("read");
    expect(AuditEvent.kindOfAction("person.export")).toBe("read");
    expect(AuditEvent.kindOfAction("audit_event.export")).toBe("read");
    expect(AuditEvent.kindOfAction("placement_request.create.replay")).toBe("read");
    expect(AuditEvent.kindOfAction("registration.withdraw")).toBe("change");
    expect(AuditEvent.kindOfAction("auth.login")).toBe("change");
    expect(AuditEvent.kindOfAction("not_yet.known")).toBe("change");
    expect(AuditEvent.readActions).toContain("registration.audit_trail");
    expect(AuditEvent.readActions).not.toContain("registration.update");
  });

  it("labels an action, a replay of it, and a resource type in Dutch and English", () => {
    expect(AuditEvent.actionLabel("registration.update", "nl")).toBe("Melding gecorrigeerd");
    expect(AuditEvent.actionLabel("registration.update", "en")).toBe("Registration corrected");
    expect(AuditEvent.actionLabel("api_key.create.replay", "en")).toBe("API key created (repeated request)");
    expect(AuditEvent.actionLabel("not_yet.known", "nl")).toBe("not_yet.known");
    expect(AuditEvent.resourceTypeLabel("placement_request", "nl")).toBe("Opvangaanvraag");
    expect(AuditEvent.resourceTypeLabel("not_yet_known", "en")).toBe("not_yet_known");
  });

  it("decodes a filter, and refuses a filter value it cannot apply", () => {
    const decode = Schema.decodeUnknownSync(AuditEvent.AuditFilter);
    expect(decode({ actorName: "Eva", kind: "change", resourceId: "0193b000" })).toEqual({
      actorName: "Eva",
      kind: "change",
      resourceId: "0193b000",
    });
    for (const bad of [
      { kind: "both" },
      { actorKind: "robot" },
      { outcome: "maybe" },
      { action: "Registration.Read" },
      { resourceType: "Registration" },
      { actorId: "a b" },
      { actorName: "" },
      { actorName: "x".repeat(101) },
      { organisationId: "0193b000-0000-4000-8000-000000000001" },
    ]) {
      expect(() => decode(bad), JSON.stringify(bad)).toThrow();
    }
  });
});
