import type { Availability, PlacementState, Signal } from "../api.js";

/** The states of a placement request that still wait for a coordinator or a place, in the order of the flow. */
export const openStates: ReadonlyArray<PlacementState> = ["requested", "searching", "offered", "waitlisted"];

/** The capacity totals in the code list's order of target groups; unknown groups last, as they came. */
export const sortTotals = (
  totals: Availability["totals"],
  order: ReadonlyArray<string>,
): ReadonlyArray<Availability["totals"][number]> => {
  const rank = (group: string) => {
    const index = order.indexOf(group);
    return index === -1 ? order.length : index;
  };
  return [...totals].sort((a, b) => rank(a.targetGroup) - rank(b.targetGroup));
};

/**
 * How many requests (or placements) each kind of signal concerns, summed over the target groups of the API's
 * `summary`, in the order each kind first appears.
 */
export const summaryByKind = (
  summary: ReadonlyArray<{ readonly kind: Signal["kind"] | string; readonly count: number }>,
): ReadonlyArray<{ readonly kind: string; readonly count: number }> => {
  const counts = new Map<string, number>();
  for (const { kind, count } of summary) counts.set(kind, (counts.get(kind) ?? 0) + count);
  return [...counts].map(([kind, count]) => ({ kind, count }));
};

/**
 * Where a signal's case is handled: its placement request (a COSM stay over the norm opens the request it placed), or
 * for a target group without a free place, the searching requests beside tonight's free places.
 */
export const signalHref = (signal: Signal): string => {
  switch (signal.kind) {
    case "waiting_over_norm":
    case "reflection_expires_while_waiting":
    case "cosm_stay_over_norm":
      return `/shelters/requests/${signal.requestId}`;
    case "no_capacity":
      return "/shelters?state=searching";
    case "follow_ups_overdue":
      return "/tasks";
  }
};
