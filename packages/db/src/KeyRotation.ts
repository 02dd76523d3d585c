import { PersonMatching, Ports } from "@comensha/domain";
import { and, asc, count, eq, getTableColumns, gt, isNotNull, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { Effect, Redacted, Result } from "effect";
import { Database, queryWith } from "./Database.js";
import { type EncryptedColumn, encryptedColumns } from "./EncryptedColumns.js";
import { KeyFingerprints, type KeyPurpose } from "./KeyCheck.js";
import { ciphertextHeaderBytes, ciphertextHeaderHex } from "./NodeCrypto.js";
import { registrationContext } from "./RegistrationRepository.js";
import { keyChecks, loginThrottles, personBlindIndexes, registrations, registrationVersions } from "./schema.js";

/** How many rows (or persons) one transaction of a rotation takes. */
export const defaultRotationBatchSize = 200;

/** How often a rotation goes over a table again for rows it skipped while other transactions held them. */
const maxPasses = 30;

/** The format byte and key id of a ciphertext column's values, as hex (`02` + key id, or `01...` before key ids). */
const headerOf = (column: AnyPgColumn) =>
  sql<string>`encode(substring(${column} from 1 for ${sql.raw(String(ciphertextHeaderBytes))}), 'hex')`;

/** The values of a column that are not under the current encryption key (format 2 with its key id). */
const notUnder = (column: AnyPgColumn, keyId: string) =>
  and(isNotNull(column), sql`${headerOf(column)} <> ${ciphertextHeaderHex(keyId)}`) as SQL;

/** Rows after `last` in primary-key order (a row comparison, so composite keys page too). */
const after = (primaryKey: ReadonlyArray<AnyPgColumn>, last: ReadonlyArray<unknown>) =>
  sql`(${sql.join([...primaryKey], sql`, `)}) > (${sql.join(
    last.map((value) => sql`${value}`),
    sql`, `,
  )})`;

/** The property name under which a table declares `column`, for drizzle's `update().set()`. */
const propertyOf = (table: PgTable, column: AnyPgColumn) => {
  const entry = Object.entries(getTableColumns(table)).find(([, candidate]) => candidate === column);
  if (entry === undefined) throw new Error(`column ${column.name} is not a column of its table`);
  return entry[0];
};

/** Blind index rows not under the current index key: older key ids, and rows made before key ids (null). */
const staleIndexes = (keyId: string) => or(isNull(personBlindIndexes.keyId), ne(personBlindIndexes.keyId, keyId));

/** What one column still holds under keys other than the current one after a rotation. */
export interface ColumnRotation {
  readonly column: string;
  readonly rotated: number;
  /** Values that decrypt under none of this process's keys (damaged, or under a key it was not given). */
  readonly unreadable: number;
  /** Values still not under the current key when the rotation gave up (0 when done). */
  readonly remaining: number;
}

/** The outcome of {@link rotateKeys}. */
export interface RotationSummary {
  readonly encryptionKeyId: string;
  readonly indexKeyId: string;
  readonly columns: ReadonlyArray<ColumnRotation>;
  /** Persons whose blind indexes were rebuilt under the current index key. */
  readonly persons: number;
  /** Blind index rows under an old key that no stored registration reproduces (dropped: nothing can match them). */
  readonly droppedIndexes: number;
  readonly remainingIndexes: number;
  /** Key ids retired by this run, per purpose. */
  readonly retired: { readonly [P in KeyPurpose]: ReadonlyArray<string> };
  /** Whether no value and no blind index is left under any key but the current ones. */
  readonly complete: boolean;
}

/**
 * `comensha keys rotate`: moves every value of every encrypted column ({@link encryptedColumns}) to the current
 * encryption key and every blind index to the current index key, while the API keeps running, then retires the
 * key ids nothing is under any more and writes the audit event `keys.rotated` (key ids only, never a key).
 *
 * Values: per column, batches in primary-key order (keyset), each one transaction that takes its rows with
 * `FOR UPDATE SKIP LOCKED`, decrypts them with whichever key they are under and encrypts them with the current
 * one; rows another transaction held are left for the next pass over the table, until none is left. Concurrent
 * writers (restarted with the new key as current) write under the current key already, so a row they change is
 * either skipped or waits for the batch to commit. Blind indexes: per batch of persons with rows under another
 * key, the person's registrations are decrypted, their blind-index inputs computed as registrations compute them,
 * and each old row that one of them reproduces is replaced by the same index under the current key; old rows that
 * nothing reproduces are dropped. Safe to interrupt and to run again: each batch commits on its own, and a second
 * run finds nothing left.
 */
export const rotateKeys = (options: {
  readonly batchSize?: number;
  readonly progress?: (line: string) => Effect.Effect<void>;
}) =>
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const crypto = yield* Ports.Crypto;
    const transactor = yield* Ports.Transactor;
    const fingerprints = yield* KeyFingerprints;
    const auditLog = yield* Ports.AuditLog;
    const batchSize = options.batchSize ?? defaultRotationBatchSize;
    const progress = options.progress ?? (() => Effect.void);
    const encryptionKeyId = fingerprints.encryption.keyId;
    const indexKeyId = fingerprints.index.keyId;

    const countLeft = (column: EncryptedColumn) =>
      Effect.map(
        query((db) => db.select({ n: count() }).from(column.table).where(notUnder(column.ciphertext, encryptionKeyId))),
        (rows) => rows[0]?.n ?? 0,
      );

    const rotateColumn = (column: EncryptedColumn) =>
      Effect.gen(function* () {
        const property = propertyOf(column.table, column.ciphertext);
        const fields: Record<string, AnyPgColumn> = { ciphertext: column.ciphertext };
        column.primaryKey.forEach((key, position) => {
          fields[`key${position}`] = key;
        });
        for (const [name, context] of Object.entries(column.contextColumns)) fields[`context_${name}`] = context;
        const keyOf = (row: Record<string, unknown>) => column.primaryKey.map((_, position) => row[`key${position}`]);
        const unreadable = new Set<string>();
        let rotated = 0;
        let remaining = yield* countLeft(column);
        for (let pass = 0; remaining > unreadable.size && pass < maxPasses; pass++) {
          if (pass > 0) yield* Effect.sleep(`${Math.min(1000, 50 * pass)} millis`);
          let last: ReadonlyArray<unknown> | undefined;
          for (;;) {
            const batch = yield* transactor.transaction(
              Effect.gen(function* () {
                const rows = (yield* query((db) =>
                  db
                    .select(fields)
                    .from(column.table)
                    .where(
                      and(
                        notUnder(column.ciphertext, encryptionKeyId),
                        last === undefined ? undefined : after(column.primaryKey, last),
                      ),
                    )
                    .orderBy(...column.primaryKey.map((key) => asc(key)))
                    .limit(batchSize)
                    .for("update", { skipLocked: true }),
                )) as Array<Record<string, unknown>>;
                let done = 0;
                for (const row of rows) {
                  const contextRow = Object.fromEntries(
                    Object.keys(column.contextColumns).map((name) => [name, row[`context_${name}`]]),
                  );
                  const context = column.context(contextRow);
                  const fresh = yield* Effect.result(
                    Effect.gen(function* () {
                      const plaintext = yield* crypto.decrypt(row.ciphertext as Uint8Array, context);
                      const resealed =
                        column.resealNested === undefined
                          ? plaintext
                          : yield* column.resealNested(plaintext, (sealed, nestedContext) =>
                              Effect.flatMap(crypto.decrypt(sealed, nestedContext), (inner) =>
                                crypto.encrypt(inner, nestedContext),
                              ),
                            );
                      return yield* crypto.encrypt(resealed, context);
                    }),
                  );
                  if (Result.isFailure(fresh)) {
                    unreadable.add(JSON.stringify(keyOf(row)));
                    continue;
                  }
                  yield* query((db) =>
                    db
                      .update(column.table)
                      .set({ [property]: fresh.success })
                      .where(and(...column.primaryKey.map((key, position) => eq(key, row[`key${position}`])))),
                  );
                  done += 1;
                }
                const lastRow = rows.at(-1);
                return { rows: rows.length, done, last: lastRow === undefined ? undefined : keyOf(lastRow) };
              }),
            );
            if (batch.rows === 0 || batch.last === undefined) break;
            last = batch.last;
            rotated += batch.done;
            yield* progress(`${column.name}: ${rotated} re-encrypted`);
          }
          remaining = yield* countLeft(column);
        }
        return { column: column.name, rotated, unreadable: unreadable.size, remaining } satisfies ColumnRotation;
      });

    const columns: Array<ColumnRotation> = [];
    for (const column of encryptedColumns) {
      const result = yield* rotateColumn(column);
      columns.push(result);
      yield* progress(
        `${column.name}: done, ${result.rotated} re-encrypted` +
          (result.remaining === 0 ? "" : `, ${result.remaining} left (${result.unreadable} unreadable)`),
      );
    }

    /** Rebuilds one person's blind indexes under the current key; answers how many old rows nothing reproduced. */
    const rebuildPerson = (personId: string) =>
      Effect.gen(function* () {
        // Not at the same time as duplicate matching rewrites this person's indexes (e.g. after a correction).
        yield* transactor.lock([PersonMatching.personIndexLock(personId)]);
        const oldRows = yield* query((db) =>
          db
            .select({ name: personBlindIndexes.name, value: personBlindIndexes.value })
            .from(personBlindIndexes)
            .where(and(eq(personBlindIndexes.personId, personId), staleIndexes(indexKeyId))),
        );
        if (oldRows.length === 0) return 0;
        const wanted = new Set(oldRows.map((row) => `${row.name}|${row.value}`));
        const reproduced = new Set<string>();
        const fresh = new Map<string, { readonly name: string; readonly value: string }>();
        const versions = yield* query((db) =>
          db
            .select({
              id: registrationVersions.registrationId,
              version: registrationVersions.version,
              data: registrationVersions.data,
              identifiers: registrationVersions.identifiers,
            })
            .from(registrationVersions)
            .innerJoin(registrations, eq(registrations.id, registrationVersions.registrationId))
            .where(eq(registrations.personId, personId)),
        );
        for (const version of versions) {
          if (version.identifiers === null) continue;
          const plaintext = yield* Effect.result(
            crypto.decrypt(version.identifiers, registrationContext(version.id, version.version)),
          );
          if (Result.isFailure(plaintext)) continue;
          const person = reportedPersonOf(plaintext.success, version.data);
          if (person === undefined) continue;
          for (const input of PersonMatching.blindIndexInputs(person)) {
            const candidates = yield* crypto.blindIndexCandidates(input.name, input.normalised);
            const hit = candidates.find((value) => wanted.has(`${input.name}|${value}`));
            const [current] = candidates;
            if (hit === undefined || current === undefined) continue;
            reproduced.add(`${input.name}|${hit}`);
            fresh.set(`${input.name}|${current}`, { name: input.name, value: current });
          }
        }
        if (fresh.size > 0) {
          yield* query((db) =>
            db
              .insert(personBlindIndexes)
              .values([...fresh.values()].map((entry) => ({ ...entry, personId, keyId: indexKeyId })))
              .onConflictDoUpdate({
                target: [personBlindIndexes.name, personBlindIndexes.value, personBlindIndexes.personId],
                set: { keyId: indexKeyId },
              }),
          );
        }
        yield* query((db) =>
          db.delete(personBlindIndexes).where(and(eq(personBlindIndexes.personId, personId), staleIndexes(indexKeyId))),
        );
        return wanted.size - reproduced.size;
      });

    const countStaleIndexes = Effect.map(
      query((db) => db.select({ n: count() }).from(personBlindIndexes).where(staleIndexes(indexKeyId))),
      (rows) => rows[0]?.n ?? 0,
    );
    let persons = 0;
    let droppedIndexes = 0;
    let remainingIndexes = yield* countStaleIndexes;
    for (let pass = 0; remainingIndexes > 0 && pass < maxPasses; pass++) {
      let last: string | undefined;
      for (;;) {
        const batch = yield* transactor.transaction(
          Effect.gen(function* () {
            const ids = yield* query((db) =>
              db
                .selectDistinct({ personId: personBlindIndexes.personId })
                .from(personBlindIndexes)
                .where(
                  and(staleIndexes(indexKeyId), last === undefined ? undefined : gt(personBlindIndexes.personId, last)),
                )
                .orderBy(asc(personBlindIndexes.personId))
                .limit(batchSize),
            );
            let dropped = 0;
            for (const { personId } of ids) dropped += yield* rebuildPerson(personId);
            return { persons: ids.length, dropped, last: ids.at(-1)?.personId };
          }),
        );
        if (batch.last === undefined) break;
        last = batch.last;
        persons += batch.persons;
        droppedIndexes += batch.dropped;
        yield* progress(`person_blind_indexes: ${persons} persons rebuilt`);
      }
      remainingIndexes = yield* countStaleIndexes;
    }
    if (persons > 0 || droppedIndexes > 0) {
      yield* progress(
        `person_blind_indexes: done, ${persons} persons rebuilt` +
          (droppedIndexes === 0 ? "" : `, ${droppedIndexes} indexes dropped that no registration reproduces`),
      );
    }

    const encryptionDone = columns.every((column) => column.remaining === 0);
    const indexDone = remainingIndexes === 0;
    const retire = (purpose: KeyPurpose, currentKeyId: string) =>
      Effect.map(
        query((db) =>
          db
            .update(keyChecks)
            .set({ retiredAt: sql`now()` })
            .where(and(eq(keyChecks.purpose, purpose), ne(keyChecks.keyId, currentKeyId), isNull(keyChecks.retiredAt)))
            .returning({ keyId: keyChecks.keyId }),
        ),
        (rows) => rows.map((row) => row.keyId).sort(),
      );
    const complete = encryptionDone && indexDone;
    const retired = yield* transactor.transaction(
      Effect.gen(function* () {
        yield* transactor.lock(["comensha:key-checks"]);
        const encryption = encryptionDone ? yield* retire("encryption", encryptionKeyId) : [];
        const index = indexDone ? yield* retire("index", indexKeyId) : [];
        // Login lock-outs are keyed by a blind index of the e-mail address: under a retired key they match nobody.
        if (index.length > 0) yield* query((db) => db.delete(loginThrottles));
        yield* auditLog.append({
          actor: { kind: "system", id: "cli" },
          action: "keys.rotated",
          resourceType: "key",
          resourceId: `encryption:${encryptionKeyId},index:${indexKeyId}`,
          outcome: complete ? "success" : "failure",
        });
        return { encryption, index };
      }),
    );
    for (const purpose of ["encryption", "index"] as const) {
      if (retired[purpose].length > 0) yield* progress(`${purpose} key ids retired: ${retired[purpose].join(", ")}`);
    }
    return {
      encryptionKeyId,
      indexKeyId,
      columns,
      persons,
      droppedIndexes,
      remainingIndexes,
      retired,
      complete,
    } satisfies RotationSummary;
  });

/**
 * The reported person of a decrypted registration version, as far as blind indexes need it: its identifiers and
 * the birth year stored in the clear; undefined for a version without identifiers (erased).
 */
const reportedPersonOf = (plaintext: string, data: unknown) => {
  const identifiers = JSON.parse(plaintext) as {
    readonly familyName?: unknown;
    readonly givenNames?: unknown;
    readonly aliases?: ReadonlyArray<string>;
    readonly dateOfBirth?: string;
    readonly documentNumber?: string;
  };
  if (typeof identifiers.familyName !== "string" || typeof identifiers.givenNames !== "string") return undefined;
  const birthYear = (data as { readonly person?: { readonly birthYear?: number } } | null)?.person?.birthYear;
  return {
    familyName: Redacted.make(identifiers.familyName),
    givenNames: Redacted.make(identifiers.givenNames),
    aliases: (identifiers.aliases ?? []).map((alias) => Redacted.make(alias)),
    ...(identifiers.dateOfBirth === undefined ? {} : { dateOfBirth: Redacted.make(identifiers.dateOfBirth) }),
    ...(identifiers.documentNumber === undefined ? {} : { documentNumber: Redacted.make(identifiers.documentNumber) }),
    ...(birthYear === undefined ? {} : { birthYear }),
  } as unknown as Parameters<typeof PersonMatching.blindIndexInputs>[0];
};

/** How many values of one encrypted column (or blind indexes) are under one key id. */
export interface KeyUsage {
  /** `table.column`, or `person_blind_indexes`. */
  readonly where: string;
  /** The key id; `legacy` for ciphertexts written before key ids (format 1), or blind indexes without one. */
  readonly keyId: string;
  readonly count: number;
}

/** What `comensha keys status` shows. */
export interface KeyStatus {
  readonly keys: ReadonlyArray<{
    readonly purpose: KeyPurpose;
    readonly keyId: string;
    readonly createdAt: string;
    readonly retiredAt: string | null;
    /** `current`, `previous` (given to this process to read), or `absent`. */
    readonly role: "current" | "previous" | "absent";
  }>;
  readonly usage: ReadonlyArray<KeyUsage>;
}

/**
 * `comensha keys status`: the key ids the database knows (per purpose, which are retired, which this process has)
 * and, per key id, how many values each encrypted column and the blind index table still hold under it.
 */
export const keyStatus = Effect.gen(function* () {
  const query = queryWith(yield* Database);
  const fingerprints = yield* KeyFingerprints;
  const rows = yield* query((db) =>
    db.select().from(keyChecks).orderBy(asc(keyChecks.purpose), asc(keyChecks.createdAt)),
  );
  const roleOf = (purpose: KeyPurpose, keyId: string) =>
    fingerprints[purpose].keyId === keyId
      ? ("current" as const)
      : fingerprints.previous[purpose].some((key) => key.keyId === keyId)
        ? ("previous" as const)
        : ("absent" as const);
  const usage: Array<KeyUsage> = [];
  for (const column of encryptedColumns) {
    const header = headerOf(column.ciphertext);
    const counts = yield* query((db) =>
      db.select({ header, n: count() }).from(column.table).where(isNotNull(column.ciphertext)).groupBy(header),
    );
    for (const { header: hex, n } of counts) {
      usage.push({ where: column.name, keyId: hex.startsWith("02") ? hex.slice(2) : "legacy", count: n });
    }
  }
  const indexes = yield* query((db) =>
    db
      .select({ keyId: personBlindIndexes.keyId, n: count() })
      .from(personBlindIndexes)
      .groupBy(personBlindIndexes.keyId),
  );
  for (const { keyId, n } of indexes) usage.push({ where: "person_blind_indexes", keyId: keyId ?? "legacy", count: n });
  return {
    keys: rows.map((row) => ({
      purpose: row.purpose as KeyPurpose,
      keyId: row.keyId,
      createdAt: row.createdAt,
      retiredAt: row.retiredAt,
      role: roleOf(row.purpose as KeyPurpose, row.keyId),
    })),
    usage,
  } satisfies KeyStatus;
});

/** Every key id the values of `columns` are under, for tests: the distinct ciphertext headers per column. */
export const ciphertextHeaders = (column: EncryptedColumn) =>
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const header = headerOf(column.ciphertext);
    const rows = yield* query((db) =>
      db.selectDistinct({ header }).from(column.table).where(isNotNull(column.ciphertext)),
    );
    return rows.map((row) => row.header);
  });
