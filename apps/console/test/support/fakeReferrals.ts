import type {
  ReceivedReferral,
  Referral,
  ReferralsApi,
  ReferralWithPerson,
} from "../../src/features/referrals/referralsApi.js";

/** What a receiver sees of a referral: not the person's id, not who at CoMensha made it. */
const received = ({
  personId: _personId,
  referredBy: _referredBy,
  referringOrganisationId: _referrer,
  ...fields
}: Referral): ReceivedReferral => structuredClone(fields);

/** The synthetic person behind every fake referral; identifiers only go with a referral that shares them. */
const samplePerson = {
  sex: "female",
  birthYear: 1998,
  nationalities: ["NG"],
  identifiers: { familyName: "Voorbeeld-Zorg", givenNames: "Ada", aliases: [], dateOfBirth: "1998-05-06" },
} as const satisfies ReferralWithPerson["person"];

/**
 * A fake {@link ReferralsApi} that keeps referrals in memory as the API would: a new one is pending, a withdrawal
 * withdraws it, a person's list is newest first. Every answer is a copy, as from the network.
 */
export const fakeReferralsApi = (): ReferralsApi => {
  const referrals: Array<Referral> = [];
  const find = (id: string) => {
    const referral = referrals.find((one) => one.id === id);
    if (referral === undefined) throw new Error(`no referral ${id}`);
    return referral;
  };
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
      const referral = find(id);
      referral.state = "withdrawn";
      referral.withdrawnAt = "2026-12-07T11:00:00.000Z";
      return structuredClone(referral);
    },
    listReceivedReferrals: async (state) =>
      referrals
        .filter((referral) => state === undefined || referral.state === state)
        .reverse()
        .map(received),
    getReferral: async (id) => {
      const referral = find(id);
      const person = referral.shareIdentifiers ? samplePerson : { ...samplePerson, identifiers: null };
      return { ...received(referral), person: structuredClone(person) };
    },
    answerReferral: async (id, answer) => {
      const referral = find(id);
      referral.state = answer.decision === "accept" ? "accepted" : "declined";
      referral.declineReason = answer.decision === "decline" ? answer.reason : null;
      referral.answeredAt = "2026-12-07T12:00:00.000Z";
      return received(referral);
    },
    reportReferral: async (id, outcome) => {
      const referral = find(id);
      referral.state = "completed";
      referral.outcome = outcome;
      referral.reportedAt = "2026-12-08T09:00:00.000Z";
      return received(referral);
    },
  };
};
