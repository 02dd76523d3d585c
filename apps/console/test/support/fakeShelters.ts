import type { PlacementRequest, PlaceSuggestion, SheltersApi } from "../../src/api/shelters.js";
import type { Availability } from "../../src/api.js";

/** A synthetic placement request: a woman, tonight, no children, waiting in `searching`. */
export const sampleRequest: PlacementRequest = {
  id: "0193f000-0000-7000-8000-0000000000a1",
  registrationId: "0193b000-0000-7000-8000-000000000001",
  organisationId: "0193c111-0000-7000-8000-0000c1110009",
  personId: "0193a555-0000-7000-8000-0000a5550005",
  needs: { targetGroup: "women", children: 0, urgency: "tonight", security: "high", languages: ["en", "ro"] },
  preferredRegion: "amsterdam",
  requestedBy: "partner",
  requestedOn: "2026-11-18",
  state: "searching",
  version: 2,
  createdAt: "2026-11-18T21:00:00.000Z",
  updatedAt: "2026-11-18T21:30:00.000Z",
};

/** Two synthetic places that fit the sample request, best first. */
export const sampleSuggestions: ReadonlyArray<PlaceSuggestion> = [
  {
    placeId: "0193d000-0000-7000-8000-0000000000p1",
    label: "Kamer 1",
    shelterId: "0193d000-0000-7000-8000-0000000000s1",
    shelterName: "Opvang Voorbeeldstad",
    shelterKind: "cosm",
    region: "amsterdam",
    isInPreferredRegion: true,
    spareFeatures: [],
  },
  {
    placeId: "0193d000-0000-7000-8000-0000000000p2",
    label: "Kamer 7",
    shelterId: "0193d000-0000-7000-8000-0000000000s2",
    shelterName: "Huis Testdorp",
    shelterKind: "womens_shelter",
    region: "rotterdam",
    isInPreferredRegion: false,
    spareFeatures: ["room_for_children"],
  },
];

/** Capacity over two synthetic shelters: one with a free place for women, one full. */
export const sampleAvailability = (from: string): Availability => ({
  from,
  to: from,
  totals: [
    { targetGroup: "women", places: 2, free: 1 },
    { targetGroup: "men", places: 1, free: 0 },
    { targetGroup: "minors", places: 0, free: 0 },
    { targetGroup: "families", places: 0, free: 0 },
  ],
  places: [
    {
      placeId: "0193d000-0000-7000-8000-0000000000p1",
      label: "Kamer 1",
      shelterId: "0193d000-0000-7000-8000-0000000000s1",
      shelterName: "Opvang Voorbeeldstad",
      shelterKind: "cosm",
      region: "amsterdam",
      targetGroup: "women",
      securityLevel: "high",
      accessible: false,
      roomForChildren: false,
      free: true,
    },
    {
      placeId: "0193d000-0000-7000-8000-0000000000p3",
      label: "Kamer 2",
      shelterId: "0193d000-0000-7000-8000-0000000000s1",
      shelterName: "Opvang Voorbeeldstad",
      shelterKind: "cosm",
      region: "amsterdam",
      targetGroup: "women",
      securityLevel: "standard",
      accessible: false,
      roomForChildren: false,
      free: false,
    },
    {
      placeId: "0193d000-0000-7000-8000-0000000000p4",
      label: "Bed A",
      shelterId: "0193d000-0000-7000-8000-0000000000s3",
      shelterName: "Mannenhuis Proefstad",
      shelterKind: "mens_shelter",
      region: "den_haag",
      targetGroup: "men",
      securityLevel: "standard",
      accessible: true,
      roomForChildren: false,
      free: false,
    },
  ],
});

/** Fake answers for shelters and placements: capacity board, request queue, offer, accept, end: override per test through `fakeApi({ ... })`. */
export const fakeSheltersApi = (): SheltersApi => ({
  listPlacementRequests: async ({ state }) => ({
    data: [{ ...sampleRequest, state: state ?? sampleRequest.state }],
    nextCursor: null,
  }),
  getPlacementRequest: async (id) => ({ ...sampleRequest, id }),
  suggestPlaces: async () => sampleSuggestions,
  offerPlace: async (_id, offer) => ({ ...offer, id: "0193e000-0000-7000-8000-0000000000o1" }),
  acceptOffer: async (id) => ({
    id: "0193e000-0000-7000-8000-0000000000b1",
    requestId: id,
    placeId: "0193d000-0000-7000-8000-0000000000p1",
    startsOn: "2026-11-20",
  }),
  declineOffer: async (id) => ({ ...sampleRequest, id, state: "searching" }),
  endPlacement: async (id, input) => ({
    id: "0193e000-0000-7000-8000-0000000000b1",
    requestId: id,
    placeId: "0193d000-0000-7000-8000-0000000000p1",
    startsOn: "2026-11-01",
    endsOn: input.endsOn,
    endReason: input.reason,
  }),
  startPlacementSearch: async (id) => ({ ...sampleRequest, id, state: "searching" }),
  waitlistPlacementRequest: async (id) => ({ ...sampleRequest, id, state: "waitlisted" }),
  cancelPlacementRequest: async (id) => ({ ...sampleRequest, id, state: "cancelled" }),
});
