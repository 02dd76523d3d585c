import { Organisation, Ports } from "@comensha/domain";
import { asc, eq } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
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
    createdAt: toIsoTimestamp(row.createdAt),
  });

/** The domain's OrganisationRepository on drizzle. */
export const OrganisationRepositoryLive = Layer.effect(
  Ports.OrganisationRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
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
      findById: (id) =>
        Effect.gen(function* () {
          const [row] = yield* query((db) => db.select().from(organisations).where(eq(organisations.id, id)));
          if (row === undefined) return yield* new Organisation.OrganisationNotFound({ id });
          return toOrganisation(row);
        }),
      list: Effect.map(
        query((db) => db.select().from(organisations).orderBy(asc(organisations.name), asc(organisations.id))),
        (rows) => rows.map(toOrganisation),
      ),
    });
  }),
);
