import { type Counting, Ports, Registration, Unreadable } from "@comensha/domain";
import { and, desc, eq, gte, lt, lte, ne, sql } from "drizzle-orm";
import { Effect, Layer, Redacted, Result, Schema } from "effect";
import { cursorOf, pageOf, subqueryFence } from "./Cursor.js";
import { builtOnce, Database, deferWith, queryWith, toIsoTimestamp } from "./Database.js";
import { organisations, persons, registrations, registrationTransfers, registrationVersions } from "./schema.js";

const encodeInput = Schema.encodeSync(Registration.RegistrationInput);
const decodeRegistration = Schema.decodeUnknownSync(Registration.Registration);

type EncodedInput = typeof Registration.RegistrationInput.Encoded;

/** The direct identifiers of the reported person, as encrypted together. */
interface EncodedIdentifiers {
  readonly familyName: string;
  readonly givenNames: string;
  readonly aliases: ReadonlyArray<string>;
  readonly dateOfBirth?: string;
  readonly documentNumber?: string;
}

/** What one version encrypts: the identifiers, and the free-text reason of a withdrawal (which can name people). */
interface EncryptedPart extends EncodedIdentifiers {
  readonly withdrawalReason?: string;
}

const encryptedPart = (
  identifiers: EncodedIdentifiers,
  withdrawalReason: Registration.WithdrawalReason | undefined,
): EncryptedPart =>
  withdrawalReason === undefined ? identifiers : { ...identifiers, withdrawalReason: Redacted.value(withdrawalReason) };

/** Splits a report into what is stored in the clear (for filters and statistics) and what is encrypted. */
const split = (input: Registration.RegistrationInput) => {
  const encoded = encodeInput(input);
  const { familyName, givenNames, aliases, dateOfBirth, documentNumber, ...person } = encoded.person;
  const identifiers: EncodedIdentifiers = {
    familyName,
    givenNames,
    aliases,
    ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
    ...(documentNumber === undefined ? {} : { documentNumber }),
  };
  const birthYear = person.birthYear ?? (dateOfBirth === undefined ? null : Number(dateOfBirth.slice(0, 4)));
  return { data: { ...encoded, person }, identifiers, birthYear };
};

/** Binds a version's ciphertext to its registration and version (associated data). */
export const registrationContext = (id: string, version: number) => `registration:${id}:${version}`;

interface StoredVersion {
  readonly id: string;
  readonly organisationId: string;
  readonly personId: string;
  readonly status: string;
  readonly version: number;
  readonly data: unknown;
  /** Null once erased. */
  readonly identifiers: Uint8Array | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When the registration's identifiers were erased; null or absent until then. */
  readonly erasedAt?: string | null;
  /** The birth year kept for statistics (an erased version shows it instead of the erased date of birth). */
  readonly birthYear?: number | null;
}

/**
 * The registrations a reference names: the whole id (that one only, by the primary key), or the id's last characters
 * (`Registration.RegistrationReference`, checked at the edge: lower-case hex only, so nothing in it is a pattern).
 * The length is written into the statement, not bound, so that it matches the index on the last 8 characters
 * (migration 0019) in every plan, also a prepared statement's generic one.
 */
const referenceCondition = (reference: string | undefined) => {
  if (reference === undefined) return undefined;
  if (reference.length === 36) return eq(registrations.id, reference);
  return sql`right(${registrations.id}::text, ${sql.raw(String(Math.trunc(reference.length)))}) = ${reference}`;
};

/** The longest period, in days, that a list reads by the report date first (see `list`). */
const shortPeriodDays = 366;

/** Whether a list filter names a period of both ends, at most {@link shortPeriodDays} long. */
const isShortPeriod = (filter: Ports.RegistrationFilter) =>
  filter.reportedFrom !== undefined &&
  filter.reportedTo !== undefined &&
  (Date.parse(filter.reportedTo) - Date.parse(filter.reportedFrom)) / 86_400_000 <= shortPeriodDays;

/** The domain's RegistrationRepository on drizzle: identifiers encrypted per version, versions kept. */
export const RegistrationRepositoryLive = Layer.effect(
  Ports.RegistrationRepository,
  Effect.gen(function* () {
    const database = yield* Database;
    const query = queryWith(database);
    const defer = deferWith(database);
    const ids = yield* Ports.IdGenerator;
    const crypto = yield* Ports.Crypto;
    const transactor = yield* Ports.Transactor;

    /** Decrypts a stored version; one that does not decrypt under this server's key fails as undecryptable. */
    const readRegistration = (stored: StoredVersion) =>
      Effect.gen(function* () {
        if (stored.identifiers === null) return readErased(stored);
        const plaintext = yield* crypto
          .decrypt(stored.identifiers, registrationContext(stored.id, stored.version))
          .pipe(Effect.mapError(() => new Registration.RegistrationUndecryptable({ id: stored.id })));
        const data = stored.data as EncodedInput;
        const { withdrawalReason, ...identifiers } = JSON.parse(plaintext) as EncryptedPart;
        return decodeRegistration({
          ...data,
          person: { ...data.person, ...identifiers },
          ...(withdrawalReason === undefined ? {} : { withdrawalReason }),
          id: stored.id,
          organisationId: stored.organisationId,
          personId: stored.personId,
          status: stored.status,
          version: stored.version,
          createdAt: toIsoTimestamp(stored.createdAt),
          updatedAt: toIsoTimestamp(stored.updatedAt),
        });
      });

    /**
     * An erased version: the report without identifiers (its statistical attributes only) and when it was erased.
     * A version's identifiers are only ever null with the registration's `erased_at` set (a check constraint).
     */
    const readErased = (stored: StoredVersion) => {
      const data = stored.data as EncodedInput;
      const birthYear = data.person.birthYear ?? stored.birthYear ?? undefined;
      return decodeRegistration({
        ...data,
        person: { ...data.person, ...(birthYear === undefined ? {} : { birthYear }) },
        id: stored.id,
        organisationId: stored.organisationId,
        personId: stored.personId,
        status: stored.status,
        version: stored.version,
        createdAt: toIsoTimestamp(stored.createdAt),
        updatedAt: toIsoTimestamp(stored.updatedAt),
        erasedAt: toIsoTimestamp(stored.erasedAt ?? stored.updatedAt),
      });
    };

    const toRegistration = (stored: StoredVersion) => Effect.orDie(readRegistration(stored));

    /** Decrypts what it can: the registrations that decrypt, and the ids of those that do not. */
    const readAll = (rows: ReadonlyArray<StoredVersion>) =>
      Effect.map(
        Effect.forEach(rows, (row) => Effect.result(readRegistration(row))),
        (read) => ({
          readable: read.flatMap((one) => (Result.isSuccess(one) ? [one.success] : [])),
          unreadable: read.flatMap((one) =>
            Result.isFailure(one) ? [one.failure.id as Registration.RegistrationId] : [],
          ),
        }),
      );

    // The inserts of a new registration and of a version, built once (see `builtOnce`).
    const insertRegistration = builtOnce((db) =>
      db.insert(registrations).values({
        id: sql.placeholder("id"),
        organisationId: sql.placeholder("organisationId"),
        personId: sql.placeholder("personId"),
        status: sql.placeholder("status"),
        version: 1,
        reportedOn: sql.placeholder("reportedOn"),
        birthYear: sql.placeholder("birthYear"),
        data: sql.placeholder("data"),
        identifiers: sql.placeholder("identifiers"),
      }),
    );
    const insertVersion = builtOnce((db) =>
      db.insert(registrationVersions).values({
        registrationId: sql.placeholder("registrationId"),
        version: sql.placeholder("version"),
        status: sql.placeholder("status"),
        data: sql.placeholder("data"),
        identifiers: sql.placeholder("identifiers"),
      }),
    );

    const findRow = (id: string, organisationId?: string) =>
      Effect.map(
        query((db) =>
          db
            .select()
            .from(registrations)
            .where(
              organisationId === undefined
                ? eq(registrations.id, id)
                : and(eq(registrations.id, id), eq(registrations.organisationId, organisationId)),
            ),
        ),
        (rows) => rows[0],
      );

    const writeVersion = (input: {
      readonly id: string;
      readonly version: number;
      readonly status: string;
      readonly registration: Registration.RegistrationInput;
      readonly withdrawalReason?: Registration.WithdrawalReason | undefined;
    }) =>
      Effect.gen(function* () {
        const { data, identifiers, birthYear } = split(input.registration);
        const ciphertext = yield* crypto.encrypt(
          JSON.stringify(encryptedPart(identifiers, input.withdrawalReason)),
          registrationContext(input.id, input.version),
        );
        yield* query((db) =>
          insertVersion(db, {
            registrationId: input.id,
            version: input.version,
            status: input.status,
            data,
            identifiers: ciphertext,
          }),
        );
        return { data, ciphertext, birthYear };
      });

    /**
     * The registrations `organisationId` transferred away and does not own now, each at the version of its latest
     * transfer from that organisation, read from the versions (as it was then, also its status and report date); by
     * id, or filtered as a list is, newest first.
     */
    const transferredAway = (
      organisationId: string,
      filter: Omit<Ports.RegistrationFilter, "organisationId"> & { readonly id?: string; readonly before?: string },
      limit?: number,
    ) =>
      query((db) => {
        const latest = db
          .selectDistinctOn([registrationTransfers.registrationId], {
            registrationId: registrationTransfers.registrationId,
            version: registrationTransfers.version,
          })
          .from(registrationTransfers)
          .where(
            and(
              eq(registrationTransfers.fromOrganisationId, organisationId),
              filter.id === undefined ? undefined : eq(registrationTransfers.registrationId, filter.id),
            ),
          )
          .orderBy(registrationTransfers.registrationId, desc(registrationTransfers.id))
          .as("latest");
        const reportedOn = sql<string>`(${registrationVersions.data} ->> 'reportedOn')`;
        const select = db
          .select({
            id: registrations.id,
            organisationId: sql<string>`${organisationId}::uuid`,
            personId: registrations.personId,
            status: registrationVersions.status,
            version: registrationVersions.version,
            data: registrationVersions.data,
            identifiers: registrationVersions.identifiers,
            createdAt: registrations.createdAt,
            updatedAt: registrationVersions.createdAt,
            erasedAt: registrations.erasedAt,
            birthYear: registrations.birthYear,
          })
          .from(latest)
          .innerJoin(registrations, eq(registrations.id, latest.registrationId))
          .innerJoin(
            registrationVersions,
            and(
              eq(registrationVersions.registrationId, latest.registrationId),
              eq(registrationVersions.version, latest.version),
            ),
          )
          .where(
            and(
              ne(registrations.organisationId, organisationId),
              filter.status === undefined ? undefined : eq(registrationVersions.status, filter.status),
              filter.reportedFrom === undefined ? undefined : sql`${reportedOn} >= ${filter.reportedFrom}`,
              filter.reportedTo === undefined ? undefined : sql`${reportedOn} <= ${filter.reportedTo}`,
              referenceCondition(filter.reference),
              filter.before === undefined ? undefined : lt(registrations.id, filter.before),
            ),
          )
          .orderBy(desc(registrations.id));
        return limit === undefined ? select : select.limit(limit);
      });

    return Ports.RegistrationRepository.of({
      create: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            const id = yield* ids.next;
            const { data, identifiers, birthYear } = split(input.registration);
            const ciphertext = yield* crypto.encrypt(JSON.stringify(identifiers), registrationContext(id, 1));
            // Written without waiting (see `deferWith`), so they travel with the statements that follow; the answer
            // is what was just written, with the transaction's time as the defaults take it.
            yield* defer((db) =>
              insertRegistration(db, {
                id,
                organisationId: input.organisationId,
                personId: input.personId,
                status: input.status,
                reportedOn: input.registration.reportedOn,
                birthYear: birthYear ?? null,
                data,
                identifiers: ciphertext,
              }),
            );
            yield* defer((db) =>
              insertVersion(db, {
                registrationId: id,
                version: 1,
                status: input.status,
                data,
                identifiers: ciphertext,
              }),
            );
            const now = yield* transactor.now;
            return decodeRegistration({
              ...data,
              person: { ...data.person, ...identifiers },
              id,
              organisationId: input.organisationId,
              personId: input.personId,
              status: input.status,
              version: 1,
              createdAt: now,
              updatedAt: now,
            });
          }),
        ),
      findById: (id, scope) =>
        Effect.gen(function* () {
          const row = yield* findRow(id, scope?.organisationId);
          if (row === undefined) return yield* new Registration.RegistrationNotFound({ id });
          return yield* readRegistration(row);
        }),
      findTransferredAway: (id, organisationId) =>
        Effect.gen(function* () {
          const [row] = yield* transferredAway(organisationId, { id });
          if (row === undefined) return yield* new Registration.RegistrationNotFound({ id });
          return yield* readRegistration(row);
        }),
      update: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            const [current] = yield* query((db) =>
              db.select().from(registrations).where(eq(registrations.id, input.id)).for("update"),
            );
            if (
              current === undefined ||
              (input.organisationId !== undefined && current.organisationId !== input.organisationId)
            ) {
              return yield* new Registration.RegistrationNotFound({ id: input.id });
            }
            if (current.version !== input.expectedVersion) {
              return yield* new Registration.RegistrationVersionConflict({
                id: input.id,
                expectedVersion: input.expectedVersion,
                currentVersion: current.version,
              });
            }
            const version = current.version + 1;
            const { data, ciphertext, birthYear } = yield* writeVersion({
              id: input.id,
              version,
              status: input.status,
              registration: input.registration,
              withdrawalReason: input.withdrawalReason,
            });
            const [row] = yield* query((db) =>
              db
                .update(registrations)
                .set({
                  status: input.status,
                  version,
                  reportedOn: input.registration.reportedOn,
                  birthYear,
                  data,
                  identifiers: ciphertext,
                  updatedAt: sql`now()`,
                })
                .where(eq(registrations.id, input.id))
                .returning(),
            );
            return yield* toRegistration(row as StoredVersion);
          }),
        ),
      listVersions: (id) =>
        Effect.gen(function* () {
          const current = yield* findRow(id);
          if (current === undefined) return yield* new Registration.RegistrationNotFound({ id });
          const rows = yield* query((db) =>
            db
              .select()
              .from(registrationVersions)
              .where(eq(registrationVersions.registrationId, id))
              .orderBy(registrationVersions.version),
          );
          // A version that does not decrypt is left out (its number shows the gap) and reported, not a failure.
          const versions = yield* Effect.forEach(rows, (row) =>
            readRegistration({
              id,
              organisationId: current.organisationId,
              personId: current.personId,
              status: row.status,
              version: row.version,
              data: row.data,
              identifiers: row.identifiers,
              createdAt: current.createdAt,
              updatedAt: row.createdAt,
              erasedAt: current.erasedAt,
              birthYear: current.birthYear,
            }).pipe(
              Effect.catchTag("RegistrationUndecryptable", () =>
                Effect.as(
                  Unreadable.reportUnreadable({
                    resource: "registration",
                    id,
                    field: `versions.${row.version}.identifiers`,
                  }),
                  undefined,
                ),
              ),
            ),
          );
          return versions.filter((version) => version !== undefined);
        }),
      listForPerson: (personId) =>
        Effect.gen(function* () {
          const rows = yield* query((db) =>
            db
              .select()
              .from(registrations)
              // The person and those merged into them first, then their registrations by the index on person_id
              // (an OR with the subquery would read every registration).
              .where(
                sql`${registrations.personId} = any(array(select ${personId}::uuid union all select merged.id from ${persons} merged where merged.merged_into = ${personId}))`,
              )
              .orderBy(desc(registrations.id)),
          );
          const { readable, unreadable } = yield* readAll(rows);
          return { registrations: readable, unreadable };
        }),
      list: (filter, page) =>
        Effect.gen(function* () {
          const before = yield* cursorOf(page.cursor);
          const conditions = and(
            filter.organisationId === undefined ? undefined : eq(registrations.organisationId, filter.organisationId),
            filter.status === undefined ? undefined : eq(registrations.status, filter.status),
            filter.reportedFrom === undefined ? undefined : gte(registrations.reportedOn, filter.reportedFrom),
            filter.reportedTo === undefined ? undefined : lte(registrations.reportedOn, filter.reportedTo),
            referenceCondition(filter.reference),
            filter.caseStatus === undefined
              ? undefined
              : sql`${registrations.personId} in (select p.id from ${persons} p left join ${persons} survivor on survivor.id = p.merged_into where coalesce(survivor.case_status, p.case_status) = ${filter.caseStatus})`,
            before === undefined ? undefined : lt(registrations.id, before),
          );
          const rows = yield* query((db) => {
            if (!isShortPeriod(filter)) {
              return db
                .select()
                .from(registrations)
                .where(conditions)
                .orderBy(desc(registrations.id))
                .limit(page.limit + 1);
            }
            // A period of at most a year: its registrations first, by the index on the report date, then the newest of
            // them. Left alone the planner walks the primary key back from the newest registration until it has a
            // page, as if report dates were spread evenly over the ids; but ids follow creation, which follows the
            // report date, so for a period long ago that walk reads nearly every registration made since.
            const inPeriod = db.select().from(registrations).where(conditions).offset(subqueryFence).as("in_period");
            return db
              .select()
              .from(inPeriod)
              .orderBy(desc(inPeriod.id))
              .limit(page.limit + 1);
          });
          // A partner's list also holds what it transferred away, as it was then: both in id order, one page of both.
          const { withTransferredAway, organisationId, ...rest } = filter;
          const away =
            withTransferredAway === true && organisationId !== undefined
              ? yield* transferredAway(
                  organisationId,
                  before === undefined ? rest : { ...rest, before },
                  page.limit + 1,
                )
              : [];
          const merged =
            away.length === 0
              ? (rows as ReadonlyArray<StoredVersion>)
              : [...(rows as ReadonlyArray<StoredVersion>), ...away].sort((a, b) =>
                  a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
                );
          const result = pageOf(merged, page.limit);
          const { readable, unreadable } = yield* readAll(result.data);
          return { ...result, data: readable, unreadable };
        }),
      listCountable: (year) =>
        Effect.map(
          query((db) =>
            db
              .select({
                registrationId: registrations.id,
                personId: sql<string>`coalesce(${persons.mergedInto}, ${persons.id})`,
                organisationId: registrations.organisationId,
                organisationKind: organisations.kind,
                organisationRegion: organisations.region,
                reportedOn: registrations.reportedOn,
                status: registrations.status,
                birthYear: registrations.birthYear,
                data: registrations.data,
              })
              .from(registrations)
              .innerJoin(organisations, eq(organisations.id, registrations.organisationId))
              .innerJoin(persons, eq(persons.id, registrations.personId))
              .where(
                and(gte(registrations.reportedOn, `${year}-01-01`), lte(registrations.reportedOn, `${year}-12-31`)),
              )
              .orderBy(registrations.id),
          ),
          (rows) =>
            rows.map((row): Counting.CountableRegistration => {
              const data = row.data as EncodedInput;
              return {
                registrationId: row.registrationId,
                personId: row.personId,
                organisationId: row.organisationId,
                organisationKind: row.organisationKind as Counting.CountableRegistration["organisationKind"],
                ...(row.organisationRegion === null
                  ? {}
                  : {
                      organisationRegion: row.organisationRegion as NonNullable<
                        Counting.CountableRegistration["organisationRegion"]
                      >,
                    }),
                reportedOn: row.reportedOn as Counting.CountableRegistration["reportedOn"],
                status: row.status as Counting.CountableRegistration["status"],
                forms: data.exploitation.forms,
                sex: data.person.sex,
                ...(row.birthYear === null ? {} : { birthYear: row.birthYear }),
                nationalities: data.person.nationalities,
                ...(data.exploitation.policeRegion === undefined
                  ? {}
                  : { policeRegion: data.exploitation.policeRegion }),
                country: data.exploitation.country,
                ...(data.exploitation.sector === undefined ? {} : { sector: data.exploitation.sector }),
              };
            }),
        ),
    });
  }),
);
