import type { Referral, ReferralsApi } from "../../src/features/referrals/referralsApi.js";

/**
 * A fake {@link ReferralsApi} that keeps referrals in memory as the API would: a new one is pending, a withdrawal
 * withdraws it, a person's list is newest first. Every answer is a copy, as from the network.
 */
export const fakeReferralsApi = (): ReferralsApi => {
  const referrals: Array<Referral> = [];
  return {
    listReferralsOf: async (personId) =>
      structuredClone(referrals.filter((referral) => referral.personId === personId).reverse()),
    createReferral: async (input) => {
      const referral: Referral = {
        id: `0193f100-0000-7000-8000-${String(referrals.length + 1).padStart(12, "0")}`,
        personId: input.personId,
        toOrganisationId: input.toOrganisationId,
        service: input.service,
        state: "pending",
        shareIdentifiers: input.shareIdentifiers,
        sharingBasis: input.sharingBasis ?? null,
        consentGivenOn: input.consentGivenOn ?? null,
        referredBy: { kind: "user", id: "0193a000-0000-7000-8000-000000000001" },
        referringOrganisationId: "0193c111-0000-7000-8000-0000c1110001",
        referredAt: "2026-12-07T10:00:00.000Z",
        answeredAt: null,
        declineReason: null,
        outcome: null,
        reportedAt: null,
        withdrawnAt: null,
      };
      referrals.push(referral);
      return structuredClone(referral);
    },
    withdrawReferral: async (id) => {
      const referral = referrals.find((one) => one.id === id);
      if (referral === undefined) throw new Error(`no referral ${id}`);
      referral.state = "withdrawn";
      referral.withdrawnAt = "2026-12-07T11:00:00.000Z";
      return structuredClone(referral);
    },
  };
};
