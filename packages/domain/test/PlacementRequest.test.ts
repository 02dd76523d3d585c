import { describe, expect, it } from "@effect/vitest";
import { Effect, Redacted, Result, Schema } from "effect";
import * as IsoDate from "../src/IsoDate.js";
import * as PlacementRequest from "../src/PlacementRequest.js";
import * as Shelter from "../src/Shelter.js";

type State = PlacementRequest.PlacementState;
type EventTag = PlacementRequest.PlacementEventTag;

const allowed: ReadonlyArray<readonly [State, EventTag, State]> = [
  ["requested", "StartSearch", "searching"],
  ["requested", "Waitlist", "waitlisted"],
  ["requested", "Cancel", "cancelled"],
  ["searching", "Waitlist", "waitlisted"],
  ["searching", "Offer", "offered"],
  ["searching", "Cancel", "cancelled"],
  ["waitlisted", "StartSearch", "searching"],
  ["waitlisted", "Offer", "offered"],
  ["waitlisted", "Cancel", "cancelled"],
  ["offered", "Accept", "placed"],
  ["offered", "DeclineOffer", "searching"],
  ["offered", "OfferExpired", "searching"],
  ["offered", "Cancel", "cancelled"],
  ["placed", "End", "ended"],
];

const states: ReadonlyArray<State> = [
  "requested",
  "searching",
  "offered",
  "placed",
  "ended",
  "cancelled",
  "waitlisted",
];
const eventTags: ReadonlyArray<EventTag> = [
  "StartSearch",
  "Waitlist",
  "Offer",
  "Accept",
  "DeclineOffer",
  "OfferExpired",
  "End",
  "Cancel",
];

const eventOf = (tag: EventTag): PlacementRequest.PlacementEvent => {
  switch (tag) {
    case "Offer":
      return {
        _tag: "Offer",
        placeId: Schema.decodeUnknownSync(Shelter.PlaceId)("01900000-0000-7000-8000-000000000002"),
        startsOn: IsoDate.make("2026-11-21"),
        expiresAt: "2026-11-20T18:00:00Z",
      };
    case "End":
      return { _tag: "End", endsOn: IsoDate.make("2026-12-01") };
    default:
      return { _tag: tag };
  }
};

const cells = states.flatMap((from) =>
  eventTags.map((event) => {
    const row = allowed.find(([f, e]) => f === from && e === event);
    return { from, event, to: row?.[2] };
  }),
);

describe("PlacementRequest.transition", () => {
  it("lists every state and every event of the design", () => {
    expect(PlacementRequest.PlacementState.literals).toEqual(states);
    expect(PlacementRequest.PlacementEventTag.literals).toEqual(eventTags);
    expect(Object.keys(PlacementRequest.PlacementEvent.cases)).toEqual(eventTags);
    expect(cells).toHaveLength(56);
  });

  it.each(cells.filter((cell) => cell.to !== undefined))("moves $from on $event to $to", ({ from, event, to }) => {
    expect(PlacementRequest.transition(from, eventOf(event))).toEqual(Result.succeed(to));
  });

  it.each(cells.filter((cell) => cell.to === undefined))(
    "refuses $event in $from with an IllegalTransition carrying the current state",
    ({ from, event }) => {
      const result = PlacementRequest.transition(from, eventOf(event));
      expect(Result.isFailure(result)).toBe(true);
      if (Result.isFailure(result)) {
        expect(result.failure).toBeInstanceOf(PlacementRequest.IllegalTransition);
        expect(result.failure).toMatchObject({ _tag: "IllegalTransition", from, event });
      }
    },
  );

  it("offers the allowed events of each state in table order", () => {
    for (const state of states) {
      expect(PlacementRequest.allowedEvents(state)).toEqual(
        eventTags.filter((event) => allowed.some(([f, e]) => f === state && e === event)),
      );
    }
    expect(PlacementRequest.allowedEvents("ended")).toEqual([]);
    expect(PlacementRequest.allowedEvents("offered")).toEqual(["Accept", "DeclineOffer", "OfferExpired", "Cancel"]);
  });

  it("treats ended and cancelled as final, and the four open states before placement as waiting", () => {
    expect(states.filter(PlacementRequest.isFinal)).toEqual(["ended", "cancelled"]);
    expect(states.filter(PlacementRequest.isWaiting)).toEqual(["requested", "searching", "offered", "waitlisted"]);
  });

  it.effect("fails in an Effect with the IllegalTransition as a typed error", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Effect.fromResult(PlacementRequest.transition("ended", { _tag: "Cancel" })));
      expect(error._tag).toBe("IllegalTransition");
      expect(error.from).toBe("ended");
    }),
  );
});

describe("PlacementRequest.PlacementEvent", () => {
  const decode = Schema.decodeUnknownSync(PlacementRequest.PlacementEvent);

  it("decodes an offer with its place, start date and expiry instant", () => {
    const wire = {
      _tag: "Offer",
      placeId: "01900000-0000-7000-8000-000000000002",
      startsOn: "2026-11-21",
      expiresAt: "2026-11-20T18:00:00.000Z",
    };
    expect(decode(wire)).toEqual(wire);
  });

  it("rejects an offer with a local time or an unreal instant, and an unknown event", () => {
    const offer = { _tag: "Offer", placeId: "01900000-0000-7000-8000-000000000002", startsOn: "2026-11-21" };
    expect(() => decode({ ...offer, expiresAt: "2026-11-20T18:00:00" })).toThrow(/UTC timestamp/);
    expect(() => decode({ ...offer, expiresAt: "2026-11-20T25:00:00Z" })).toThrow(/real UTC timestamp/);
    expect(() => decode({ _tag: "Reopen" })).toThrow();
  });
});

describe("PlacementRequest.PlacementNeeds", () => {
  const decode = Schema.decodeUnknownSync(PlacementRequest.PlacementNeeds);
  const wire = { targetGroup: "women", children: 2, urgency: "tonight", security: "high", languages: ["ro", "en"] };

  it("decodes needs and redacts the medical needs", () => {
    const needs = decode({ ...wire, medicalNeeds: "Insulin twice a day" });
    expect(needs.languages).toEqual(["ro", "en"]);
    expect(needs.medicalNeeds && Redacted.value(needs.medicalNeeds)).toBe("Insulin twice a day");
    expect(String(needs.medicalNeeds)).not.toContain("Insulin");
    expect(JSON.stringify(needs)).not.toContain("Insulin");
  });

  it("rejects unknown urgencies, language codes that are not ISO 639-1, repeats and too many languages", () => {
    expect(decode(wire).urgency).toBe("tonight");
    expect(() => decode({ ...wire, urgency: "asap" })).toThrow();
    expect(() => decode({ ...wire, languages: ["EN"] })).toThrow(/ISO 639-1/);
    expect(() => decode({ ...wire, languages: ["eng"] })).toThrow(/ISO 639-1/);
    expect(() => decode({ ...wire, languages: ["en", "en"] })).toThrow();
    expect(() => decode({ ...wire, languages: ["en", "nl", "fr", "de", "ro", "bg"] })).toThrow();
  });

  it("rejects a negative or fractional number of children and overlong medical needs", () => {
    expect(() => decode({ ...wire, children: -1 })).toThrow();
    expect(() => decode({ ...wire, children: 1.5 })).toThrow();
    expect(() => decode({ ...wire, medicalNeeds: "x".repeat(501) })).toThrow();
    expect(() => decode({ ...wire, medicalNeeds: "" })).toThrow();
  });

  it("labels the urgencies in Dutch and English", () => {
    expect(PlacementRequest.urgencyCodeList.codes).toEqual(["tonight", "this_week", "planned"]);
    expect(PlacementRequest.urgencyCodeList.label("tonight", "nl")).toBe("Vannacht");
  });
});
