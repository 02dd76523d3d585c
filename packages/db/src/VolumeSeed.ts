import { once } from "node:events";
import { Organisation, type PersonMatching, Ports } from "@comensha/domain";
import { getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { Data, Effect, Schema } from "effect";
import postgres from "postgres";
import { Database, type Executor, queryWith, rowsOf } from "./Database.js";
import {
  type DemoVolumeOptions,
  type DemoVolumePerson,
  type DemoVolumeReport,
  demoOrganisations,
  streamDemoVolume,
} from "./DemoData.js";
import { duplicateReasonContext } from "./DuplicateRepository.js";
import { KeyFingerprints } from "./KeyCheck.js";
import { registrationContext } from "./RegistrationRepository.js";
import {
  duplicates,
  personBlindIndexes,
  persons,
  placementRequests,
  registrations,
  registrationVersions,
} from "./schema.js";

/** A volume seed only adds to a database without registrations: it never mixes demo data into real reports. */
export class DatabaseHasRegistrations extends Data.TaggedError("DatabaseHasRegistrations") {
  override get message() {
    return "The database already holds registrations; a volume seed only fills a database without any.";
  }
}

/** What a volume seed wrote, row counts per kind. */
export interface VolumeSeedSummary {
  /** Demo organisations made (those already there by name are reused). */
  readonly organisations: number;
  readonly persons: number;
  readonly registrations: number;
  readonly blindIndexes: number;
  readonly duplicates: number;
  readonly openDuplicates: number;
  readonly placementRequests: number;
  readonly openPlacementRequests: number;
}

/** How far a volume seed is: after each batch written. */
export interface VolumeSeedProgress extends VolumeSeedSummary {
  /** New persons of the demo written so far, of `options.persons` (duplicates' persons not included). */
  readonly generated: number;
  readonly elapsedMs: number;
}

export interface VolumeSeedOptions extends DemoVolumeOptions {
  /** Persons generated and written per batch (5,000): what the seed holds in memory at a time. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: VolumeSeedProgress) => void;
}

type Row = Record<string, unknown>;

/**
 * One table's rows of a batch, keyed by column name, and the columns they fill (the others keep their defaults). The
 * rows are written in the order of `key`, the leading columns of the table's primary key, so that one batch walks
 * through the key's index once instead of jumping about in it.
 */
interface TableRows {
  readonly name: string;
  readonly columns: ReadonlyArray<string>;
  readonly key: ReadonlyArray<string>;
  readonly rows: Array<Row>;
}

const tableRows = (table: PgTable, columns: ReadonlyArray<string>, key: ReadonlyArray<string> = ["id"]): TableRows => ({
  name: getTableName(table),
  columns,
  key,
  rows: [],
});

/** The rows of a table in the order of its key (text columns, compared as the C collation does for ids and hex). */
const sortedRows = ({ rows, key }: TableRows) => {
  const [first, second] = key as [string, string?];
  return rows.sort((a, b) => {
    const x = a[first] as string;
    const y = b[first] as string;
    if (x !== y || second === undefined) return x < y ? -1 : x > y ? 1 : 0;
    const u = a[second] as string;
    const v = b[second] as string;
    return u < v ? -1 : u > v ? 1 : 0;
  });
};

/** The tables a batch fills, in the order their foreign keys need. */
const newBatch = () => ({
  persons: tableRows(persons, ["id", "sex", "birth_year", "nationalities", "merged_into", "created_at"]),
  registrations: tableRows(registrations, [
    "id",
    "organisation_id",
    "person_id",
    "status",
    "version",
    "reported_on",
    "birth_year",
    "data",
    "identifiers",
    "created_at",
    "updated_at",
  ]),
  versions: tableRows(
    registrationVersions,
    ["registration_id", "version", "status", "data", "identifiers", "created_at"],
    ["registration_id"],
  ),
  blindIndexes: tableRows(personBlindIndexes, ["person_id", "name", "value", "key_id"], ["name", "value"]),
  duplicates: tableRows(duplicates, [
    "id",
    "person_id",
    "candidate_person_id",
    "registration_id",
    "matched_on",
    "status",
    "decision_reason",
    "decided_by",
    "decided_at",
    "created_at",
  ]),
  placementRequests: tableRows(placementRequests, [
    "id",
    "registration_id",
    "organisation_id",
    "person_id",
    "requested_by",
    "requested_on",
    "preferred_region",
    "state",
    "version",
    "needs",
    "created_at",
    "updated_at",
  ]),
});
type Batch = ReturnType<typeof newBatch>;

/**
 * The statement that inserts a table's rows of a batch given as one JSON array (`$1`): thousands of rows in one
 * statement with one parameter, the way in on PGlite (which takes COPY only from a file).
 */
const insertStatement = ({ name, columns }: TableRows) => {
  const list = columns.join(", ");
  return `insert into ${name} (${list}) select ${list} from json_populate_recordset(null::${name}, $1::text::json)`;
};

/**
 * A value in COPY's text format: `\N` for null, `bytea` as `\x` and hex, arrays and JSON in their text forms,
 * backslashes and line breaks escaped. `known` holds the fields of objects already written (a registration and its
 * first version share their report and ciphertext).
 */
const copyField = (value: unknown, known: WeakMap<object, string>): string => {
  if (value === null || value === undefined) return "\\N";
  if (typeof value !== "object") return escapeCopy(String(value));
  let field = known.get(value);
  if (field === undefined) {
    field =
      value instanceof Uint8Array
        ? `\\\\x${hexOf(value)}`
        : escapeCopy(
            Array.isArray(value)
              ? `{${value.map((element) => `"${String(element).replace(/["\\]/g, "\\$&")}"`).join(",")}}`
              : JSON.stringify(value),
          );
    known.set(value, field);
  }
  return field;
};

const escapeCopy = (text: string) =>
  /[\\\n\r\t]/.test(text)
    ? text.replace(/[\\\n\r\t]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t"))
    : text;

/** A table's rows of a batch in COPY's text format. */
const copyText = (table: TableRows, known: WeakMap<object, string>): string => {
  const { columns } = table;
  let text = "";
  for (const row of sortedRows(table)) {
    for (let i = 0; i < columns.length; i++) {
      text += copyField(row[columns[i] as string], known);
      text += i === columns.length - 1 ? "\n" : "\t";
    }
  }
  return text;
};

/**
 * The person-years that reports read (`counted_person_years`, migration 0021) are computed once, after the last
 * batch, rather than by the insert trigger for each batch: that trigger looks up every batch's persons among all the
 * persons written before, which made a million persons half again as slow to seed. Local to the seed's transaction.
 */
const deferCounting = "select set_config('comensha.counting', 'deferred', true)";
const countAll = `select set_config('comensha.counting', '', true),
  comensha_refresh_counted_person_years(array(select distinct person_id from registrations))`;

/**
 * Writes batches on one PostgreSQL connection of its own, in one transaction, with COPY: about three times as fast
 * as a multi-row INSERT from JSON here.
 */
const postgresSink = (url: string) => {
  const client = postgres(url, { max: 1, onnotice: () => undefined });
  return <A>(load: (write: (batch: Batch) => Promise<void>) => Promise<A>): Promise<A> =>
    client
      .begin(async (tx) => {
        await tx.unsafe(deferCounting);
        const result = await load(async (batch) => {
          const known = new WeakMap<object, string>();
          for (const table of Object.values(batch)) {
            if (table.rows.length === 0) continue;
            const copy = tx.unsafe(`copy ${table.name} (${table.columns.join(", ")}) from stdin`);
            const stream = await copy.writable();
            // postgres.js 3.4.9 never finishes the stream when the server fails a COPY after its data ended (a
            // foreign key, say: porsager/postgres#1173); the error then only reaches the query's `reject`.
            const failed = new Promise<never>((_, reject) => {
              (copy as unknown as { reject: (error: unknown) => void }).reject = reject;
            });
            const finished = once(stream, "finish");
            stream.end(copyText(table, known));
            await Promise.race([finished, failed]);
          }
        });
        await tx.unsafe(countAll);
        return result;
      })
      .then((result) => result as A)
      .finally(() => client.end({ timeout: 5 }));
};

/** Writes batches through drizzle (PGlite: one connection) in one transaction. */
const drizzleSink =
  (db: Executor) =>
  <A>(load: (write: (batch: Batch) => Promise<void>) => Promise<A>): Promise<A> =>
    db.transaction(async (tx) => {
      await tx.execute(sql.raw(deferCounting));
      const result = await load(async (batch) => {
        for (const table of Object.values(batch)) {
          if (table.rows.length === 0) continue;
          const [head, tail] = insertStatement(table).split("$1");
          const json = JSON.stringify(sortedRows(table), (_, value) =>
            value instanceof Uint8Array ? `\\x${hexOf(value)}` : value,
          );
          await tx.execute(sql.join([sql.raw(head ?? ""), sql`${json}`, sql.raw(tail ?? "")]));
        }
      });
      await tx.execute(sql.raw(countAll));
      return result;
    });

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("hex");

const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/**
 * Reproducible UUIDv7 ids at given instants: the random bits from a small seeded generator (mulberry32, as
 * `seededIdGenerator`), so that a seed makes the same ids every time. Ids of earlier instants sort first, as the
 * API's do, so lists ordered by id show the latest reports first.
 */
const seededIdsAt = (seed: number) => {
  let state = (seed ^ 0x5eed1d5) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  return {
    /** A whole number from 0 to `below` - 1. */
    below: (below: number) => next() % below,
    idAt: (millis: number) => {
      view.setUint16(0, Math.floor(millis / 2 ** 32));
      view.setUint32(2, millis % 2 ** 32);
      view.setUint16(6, (0x7000 | (next() & 0x0fff)) >>> 0);
      view.setUint32(8, ((next() & 0x3fffffff) | 0x80000000) >>> 0);
      view.setUint32(12, next());
      let id = "";
      for (let i = 0; i < 16; i++) id += (i === 4 || i === 6 || i === 8 || i === 10 ? "-" : "") + hex[bytes[i] ?? 0];
      return id;
    },
  };
};

const hourMillis = 3_600_000;

/** Lets queued I/O (a batch on its way to the database) run between stretches of generating the next batch. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Fills a database with demo data at volume ({@link streamDemoVolume}): `persons` new persons over `years` years,
 * with their registrations, versions, blind indexes, possible duplicates and placement requests, the same rows the
 * API writes for them. Generated and written in batches of `batchSize` persons, so memory stays flat however many;
 * on PostgreSQL with COPY on a connection of its own, one transaction for all (all of it or nothing), the next batch
 * generated while the database takes the last; on PGlite with multi-row INSERTs, likewise in one transaction.
 *
 * Each row is what the repositories write: identifiers encrypted with `Ports.Crypto` under the registration's
 * context (`RegistrationRepository.create`), the same ciphertext on the registration and its first version, the
 * report without identifiers as `data`, blind indexes by `Ports.Crypto.blindIndex` under the current index key with
 * its key id (`PersonRepository`), decided duplicates with their encrypted reason (`DuplicateRepository.decide`),
 * and merged persons pointing to the surviving one. Ids are UUIDv7 at the instants of the reports, from a generator
 * seeded with `seed`: the same options give the same database. The demo organisations are made where missing (by
 * name); shelters and placements are not (the demo's places could never house this volume). One audit event
 * (`demo_data.seed`) records the seed; finally the tables are analysed, so plans fit the new volume at once.
 */
export const writeVolumeData = (options: VolumeSeedOptions) =>
  Effect.gen(function* () {
    const database = yield* Database;
    const query = queryWith(database);
    const crypto = yield* Ports.Crypto;
    const indexKeyId = (yield* KeyFingerprints).index.keyId;
    const organisationRepository = yield* Ports.OrganisationRepository;
    const audit = yield* Ports.AuditLog;

    const found = yield* query((db) => db.execute(sql`select 1 from registrations limit 1`));
    if (rowsOf(found).length > 0) return yield* new DatabaseHasRegistrations();

    const organisationIds = new Map<string, string>();
    const existing = new Map((yield* organisationRepository.list).map((o) => [o.name, o.id]));
    let organisationsMade = 0;
    for (const { key, ...fields } of demoOrganisations) {
      const known = existing.get(fields.name);
      if (known !== undefined) {
        organisationIds.set(key, known);
        continue;
      }
      const made = yield* organisationRepository.create(decodeOrganisation(fields));
      organisationIds.set(key, made.id);
      organisationsMade += 1;
    }
    const organisationIdOf = (key: string) => {
      const id = organisationIds.get(key);
      if (id === undefined) throw new Error(`demo report by an unknown organisation ${key}`);
      return id;
    };

    const ids = seededIdsAt(options.seed);
    /** An instant on `isoDay` during office hours (08:00-18:00 UTC), and not before `after`. */
    const instantOn = (isoDay: string, after = 0) =>
      Math.max(after + 60_000, Date.parse(isoDay) + 8 * hourMillis + ids.below(10 * hourMillis));
    const timestamp = (millis: number) => new Date(millis).toISOString();
    const encrypt = (plaintext: string, context: string) => Effect.runSync(crypto.encrypt(plaintext, context));
    const blindIndex = (input: PersonMatching.BlindIndexInput) =>
      Effect.runSync(crypto.blindIndex(input.name, input.normalised));

    const counts = {
      persons: 0,
      registrations: 0,
      blindIndexes: 0,
      duplicates: 0,
      openDuplicates: 0,
      placementRequests: 0,
      openPlacementRequests: 0,
    };

    /** Adds a person, their registrations (each with its first version) and their blind indexes to `batch`. */
    const addPerson = (
      batch: Batch,
      person: {
        readonly identity: DemoVolumePerson["person"]["identity"];
        readonly reports: ReadonlyArray<DemoVolumeReport>;
        readonly indexes: ReadonlyArray<PersonMatching.BlindIndexInput>;
        readonly mergedInto?: string;
      },
    ) => {
      let at = 0;
      const registrationIds: Array<{ readonly id: string; readonly millis: number }> = [];
      for (const report of person.reports) {
        const millis = instantOn(report.registration.reportedOn, at);
        at = millis;
        const id = ids.idAt(millis);
        const { familyName, givenNames, aliases, dateOfBirth, documentNumber, ...rest } = report.registration.person;
        const identifiers = {
          familyName,
          givenNames,
          aliases,
          ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
          ...(documentNumber === undefined ? {} : { documentNumber }),
        };
        const data = { ...report.registration, person: rest };
        const ciphertext = encrypt(JSON.stringify(identifiers), registrationContext(id, 1));
        const created = timestamp(millis);
        registrationIds.push({ id, millis });
        batch.registrations.rows.push({
          id,
          organisation_id: organisationIdOf(report.organisationKey),
          person_id: "",
          status: report.status,
          version: 1,
          reported_on: report.registration.reportedOn,
          birth_year: rest.birthYear ?? (dateOfBirth === undefined ? null : Number(dateOfBirth.slice(0, 4))),
          data,
          identifiers: ciphertext,
          created_at: created,
          updated_at: created,
        });
        batch.versions.rows.push({
          registration_id: id,
          version: 1,
          status: report.status,
          data,
          identifiers: ciphertext,
          created_at: created,
        });
      }
      const first = registrationIds[0];
      if (first === undefined) throw new Error("a demo person without reports");
      // The person is made just before their first registration, as the API does, at the same instant.
      const personId = ids.idAt(first.millis);
      for (const row of batch.registrations.rows.slice(-registrationIds.length)) row.person_id = personId;
      const { identity } = person;
      batch.persons.rows.push({
        id: personId,
        sex: identity.sex,
        birth_year:
          identity.birthYear ?? (identity.dateOfBirth === undefined ? null : Number(identity.dateOfBirth.slice(0, 4))),
        nationalities: identity.nationalities,
        merged_into: person.mergedInto ?? null,
        created_at: timestamp(first.millis),
      });
      const values = new Map<string, string>();
      for (const input of person.indexes) {
        const value = blindIndex(input);
        values.set(`${input.name}|${value}`, input.name);
        batch.blindIndexes.rows.push({ person_id: personId, name: input.name, value, key_id: indexKeyId });
      }
      counts.persons += 1;
      counts.registrations += registrationIds.length;
      counts.blindIndexes += person.indexes.length;
      return { personId, registrations: registrationIds, values };
    };

    const addGenerated = (batch: Batch, generated: DemoVolumePerson) => {
      const written = addPerson(batch, {
        identity: generated.person.identity,
        reports: generated.reports,
        indexes: generated.indexes,
      });
      const request = generated.placementRequest;
      if (request !== undefined) {
        const registration = written.registrations[request.reportIndex];
        const report = generated.reports[request.reportIndex];
        if (registration === undefined || report === undefined) throw new Error("a request for an unknown report");
        const millis = instantOn(request.requestedOn, registration.millis);
        const created = timestamp(millis);
        batch.placementRequests.rows.push({
          id: ids.idAt(millis),
          registration_id: registration.id,
          organisation_id: organisationIdOf(report.organisationKey),
          person_id: written.personId,
          requested_by: request.requestedBy,
          requested_on: request.requestedOn,
          preferred_region: request.preferredRegion ?? null,
          state: request.state,
          version: 1 + request.events.length,
          needs: request.needs,
          created_at: created,
          updated_at: created,
        });
        counts.placementRequests += 1;
        if (request.state !== "cancelled") counts.openPlacementRequests += 1;
      }
      const duplicate = generated.duplicate;
      if (duplicate !== undefined) {
        const decision = duplicate.decision;
        const copy = addPerson(batch, {
          identity: duplicate.identity,
          reports: [duplicate.report],
          indexes: duplicate.indexes,
          ...(decision?.status === "merged" ? { mergedInto: written.personId } : {}),
        });
        const [registration] = copy.registrations;
        if (registration === undefined) throw new Error("a duplicate without its report");
        const id = ids.idAt(registration.millis);
        const decidedAt = decision === undefined ? undefined : instantOn(decision.decidedOn, registration.millis);
        batch.duplicates.rows.push({
          id,
          person_id: copy.personId,
          candidate_person_id: written.personId,
          registration_id: registration.id,
          // What `PersonRepository.findMatches` answers: the names of the indexes both persons have.
          matched_on: [...new Set([...copy.values.keys()].flatMap((key) => written.values.get(key) ?? []))].sort(),
          status: decision?.status ?? "open",
          decision_reason: decision === undefined ? null : encrypt(decision.reason, duplicateReasonContext(id)),
          decided_by: decision === undefined ? null : seedActor,
          decided_at: decidedAt === undefined ? null : timestamp(decidedAt),
          created_at: timestamp(registration.millis),
        });
        counts.duplicates += 1;
        if (decision === undefined) counts.openDuplicates += 1;
      }
    };

    const batchSize = Math.max(1, options.batchSize ?? 5000);
    const started = performance.now();
    const sink =
      database.connection.kind === "postgres" ? postgresSink(database.connection.url) : drizzleSink(database.drizzle);
    yield* Effect.promise(() =>
      sink(async (write) => {
        const people = streamDemoVolume(options);
        let generated = 0;
        let writing: Promise<void> = Promise.resolve();
        for (let done = false; !done; ) {
          const batch = newBatch();
          for (let n = 0; n < batchSize; n++) {
            const next = people.next();
            if (next.done === true) {
              done = true;
              break;
            }
            addGenerated(batch, next.value);
            generated += 1;
            if (n % 25 === 24) await yieldToIo();
          }
          await writing;
          if (batch.persons.rows.length === 0) break;
          const progress = { ...counts, organisations: organisationsMade, generated };
          writing = write(batch).then(() =>
            options.onProgress?.({ ...progress, elapsedMs: performance.now() - started }),
          );
          // Awaited with the next batch; until then a failure must not count as unhandled.
          writing.catch(() => undefined);
        }
        await writing;
      }),
    );

    yield* audit.append({
      actor: { kind: "system", id: seedActor },
      action: "demo_data.seed",
      resourceType: "database",
      outcome: "success",
    });
    yield* query((db) =>
      db.execute(
        sql`analyze persons, registrations, registration_versions, person_blind_indexes, duplicates, placement_requests`,
      ),
    );
    return { ...counts, organisations: organisationsMade } satisfies VolumeSeedSummary;
  });

const decodeOrganisation = Schema.decodeUnknownSync(Organisation.NewOrganisation);

/** Who decided the seeded duplicates, and who the seed's audit event names (as the demo seed). */
const seedActor = "seed";
