import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as IsoDate from "../src/IsoDate.js";
import * as Placement from "../src/Placement.js";
import * as PlacementRequest from "../src/PlacementRequest.js";
import * as Signals from "../src/Signals.js";

const d = IsoDate.make;
const requestIdOf = (n: number) =>
  Schema.decodeUnknownSync(PlacementRequest.PlacementRequestId)(
    `01900000-0000-7000-8000-${String(n).padStart(12, "0")}`,
  );
const placementIdOf = (n: number) =>
  Schema.decodeUnknownSync(Placement.PlacementId)(`01900000-0000-7000-9000-${String(n).padStart(12, "0")}`);

const request = (n: number, fields: Partial<Signals.WaitingRequest> = {}): Signals.WaitingRequest => ({
  id: requestIdOf(n),
  state: "searching",
  urgency: "tonight",
  targetGroup: "women",
  requestedOn: d("2026-03-01"),
  ...fields,
});

describe("Signals.waitingOverNorm", () => {
  it("flags a tonight request from the second day after it was made, not the first", () => {
    const requests = [request(1)];
    expect(Signals.waitingOverNorm(requests, d("2026-03-02"))).toEqual([]);
    expect(Signals.waitingOverNorm(requests, d("2026-03-03"))).toEqual([
      { kind: "waiting_over_norm", requestId: requestIdOf(1), daysWaiting: 2, normDays: 1 },
    ]);
  });

  it("uses 7 days for this week and 28 days for planned requests", () => {
    const requests = [request(1, { urgency: "this_week" }), request(2, { urgency: "planned" })];
    expect(Signals.waitingOverNorm(requests, d("2026-03-08")).map((s) => s.requestId)).toEqual([]);
    expect(Signals.waitingOverNorm(requests, d("2026-03-09")).map((s) => s.requestId)).toEqual([requestIdOf(1)]);
    expect(Signals.waitingOverNorm(requests, d("2026-03-29")).map((s) => s.requestId)).toEqual([requestIdOf(1)]);
    expect(Signals.waitingOverNorm(requests, d("2026-03-30")).map((s) => s.requestId)).toEqual([
      requestIdOf(1),
      requestIdOf(2),
    ]);
  });

  it("counts requested, searching, waitlisted and offered requests as waiting, and no others", () => {
    const states = PlacementRequest.PlacementState.literals;
    const requests = states.map((state, i) => request(i + 1, { state }));
    const flagged = Signals.waitingOverNorm(requests, d("2026-04-01")).map((s) => s.requestId);
    expect(flagged).toEqual(
      states.flatMap((state, i) =>
        ["requested", "searching", "offered", "waitlisted"].includes(state) ? [requestIdOf(i + 1)] : [],
      ),
    );
    expect(flagged).toHaveLength(4);
  });

  it("takes other norms when given", () => {
    const norms = { tonight: 0, this_week: 3, planned: 10 };
    expect(Signals.waitingOverNorm([request(1)], d("2026-03-02"), norms)).toHaveLength(1);
    expect(Signals.waitingOverNorm([request(1)], d("2026-03-01"), norms)).toHaveLength(0);
  });
});

describe("Signals.reflectionExpiresWhileWaiting", () => {
  const period = { offeredOn: d("2026-01-15"), offeredBy: "police", startsOn: d("2026-01-15"), dublin: false } as const;
  const waiting = request(1, { reflectionPeriod: period, requestedOn: d("2026-03-01") });

  it("flags a waiting request whose reflection period ends within 7 days, naming the last day", () => {
    expect(Signals.reflectionExpiresWhileWaiting([waiting], d("2026-04-06"))).toEqual([]);
    expect(Signals.reflectionExpiresWhileWaiting([waiting], d("2026-04-07"))).toEqual([
      { kind: "reflection_expires_while_waiting", requestId: requestIdOf(1), expiresOn: "2026-04-14" },
    ]);
  });

  it("keeps flagging once the period has expired while the request still waits", () => {
    expect(Signals.reflectionExpiresWhileWaiting([waiting], d("2026-06-01"))).toHaveLength(1);
  });

  it("does not flag a period that had already expired before the request, nor a placed or cancelled request", () => {
    const late = request(2, { reflectionPeriod: period, requestedOn: d("2026-04-15") });
    expect(Signals.reflectionExpiresWhileWaiting([late], d("2026-04-16"))).toEqual([]);
    const onLastDay = request(3, { reflectionPeriod: period, requestedOn: d("2026-04-14") });
    expect(Signals.reflectionExpiresWhileWaiting([onLastDay], d("2026-04-14"))).toHaveLength(1);
    for (const state of ["placed", "cancelled", "ended"] as const) {
      expect(Signals.reflectionExpiresWhileWaiting([{ ...waiting, state }], d("2026-04-10"))).toEqual([]);
    }
  });

  it("does not flag a request without a reflection period, and honours another horizon", () => {
    expect(Signals.reflectionExpiresWhileWaiting([request(4)], d("2026-04-10"))).toEqual([]);
    expect(Signals.reflectionExpiresWhileWaiting([waiting], d("2026-04-10"), 3)).toEqual([]);
    expect(Signals.reflectionExpiresWhileWaiting([waiting], d("2026-04-11"), 3)).toHaveLength(1);
  });
});

describe("Signals.cosmStayOverNorm", () => {
  const placements: ReadonlyArray<Signals.StayingPlacement> = [
    { id: placementIdOf(1), requestId: requestIdOf(101), startsOn: d("2026-01-15"), shelterKind: "cosm" },
    { id: placementIdOf(2), requestId: requestIdOf(102), startsOn: d("2026-01-15"), shelterKind: "womens_shelter" },
    {
      id: placementIdOf(3),
      requestId: requestIdOf(103),
      startsOn: d("2026-01-15"),
      endsOn: d("2026-03-01"),
      shelterKind: "cosm",
    },
    { id: placementIdOf(4), requestId: requestIdOf(104), startsOn: d("2026-02-01"), shelterKind: "cosm" },
  ];

  it("flags running COSM stays from 3 months after their start", () => {
    expect(Signals.cosmStayOverNorm(placements, d("2026-04-14"))).toEqual([]);
    expect(Signals.cosmStayOverNorm(placements, d("2026-04-15"))).toEqual([
      {
        kind: "cosm_stay_over_norm",
        placementId: placementIdOf(1),
        requestId: requestIdOf(101),
        startsOn: "2026-01-15",
      },
    ]);
    expect(Signals.cosmStayOverNorm(placements, d("2026-05-01")).map((s) => s.placementId)).toEqual([
      placementIdOf(1),
      placementIdOf(4),
    ]);
  });
});

describe("Signals.noCapacity", () => {
  const place = (targetGroup: Signals.TonightsPlace["targetGroup"], isFree: boolean): Signals.TonightsPlace => ({
    targetGroup,
    isFree,
  });

  it("flags each target group with requests looking for a place and no free place, counting the requests", () => {
    const requests = [
      request(1),
      request(2, { state: "waitlisted" }),
      request(3, { state: "requested" }),
      request(4, { targetGroup: "minors" }),
      request(5, { targetGroup: "men" }),
    ];
    const places = [place("women", false), place("men", true), place("minors", false), place("families", false)];
    expect(Signals.noCapacity(requests, places)).toEqual([
      { kind: "no_capacity", targetGroup: "women", waiting: 3 },
      { kind: "no_capacity", targetGroup: "minors", waiting: 1 },
    ]);
    expect(Signals.noCapacity(requests, [])).toEqual([
      { kind: "no_capacity", targetGroup: "women", waiting: 3 },
      { kind: "no_capacity", targetGroup: "men", waiting: 1 },
      { kind: "no_capacity", targetGroup: "minors", waiting: 1 },
    ]);
  });

  it("says nothing for a group with one free place, or whose requests are offered, placed or closed", () => {
    const places = [place("women", false), place("women", true)];
    expect(Signals.noCapacity([request(1), request(2)], places)).toEqual([]);
    const settled = (["offered", "placed", "ended", "cancelled"] as const).map((state, n) => request(n, { state }));
    expect(Signals.noCapacity(settled, [place("women", false)])).toEqual([]);
  });
});

describe("Signals.deriveSignals and the Signal schema", () => {
  it("derives every kind of signal in one list that the Signal schema encodes and decodes", () => {
    const period = { offeredOn: d("2026-01-15"), offeredBy: "kmar", startsOn: d("2026-01-15"), dublin: false } as const;
    const signals = Signals.deriveSignals(
      {
        requests: [request(1, { reflectionPeriod: period })],
        placements: [
          { id: placementIdOf(1), requestId: requestIdOf(101), startsOn: d("2026-01-01"), shelterKind: "cosm" },
        ],
        places: [{ targetGroup: "women", isFree: false }],
      },
      d("2026-04-10"),
    );
    expect(signals.map((s) => s.kind)).toEqual([
      "no_capacity",
      "waiting_over_norm",
      "reflection_expires_while_waiting",
      "cosm_stay_over_norm",
    ]);
    const wire = Schema.encodeSync(Schema.Array(Signals.Signal))(signals);
    expect(Schema.decodeUnknownSync(Schema.Array(Signals.Signal))(wire)).toEqual(signals);
    expect(Signals.Signal.guards.cosm_stay_over_norm(signals[3])).toBe(true);
    expect(Signals.Signal.guards.no_capacity(signals[0])).toBe(true);
    expect(() =>
      Schema.decodeUnknownSync(Signals.Signal)({ kind: "no_capacity", requestId: requestIdOf(1) }),
    ).toThrow();
    expect(() =>
      Schema.decodeUnknownSync(Signals.Signal)({ kind: "sharp_change", requestId: requestIdOf(1) }),
    ).toThrow();
  });
});

describe("Signals.summariseSignals: what policy staff see", () => {
  it("counts per kind and target group, with no id or date of any case", () => {
    const input = {
      requests: [
        request(1),
        request(2),
        request(3, { targetGroup: "men", urgency: "this_week", requestedOn: d("2026-02-01") }),
        request(4, { targetGroup: "men", state: "offered" }),
      ],
      placements: [
        {
          id: placementIdOf(1),
          requestId: requestIdOf(101),
          startsOn: d("2026-01-01"),
          shelterKind: "cosm" as const,
          targetGroup: "men" as const,
        },
        {
          id: placementIdOf(2),
          requestId: requestIdOf(102),
          startsOn: d("2026-01-02"),
          shelterKind: "cosm" as const,
          targetGroup: "men" as const,
        },
        { id: placementIdOf(3), requestId: requestIdOf(103), startsOn: d("2026-01-03"), shelterKind: "cosm" as const },
      ],
      places: [
        { targetGroup: "women" as const, isFree: false },
        { targetGroup: "men" as const, isFree: true },
      ],
    };
    const signals = Signals.deriveSignals(input, d("2026-04-10"));
    const summary = Signals.summariseSignals(signals, input);
    expect(summary).toEqual([
      { kind: "no_capacity", targetGroup: "women", count: 2 },
      { kind: "waiting_over_norm", targetGroup: "women", count: 2 },
      { kind: "waiting_over_norm", targetGroup: "men", count: 2 },
      { kind: "cosm_stay_over_norm", targetGroup: "men", count: 2 },
      { kind: "cosm_stay_over_norm", targetGroup: null, count: 1 },
    ]);
    const wire = JSON.stringify(Schema.encodeSync(Schema.Array(Signals.SignalSummaryRow))(summary));
    expect(wire).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(wire).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe("Signals.followUpsOverdue: overdue tasks as a count", () => {
  it("is one signal with the number of overdue tasks, none at zero, and counts alone in the summary", () => {
    expect(Signals.followUpsOverdue(0)).toEqual([]);
    const input = { requests: [], placements: [], places: [], overdueFollowUps: 3 };
    const signals = Signals.deriveSignals(input, d("2026-04-10"));
    expect(signals).toEqual([{ kind: "follow_ups_overdue", count: 3 }]);
    expect(Signals.deriveSignals({ requests: [], placements: [], places: [] }, d("2026-04-10"))).toEqual([]);
    const wire = Schema.encodeSync(Schema.Array(Signals.Signal))(signals);
    expect(Schema.decodeUnknownSync(Schema.Array(Signals.Signal))(wire)).toEqual(signals);
    expect(Signals.summariseSignals(signals, input)).toEqual([
      { kind: "follow_ups_overdue", targetGroup: null, count: 3 },
    ]);
  });

  it("comes last in the summary, after the signals of cases", () => {
    const input = {
      requests: [request(1)],
      placements: [],
      places: [{ targetGroup: "women" as const, isFree: false }],
      overdueFollowUps: 1,
    };
    const summary = Signals.summariseSignals(Signals.deriveSignals(input, d("2026-04-10")), input);
    expect(summary.map((row) => row.kind)).toEqual(["no_capacity", "waiting_over_norm", "follow_ups_overdue"]);
  });
});
