import type Comensha from "@comensha/sdk";
import type {
  OfferInput,
  Placement,
  PlacementState,
  PlaceSuggestion,
  PlacementRequest as SdkPlacementRequest,
} from "@comensha/sdk";

export type { OfferInput, Placement, PlaceSuggestion };

/** A placement request as a coordinator reads it: the API adds the (deduplicated) person. */
export type PlacementRequest = SdkPlacementRequest & { readonly personId?: string | undefined };

/** Why a placement ended (the domain's `Placement.EndReason`). */
export type EndReason = NonNullable<Placement["endReason"]>;

/** The filter, order and page of `GET /v1/placement-requests`: newest first, or by urgency and then waiting time. */
export interface PlacementRequestListParams {
  readonly state?: PlacementState | undefined;
  readonly order?: "newest" | "urgency" | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface PlacementRequestPage {
  readonly data: ReadonlyArray<PlacementRequest>;
  readonly nextCursor: string | null;
}

/** An offer as the API recorded it. */
export type Offer = OfferInput & { readonly id: string };

/** What the console asks of the API for shelters and placements: capacity board, request queue, offer, accept, end. */
export interface SheltersApi {
  /** One page of placement requests, optionally in one state. */
  listPlacementRequests(params: PlacementRequestListParams): Promise<PlacementRequestPage>;
  getPlacementRequest(id: string): Promise<PlacementRequest>;
  /** Places with free capacity from `from` that fit the request's needs, best first (at most 20). */
  suggestPlaces(id: string, params: { readonly from: string }): Promise<ReadonlyArray<PlaceSuggestion>>;
  /** Offers a place from a start date until an expiry; the request becomes `offered`. */
  offerPlace(id: string, offer: OfferInput): Promise<Offer>;
  /** Accepts the open offer and books the place; a `409` when another request took it first. */
  acceptOffer(id: string): Promise<Placement>;
  /** Declines the open offer; the request is `searching` again. */
  declineOffer(id: string): Promise<PlacementRequest>;
  /** Ends the placement on `endsOn` (the place is free from that day) with a reason. */
  endPlacement(id: string, input: { readonly endsOn: string; readonly reason: EndReason }): Promise<Placement>;
  startPlacementSearch(id: string): Promise<PlacementRequest>;
  waitlistPlacementRequest(id: string): Promise<PlacementRequest>;
  /** Cancels a request that is not placed yet. */
  cancelPlacementRequest(id: string): Promise<PlacementRequest>;
}

/** The SDK behind {@link SheltersApi}. */
export const sheltersApi = (client: Comensha): SheltersApi => ({
  listPlacementRequests: async ({ state, order, limit, cursor }) => {
    const page = await client.placementRequests.list({
      limit,
      ...(state === undefined ? {} : { state }),
      ...(order === undefined ? {} : { order }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    return { data: page.data, nextCursor: page.hasNextPage() ? page.nextCursor : null };
  },
  getPlacementRequest: (id) => client.placementRequests.get(id),
  suggestPlaces: (id, { from }) => client.placementRequests.suggestions(id, { from }),
  offerPlace: (id, offer) => client.placementRequests.offer(id, offer),
  acceptOffer: (id) => client.placementRequests.accept(id),
  declineOffer: (id) => client.placementRequests.decline(id),
  endPlacement: (id, input) => client.placementRequests.end(id, { endsOn: input.endsOn, reason: input.reason }),
  startPlacementSearch: (id) => client.placementRequests.startSearch(id),
  waitlistPlacementRequest: (id) => client.placementRequests.waitlist(id),
  cancelPlacementRequest: (id) => client.placementRequests.cancel(id),
});
