import { Ports } from "@comensha/domain";
import { eq, isNotNull } from "drizzle-orm";
import { Effect } from "effect";
import { Database, queryWith } from "./Database.js";
import { duplicateReasonContext } from "./DuplicateRepository.js";
import { offerReasonContext } from "./PlacementRepository.js";
import { duplicates, placementOffers } from "./schema.js";

/**
 * The one-off step of migration 0010: encrypts the free-text reasons written before they were encrypted (a SQL
 * migration cannot encrypt) into their encrypted columns and empties the plaintext ones. Run after the migrations;
 * finds nothing to do once done. Answers how many values it sealed.
 */
export const sealLegacyPlaintext = Effect.gen(function* () {
  const database = yield* Database;
  const query = queryWith(database);
  const crypto = yield* Ports.Crypto;
  const legacyReasons = yield* query((db) =>
    db
      .select({ id: duplicates.id, reason: duplicates.decisionReasonPlaintext })
      .from(duplicates)
      .where(isNotNull(duplicates.decisionReasonPlaintext)),
  );
  for (const row of legacyReasons) {
    const sealed = yield* crypto.encrypt(row.reason ?? "", duplicateReasonContext(row.id));
    yield* query((db) =>
      db
        .update(duplicates)
        .set({ decisionReason: sealed, decisionReasonPlaintext: null })
        .where(eq(duplicates.id, row.id)),
    );
  }
  const legacyOverrides = yield* query((db) =>
    db
      .select({ id: placementOffers.id, reason: placementOffers.overrideReasonPlaintext })
      .from(placementOffers)
      .where(isNotNull(placementOffers.overrideReasonPlaintext)),
  );
  for (const row of legacyOverrides) {
    const sealed = yield* crypto.encrypt(row.reason ?? "", offerReasonContext(row.id));
    yield* query((db) =>
      db
        .update(placementOffers)
        .set({ overrideReason: sealed, overrideReasonPlaintext: null })
        .where(eq(placementOffers.id, row.id)),
    );
  }
  return legacyReasons.length + legacyOverrides.length;
});
