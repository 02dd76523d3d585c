import type Comensha from "@comensha/sdk";
import type { Referral, ReferralInput } from "@comensha/sdk";

export type { Referral, ReferralInput };

/** What the console asks of the API about a person's referrals to care (coordinators); every call is audited. */
export interface ReferralsApi {
  /** The person's referrals, newest first. */
  listReferralsOf(personId: string): Promise<ReadonlyArray<Referral>>;
  /** Refers the person; `idempotencyKey` makes a retry of the same referral make it once. */
  createReferral(input: ReferralInput, idempotencyKey: string): Promise<Referral>;
  /** Withdraws a pending or accepted referral. */
  withdrawReferral(id: string): Promise<Referral>;
}

/** The SDK behind {@link ReferralsApi}. */
export const referralsApi = (client: Comensha): ReferralsApi => ({
  listReferralsOf: async (personId) =>
    (await client.referrals.list({ personId, limit: 200 })).data as ReadonlyArray<Referral>,
  createReferral: (input, idempotencyKey) => client.referrals.create(input, { idempotencyKey }),
  withdrawReferral: (id) => client.referrals.withdraw(id),
});
