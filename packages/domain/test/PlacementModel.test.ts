import { describe, expect, it } from "@effect/vitest";
import { Result, Schema } from "effect";
import * as fc from "fast-check";
import * as IsoDate from "../src/IsoDate.js";
import * as Placement from "../src/Placement.js";
import * as PlacementRequest from "../src/PlacementRequest.js";
import * as Shelter from "../src/Shelter.js";

/*
 * Model-based test of the placement flow: a small in-memory booking system built from the domain's pure functions
 * (`transition`, `overlaps`) is driven by random command sequences and compared with an independent model that
 * counts occupied days.
 */

type State = PlacementRequest.PlacementState;
type EventTag = PlacementRequest.PlacementEventTag;

const base = IsoDate.make("2026-01-01");
const horizon = 60;
const days = Array.from({ length: horizon }, (_, n) => IsoDate.addDays(base, n));
const dayOf = (n: number): IsoDate.IsoDate => {
  const day = days[n];
  if (day === undefined) throw new Error(`Day ${n} is beyond the horizon`);
  return day;
};
const placeIds = [1, 2, 3].map((n) =>
  Schema.decodeUnknownSync(Shelter.PlaceId)(`01900000-0000-7000-8000-${String(n).padStart(12, "0")}`),
);
const placeIdAt = (index: number): Shelter.PlaceId => {
  const id = placeIds[index];
  if (id === undefined) throw new Error(`No place ${index}`);
  return id;
};

/** The end date given is before the start of the placement. */
class EndBeforeStart extends Schema.TaggedError<EndBeforeStart>()("EndBeforeStart", {}) {}

type Refusal = PlacementRequest.IllegalTransition | Placement.PlaceAlreadyBooked | EndBeforeStart;

interface Booked {
  readonly requestIndex: number;
  readonly placeId: Shelter.PlaceId;
  readonly startsOn: IsoDate.IsoDate;
  endsOn?: IsoDate.IsoDate;
}

/** The system under test: requests and placements in memory, with the rules taken from the domain. */
class Booking {
  readonly requests: Array<{ state: State; offer?: { placeId: Shelter.PlaceId; startsOn: IsoDate.IsoDate } }> = [];
  readonly placements: Array<Booked> = [];

  create(): number {
    this.requests.push({ state: "requested" });
    return this.requests.length - 1;
  }

  isBooked(placeId: Shelter.PlaceId, range: Placement.DateRange): boolean {
    return this.placements.some((p) => p.placeId === placeId && Placement.overlaps(p, range));
  }

  apply(index: number, event: PlacementRequest.PlacementEvent): Result.Result<State, Refusal> {
    const request = this.requests[index];
    if (request === undefined) throw new Error(`No request ${index}`);
    const next = PlacementRequest.transition(request.state, event);
    if (Result.isFailure(next)) return next;
    switch (event._tag) {
      case "Offer":
        if (this.isBooked(event.placeId, { startsOn: event.startsOn })) {
          return Result.fail(new Placement.PlaceAlreadyBooked({ placeId: event.placeId, startsOn: event.startsOn }));
        }
        request.offer = { placeId: event.placeId, startsOn: event.startsOn };
        break;
      case "Accept": {
        const offer = request.offer;
        if (offer === undefined) throw new Error("An offered request has an offer");
        if (this.isBooked(offer.placeId, { startsOn: offer.startsOn })) {
          return Result.fail(new Placement.PlaceAlreadyBooked(offer));
        }
        this.placements.push({ requestIndex: index, ...offer });
        delete request.offer;
        break;
      }
      case "DeclineOffer":
      case "OfferExpired":
        delete request.offer;
        break;
      case "End": {
        const placement = this.placements.find((p) => p.requestIndex === index && p.endsOn === undefined);
        if (placement === undefined) throw new Error("A placed request has an open placement");
        if (IsoDate.isBefore(event.endsOn, placement.startsOn)) return Result.fail(new EndBeforeStart());
        placement.endsOn = event.endsOn;
        break;
      }
      default:
        break;
    }
    request.state = next.success;
    return next;
  }

  snapshot(): string {
    return JSON.stringify({ requests: this.requests, placements: this.placements });
  }
}

/** The model: states by an explicit list of allowed moves, and bookings as sets of occupied days. */
interface Model {
  readonly requests: Array<{
    state: State;
    offer?: { place: number; start: number };
    stay?: { place: number; start: number; end?: number };
  }>;
}

const moves: { readonly [move: string]: State } = {
  "requested StartSearch": "searching",
  "requested Waitlist": "waitlisted",
  "requested Cancel": "cancelled",
  "searching Waitlist": "waitlisted",
  "searching Offer": "offered",
  "searching Cancel": "cancelled",
  "waitlisted StartSearch": "searching",
  "waitlisted Offer": "offered",
  "waitlisted Cancel": "cancelled",
  "offered Accept": "placed",
  "offered DeclineOffer": "searching",
  "offered OfferExpired": "searching",
  "offered Cancel": "cancelled",
  "placed End": "ended",
};

const occupiedDays = (model: Model, place: number): Set<number> => {
  const days = new Set<number>();
  for (const { stay } of model.requests) {
    if (stay?.place !== place) continue;
    for (let day = stay.start; day < (stay.end ?? horizon); day++) days.add(day);
  }
  return days;
};

const isFreeFrom = (model: Model, place: number, start: number): boolean =>
  [...occupiedDays(model, place)].every((day) => day < start);

const tally = { accepted: 0, ended: 0, alreadyBooked: 0, illegal: 0, offeredOnEndDate: 0 };

class RequestCommand implements fc.Command<Model, Booking> {
  check = () => true;
  run(model: Model, real: Booking): void {
    expect(real.create()).toBe(model.requests.length);
    model.requests.push({ state: "requested" });
    checkInvariants(model, real);
  }
  toString = () => "request";
}

class EventCommand implements fc.Command<Model, Booking> {
  constructor(
    readonly pick: number,
    readonly tag: EventTag,
    readonly place: number,
    readonly day: number,
  ) {}

  check = (model: Readonly<Model>) => model.requests.length > 0;

  run(model: Model, real: Booking): void {
    const index = this.pick % model.requests.length;
    const expected = model.requests[index];
    if (expected === undefined) throw new Error("unreachable");
    const before = real.snapshot();
    const result = real.apply(index, this.event());
    const next = moves[`${expected.state} ${this.tag}`];

    const refusal = this.expectedRefusal(model, index, next);
    if (refusal !== undefined) {
      expect(Result.isFailure(result)).toBe(true);
      if (Result.isFailure(result)) expect(result.failure).toMatchObject(refusal);
      expect(real.snapshot()).toBe(before);
      if (refusal._tag === "IllegalTransition") tally.illegal++;
      if (refusal._tag === "PlaceAlreadyBooked") tally.alreadyBooked++;
    } else {
      expect(result).toEqual(Result.succeed(next));
      this.update(model, index);
      if (this.tag === "End") {
        const ended = real.placements.find((p) => p.requestIndex === index);
        expect(ended?.endsOn).toBe(dayOf(this.day));
        if (ended !== undefined) expect(real.isBooked(ended.placeId, { startsOn: dayOf(this.day) })).toBe(false);
      }
    }
    checkInvariants(model, real);
  }

  private event(): PlacementRequest.PlacementEvent {
    switch (this.tag) {
      case "Offer":
        return {
          _tag: "Offer",
          placeId: placeIdAt(this.place),
          startsOn: dayOf(this.day),
          expiresAt: "2026-12-31T00:00:00Z",
        };
      case "End":
        return { _tag: "End", endsOn: dayOf(this.day) };
      default:
        return { _tag: this.tag };
    }
  }

  private expectedRefusal(model: Model, index: number, next: State | undefined): Record<string, unknown> | undefined {
    const request = model.requests[index];
    if (request === undefined) throw new Error("unreachable");
    if (next === undefined) return { _tag: "IllegalTransition", from: request.state, event: this.tag };
    if (this.tag === "Offer" && !isFreeFrom(model, this.place, this.day)) return { _tag: "PlaceAlreadyBooked" };
    if (
      this.tag === "Accept" &&
      request.offer !== undefined &&
      !isFreeFrom(model, request.offer.place, request.offer.start)
    ) {
      return { _tag: "PlaceAlreadyBooked" };
    }
    if (this.tag === "End" && request.stay !== undefined && this.day < request.stay.start)
      return { _tag: "EndBeforeStart" };
    return undefined;
  }

  private update(model: Model, index: number): void {
    const request = model.requests[index];
    const next = moves[`${request?.state} ${this.tag}`];
    if (request === undefined || next === undefined) throw new Error("unreachable");
    request.state = next;
    if (this.tag === "Offer") {
      request.offer = { place: this.place, start: this.day };
      if (model.requests.some((other) => other.stay?.place === this.place && other.stay.end === this.day)) {
        tally.offeredOnEndDate++;
      }
    }
    if (this.tag === "DeclineOffer" || this.tag === "OfferExpired") delete request.offer;
    if (this.tag === "Accept" && request.offer !== undefined) {
      request.stay = { ...request.offer };
      delete request.offer;
      tally.accepted++;
    }
    if (this.tag === "End" && request.stay !== undefined) {
      request.stay.end = this.day;
      tally.ended++;
    }
  }

  toString = () =>
    `${this.tag}(request ${this.pick}${this.tag === "Offer" ? `, place ${this.place}` : ""}${
      this.tag === "Offer" || this.tag === "End" ? `, day ${this.day}` : ""
    })`;
}

const checkInvariants = (model: Model, real: Booking): void => {
  expect(real.requests.map((r) => r.state)).toEqual(model.requests.map((r) => r.state));

  for (const [i, a] of real.placements.entries()) {
    for (const b of real.placements.slice(i + 1)) {
      if (a.placeId === b.placeId) expect(Placement.overlaps(a, b), "two placements overlap on one place").toBe(false);
    }
  }

  real.requests.forEach((request, index) => {
    const open = real.placements.filter((p) => p.requestIndex === index && p.endsOn === undefined);
    const all = real.placements.filter((p) => p.requestIndex === index);
    if (request.state === "placed") {
      expect(open).toHaveLength(1);
      expect(all).toHaveLength(1);
    } else {
      expect(open).toHaveLength(0);
    }
    if (request.state === "ended") {
      expect(all).toHaveLength(1);
      expect(all[0]?.endsOn).toBeDefined();
    }
  });

  placeIds.forEach((placeId, place) => {
    const occupied = occupiedDays(model, place);
    const booked = real.placements.filter((p) => p.placeId === placeId);
    days.forEach((date, day) => {
      const occupants = booked.filter((p) => Placement.isOccupiedOn(p, date));
      expect(occupants.length).toBe(occupied.has(day) ? 1 : 0);
    });
  });
};

const eventTags = PlacementRequest.PlacementEventTag.literals;

const forward: { readonly [S in State]?: EventTag } = {
  requested: "StartSearch",
  searching: "Offer",
  waitlisted: "Offer",
  offered: "Accept",
  placed: "End",
};

/** Takes a request one step further on the way to a place and out again, whatever state the model has it in. */
class AdvanceCommand implements fc.Command<Model, Booking> {
  constructor(
    readonly pick: number,
    readonly place: number,
    readonly day: number,
  ) {}

  check = (model: Readonly<Model>) =>
    model.requests.length > 0 &&
    forward[model.requests[this.pick % model.requests.length]?.state ?? "ended"] !== undefined;

  run(model: Model, real: Booking): void {
    const state = model.requests[this.pick % model.requests.length]?.state;
    const tag = state === undefined ? undefined : forward[state];
    if (tag === undefined) throw new Error("unreachable");
    new EventCommand(this.pick, tag, this.place, this.day).run(model, real);
  }

  toString = () => `advance(request ${this.pick}, place ${this.place}, day ${this.day})`;
}

const eventCommand = (tags: fc.Arbitrary<EventTag>) =>
  fc
    .tuple(fc.nat(3), tags, fc.nat(placeIds.length - 1), fc.integer({ min: 0, max: 12 }))
    .map(([pick, tag, place, day]) => new EventCommand(pick, tag, place, day));

const advanceCommand = fc
  .tuple(fc.nat(3), fc.nat(placeIds.length - 1), fc.integer({ min: 0, max: 12 }))
  .map(([pick, place, day]) => new AdvanceCommand(pick, place, day));

/** Any event on any request, and as often a step forward, so that runs book, end and book places again. */
const commands = [
  fc.constant(new RequestCommand()),
  eventCommand(fc.constantFrom(...eventTags)),
  advanceCommand,
  advanceCommand,
];

describe("the placement flow as a model", () => {
  it("never double-books a place, keeps a placed person in exactly one place, frees it on the end date, and refuses illegal commands without a trace", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60, size: "max" }), (cmds) => {
        fc.modelRun(() => ({ model: { requests: [] }, real: new Booking() }), cmds);
      }),
      { numRuns: 200 },
    );
    expect(tally.accepted).toBeGreaterThan(100);
    expect(tally.ended).toBeGreaterThan(30);
    expect(tally.alreadyBooked).toBeGreaterThan(10);
    expect(tally.illegal).toBeGreaterThan(100);
    expect(tally.offeredOnEndDate).toBeGreaterThan(0);
  }, 120_000);

  it("books a place again from the end date of the previous stay, and not a day earlier", () => {
    const real = new Booking();
    const first = real.create();
    const second = real.create();
    const place = placeIdAt(0);
    const offer = (startsOn: IsoDate.IsoDate) =>
      ({ _tag: "Offer", placeId: place, startsOn, expiresAt: "2026-12-31T00:00:00Z" }) as const;
    for (const event of [{ _tag: "StartSearch" }, offer(dayOf(0)), { _tag: "Accept" }] as const)
      real.apply(first, event);
    real.apply(second, { _tag: "StartSearch" });
    expect(Result.isFailure(real.apply(second, offer(dayOf(30))))).toBe(true);
    expect(real.apply(first, { _tag: "End", endsOn: dayOf(10) })).toEqual(Result.succeed("ended"));
    const early = real.apply(second, offer(dayOf(9)));
    expect(Result.isFailure(early) && early.failure._tag).toBe("PlaceAlreadyBooked");
    expect(real.apply(second, offer(dayOf(10)))).toEqual(Result.succeed("offered"));
    expect(real.apply(second, { _tag: "Accept" })).toEqual(Result.succeed("placed"));
    expect(real.placements.map((p) => [p.startsOn, p.endsOn])).toEqual([
      ["2026-01-01", "2026-01-11"],
      ["2026-01-11", undefined],
    ]);
  });
});
