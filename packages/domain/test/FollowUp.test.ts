import { Redacted, Schema } from "effect";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FollowUp, IsoDate, StayList } from "../src/index.js";
import * as IsoWeek from "../src/labels/IsoWeek.js";

const d = IsoDate.make;
const decode = Schema.decodeUnknownExit(FollowUp.NewFollowUp);
const owner = "0194e000-0000-7000-8000-0000000000a1";
const person = (n: number) => `0194e000-0000-7000-8000-${String(n).padStart(12, "0")}`;

describe("a new follow-up task", () => {
  it("takes a kind of the code list, a real due date, an optional owner and an optional title of 1-200 characters", () => {
    const task = Schema.decodeUnknownSync(FollowUp.NewFollowUp)({
      kind: "residence_decision_b8_3",
      dueOn: "2026-03-01",
      owner,
      title: "  Ask IND about the decision  ",
    });
    expect(task.title === undefined ? undefined : Redacted.value(task.title)).toBe("Ask IND about the decision");
    expect(decode({ kind: "custom", dueOn: "2026-03-01" })._tag).toBe("Success");
    expect(decode({ kind: "custom", dueOn: "2026-03-01", title: "x".repeat(200) })._tag).toBe("Success");
    for (const bad of [
      { kind: "birthday", dueOn: "2026-03-01" },
      { kind: "custom", dueOn: "2026-02-30" },
      { kind: "custom", dueOn: "2026-03-01", owner: "me" },
      { kind: "custom", dueOn: "2026-03-01", title: "   " },
      { kind: "custom", dueOn: "2026-03-01", title: "x".repeat(201) },
      { kind: "custom" },
    ]) {
      expect(decode(bad)._tag, JSON.stringify(bad).slice(0, 60)).toBe("Failure");
    }
  });

  it("never shows its title when logged, printed or serialised", () => {
    const task = Schema.decodeUnknownSync(FollowUp.NewFollowUp)({
      kind: "custom",
      dueOn: "2026-03-01",
      title: "Call Testbedrijf",
    });
    expect(String(task.title)).not.toContain("Testbedrijf");
    expect(JSON.stringify(task)).not.toContain("Testbedrijf");
  });
});

describe("FollowUp.isOverdue", () => {
  it("is true only for an open task due before today", () => {
    const today = d("2026-05-10");
    expect(FollowUp.isOverdue({ state: "open", dueOn: d("2026-05-09") }, today)).toBe(true);
    expect(FollowUp.isOverdue({ state: "open", dueOn: d("2026-05-10") }, today)).toBe(false);
    expect(FollowUp.isOverdue({ state: "open", dueOn: d("2026-05-11") }, today)).toBe(false);
    expect(FollowUp.isOverdue({ state: "done", dueOn: d("2026-01-01") }, today)).toBe(false);
    expect(FollowUp.isOverdue({ state: "cancelled", dueOn: d("2026-01-01") }, today)).toBe(false);
  });
});

describe("FollowUp.suggestFollowUps", () => {
  const period = (startsOn: string, dublin = false) =>
    ({ offeredOn: d(startsOn), offeredBy: "police", startsOn: d(startsOn), dublin }) as const;

  it("suggests the end of each running reflection period and the 3-month norm of each COSM stay", () => {
    const suggestions = FollowUp.suggestFollowUps(
      {
        reflectionPeriods: [period("2026-01-15"), period("2026-02-01", true)],
        placements: [
          { startsOn: d("2026-01-31"), shelterKind: "cosm" },
          { startsOn: d("2026-01-20"), shelterKind: "womens_shelter" },
        ],
      },
      [],
      d("2026-02-10"),
    );
    expect(suggestions).toEqual([
      { kind: "reflection_period_end", dueOn: "2026-03-02" },
      { kind: "reflection_period_end", dueOn: "2026-04-14" },
      { kind: "cosm_three_month_norm", dueOn: "2026-04-30" },
    ]);
  });

  it("leaves out expired periods, COSM stays that end before their norm, and tasks that exist in any state", () => {
    const facts = {
      reflectionPeriods: [period("2025-06-01"), period("2026-01-15")],
      placements: [
        { startsOn: d("2026-01-01"), endsOn: d("2026-02-01"), shelterKind: "cosm" as const },
        { startsOn: d("2026-01-01"), endsOn: d("2026-04-02"), shelterKind: "cosm" as const },
      ],
    };
    expect(FollowUp.suggestFollowUps(facts, [], d("2026-02-10"))).toEqual([
      { kind: "cosm_three_month_norm", dueOn: "2026-04-01" },
      { kind: "reflection_period_end", dueOn: "2026-04-14" },
    ]);
    expect(
      FollowUp.suggestFollowUps(
        facts,
        [
          { kind: "reflection_period_end", dueOn: d("2026-04-14") },
          { kind: "custom", dueOn: d("2026-04-01") },
        ],
        d("2026-02-10"),
      ),
    ).toEqual([{ kind: "cosm_three_month_norm", dueOn: "2026-04-01" }]);
  });

  it("still suggests the norm of a COSM stay already past it, so an overdue check is not missed", () => {
    const facts = { reflectionPeriods: [], placements: [{ startsOn: d("2026-01-01"), shelterKind: "cosm" as const }] };
    expect(FollowUp.suggestFollowUps(facts, [], d("2026-06-01"))).toEqual([
      { kind: "cosm_three_month_norm", dueOn: "2026-04-01" },
    ]);
  });

  it("suggests each task once and never one that exists, whatever the case (property)", () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => IsoDate.addDays(d("2025-01-01"), n));
    fc.assert(
      fc.property(
        fc.array(day, { maxLength: 4 }),
        fc.array(fc.record({ startsOn: day, cosm: fc.boolean() }), { maxLength: 4 }),
        fc.array(fc.record({ kind: fc.constantFrom(...FollowUp.kindCodeList.codes), dueOn: day }), { maxLength: 4 }),
        day,
        (starts, stays, existing, today) => {
          const suggestions = FollowUp.suggestFollowUps(
            {
              reflectionPeriods: starts.map((start) => period(start)),
              placements: stays.map((stay) => ({
                startsOn: stay.startsOn,
                shelterKind: stay.cosm ? ("cosm" as const) : ("mens_shelter" as const),
              })),
            },
            existing,
            today,
          );
          const keys = suggestions.map((s) => `${s.kind}|${s.dueOn}`);
          expect(new Set(keys).size).toBe(keys.length);
          for (const task of existing) expect(keys).not.toContain(`${task.kind}|${task.dueOn}`);
          for (let i = 1; i < suggestions.length; i++) {
            expect((suggestions[i - 1]?.dueOn ?? "") <= (suggestions[i]?.dueOn ?? "")).toBe(true);
          }
        },
      ),
    );
  });
});

describe("ISO weeks", () => {
  it("names the week of a date by its Thursday's year", () => {
    expect(IsoWeek.weekOf("2026-01-01")).toBe("2026-W01");
    expect(IsoWeek.weekOf("2025-12-29")).toBe("2026-W01");
    expect(IsoWeek.weekOf("2027-01-03")).toBe("2026-W53");
    expect(IsoWeek.weekOf("2027-01-04")).toBe("2027-W01");
    expect(IsoWeek.weekOf("2026-12-08")).toBe("2026-W50");
  });

  it("takes only weeks that exist, and gives their Monday and Sunday", () => {
    expect(StayList.daysOf(Schema.decodeUnknownSync(StayList.IsoWeek)("2026-W01"))).toEqual({
      from: "2025-12-29",
      to: "2026-01-04",
    });
    expect(IsoWeek.daysOf("2026-W53")).toEqual({ from: "2026-12-28", to: "2027-01-03" });
    for (const bad of ["2025-W53", "2026-W00", "2026-W54", "2026-W1", "2026W01", "2026-01"]) {
      expect(IsoWeek.isIsoWeek(bad), bad).toBe(false);
    }
  });

  it("has every day of a week in that week (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (n) => {
        const date = IsoDate.addDays(d("1990-01-01"), n);
        const week = IsoWeek.weekOf(date);
        expect(IsoWeek.isIsoWeek(week)).toBe(true);
        const { from, to } = IsoWeek.daysOf(week);
        expect(from <= date && date <= to).toBe(true);
        expect(IsoWeek.weekdayOf(from)).toBe(1);
        expect(IsoDate.daysBetween(d(from), d(to))).toBe(6);
      }),
    );
  });
});

describe("StayList.stayListRows", () => {
  const week = Schema.decodeUnknownSync(StayList.IsoWeek)("2026-W10"); // 2026-03-02 to 2026-03-08
  const stay = (n: number, startsOn: string, endsOn?: string) => ({
    personId: person(n) as never,
    registrationId: person(100 + n) as never,
    placementId: person(200 + n) as never,
    startsOn: d(startsOn),
    ...(endsOn === undefined ? {} : { endsOn: d(endsOn) }),
  });

  it("lists the stays holding a place on a night of the week (not one that left on its Monday), with nights and tasks due", () => {
    const rows = StayList.stayListRows(
      week,
      [
        stay(1, "2026-02-20"),
        stay(2, "2026-03-04", "2026-03-06"),
        stay(3, "2026-02-01", "2026-03-02"),
        stay(4, "2026-03-09"),
        stay(5, "2026-03-08"),
      ],
      [
        { personId: person(1) as never, dueOn: d("2026-03-10") },
        { personId: person(1) as never, dueOn: d("2026-03-05") },
        { personId: person(1) as never, dueOn: d("2026-02-01") },
        { personId: person(2) as never, dueOn: d("2026-03-08") },
      ],
    );
    expect(rows).toEqual([
      {
        personId: person(1),
        registrationId: person(101),
        placementId: person(201),
        startsOn: "2026-02-20",
        endsOn: null,
        daysStayed: 17,
        daysInWeek: 7,
        openFollowUpsDue: 2,
        nextFollowUpDueOn: "2026-02-01",
      },
      {
        personId: person(2),
        registrationId: person(102),
        placementId: person(202),
        startsOn: "2026-03-04",
        endsOn: "2026-03-06",
        daysStayed: 2,
        daysInWeek: 2,
        openFollowUpsDue: 1,
        nextFollowUpDueOn: "2026-03-08",
      },
      {
        personId: person(5),
        registrationId: person(105),
        placementId: person(205),
        startsOn: "2026-03-08",
        endsOn: null,
        daysStayed: 1,
        daysInWeek: 1,
        openFollowUpsDue: 0,
        nextFollowUpDueOn: null,
      },
    ]);
  });
});
