import { ApiError, ConflictError, ProblemTypes } from "@comensha/sdk";
import { describe, expect, it } from "vitest";
import {
  actionsFor,
  addDays,
  capacityByShelter,
  conflictOf,
  daysBetween,
  defaultEndDate,
  defaultQueueState,
  earliestEndDate,
  isEndAfterStart,
  isIsoDate,
  offerExpiresAt,
  parseOverrideReason,
  parseQueueState,
  queueOrderOf,
  queueStates,
  waitingDays,
} from "../src/pages/shelters.js";
import { sampleAvailability } from "./support/fakeShelters.js";

const conflict = (type: string, title: string) =>
  new ConflictError({
    status: 409,
    headers: new Headers(),
    problem: { type, title, status: 409, requestId: "req_409" },
  });

describe("the request queue", () => {
  it("lists the open states first, then placed, ended and cancelled", () => {
    expect(queueStates).toEqual(["requested", "searching", "waitlisted", "offered", "placed", "ended", "cancelled"]);
  });

  it("reads the state from the URL, and falls back to new requests for anything else", () => {
    expect(parseQueueState("offered")).toBe("offered");
    expect(["requested", "searching", "waitlisted", "offered"].map((state) => queueOrderOf(state as never))).toEqual([
      "urgency",
      "urgency",
      "urgency",
      "urgency",
    ]);
    expect(["placed", "ended", "cancelled"].map((state) => queueOrderOf(state as never))).toEqual([
      "newest",
      "newest",
      "newest",
    ]);
    expect(parseQueueState(["placed", "ended"])).toBe("placed");
    expect(parseQueueState("transferred")).toBe(defaultQueueState);
    expect(parseQueueState(undefined)).toBe("requested");
  });

  it("counts the waiting days of open requests only", () => {
    expect(waitingDays({ state: "searching", requestedOn: "2026-11-18" }, "2026-11-20")).toBe(2);
    expect(waitingDays({ state: "requested", requestedOn: "2026-11-20" }, "2026-11-20")).toBe(0);
    expect(waitingDays({ state: "offered", requestedOn: "2026-10-31" }, "2026-11-01")).toBe(1);
    expect(waitingDays({ state: "placed", requestedOn: "2026-11-01" }, "2026-11-20")).toBeUndefined();
    expect(waitingDays({ state: "cancelled", requestedOn: "2026-11-01" }, "2026-11-20")).toBeUndefined();
  });

  it("never counts a negative wait when the clock is behind the request", () => {
    expect(waitingDays({ state: "requested", requestedOn: "2026-11-21" }, "2026-11-20")).toBe(0);
  });
});

describe("dates", () => {
  it("accepts real calendar dates only", () => {
    expect(isIsoDate("2026-11-20")).toBe(true);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("20-11-2026")).toBe(false);
    expect(isIsoDate("")).toBe(false);
  });

  it("adds days and counts the days between dates across month and DST boundaries", () => {
    expect(addDays("2026-10-31", 1)).toBe("2026-11-01");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-11-20", "2026-11-18")).toBe(-2);
  });

  it("proposes an end date the API accepts: today, or the day after the start for a placement that began today", () => {
    expect(earliestEndDate("2026-11-20")).toBe("2026-11-21");
    expect(earliestEndDate("2026-12-31")).toBe("2027-01-01");
    // Placed tonight: the end cannot be today (EndBeforeStart), so the form proposes tomorrow.
    expect(defaultEndDate("2026-11-20", "2026-11-20")).toBe("2026-11-21");
    // Placed in the future (an offer from next week): the day after that start.
    expect(defaultEndDate("2026-11-27", "2026-11-20")).toBe("2026-11-28");
    // Placed long ago: today.
    expect(defaultEndDate("2026-10-01", "2026-11-20")).toBe("2026-11-20");
    expect(defaultEndDate("2026-11-19", "2026-11-20")).toBe("2026-11-20");
    expect(defaultEndDate(undefined, "2026-11-20")).toBe("2026-11-20");
  });

  it("accepts an end date only after the start date, as the API does", () => {
    expect(isEndAfterStart("2026-11-20", "2026-11-20")).toBe(false);
    expect(isEndAfterStart("2026-11-19", "2026-11-20")).toBe(false);
    expect(isEndAfterStart("2026-11-21", "2026-11-20")).toBe(true);
    expect(isEndAfterStart("2026-11-20", undefined)).toBe(true);
  });

  it("sets an offer's expiry the chosen hours after now, in UTC", () => {
    expect(offerExpiresAt(new Date("2026-11-20T21:15:00.000Z"), 4)).toBe("2026-11-21T01:15:00.000Z");
  });
});

describe("the capacity board", () => {
  it("groups the places per shelter and counts free and total per target group, shelters with room first", () => {
    const rows = capacityByShelter(sampleAvailability("2026-11-20").places);
    expect(rows.map((row) => row.shelterName)).toEqual(["Opvang Voorbeeldstad", "Mannenhuis Proefstad"]);
    expect(rows[0]).toMatchObject({ free: 1, places: 2, groups: { women: { free: 1, places: 2 } } });
    expect(rows[1]).toMatchObject({ free: 0, places: 1, groups: { men: { free: 0, places: 1 } } });
    expect(rows[1]?.groups.women).toBeUndefined();
  });

  it("orders full shelters by name", () => {
    const [place] = sampleAvailability("2026-11-20").places;
    if (place === undefined) throw new Error("no sample place");
    const rows = capacityByShelter([
      { ...place, shelterId: "b", shelterName: "Zuiderhuis", free: false },
      { ...place, shelterId: "a", shelterName: "Amstelhuis", free: false },
      { ...place, shelterId: "c", shelterName: "Middenhuis", free: true },
    ]);
    expect(rows.map((row) => row.shelterName)).toEqual(["Middenhuis", "Amstelhuis", "Zuiderhuis"]);
  });

  it("has no rows without places", () => {
    expect(capacityByShelter([])).toEqual([]);
  });
});

describe("the actions of a request", () => {
  it("follows the domain's state machine", () => {
    expect(actionsFor("requested")).toEqual(["startSearch", "waitlist", "cancel"]);
    expect(actionsFor("searching")).toEqual(["waitlist", "offer", "cancel"]);
    expect(actionsFor("waitlisted")).toEqual(["startSearch", "offer", "cancel"]);
    expect(actionsFor("offered")).toEqual(["accept", "decline", "cancel"]);
    expect(actionsFor("placed")).toEqual(["end"]);
    expect(actionsFor("ended")).toEqual([]);
    expect(actionsFor("cancelled")).toEqual([]);
  });
});

describe("the override reason", () => {
  it("is optional, trimmed, and at least 10 characters when given", () => {
    expect(parseOverrideReason("   ")).toBeUndefined();
    expect(parseOverrideReason(" te kort ")).toBe("too_short");
    expect(parseOverrideReason("  Bedenktijd loopt morgen af  ")).toEqual({ reason: "Bedenktijd loopt morgen af" });
  });
});

describe("conflicts", () => {
  it("tells a place booked by someone else from a changed state, a lapsed offer and a closed shelter", () => {
    expect(conflictOf(conflict(ProblemTypes.placeAlreadyBooked, "The place is already booked for those dates"))).toBe(
      "place_taken",
    );
    expect(conflictOf(conflict(ProblemTypes.invalidState, "The request's state does not allow this"))).toBe(
      "state_changed",
    );
    expect(conflictOf(conflict(ProblemTypes.invalidState, "The request has no open offer"))).toBe("state_changed");
    // By their own problem types, never by the title's wording.
    expect(conflictOf(conflict(ProblemTypes.offerExpired, "The offer has lapsed"))).toBe("offer_lapsed");
    expect(conflictOf(conflict(ProblemTypes.shelterClosed, "The place's shelter is closed"))).toBe("shelter_closed");
    expect(conflictOf(conflict(ProblemTypes.invalidState, "The offer has lapsed"))).toBe("state_changed");
    expect(conflictOf(conflict(ProblemTypes.idempotencyInFlight, "In flight"))).toBe("in_flight");
    expect(conflictOf(conflict("about:blank", "HTTP 409"))).toBe("other");
  });

  it("is not a conflict for other errors", () => {
    expect(conflictOf(new TypeError("offline"))).toBeUndefined();
    expect(
      conflictOf(
        new ApiError({
          status: 500,
          headers: new Headers(),
          problem: { type: "x", title: "y", status: 500, requestId: "r" },
        }),
      ),
    ).toBeUndefined();
  });
});
