import type Comensha from "@comensha/sdk";
import type { Transfer, TransferInput } from "@comensha/sdk";

export type { Transfer, TransferInput };

/**
 * What the console asks of the API about transfers of a registration between organisations (overdracht): its history,
 * and a coordinator's transfer to another organisation. Both are audited.
 */
export interface TransfersApi {
  /** The registration's transfers, oldest first. */
  listTransfersOf(registrationId: string): Promise<ReadonlyArray<Transfer>>;
  /** Transfers the registration; `idempotencyKey` makes a retry of the same transfer make it once. */
  transferRegistration(registrationId: string, input: TransferInput, idempotencyKey: string): Promise<Transfer>;
}

/** The SDK behind {@link TransfersApi}. */
export const transfersApi = (client: Comensha): TransfersApi => ({
  listTransfersOf: async (registrationId) => (await client.registrations.transfers(registrationId)).data,
  transferRegistration: (registrationId, input, idempotencyKey) =>
    client.registrations.transfer(registrationId, input, { idempotencyKey }),
});
