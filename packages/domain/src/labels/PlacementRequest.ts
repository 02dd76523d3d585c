import * as CodeList from "./CodeList.js";

/** The urgencies of a placement request, with their labels. */
export const urgencyCodeList = CodeList.make("urgency", {
  tonight: { nl: "Vannacht", en: "Tonight" },
  this_week: { nl: "Deze week", en: "This week" },
  planned: { nl: "Gepland", en: "Planned" },
});

/** Where a placement request stands; the domain's `PlacementState` schema decodes exactly these. */
export const placementStates = [
  "requested",
  "searching",
  "offered",
  "placed",
  "ended",
  "cancelled",
  "waitlisted",
] as const;
export type PlacementState = (typeof placementStates)[number];

/** The kinds of event that change a placement request, in the order of the transition table. */
export const placementEventTags = [
  "StartSearch",
  "Waitlist",
  "Offer",
  "Accept",
  "DeclineOffer",
  "OfferExpired",
  "End",
  "Cancel",
] as const;
export type PlacementEventTag = (typeof placementEventTags)[number];

const table: { readonly [S in PlacementState]: { readonly [E in PlacementEventTag]?: PlacementState } } = {
  requested: { StartSearch: "searching", Waitlist: "waitlisted", Cancel: "cancelled" },
  searching: { Waitlist: "waitlisted", Offer: "offered", Cancel: "cancelled" },
  waitlisted: { StartSearch: "searching", Offer: "offered", Cancel: "cancelled" },
  offered: { Accept: "placed", DeclineOffer: "searching", OfferExpired: "searching", Cancel: "cancelled" },
  placed: { End: "ended" },
  ended: {},
  cancelled: {},
};

/**
 * The state of a placement request after an event of kind `event` in `state`, or undefined when the event is not
 * allowed there: the transition table that the domain's `PlacementRequest.transition` applies (its comment shows it).
 */
export const nextState = (state: PlacementState, event: PlacementEventTag): PlacementState | undefined =>
  table[state][event];

/** The events allowed in `state`, in the order of the transition table (e.g. for the actions a console shows). */
export const allowedEvents = (state: PlacementState): ReadonlyArray<PlacementEventTag> =>
  placementEventTags.filter((tag) => table[state][tag] !== undefined);

/** Whether the request still waits for a place: requested, searching, waitlisted or offered. */
export const isWaiting = (state: PlacementState): boolean =>
  state === "requested" || state === "searching" || state === "waitlisted" || state === "offered";

/** Whether no event can change the request any more: ended or cancelled. */
export const isFinal = (state: PlacementState): boolean => state === "ended" || state === "cancelled";
