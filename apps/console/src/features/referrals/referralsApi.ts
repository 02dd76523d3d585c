import type Comensha from "@comensha/sdk";
import type {
  ReceivedReferral,
  Referral,
  ReferralAnswer,
  ReferralInput,
  ReferralOutcome,
  ReferralWithPerson,
} from "@comensha/sdk";

export type { ReceivedReferral, Referral, ReferralAnswer, ReferralInput, ReferralOutcome, ReferralWithPerson };

/**
 * What the console asks of the API about referrals to care: a coordinator's referrals of a person, and a care
 * organisation's inbox (the referrals made to it, answered and reported back). Every call is audited.
 */
export interface ReferralsApi {
  /** The person's referrals, newest first. */
  listReferralsOf(personId: string): Promise<ReadonlyArray<Referral>>;
  /** Refers the person; `idempotencyKey` makes a retry of the same referral make it once. */
  createReferral(input: ReferralInput, idempotencyKey: string): Promise<Referral>;
  /** Withdraws a pending or accepted referral. */
  withdrawReferral(id: string): Promise<Referral>;
  /** The referrals made to the signed-in care user's organisation, newest first, in one state or all. */
  listReceivedReferrals(state?: ReceivedReferral["state"]): Promise<ReadonlyArray<ReceivedReferral>>;
  /** One referral with the person as it shows them to the receiver (identifiers only when shared). */
  getReferral(id: string): Promise<ReferralWithPerson>;
  /** Accepts or declines a pending referral; `idempotencyKey` makes a retry answer once. */
  answerReferral(id: string, answer: ReferralAnswer, idempotencyKey: string): Promise<ReceivedReferral>;
  /** Reports back how an accepted referral ended. */
  reportReferral(id: string, outcome: ReferralOutcome, idempotencyKey: string): Promise<ReceivedReferral>;
}

/** The SDK behind {@link ReferralsApi}. */
export const referralsApi = (client: Comensha): ReferralsApi => ({
  listReferralsOf: async (personId) =>
    (await client.referrals.list({ personId, limit: 200 })).data as ReadonlyArray<Referral>,
  createReferral: (input, idempotencyKey) => client.referrals.create(input, { idempotencyKey }),
  withdrawReferral: (id) => client.referrals.withdraw(id),
  listReceivedReferrals: async (state) =>
    (await client.referrals.list({ limit: 200, ...(state === undefined ? {} : { state }) }))
      .data as ReadonlyArray<ReceivedReferral>,
  getReferral: (id) => client.referrals.get(id),
  answerReferral: (id, answer, idempotencyKey) => client.referrals.answer(id, answer, { idempotencyKey }),
  reportReferral: (id, outcome, idempotencyKey) => client.referrals.report(id, outcome, { idempotencyKey }),
});
