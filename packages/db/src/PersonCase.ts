import { CaseStatus, Person } from "@comensha/domain";
import { eq } from "drizzle-orm";
import { Effect } from "effect";
import type { queryWith } from "./Database.js";
import { persons } from "./schema.js";

/**
 * The person whose case a write is about (its status, notes, referrals): their row, held for the transaction when
 * `forUpdate`; `PersonNotFound` when there is none, `PersonMergedAway` when they were merged into another (their case
 * is the survivor's).
 */
export const livePerson = (
  query: ReturnType<typeof queryWith>,
  personId: Person.PersonId,
  options: { readonly forUpdate?: boolean } = {},
) =>
  Effect.gen(function* () {
    const [row] = yield* query((db) => {
      const select = db
        .select({ caseStatus: persons.caseStatus, mergedInto: persons.mergedInto })
        .from(persons)
        .where(eq(persons.id, personId));
      return options.forUpdate === true ? select.for("update") : select;
    });
    if (row === undefined) return yield* new Person.PersonNotFound({ id: personId });
    if (row.mergedInto !== null) {
      return yield* new CaseStatus.PersonMergedAway({ id: personId, mergedInto: row.mergedInto });
    }
    return row;
  });
