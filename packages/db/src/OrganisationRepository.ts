import { Organisation, Ports } from "@comensha/domain";
import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { cursorOf, pageOf } from "./Cursor.js";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { organisations } from "./schema.js";

const decodeOrganisation = Schema.decodeUnknownSync(Organisation.Organisation);

const toOrganisation = (row: typeof organisations.$inferSelect) =>
  decodeOrganisation({
    id: row.id,
    name: row.name,
    kind: row.kind,
    ...(row.region === null ? {} : { region: row.region }),
    status: row.status,
    isComensha: row.isComensha,
    createdAt: toIsoTimestamp(row.createdAt),
  });

/**
 * The id of CoMensha's own organisation: the one marked as such, made (`CoMensha`, kind `other`) when there is none
 * yet. A unique index allows one marked organisation, so two callers racing to make it end up with the same one.
 */
export const comenshaOrganisationId = (
  query: ReturnType<typeof queryWith>,
  ids: Ports.IdGenerator["Service"],
): Effect.Effect<string> =>
  Effect.gen(function* () {
    const find = query((db) =>
      db.select({ id: organisations.id }).from(organisations).where(eq(organisations.isComensha, true)),
    );
    const [found] = yield* find;
    if (found !== undefined) return found.id;
    const id = yield* ids.next;
    yield* query((db) =>
      db.insert(organisations).values({ id, name: "CoMensha", kind: "other", isComensha: true }).onConflictDoNothing(),
    );
    const [made] = yield* find;
    if (made === undefined) return yield* Effect.die(new Error("the CoMensha organisation could not be made"));
    return made.id;
  });

/** The domain's OrganisationRepository on drizzle. */
export const OrganisationRepositoryLive = Layer.effect(
  Ports.OrganisationRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const findById = (id: string) =>
      Effect.gen(function* () {
        const [row] = yield* query((db) => db.select().from(organisations).where(eq(organisations.id, id)));
        if (row === undefined) return yield* new Organisation.OrganisationNotFound({ id });
        return toOrganisation(row);
      });
    return Ports.OrganisationRepository.of({
      create: (input) =>
        Effect.gen(function* () {
          const id = yield* ids.next;
          const [row] = yield* query((db) =>
            db
              .insert(organisations)
              .values({ id, name: input.name, kind: input.kind, region: input.region ?? null })
              .returning(),
          );
          return toOrganisation(row as typeof organisations.$inferSelect);
        }),
      comensha: Effect.orDie(Effect.flatMap(comenshaOrganisationId(query, ids), findById)),
      findById,
      list: Effect.map(
        query((db) => db.select().from(organisations).orderBy(asc(organisations.name), asc(organisations.id))),
        (rows) => rows.map(toOrganisation),
      ),
      listPage: (page) =>
        Effect.gen(function* () {
          const after = yield* cursorOf(page.cursor);
          const rows = yield* query((db) => {
            const last = db
              .select({ name: organisations.name })
              .from(organisations)
              .where(eq(organisations.id, after ?? sql`null`));
            return db
              .select()
              .from(organisations)
              .where(
                after === undefined
                  ? undefined
                  : or(
                      gt(organisations.name, sql`(${last})`),
                      and(eq(organisations.name, sql`(${last})`), gt(organisations.id, after)),
                    ),
              )
              .orderBy(asc(organisations.name), asc(organisations.id))
              .limit(page.limit + 1);
          });
          const result = pageOf(rows, page.limit);
          return { ...result, data: result.data.map(toOrganisation) };
        }),
    });
  }),
);
