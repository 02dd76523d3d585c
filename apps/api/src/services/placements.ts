import { IsoDate, Matching, Person, Placement, type PlacementRequest, Ports, Webhook } from "@comensha/domain";
import { Array as Arr, Clock, Data, Effect, Redacted } from "effect";
import { audit, type Caller } from "./audit.js";
import { today } from "./registrations.js";
import { announce } from "./webhooks.js";

/** A placement request's current offer has lapsed; the coordinator declines it and offers again. */
export class OfferLapsed extends Data.TaggedError("OfferLapsed")<{ readonly expiresAt: string }> {}

/** The request has no open offer (to accept or decline), or no active placement (to end). */
export class NothingToAct extends Data.TaggedError("NothingToAct")<{
  readonly what: "offer" | "placement";
}> {}

/** The offered place belongs to a closed shelter, which offers no places; the coordinator offers another place. */
export class ShelterClosed extends Data.TaggedError("ShelterClosed")<{ readonly placeId: string }> {}

/** An end date on or before the placement's start date. */
export class EndBeforeStart extends Data.TaggedError("EndBeforeStart")<{ readonly startsOn: string }> {}

/** The offer breaks a rule (consent, COSM eligibility); the violations name the fields. */
export class OfferRefused extends Data.TaggedError("OfferRefused")<{
  readonly violations: ReadonlyArray<Placement.OfferRuleViolation>;
}> {}

/** The current instant as an ISO timestamp, from the Effect clock (tests move it). */
const nowIso = Effect.map(Clock.currentTimeMillis, (millis) => new Date(millis).toISOString());

const scopeOf = (caller: Caller) =>
  caller.principal.role === "coordinator" ? {} : { organisationId: caller.principal.organisationId };

/**
 * Suggests places for a request (coordinators), best first ({@link Matching.rankPlaces}). A place is suggested only
 * when it can be booked as offered: free for the whole stay from `from` (today by default) with no later booking,
 * since a stay is open-ended ({@link Placement.isFreeFor}), and not held by another request's open offer. So every
 * suggestion can be offered and accepted, unless someone books it in between (the database still refuses that).
 */
export const suggestPlaces = (
  caller: Caller,
  requestId: PlacementRequest.PlacementRequestId,
  from: IsoDate.IsoDate | undefined,
) =>
  Effect.gen(function* () {
    const request = yield* (yield* Ports.PlacementRequestRepository).findById(requestId);
    const startsOn = from ?? (yield* today);
    const placements = yield* Ports.PlacementRepository;
    const bookings = Arr.groupBy(yield* placements.listBookings({ from: startsOn }), (booking) => booking.placeId);
    const held = new Set(
      (yield* placements.listPlacesOnOffer(yield* nowIso))
        .filter((offer) => offer.requestId !== requestId)
        .map((offer) => offer.placeId),
    );
    const shelters = yield* (yield* Ports.ShelterRepository).list;
    const candidates = shelters
      .filter((shelter) => shelter.status === "active")
      .flatMap((shelter) =>
        shelter.places.map((place) => ({
          place,
          shelter,
          isAvailable: !held.has(place.id) && Placement.isFreeFor(bookings[place.id] ?? [], { startsOn }),
        })),
      );
    yield* audit(caller, "placement_request.suggestions", "success", { type: "placement_request", id: requestId });
    return Matching.rankPlaces(request.needs, candidates, request.preferredRegion);
  });

/**
 * Offers a place to a request (coordinators): checks the domain's offer rules against the registration (consent,
 * and for COSM age, nationality and reflection period, unless overridden with a reason) and that the offer does not
 * lapse before it is made, checks that the place is free for the whole stay (from the start date on, since a stay is
 * open-ended: a place booked later cannot be accepted, so it is not offered), moves the request to `offered` and
 * records the offer, with its audit event, in one transaction.
 */
export const offerPlace = (caller: Caller, requestId: PlacementRequest.PlacementRequestId, offer: Placement.NewOffer) =>
  Effect.gen(function* () {
    const transactor = yield* Ports.Transactor;
    return yield* transactor.transaction(
      Effect.gen(function* () {
        const requests = yield* Ports.PlacementRequestRepository;
        const request = yield* requests.findById(requestId);
        const registration = yield* (yield* Ports.RegistrationRepository).findById(request.registrationId);
        const { shelterKind, shelterStatus } = yield* (yield* Ports.ShelterRepository).findPlace(offer.placeId);
        if (shelterStatus !== "active") return yield* new ShelterClosed({ placeId: offer.placeId });
        const dateOfBirth = Person.hasIdentifiers(registration.person) ? registration.person.dateOfBirth : undefined;
        const now = yield* nowIso;
        const violations = [
          ...Placement.checkOfferRules({
            consentToShareWithShelter: registration.consentToShareWithShelter,
            shelterKind,
            birth: {
              dateOfBirth: dateOfBirth === undefined ? undefined : Redacted.value(dateOfBirth),
              birthYear: registration.person.birthYear,
            },
            nationalities: registration.person.nationalities,
            reflectionPeriod: registration.reflectionPeriod,
            startsOn: offer.startsOn,
            override: offer.override,
          }),
          ...Placement.checkOfferExpiry(offer, now),
        ];
        if (violations.length > 0) return yield* new OfferRefused({ violations });
        const placements = yield* Ports.PlacementRepository;
        const bookings = yield* placements.listBookings({ from: offer.startsOn, placeId: offer.placeId });
        if (!Placement.isFreeFor(bookings, { startsOn: offer.startsOn })) {
          return yield* new Placement.PlaceAlreadyBooked({ placeId: offer.placeId, startsOn: offer.startsOn });
        }
        yield* Effect.tap(requests.transition({ id: requestId, event: "Offer" }), announcePlacement);
        const recorded = yield* placements.createOffer(requestId, offer);
        yield* audit(caller, "placement_request.offer", "success", { type: "placement_request", id: requestId });
        return recorded;
      }),
    );
  });

/**
 * Accepts the open offer: books the place from the offer's start date (the database refuses a place that is taken
 * for any of those days, so two coordinators can never both book the last bed) and moves the request to `placed`.
 * Bookings of one place queue on an advisory lock first: concurrent inserts into an exclusion constraint can
 * otherwise deadlock each other, and the loser should get a clean "already booked", not an error.
 */
export const acceptOffer = (caller: Caller, requestId: PlacementRequest.PlacementRequestId) =>
  Effect.gen(function* () {
    const transactor = yield* Ports.Transactor;
    return yield* transactor.transaction(
      Effect.gen(function* () {
        const requests = yield* Ports.PlacementRequestRepository;
        const placements = yield* Ports.PlacementRepository;
        yield* requests.findById(requestId, scopeOf(caller));
        const offer = yield* placements.findOpenOffer(requestId);
        if (offer === undefined) return yield* new NothingToAct({ what: "offer" });
        const now = yield* nowIso;
        if (Placement.isOfferExpired(offer, now)) return yield* new OfferLapsed({ expiresAt: offer.expiresAt });
        yield* Effect.tap(
          requests.transition({ id: requestId, event: "Accept", scope: scopeOf(caller) }),
          announcePlacement,
        );
        yield* transactor.lock([`place:${offer.placeId}`]);
        const placement = yield* placements.book({ requestId, placeId: offer.placeId, startsOn: offer.startsOn });
        yield* placements.setOfferStatus(offer.id, "accepted");
        yield* audit(caller, "placement_request.accept", "success", { type: "placement_request", id: requestId });
        return placement;
      }),
    );
  });

/** Declines the open offer: the request goes back to `searching`. */
export const declineOffer = (caller: Caller, requestId: PlacementRequest.PlacementRequestId) =>
  Effect.gen(function* () {
    const transactor = yield* Ports.Transactor;
    return yield* transactor.transaction(
      Effect.gen(function* () {
        const placements = yield* Ports.PlacementRepository;
        yield* (yield* Ports.PlacementRequestRepository).findById(requestId, scopeOf(caller));
        const offer = yield* placements.findOpenOffer(requestId);
        if (offer === undefined) return yield* new NothingToAct({ what: "offer" });
        const changed = yield* (yield* Ports.PlacementRequestRepository).transition({
          id: requestId,
          event: "DeclineOffer",
          scope: scopeOf(caller),
        });
        yield* placements.setOfferStatus(offer.id, "declined");
        yield* audit(caller, "placement_request.decline", "success", { type: "placement_request", id: requestId });
        return changed;
      }),
    );
  });

/**
 * Moves a request by one of the events its own route sends (cancel, start searching, waitlist) and writes the
 * route's audit event, in one transaction. An open offer belongs to an `offered` request only: one the request leaves
 * that state with (a cancel) is withdrawn in the same transaction, so no open offer outlives it.
 */
export const transitionRequest = (
  caller: Caller,
  requestId: PlacementRequest.PlacementRequestId,
  event: "Cancel" | "StartSearch" | "Waitlist",
  action: string,
) =>
  Effect.gen(function* () {
    const transactor = yield* Ports.Transactor;
    return yield* transactor.transaction(
      Effect.gen(function* () {
        const placements = yield* Ports.PlacementRepository;
        const changed = yield* (yield* Ports.PlacementRequestRepository).transition({
          id: requestId,
          event,
          scope: scopeOf(caller),
        });
        if (changed.state !== "offered") {
          const offer = yield* placements.findOpenOffer(requestId);
          if (offer !== undefined) yield* placements.setOfferStatus(offer.id, "withdrawn");
        }
        yield* audit(caller, action, "success", { type: "placement_request", id: requestId });
        return changed;
      }),
    );
  });

/** Ends the active placement on `endsOn` (the place is free from that day) with a reason: the request is `ended`. */
export const endPlacement = (
  caller: Caller,
  requestId: PlacementRequest.PlacementRequestId,
  input: Placement.EndPlacement,
) =>
  Effect.gen(function* () {
    const transactor = yield* Ports.Transactor;
    return yield* transactor.transaction(
      Effect.gen(function* () {
        const placements = yield* Ports.PlacementRepository;
        const active = yield* placements.findActive(requestId);
        if (active === undefined) return yield* new NothingToAct({ what: "placement" });
        if (!IsoDate.isAfter(input.endsOn, active.startsOn)) {
          return yield* new EndBeforeStart({ startsOn: active.startsOn });
        }
        yield* Effect.tap(
          (yield* Ports.PlacementRequestRepository).transition({ id: requestId, event: "End" }),
          announcePlacement,
        );
        const ended = yield* placements.end({ id: active.id, endsOn: input.endsOn, reason: input.reason });
        yield* audit(caller, "placement_request.end", "success", { type: "placement_request", id: requestId });
        return ended;
      }),
    );
  });

/** Announces a placement request's new state to its organisation's webhooks, if partners are told of it. */
const announcePlacement = (request: PlacementRequest.PlacementRequest) =>
  announce(request.organisationId, Webhook.placementEventType(request.state), {
    placementRequestId: request.id,
    registrationId: request.registrationId,
    state: request.state,
  });

/** The audit trail's "who" of the offer-expiry job. */
const offerExpiryActor = { kind: "system", id: "offer-expiry" } as const;

/** How many lapsed offers one run of {@link expireLapsedOffers} handles; the next run takes the rest. */
export const lapsedOffersPerRun = 200;

/**
 * Lets the offers that lapsed (their `expiresAt` passed before anyone accepted them) expire: each one's request goes
 * back to `searching` (the `OfferExpired` event), the offer is marked `expired`, and one audit event is written by
 * the system, all in one transaction per offer. An offer whose request was decided meanwhile (accepted, declined or
 * cancelled by someone else) is left to that decision. Answers how many requests went back to searching.
 */
export const expireLapsedOffers = Effect.gen(function* () {
  const transactor = yield* Ports.Transactor;
  const placements = yield* Ports.PlacementRepository;
  const requests = yield* Ports.PlacementRequestRepository;
  const now = yield* nowIso;
  const lapsed = yield* placements.listLapsedOffers(now, lapsedOffersPerRun);
  let expired = 0;
  for (const candidate of lapsed) {
    const outcome = yield* transactor
      .transaction(
        Effect.gen(function* () {
          const offer = yield* placements.findOpenOffer(candidate.requestId);
          if (offer?.id !== candidate.id) return "decided" as const;
          const request = yield* requests.findById(candidate.requestId);
          if (request.state !== "offered") {
            // An offer left open by a request that moved on without it (before cancelling withdrew offers).
            yield* placements.setOfferStatus(offer.id, "expired");
            return "decided" as const;
          }
          yield* requests.transition({ id: candidate.requestId, event: "OfferExpired" });
          yield* placements.setOfferStatus(offer.id, "expired");
          yield* (yield* Ports.AuditLog).append({
            actor: offerExpiryActor,
            action: "placement_request.offer_expired",
            resourceType: "placement_request",
            resourceId: candidate.requestId,
            outcome: "success",
          });
          return "expired" as const;
        }),
      )
      .pipe(Effect.catchTag("IllegalTransition", () => Effect.succeed("decided" as const)));
    if (outcome === "expired") expired += 1;
  }
  return expired;
});
