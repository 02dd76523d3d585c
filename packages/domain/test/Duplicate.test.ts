import { Schema } from "effect";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Duplicate, type DuplicateStatus, planRematch } from "../src/Duplicate.js";
import { PersonId } from "../src/Person.js";

const id = (n: number) => `0190d1a0-0000-7000-8000-${String(n).padStart(12, "0")}`;
const person = (n: number) => Schema.decodeUnknownSync(PersonId)(id(n));
const self = person(1);

let next = 100;
const duplicate = (other: number, status: DuplicateStatus, matchedOn: ReadonlyArray<string> = ["name_year"]) =>
  Schema.decodeUnknownSync(Duplicate)({
    id: id(++next),
    personId: id(1),
    candidatePersonId: id(other),
    registrationId: id(99),
    matchedOn,
    status,
    decisionReason: status === "merged" || status === "dismissed" ? "decided" : null,
    decidedBy: null,
    decidedAt: null,
    createdAt: "2026-11-20T10:00:00.000Z",
  });
const existing = (d: Duplicate, other = d.candidatePersonId) => ({ duplicate: d, other });

describe("planRematch", () => {
  it("makes a possible duplicate per newly matching person, names sorted", () => {
    const plan = planRematch({
      self: [self],
      matches: [{ personId: person(2), names: ["name_year", "family_dob"] }],
      existing: [],
      isComplete: true,
    });
    expect(plan).toEqual({
      create: [{ candidatePersonId: person(2), matchedOn: ["family_dob", "name_year"] }],
      update: [],
      close: [],
    });
  });

  it("closes an open one that no longer matches as stale, and updates one that matches on other indexes now", () => {
    const gone = duplicate(2, "open");
    const changed = duplicate(3, "open", ["name_year"]);
    const same = duplicate(4, "open", ["family_dob", "name_dob"]);
    const plan = planRematch({
      self: [self],
      matches: [
        { personId: person(3), names: ["family_dob"] },
        { personId: person(4), names: ["name_dob", "family_dob"] },
      ],
      existing: [existing(gone), existing(changed), existing(same)],
      isComplete: true,
    });
    expect(plan).toEqual({ create: [], update: [{ id: changed.id, matchedOn: ["family_dob"] }], close: [gone.id] });
  });

  it("leaves a merged or dismissed pair as the coordinator decided it, and does not ask again", () => {
    const merged = duplicate(2, "merged");
    const dismissed = duplicate(3, "dismissed");
    const plan = planRematch({
      self: [self],
      matches: [{ personId: person(3), names: ["document"] }],
      existing: [existing(merged), existing(dismissed)],
      isComplete: true,
    });
    expect(plan).toEqual({ create: [], update: [], close: [] });
  });

  it("asks again about a pair that was closed as stale and matches again", () => {
    const stale = duplicate(2, "stale", []);
    const plan = planRematch({
      self: [self],
      matches: [{ personId: person(2), names: ["name_year"] }],
      existing: [existing(stale)],
      isComplete: true,
    });
    expect(plan.create).toEqual([{ candidatePersonId: person(2), matchedOn: ["name_year"] }]);
  });

  it("closes nothing when the matches are not complete (a report of the person did not decrypt)", () => {
    const open = duplicate(2, "open");
    const plan = planRematch({
      self: [self],
      matches: [{ personId: person(3), names: ["name_year"] }],
      existing: [existing(open)],
      isComplete: false,
    });
    expect(plan).toEqual({
      create: [{ candidatePersonId: person(3), matchedOn: ["name_year"] }],
      update: [],
      close: [],
    });
  });

  it("ignores the person itself and the person it was merged into, also on the other side of a duplicate", () => {
    const into = person(5);
    const moot = duplicate(6, "open");
    const plan = planRematch({
      self: [self, into],
      matches: [
        { personId: into, names: ["name_dob"] },
        { personId: self, names: ["name_dob"] },
      ],
      existing: [existing(moot, into)],
      isComplete: true,
    });
    expect(plan).toEqual({ create: [], update: [], close: [] });
  });

  it("leaves every matching person with an open or decided pair, no open pair without a match, decisions untouched", () => {
    const statuses: ReadonlyArray<DuplicateStatus> = ["open", "merged", "dismissed", "stale"];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 2, max: 8 }), fc.constantFrom(...statuses)), { maxLength: 8 }),
        fc.uniqueArray(fc.integer({ min: 2, max: 8 }), { maxLength: 7 }),
        (pairs, matching) => {
          const before = pairs.map(([other, status]) => duplicate(other, status, status === "stale" ? [] : ["x"]));
          const matches = matching.map((n) => ({ personId: person(n), names: ["name_year"] }));
          const plan = planRematch({
            self: [self],
            matches,
            existing: before.map((d) => existing(d)),
            isComplete: true,
          });
          const closed = new Set(plan.close);
          const after = [
            ...before
              .map((d) => (closed.has(d.id) ? "stale" : d.status))
              .map((status, i) => ({
                other: before[i]?.candidatePersonId,
                status,
              })),
            ...plan.create.map((c) => ({ other: c.candidatePersonId, status: "open" as const })),
          ];
          for (const n of matching) {
            expect(after.some((d) => d.other === person(n) && d.status !== "stale")).toBe(true);
          }
          for (const d of after) {
            if (d.status === "open") expect(matching.map(person)).toContain(d.other);
          }
          // A decision is never touched.
          for (const d of before) {
            if (d.status === "merged" || d.status === "dismissed") {
              expect(closed.has(d.id) || plan.update.some((u) => u.id === d.id)).toBe(false);
            }
          }
          // A pair with a live (open or decided) duplicate gets no second one.
          for (const c of plan.create) {
            expect(before.some((d) => d.candidatePersonId === c.candidatePersonId && d.status !== "stale")).toBe(false);
          }
        },
      ),
    );
  });
});
