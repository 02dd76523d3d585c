import {
  FollowUp,
  IsoDate,
  Page,
  Person,
  Ports,
  ReflectionPeriod,
  Shelter,
  StayList,
  Unreadable,
} from "@comensha/domain";
import { and, asc, eq, gt, inArray, isNull, lt, lte, ne, notInArray, or, sql } from "drizzle-orm";
import { Effect, Layer, Option, Redacted, Schema } from "effect";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { livePerson } from "./PersonCase.js";
import {
  followUps,
  persons,
  placementRequests,
  placements,
  registrations,
  shelterPlaces,
  shelters,
  users,
} from "./schema.js";

/** Binds a task's title ciphertext to its task: a title moved to another task does not decrypt. */
export const followUpTitleContext = (id: string) => `follow-up:${id}:title`;

type Row = typeof followUps.$inferSelect;

const decodeFollowUp = Schema.decodeUnknownSync(FollowUp.FollowUp);
const decodeTitle = Schema.decodeUnknownSync(FollowUp.FollowUpTitleContent);
const decodePeriod = Schema.decodeUnknownOption(ReflectionPeriod.ReflectionPeriod);

/**
 * Reads a task's title as it can be shown: `none` or `erased` when empty, `undecryptable` (reported once, like every
 * value that does not decrypt) when the server's keys do not open it. Used by the repository and the export.
 */
const titleOf = (crypto: Ports.Crypto["Service"], row: Row) =>
  Effect.gen(function* () {
    if (row.title === null) return decodeTitle({ state: row.titleErasedAt === null ? "none" : "erased" });
    const text = yield* crypto
      .decrypt(row.title, followUpTitleContext(row.id))
      .pipe(
        Effect.catch(() =>
          Effect.as(Unreadable.reportUnreadable({ resource: "follow_up", id: row.id, field: "title" }), undefined),
        ),
      );
    return decodeTitle(text === undefined ? { state: "undecryptable" } : { state: "readable", text });
  });

const actorOf = (kind: string | null, id: string | null) => (kind === null || id === null ? null : { kind, id });

/** A stored task, as the domain has it (its title decrypted as far as the keys allow). */
export const toFollowUp = (crypto: Ports.Crypto["Service"], row: Row) =>
  Effect.map(titleOf(crypto, row), (title) =>
    decodeFollowUp({
      id: row.id,
      personId: row.personId,
      kind: row.kind,
      dueOn: row.dueOn,
      owner: row.ownerId,
      title: Schema.encodeSync(FollowUp.FollowUpTitleContent)(title),
      state: row.state,
      createdBy: { kind: row.createdByKind, id: row.createdById },
      createdAt: toIsoTimestamp(row.createdAt),
      closedBy: actorOf(row.closedByKind, row.closedById),
      closedAt: row.closedAt === null ? null : toIsoTimestamp(row.closedAt),
    }),
  );

/** The worklist's cursor: the due date and id of a page's last task, base64url-encoded. */
const encodeCursor = (row: Pick<Row, "dueOn" | "id">) => Buffer.from(`${row.dueOn}|${row.id}`).toString("base64url");

const cursorPattern = /^(\d{4}-\d{2}-\d{2})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const decodeCursor = (cursor: string) => {
  const match = cursorPattern.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match === null || !IsoDate.isIsoDate(match[1] ?? "")
    ? Effect.fail(new Page.InvalidCursor({ cursor }))
    : Effect.succeed({ dueOn: match[1] as string, id: match[2] as string });
};

/** The registrations' states whose reflection periods still count: not withdrawn, not rejected. */
const closedRegistrationStates = ["withdrawn", "rejected"];

/** The domain's FollowUpRepository on drizzle: titles encrypted with `Ports.Crypto`. */
export const FollowUpRepositoryLive = Layer.effect(
  Ports.FollowUpRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const crypto = yield* Ports.Crypto;
    const transactor = yield* Ports.Transactor;

    /** The person and everyone merged into them; a person merged away is refused (their case is the survivor's). */
    const caseOf = (personId: Person.PersonId) =>
      Effect.gen(function* () {
        yield* livePerson(query, personId);
        const members = yield* query((db) =>
          db
            .select({ id: persons.id })
            .from(persons)
            .where(or(eq(persons.id, personId), eq(persons.mergedInto, personId))),
        );
        return members.map((member) => member.id);
      });

    const toTasks = (rows: ReadonlyArray<Row>) => Effect.forEach(rows, (row) => toFollowUp(crypto, row));

    return Ports.FollowUpRepository.of({
      list: (personId) =>
        Effect.gen(function* () {
          const members = yield* caseOf(personId);
          const rows = yield* query((db) =>
            db
              .select()
              .from(followUps)
              .where(inArray(followUps.personId, members))
              .orderBy(asc(followUps.dueOn), asc(followUps.id)),
          );
          return yield* toTasks(rows);
        }),

      caseFacts: (personId) =>
        Effect.gen(function* () {
          const members = yield* caseOf(personId);
          const reported = yield* query((db) =>
            db
              .select({ period: sql<unknown>`${registrations.data} -> 'reflectionPeriod'` })
              .from(registrations)
              .where(
                and(
                  inArray(registrations.personId, members),
                  notInArray(registrations.status, closedRegistrationStates),
                ),
              )
              .orderBy(asc(registrations.id)),
          );
          const stays = yield* query((db) =>
            db
              .select({ startsOn: placements.startsOn, endsOn: placements.endsOn, shelterKind: shelters.kind })
              .from(placements)
              .innerJoin(placementRequests, eq(placementRequests.id, placements.requestId))
              .innerJoin(registrations, eq(registrations.id, placementRequests.registrationId))
              .innerJoin(shelterPlaces, eq(shelterPlaces.id, placements.placeId))
              .innerJoin(shelters, eq(shelters.id, shelterPlaces.shelterId))
              .where(inArray(registrations.personId, members))
              .orderBy(asc(placements.startsOn), asc(placements.id)),
          );
          return {
            reflectionPeriods: reported.flatMap((row) => Option.toArray(decodePeriod(row.period))),
            placements: stays.map((stay) => ({
              startsOn: IsoDate.make(stay.startsOn),
              ...(stay.endsOn === null ? {} : { endsOn: IsoDate.make(stay.endsOn) }),
              shelterKind: stay.shelterKind as Shelter.Shelter["kind"],
            })),
          };
        }),

      create: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            yield* livePerson(query, input.personId, { forUpdate: true });
            const [owner] = yield* query((db) =>
              db.select({ role: users.role, status: users.status }).from(users).where(eq(users.id, input.owner)),
            );
            if (owner === undefined || owner.role !== "coordinator" || owner.status !== "active") {
              return yield* new FollowUp.FollowUpOwnerRefused({ owner: input.owner });
            }
            const id = yield* ids.next;
            const title =
              input.title === undefined
                ? null
                : yield* crypto.encrypt(Redacted.value(input.title), followUpTitleContext(id));
            const [row] = yield* query((db) =>
              db
                .insert(followUps)
                .values({
                  id,
                  personId: input.personId,
                  kind: input.kind,
                  dueOn: input.dueOn,
                  ownerId: input.owner,
                  title,
                  createdByKind: input.createdBy.kind,
                  createdById: input.createdBy.id,
                })
                .returning(),
            );
            return yield* toFollowUp(crypto, row as Row);
          }),
        ),

      close: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            const [row] = yield* query((db) =>
              db.select().from(followUps).where(eq(followUps.id, input.id)).for("update"),
            );
            if (row === undefined) return yield* new FollowUp.FollowUpNotFound({ id: input.id });
            if (row.state !== "open") {
              return yield* new FollowUp.FollowUpClosed({
                id: input.id,
                state: row.state as FollowUp.FollowUpState,
              });
            }
            const [closed] = yield* query((db) =>
              db
                .update(followUps)
                .set({
                  state: input.state,
                  closedByKind: input.closedBy.kind,
                  closedById: input.closedBy.id,
                  closedAt: sql`now()`,
                })
                .where(eq(followUps.id, input.id))
                .returning(),
            );
            return yield* toFollowUp(crypto, closed as Row);
          }),
        ),

      worklist: (filter, page) =>
        Effect.gen(function* () {
          const after = page.cursor === undefined ? undefined : yield* decodeCursor(page.cursor);
          const rows = yield* query((db) =>
            db
              .select()
              .from(followUps)
              .where(
                and(
                  filter.owner === undefined ? undefined : eq(followUps.ownerId, filter.owner),
                  filter.state === undefined ? undefined : eq(followUps.state, filter.state),
                  filter.overdueOn === undefined
                    ? undefined
                    : and(eq(followUps.state, "open"), lt(followUps.dueOn, filter.overdueOn)),
                  after === undefined
                    ? undefined
                    : or(
                        gt(followUps.dueOn, after.dueOn),
                        and(eq(followUps.dueOn, after.dueOn), gt(followUps.id, after.id)),
                      ),
                ),
              )
              .orderBy(asc(followUps.dueOn), asc(followUps.id))
              .limit(page.limit + 1),
          );
          const data = rows.slice(0, page.limit);
          const last = data.at(-1);
          return {
            data: yield* toTasks(data),
            nextCursor: rows.length > page.limit && last !== undefined ? encodeCursor(last) : null,
          };
        }),

      countOverdue: (today) =>
        Effect.map(
          query((db) =>
            db
              .select({ count: sql<number>`count(*)::int` })
              .from(followUps)
              .where(and(eq(followUps.state, "open"), lt(followUps.dueOn, today))),
          ),
          (rows) => Number(rows[0]?.count ?? 0),
        ),

      stayList: (shelterId, week) =>
        Effect.gen(function* () {
          const [shelter] = yield* query((db) =>
            db.select({ id: shelters.id }).from(shelters).where(eq(shelters.id, shelterId)),
          );
          if (shelter === undefined) return yield* new Shelter.ShelterNotFound({ id: shelterId });
          const { from, to } = StayList.daysOf(week);
          const survivor = sql<string>`coalesce(${persons.mergedInto}, ${persons.id})`;
          const stays = yield* query((db) =>
            db
              .select({
                personId: survivor,
                registrationId: registrations.id,
                placementId: placements.id,
                startsOn: placements.startsOn,
                endsOn: placements.endsOn,
              })
              .from(placements)
              .innerJoin(shelterPlaces, eq(shelterPlaces.id, placements.placeId))
              .innerJoin(placementRequests, eq(placementRequests.id, placements.requestId))
              .innerJoin(registrations, eq(registrations.id, placementRequests.registrationId))
              .innerJoin(persons, eq(persons.id, registrations.personId))
              .where(
                and(
                  eq(shelterPlaces.shelterId, shelterId),
                  lte(placements.startsOn, to),
                  or(isNull(placements.endsOn), gt(placements.endsOn, from)),
                  // An empty stay (ending on its start) held no night.
                  or(isNull(placements.endsOn), ne(placements.endsOn, placements.startsOn)),
                ),
              ),
          );
          const personIds = [...new Set(stays.map((stay) => stay.personId))];
          const tasks =
            personIds.length === 0
              ? []
              : yield* query((db) =>
                  db
                    .select({ personId: survivor, dueOn: followUps.dueOn })
                    .from(followUps)
                    .innerJoin(persons, eq(persons.id, followUps.personId))
                    .where(
                      and(
                        eq(followUps.state, "open"),
                        lte(followUps.dueOn, to),
                        or(inArray(persons.id, personIds), inArray(persons.mergedInto, personIds)),
                      ),
                    ),
                );
          const rows = StayList.stayListRows(
            week,
            stays.map((stay) => ({
              personId: Person.PersonId.make(stay.personId),
              registrationId: stay.registrationId as StayList.Stay["registrationId"],
              placementId: stay.placementId as StayList.Stay["placementId"],
              startsOn: IsoDate.make(stay.startsOn),
              ...(stay.endsOn === null ? {} : { endsOn: IsoDate.make(stay.endsOn) }),
            })),
            tasks.map((task) => ({ personId: Person.PersonId.make(task.personId), dueOn: IsoDate.make(task.dueOn) })),
          );
          return { shelterId, week, from, to, rows };
        }),
    });
  }),
);
