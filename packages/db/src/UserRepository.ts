import { Ports, SeparationOfDuties, User } from "@comensha/domain";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { approvalOf } from "./ApprovalColumns.js";
import { cursorOf, pageOf } from "./Cursor.js";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { comenshaOrganisationId } from "./OrganisationRepository.js";
import { organisations, users } from "./schema.js";

const decodeUser = Schema.decodeUnknownSync(User.User);

const toUser = (row: typeof users.$inferSelect) =>
  decodeUser({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisationId: row.organisationId,
    status: row.status,
    mustChangePassword: row.mustChangePassword,
    secondFactorEnrolled: row.totpEnabledAt !== null,
    createdAt: toIsoTimestamp(row.createdAt),
    lastLoginAt: row.lastLoginAt === null ? null : toIsoTimestamp(row.lastLoginAt),
    approval: approvalOf(row),
  });

/** A user row as a credential: the user, their organisation (and whether it is active) and password hash. */
export const toCredential = (row: typeof users.$inferSelect, organisationStatus: string): Ports.UserCredential => ({
  user: toUser(row),
  organisationId: row.organisationId as Ports.UserCredential["organisationId"],
  organisationActive: organisationStatus === "active",
  passwordHash: row.passwordHash,
});

/** What a credential is read from: the user's row with their organisation's status. */
export const credentialColumns = { user: users, organisationStatus: organisations.status };

/** The domain's UserRepository on drizzle. */
export const UserRepositoryLive = Layer.effect(
  Ports.UserRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;

    const comenshaOrganisation = comenshaOrganisationId(query, ids);

    const setAndReturn = (id: User.UserId, values: Partial<typeof users.$inferInsert>) =>
      Effect.gen(function* () {
        const [row] = yield* query((db) => db.update(users).set(values).where(eq(users.id, id)).returning());
        if (row === undefined) return yield* new User.UserNotFound({ id });
        return toUser(row);
      });

    return Ports.UserRepository.of({
      create: (input) =>
        Effect.gen(function* () {
          const organisationId = input.organisationId ?? (yield* comenshaOrganisation);
          const id = yield* ids.next;
          const [row] = yield* query((db) =>
            db
              .insert(users)
              .values({
                id,
                organisationId,
                email: input.email,
                name: input.name,
                role: input.role,
                passwordHash: input.passwordHash,
                mustChangePassword: input.mustChangePassword,
                ...(input.approvalRequestedBy === undefined
                  ? {}
                  : {
                      status: "pending",
                      requestedByKind: input.approvalRequestedBy.kind,
                      requestedById: input.approvalRequestedBy.id,
                    }),
              })
              .onConflictDoNothing({ target: users.email })
              .returning(),
          );
          if (row === undefined) return yield* new User.EmailTaken();
          const [organisation] = yield* query((db) =>
            db.select({ status: organisations.status }).from(organisations).where(eq(organisations.id, organisationId)),
          );
          return toCredential(row, organisation?.status ?? "unknown");
        }),
      findById: (id) =>
        Effect.gen(function* () {
          const [row] = yield* query((db) =>
            db
              .select(credentialColumns)
              .from(users)
              .innerJoin(organisations, eq(organisations.id, users.organisationId))
              .where(eq(users.id, id)),
          );
          if (row === undefined) return yield* new User.UserNotFound({ id });
          return toCredential(row.user, row.organisationStatus);
        }),
      findByEmail: (email) =>
        Effect.map(
          query((db) =>
            db
              .select(credentialColumns)
              .from(users)
              .innerJoin(organisations, eq(organisations.id, users.organisationId))
              .where(eq(users.email, email)),
          ),
          ([row]) => (row === undefined ? undefined : toCredential(row.user, row.organisationStatus)),
        ),
      list: (page) =>
        Effect.gen(function* () {
          const after = yield* cursorOf(page.cursor);
          const rows = yield* query((db) =>
            db
              .select()
              .from(users)
              .where(after === undefined ? undefined : lt(users.id, after))
              .orderBy(desc(users.id))
              .limit(page.limit + 1),
          );
          const result = pageOf(rows, page.limit);
          return { ...result, data: result.data.map(toUser) };
        }),
      setPassword: (input) =>
        setAndReturn(input.id, { passwordHash: input.passwordHash, mustChangePassword: input.mustChangePassword }),
      setStatus: (id, status) => setAndReturn(id, { status }),
      approve: (id, approvedBy) =>
        Effect.gen(function* () {
          const [row] = yield* query((db) =>
            db
              .update(users)
              .set({
                status: "active",
                approvedByKind: approvedBy.kind,
                approvedById: approvedBy.id,
                approvedAt: sql`now()`,
              })
              .where(and(eq(users.id, id), eq(users.status, "pending")))
              .returning(),
          );
          if (row !== undefined) return toUser(row);
          const [found] = yield* query((db) => db.select({ id: users.id }).from(users).where(eq(users.id, id)));
          if (found === undefined) return yield* new User.UserNotFound({ id });
          return yield* new SeparationOfDuties.NotAwaitingApproval({ id });
        }),
      recordLogin: (id, at) =>
        Effect.asVoid(query((db) => db.update(users).set({ lastLoginAt: at }).where(eq(users.id, id)))),
    });
  }),
);
