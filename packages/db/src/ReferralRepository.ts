import { Ports, Referral } from "@comensha/domain";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { Effect, Layer, Option, Schema } from "effect";
import { cursorOf, pageOf } from "./Cursor.js";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { livePerson } from "./PersonCase.js";
import { organisations, referrals } from "./schema.js";

const decodeReferral = Schema.decodeUnknownSync(Referral.Referral);

type Row = typeof referrals.$inferSelect;

const instant = (value: string | null) => (value === null ? null : toIsoTimestamp(value));

/** A stored referral, as the domain has it. */
export const toReferral = (row: Row) =>
  decodeReferral({
    id: row.id,
    personId: row.personId,
    toOrganisationId: row.toOrganisationId,
    service: row.service,
    state: row.state,
    shareIdentifiers: row.shareIdentifiers,
    sharingBasis: row.sharingBasis,
    consentGivenOn: row.consentGivenOn,
    referredBy: { kind: row.referredByKind, id: row.referredById },
    referringOrganisationId: row.referringOrganisationId,
    referredAt: toIsoTimestamp(row.referredAt),
    answeredAt: instant(row.answeredAt),
    declineReason: row.declineReason,
    outcome: row.outcome,
    reportedAt: instant(row.reportedAt),
    withdrawnAt: instant(row.withdrawnAt),
  });

/** The domain's ReferralRepository on drizzle. */
export const ReferralRepositoryLive = Layer.effect(
  Ports.ReferralRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const transactor = yield* Ports.Transactor;

    const scoped = (id: string, scope: { readonly toOrganisationId?: string }) =>
      and(
        eq(referrals.id, id),
        scope.toOrganisationId === undefined ? undefined : eq(referrals.toOrganisationId, scope.toOrganisationId),
      );

    const rowOf = (id: string, scope: { readonly toOrganisationId?: string }, forUpdate: boolean) =>
      Effect.gen(function* () {
        const [row] = yield* query((db) => {
          const select = db.select().from(referrals).where(scoped(id, scope));
          return forUpdate ? select.for("update") : select;
        });
        if (row === undefined) return yield* new Referral.ReferralNotFound({ id });
        return row;
      });

    return Ports.ReferralRepository.of({
      create: (input) =>
        Effect.gen(function* () {
          yield* livePerson(query, input.personId);
          const [receiver] = yield* query((db) =>
            db
              .select({ kind: organisations.kind, status: organisations.status })
              .from(organisations)
              .where(eq(organisations.id, input.toOrganisationId)),
          );
          if (receiver === undefined) {
            return yield* new Referral.ReferralRefused({
              problem: "no such organisation",
              path: "/toOrganisationId",
            });
          }
          if (!Referral.receivingKinds.has(receiver.kind as never)) {
            return yield* new Referral.ReferralRefused({
              problem: `an organisation of kind ${receiver.kind} does not receive referrals to care`,
              path: "/toOrganisationId",
            });
          }
          if (receiver.status !== "active") {
            return yield* new Referral.ReferralRefused({
              problem: "the organisation is suspended and receives no referrals",
              path: "/toOrganisationId",
            });
          }
          const id = yield* ids.next;
          const [row] = yield* query((db) =>
            db
              .insert(referrals)
              .values({
                id,
                personId: input.personId,
                toOrganisationId: input.toOrganisationId,
                service: input.service,
                shareIdentifiers: input.shareIdentifiers,
                sharingBasis: input.sharingBasis ?? null,
                consentGivenOn: input.consentGivenOn ?? null,
                referredByKind: input.referredBy.kind,
                referredById: input.referredBy.id,
                referringOrganisationId: input.referringOrganisationId,
              })
              .returning(),
          );
          return toReferral(row as Row);
        }),

      find: (id, scope) => Effect.map(rowOf(id, scope, false), toReferral),

      list: (filter, page) =>
        Effect.gen(function* () {
          const before = yield* cursorOf(page.cursor);
          const rows = yield* query((db) =>
            db
              .select()
              .from(referrals)
              .where(
                and(
                  filter.toOrganisationId === undefined
                    ? undefined
                    : eq(referrals.toOrganisationId, filter.toOrganisationId),
                  filter.personId === undefined ? undefined : eq(referrals.personId, filter.personId),
                  filter.state === undefined ? undefined : eq(referrals.state, filter.state),
                  before === undefined ? undefined : lt(referrals.id, before),
                ),
              )
              .orderBy(desc(referrals.id))
              .limit(page.limit + 1),
          );
          const result = pageOf(rows, page.limit);
          return { ...result, data: result.data.map(toReferral) };
        }),

      act: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            const row = yield* rowOf(input.id, input.scope, true);
            const next = Referral.transition(row.state as Referral.ReferralState, input.action);
            if (Option.isNone(next)) {
              return yield* new Referral.ReferralStateConflict({
                id: input.id,
                state: row.state as Referral.ReferralState,
                action: input.action,
              });
            }
            const now = sql`now()`;
            const [updated] = yield* query((db) =>
              db
                .update(referrals)
                .set({
                  state: next.value,
                  ...(input.action === "accept" || input.action === "decline" ? { answeredAt: now } : {}),
                  ...(input.action === "decline" ? { declineReason: input.declineReason ?? "other" } : {}),
                  ...(input.action === "report" ? { outcome: input.outcome ?? null, reportedAt: now } : {}),
                  ...(input.action === "withdraw" ? { withdrawnAt: now } : {}),
                })
                .where(eq(referrals.id, input.id))
                .returning(),
            );
            return toReferral(updated as Row);
          }),
        ),
    });
  }),
);
