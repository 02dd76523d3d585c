import type { Transfer, TransfersApi } from "../../src/features/transfers/transfersApi.js";

/**
 * A fake {@link TransfersApi} that keeps transfers in memory as the API would: each from the registration's owner
 * then (the sample registration's police unit, then each receiver in turn), oldest first. Answers are copies.
 */
export const fakeTransfersApi = (owner = "0193c111-0000-7000-8000-0000c1110009"): TransfersApi => {
  const transfers: Array<Transfer> = [];
  return {
    listTransfersOf: async (registrationId) =>
      structuredClone(transfers.filter((transfer) => transfer.registrationId === registrationId)),
    transferRegistration: async (registrationId, input) => {
      const earlier = transfers.filter((transfer) => transfer.registrationId === registrationId);
      const transfer: Transfer = {
        id: `0193f200-0000-7000-8000-${String(transfers.length + 1).padStart(12, "0")}`,
        registrationId,
        fromOrganisationId: earlier.at(-1)?.toOrganisationId ?? owner,
        toOrganisationId: input.toOrganisationId,
        reason: input.reason,
        version: 2,
        transferredAt: "2026-12-08T09:00:00.000Z",
        transferredBy: { kind: "user", id: "0193a000-0000-7000-8000-000000000001" },
      };
      transfers.push(transfer);
      return structuredClone(transfer);
    },
  };
};
