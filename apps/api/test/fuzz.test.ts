import { createHash } from "node:crypto";
import { Database } from "@comensha/db";
import { DisclosurePolicy, Ports, ReportJob } from "@comensha/domain";
import { type SQL, sql } from "drizzle-orm";
import { Effect, Schema } from "effect";
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType, problemBase } from "../src/problem.js";
import {
  auditedOperations,
  type Body,
  type Caller,
  callers,
  contentTypes,
  controlCharacters,
  current,
  document,
  type FuzzRequest,
  fileAnswers,
  fresh,
  headerOf,
  type Json,
  type JsonSchema,
  minimumRequests,
  type Operation,
  oddQueryValues,
  oddSegments,
  operations,
  type Parameter,
  Pick,
  poolOfField,
  poolOfSegment,
  preferredStates,
  previewed,
  rawBodies,
  refusalMayWrite,
  runsPerOperation,
  today,
  touchedColumns,
  type Write,
} from "./fuzz/model.js";
import { caller, makeOrganisation, makeUser, openTestApi, registrationBody, signIn, type TestApi } from "./support.js";

/**
 * Issue 13: a property-based fuzz of every operation of the OpenAPI document, as every kind of caller, with requests
 * generated from the document's parameters and body schemas and then broken in one or two parts (path, query, body,
 * headers, credentials, method). Every answer must be below 500, every error a problem+json naming its status, a
 * refused request (and any read) must leave the data as it was, and every call of a personal-data route that succeeds
 * (a replay too) must write its audit event. What a request wrote is read from a log that triggers on every table
 * keep (committed changes only). A failure prints fast-check's seed and path: pass them to `fc.assert` to repeat it.
 */

describe("every operation of the OpenAPI document, as every caller, under generated and broken input", () => {
  let api: TestApi;
  let lastWrite = 0;
  let requestKeys = 0;
  const primaryKeys = new Map<string, ReadonlyArray<string>>();
  const pools = new Map<string, Array<string>>();
  /** The latest row of each id in a pool, as the write log last saw it. */
  const rows = new Map<string, Json>();
  const protectedIds = new Set<string>();
  const login = { email: "fuzz-login@example.org", password: "Fuzz-inloggen-wachtwoord-2026" };
  const stats = {
    started: 0,
    requests: 0,
    byStatus: new Map<number, number>(),
    coverage: new Map<string, Set<string>>(),
    successes: new Map<string, number>(),
    undocumented: new Map<string, number>(),
    replays: 0,
    relogins: 0,
  };

  const rowsOf = async <T>(statement: SQL | string): Promise<Array<T>> =>
    api.runtime.runPromise(
      Effect.flatMap(Database, (database) =>
        Effect.promise(async () => {
          const result = (await database.drizzle.execute(statement as SQL)) as unknown as
            | { rows?: Array<T> }
            | Array<T>;
          return Array.isArray(result) ? result : (result.rows ?? []);
        }),
      ),
    );

  /**
   * Logs every committed row change of every table in `fuzz_writes`, with the row before and after, by triggers: a
   * rolled-back transaction leaves no trace, so what a request leaves behind is exactly what it wrote.
   */
  const installWriteLog = async () => {
    await rowsOf(
      "create table fuzz_writes (n serial primary key, tbl text not null, op text not null, old_row jsonb, new_row jsonb)",
    );
    await rowsOf(`create function fuzz_log() returns trigger language plpgsql as $$ begin
      insert into fuzz_writes (tbl, op, old_row, new_row) values (TG_TABLE_NAME, TG_OP,
        case when TG_OP = 'INSERT' then null else to_jsonb(OLD) end,
        case when TG_OP = 'DELETE' then null else to_jsonb(NEW) end);
      return null; end $$`);
    const tables = await rowsOf<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'fuzz_writes'",
    );
    for (const { name } of tables) {
      const ignored = `array[${(touchedColumns[name] ?? []).map((column) => `'${column}'`).join(",")}]::text[]`;
      await rowsOf(
        `create trigger fuzz_log_rows after insert or delete on ${name} for each row execute function fuzz_log()`,
      );
      await rowsOf(
        `create trigger fuzz_log_updates after update on ${name} for each row when ((to_jsonb(old) - ${ignored}) is distinct from (to_jsonb(new) - ${ignored})) execute function fuzz_log()`,
      );
    }
    const keys = await rowsOf<{ tbl: string; col: string }>(
      `select c.relname as tbl, a.attname as col from pg_index i join pg_class c on c.oid = i.indrelid
       join pg_namespace s on s.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
       where i.indisprimary and s.nspname = 'public' order by a.attnum`,
    );
    for (const { tbl, col } of keys) primaryKeys.set(tbl, [...(primaryKeys.get(tbl) ?? []), col]);
    return tables.length;
  };

  const addTo = (pool: string, id: string) => {
    const ids = pools.get(pool) ?? [];
    if (!ids.includes(id)) ids.push(id);
    pools.set(pool, ids);
  };

  /** The writes since the last call; every id inserted joins its table's pool. */
  const readWrites = async () => {
    const writes = await rowsOf<Write>(
      sql`select n, tbl, op, old_row, new_row from fuzz_writes where n > ${lastWrite} order by n`,
    );
    for (const write of writes) {
      lastWrite = write.n;
      const row = write.new_row;
      if (row === null || write.tbl === "audit_events") continue;
      const id = row[write.tbl === "report_artifacts" ? "name" : "id"];
      if (typeof id !== "string" || protectedIds.has(id)) continue;
      rows.set(id, row);
      if (write.op !== "INSERT") continue;
      addTo(write.tbl, id);
      if (write.tbl === "report_artifacts") addTo("artifact_reports", String(row.report_id));
    }
    return writes;
  };

  /** The rows whose content differs after `writes` (an insert later deleted, or a change undone, is no change). */
  const netChanges = (writes: ReadonlyArray<Write>) => {
    const changed = new Map<string, { tbl: string; before: Json | null; after: Json | null }>();
    for (const write of writes) {
      if (refusalMayWrite.has(write.tbl)) continue;
      const image = write.old_row ?? write.new_row ?? {};
      const key = `${write.tbl} ${JSON.stringify((primaryKeys.get(write.tbl) ?? Object.keys(image)).map((column) => image[column]))}`;
      const row = changed.get(key) ?? { tbl: write.tbl, before: write.old_row, after: null };
      row.after = write.new_row;
      changed.set(key, row);
    }
    const content = (tbl: string, image: Json | null) =>
      image === null
        ? "none"
        : JSON.stringify(Object.entries(image).filter(([column]) => !touchedColumns[tbl]?.includes(column)));
    return [...changed.values()].filter((row) => content(row.tbl, row.before) !== content(row.tbl, row.after));
  };

  const resolvePick = (pick: Pick, who: Caller): string => {
    if (pick.pool === "password") return who.password || "no-password-at-all";
    const pool =
      pick.pool === "*"
        ? Object.values(poolOfSegment).flatMap((name) => pools.get(name) ?? [])
        : (pools.get(pick.pool) ?? []);
    const [column, values, share] = preferredStates[pick.prefer ?? ""] ?? [];
    const isShared = (index: number) => share === undefined || index % 2 === share;
    const isPreferred = (id: string, index: number) => {
      const value = rows.get(id)?.[column ?? ""];
      const inState = values === undefined || (values.length === 0 ? value === null : values.includes(String(value)));
      return inState && isShared(index);
    };
    const candidates = [
      pool.filter((id, index) => rows.get(id)?.organisation_id === who.organisationId && isPreferred(id, index)),
      pool.filter(isPreferred),
      pool.filter((_, index) => isShared(index)),
    ];
    const from = (pick.form === "own" ? candidates.find((ids) => ids.length > 0) : pool) ?? pool;
    const picked = from[pick.index % from.length] ?? "01900000-0000-7000-8000-000000000000";
    return pick.form === "upper" ? picked.toUpperCase() : pick.form === "nul" ? `${picked}\u0000` : picked;
  };

  /** Copies a JSON value with its picks resolved; a key such as `__proto__` stays an own property. */
  const resolve = (value: unknown, who: Caller): unknown => {
    if (value instanceof Pick) return resolvePick(value, who);
    if (Array.isArray(value)) return value.map((item) => resolve(item, who));
    if (value === null || typeof value !== "object") return value;
    const copy: Json = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(copy, key, {
        value: resolve(item, who),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  };

  // --- Generators --------------------------------------------------------------------------------------------------

  const resolveRef = (schema: JsonSchema): JsonSchema =>
    schema.$ref === undefined
      ? schema
      : resolveRef(document.components.schemas[schema.$ref.split("/").pop() ?? ""] ?? {});

  const dateArbitrary = fc
    .oneof(
      { weight: 3, arbitrary: fc.date({ min: new Date("2000-01-01"), max: new Date(), noInvalidDate: true }) },
      {
        weight: 1,
        arbitrary: fc.date({ min: new Date(), max: new Date(Date.now() + 60 * 86_400_000), noInvalidDate: true }),
      },
      { weight: 1, arbitrary: fc.constant(new Date()) },
    )
    .map((date) => date.toISOString().slice(0, 10));

  /** Today or a day of the coming month: when an offer or placement starts or ends. */
  const soonArbitrary = fc
    .integer({ min: 0, max: 30 })
    .map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10));

  const textArbitrary = (schema: JsonSchema) => {
    const min = schema.minLength ?? 0;
    return fc
      .string({ minLength: min, maxLength: Math.max(min, Math.min(schema.maxLength ?? 40, 40)) })
      .map((text) => (text.trim().length >= min ? text.trim() : `${text.trim()}${"x".repeat(min)}`.trim()));
  };

  /** A value that matches `schema`, with ids picked from what exists and names that say what a field holds. */
  const arbitraryOf = (schema: JsonSchema, name: string): fc.Arbitrary<unknown> => {
    const resolved = resolveRef(schema);
    const branches = resolved.anyOf ?? resolved.oneOf;
    if (branches !== undefined) return fc.oneof(...branches.map((branch) => arbitraryOf(branch, name)));
    if (resolved.enum !== undefined) return fc.constantFrom(...resolved.enum);
    switch (resolved.type) {
      case "object": {
        const model = Object.fromEntries(
          Object.entries(resolved.properties ?? {}).map(([key, property]) => [key, arbitraryOf(property, key)]),
        );
        return fc.record(model, { requiredKeys: [...(resolved.required ?? [])] });
      }
      case "array": {
        const item = arbitraryOf(resolved.items ?? {}, name);
        const minLength = resolved.minItems ?? 0;
        const maxLength = Math.max(minLength, Math.min(resolved.maxItems ?? 3, 3));
        return resolved.uniqueItems === true
          ? fc.uniqueArray(item, { minLength, maxLength, selector: (value) => JSON.stringify(value) })
          : fc.array(item, { minLength, maxLength });
      }
      case "integer":
        return fc.integer({ min: resolved.minimum ?? -1000, max: resolved.maximum ?? 1000 });
      case "number":
        return fc.double({ min: resolved.minimum ?? -1000, max: resolved.maximum ?? 1000, noNaN: true });
      case "boolean":
        return fc.boolean();
      case "string":
        if (resolved.format === "uuid") {
          return fc.oneof(
            { weight: 8, arbitrary: fc.nat().map((index) => new Pick(poolOfField[name] ?? "*", index, "own")) },
            { weight: 1, arbitrary: fc.uuid({ version: 7 }) },
          );
        }
        if (resolved.format === "date")
          return ["startsOn", "endsOn", "to"].includes(name) ? soonArbitrary : dateArbitrary;
        if (name === "expiresAt") {
          return fc
            .integer({ min: -3_600_000, max: 7 * 86_400_000 })
            .map((ms) => new Date(Date.now() + ms).toISOString());
        }
        if (name === "email") {
          return fc
            .tuple(fc.stringMatching(/^[a-z]{2,10}$/), fc.nat())
            .map(([local, n]) => `${local}.${n}@example.org`);
        }
        if (name === "currentPassword") return fc.oneof(fc.constant(new Pick("password", 0)), textArbitrary(resolved));
        if (name === "newPassword") return fc.uuid().map((uuid) => `Fuzz-${uuid}`);
        if (name === "languages") return fc.constantFrom("nl", "en", "fr", "ar", "ti", "bg", "ro", "pl");
        return textArbitrary(resolved);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  };

  /** Bodies a client that knows the API well would send, where the schema alone seldom makes one. */
  const templates = (): Readonly<Record<string, fc.Arbitrary<unknown>>> => {
    const registration = fc
      .record({
        familyName: fc.constantFrom("Voorbeeld", "Jansen", "Kovač", "Nguyễn"),
        legalBasis: fc.constantFrom("consent", "consent", "statutory", "legitimate_interest"),
        dossierType: fc.constantFrom("registration", "registration_and_shelter", "registration_information_advice"),
      })
      .map(({ familyName, ...rest }) =>
        registrationBody({ ...rest, person: { ...registrationBody().person, familyName } }),
      );
    return {
      login: fc.oneof(
        fc.record({
          email: fc.constantFrom(login.email, login.email.toUpperCase(), ` ${login.email} `),
          password: fc.constant(login.password),
        }),
        // Wrong passwords for another address: the right ones stay usable (a lock-out is per address tried).
        fc.record({ email: fc.constant("nobody@example.org"), password: fc.constant("wrong-password-2026") }),
      ),
      changePassword: fc.record({
        currentPassword: fc.constant(new Pick("password", 0)),
        newPassword: fc.uuid().map((uuid) => `Fuzz-${uuid}`),
      }),
      createRegistration: registration,
      updateRegistration: registration,
    };
  };

  interface Place {
    readonly path: ReadonlyArray<string | number>;
    readonly value: unknown;
  }

  /** Every place in a JSON value: the value itself, and each property and item, depth first. */
  const placesOf = (value: unknown, path: ReadonlyArray<string | number> = []): Array<Place> => [
    { path, value },
    ...(value instanceof Pick || value === null || typeof value !== "object"
      ? []
      : Object.entries(value).flatMap(([key, item]) =>
          placesOf(item, [...path, Array.isArray(value) ? Number(key) : key]),
        )),
  ];

  const removed = Symbol("removed");

  /** A copy of `value` with `replacement` at `path` (or the property there removed). */
  const setAt = (value: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown => {
    const [head, ...rest] = path;
    if (head === undefined) return replacement;
    if (Array.isArray(value)) {
      const copy = [...value];
      if (rest.length === 0 && replacement === removed) copy.splice(Number(head), 1);
      else copy[Number(head)] = setAt(copy[Number(head)], rest, replacement);
      return copy;
    }
    const copy: Json = {};
    const define = (key: string, item: unknown) =>
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    for (const [key, item] of Object.entries(value as Json)) {
      if (key !== String(head)) define(key, item);
      else if (rest.length > 0 || replacement !== removed) define(key, setAt(item, rest, replacement));
    }
    if (!Object.hasOwn(value as Json, String(head)) && replacement !== removed)
      define(String(head), setAt(undefined, rest, replacement));
    return copy;
  };

  /** How to break a valid body: what to do, where (`at`, modulo the candidate places), and with what. */
  const mutationArbitrary = fc.record({
    kind: fc.constantFrom("drop", "replace", "add", "control", "huge", "wrong-type", "impossible-date"),
    at: fc.nat(),
    key: fc.constantFrom("unknown", "__proto__", "constructor", "id", "organisationId", "status", "version", ""),
    value: fc.jsonValue({ maxDepth: 2 }),
    char: fc.constantFrom(...controlCharacters),
    size: fc.constantFrom(10_000, 300_000, 1_100_000),
    date: fc.constantFrom("2023-02-30", "2023-13-01", "2023-00-10", "0000-01-01", "2023-1-1", "2023-01-01T00:00:00Z"),
  });

  type Mutation = typeof mutationArbitrary extends fc.Arbitrary<infer M> ? M : never;

  /**
   * Breaks a valid body in one place: a field dropped, replaced, added, given a control character or another type,
   * made huge, or a date made impossible.
   */
  const mutate = (body: unknown, mutation: Mutation) => {
    const places = placesOf(body);
    const pick = (candidates: ReadonlyArray<Place>) => candidates[mutation.at % candidates.length];
    const named = places.filter((place) => typeof place.path.at(-1) === "string");
    const objects = places.filter(
      (place) =>
        place.value !== null &&
        typeof place.value === "object" &&
        !Array.isArray(place.value) &&
        !(place.value instanceof Pick),
    );
    const strings = places.filter((place) => typeof place.value === "string");
    const anywhere = pick(places) ?? { path: [], value: body };
    switch (mutation.kind) {
      case "drop": {
        const place = pick(named);
        return place === undefined ? body : setAt(body, place.path, removed);
      }
      case "replace":
        return setAt(body, anywhere.path, mutation.value);
      case "add": {
        const place = pick(objects);
        return place === undefined ? mutation.value : setAt(body, [...place.path, mutation.key], mutation.value);
      }
      case "control": {
        const place = pick(strings);
        if (place === undefined) return setAt(body, anywhere.path, mutation.char);
        const text = place.value as string;
        const at = mutation.size % (text.length + 1);
        return setAt(body, place.path, `${text.slice(0, at)}${mutation.char}${text.slice(at)}`);
      }
      case "huge":
        return setAt(body, (pick(strings) ?? anywhere).path, "x".repeat(mutation.size));
      case "impossible-date": {
        const dates = strings.filter((place) => /^\d{4}-\d{2}-\d{2}/.test(place.value as string));
        return setAt(body, (pick(dates) ?? anywhere).path, mutation.date);
      }
      case "wrong-type": {
        const value = anywhere.value;
        return setAt(
          body,
          anywhere.path,
          typeof value === "string"
            ? 1
            : typeof value === "number"
              ? String(value)
              : typeof value === "boolean"
                ? "true"
                : [value],
        );
      }
    }
  };

  /** A valid body for the operation (none for one without), and broken ones: mutated, arbitrary, not JSON. */
  const bodyArbitraries = (operation: Operation) => {
    const schema = operation.requestBody?.content["application/json"]?.schema;
    const template = templates()[operation.operationId];
    const fromSchema = schema === undefined ? undefined : arbitraryOf(schema, "");
    const valid =
      fromSchema === undefined ? undefined : template === undefined ? fromSchema : fc.oneof(fromSchema, template);
    const json = (value: unknown): Body => ({ kind: "json", value });
    const broken = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...rawBodies).map((bytes): Body => ({ kind: "raw", bytes })) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes): Body => ({ kind: "raw", bytes })) },
      {
        weight: 1,
        arbitrary: fc.string({ unit: "binary", maxLength: 64 }).map((bytes): Body => ({ kind: "raw", bytes })),
      },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
      ...(valid === undefined
        ? []
        : [
            {
              weight: 10,
              arbitrary: fc.tuple(valid, mutationArbitrary).map(([value, mutation]) => json(mutate(value, mutation))),
            },
            { weight: 1, arbitrary: fc.constant<Body>({ kind: "none" }) },
          ]),
    );
    return {
      valid: (valid === undefined ? fc.constant<Body>({ kind: "none" }) : valid.map(json)).map(previewed),
      // A GET cannot carry a body at all.
      broken: (operation.method === "GET" ? fc.constant<Body>({ kind: "none" }) : broken).map(previewed),
    };
  };

  /** An existing id of `pool` (the caller's own where it has some), and ids that name nothing or are no ids. */
  const pathArbitraries = (pool: string, prefer: string) => ({
    valid: fc.oneof(
      { weight: 3, arbitrary: fc.nat().map((index) => new Pick(pool, index, "own", prefer)) },
      { weight: 1, arbitrary: fc.nat().map((index) => new Pick(pool, index)) },
    ),
    broken: fc.oneof(
      { weight: 2, arbitrary: fc.nat().map((index) => new Pick(pool, index, "upper")) },
      { weight: 1, arbitrary: fc.nat().map((index) => new Pick(pool, index, "nul")) },
      { weight: 2, arbitrary: fc.nat().map((index) => new Pick("*", index)) },
      { weight: 1, arbitrary: fc.uuid({ version: 7 }) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 3, arbitrary: fc.constantFrom(...oddSegments) },
      { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 40 }).map(encodeURIComponent) },
    ),
  });

  /** Query parameters left out or as their schema says, and with one of them broken or an unknown one added. */
  const queryArbitraries = (operation: Operation) => {
    const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === "query");
    const validOf = (parameter: Parameter): fc.Arbitrary<Pick | string | undefined> =>
      fc.option(
        parameter.name === "cursor"
          ? fc.nat().map((index): Pick | string => new Pick("cursors", index))
          : arbitraryOf(parameter.schema, parameter.name).map(String),
        { nil: undefined },
      );
    const valid = fc.tuple(...parameters.map(validOf)).map((values) =>
      parameters.flatMap((parameter, index) => {
        const value = values[index];
        return value === undefined ? [] : [[parameter.name, value] as const];
      }),
    );
    const odd = fc.oneof(fc.constantFrom(...oddQueryValues), fc.string({ unit: "binary", maxLength: 30 }));
    const name = fc.constantFrom(...parameters.map((parameter) => parameter.name), "unknown", "__proto__", "");
    return {
      valid,
      broken: fc
        .tuple(valid, fc.array(fc.tuple(name, odd), { minLength: 1, maxLength: 2 }))
        .map(([query, more]) => [...query.filter(([key]) => !more.some(([other]) => other === key)), ...more]),
    };
  };

  /** The parts of a request that can be broken, each generated valid and broken. */
  const parts = [
    "method",
    "path",
    "query",
    "body",
    "contentType",
    "idempotencyKey",
    "ifMatch",
    "credentials",
    "requestId",
  ] as const;

  /** A request valid in every part but one or two (none in two of five requests), which are broken. */
  const requestArbitrary = (operation: Operation): fc.Arbitrary<FuzzRequest> => {
    const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "");
    const poolOf = (name: string) =>
      name !== "id"
        ? "report_artifacts"
        : operation.path.includes("{name}")
          ? "artifact_reports"
          : (poolOfSegment[operation.path.split("/")[2] ?? ""] ?? "*");
    const paths = names.map((name) => [name, pathArbitraries(poolOf(name), operation.operationId)] as const);
    const body = bodyArbitraries(operation);
    const query = queryArbitraries(operation);
    const valid = fc.record({
      method: fc.constant(undefined),
      path: fc.record(Object.fromEntries(paths.map(([name, arbitraries]) => [name, arbitraries.valid]))),
      query: query.valid,
      body: body.valid,
      contentType: fc.constantFrom("application/json", "application/json; charset=utf-8"),
      idempotencyKey: fc.constant(fresh),
      ifMatch: fc.constant(current),
      credentials: fc.constant("as-is"),
      requestId: fc.option(fc.uuid(), { nil: undefined }),
    });
    const broken = fc.record({
      method: fc
        .constantFrom("DELETE", "PATCH", "PUT", "POST", "OPTIONS")
        .filter((method) => method !== operation.method),
      path: fc.record(
        Object.fromEntries(paths.map(([name, arbitraries]) => [name, fc.oneof(arbitraries.valid, arbitraries.broken)])),
      ),
      query: query.broken,
      body: body.broken,
      contentType: fc.option(fc.constantFrom(...contentTypes), { nil: undefined }),
      idempotencyKey: fc.constantFrom(undefined, "", " ", "ä", "a b", "k".repeat(256)),
      ifMatch: fc.constantFrom(undefined, '"0"', '"999"', "*", 'W/"1"', '"1", "2"', "garbage", '""'),
      credentials: fc.constantFrom("no-csrf", "wrong-csrf", "unknown-key", "basic", "empty-bearer"),
      requestId: fc.string({ maxLength: 300 }),
    });
    return fc
      .record({
        broken: fc.oneof(
          { weight: 2, arbitrary: fc.constant<Array<(typeof parts)[number]>>([]) },
          { weight: 3, arbitrary: fc.subarray([...parts], { minLength: 1, maxLength: 2 }) },
        ),
        valid,
        brokenParts: broken,
        replay: fc.constantFrom("none", "same", "same", "other-body"),
        order: fc.shuffledSubarray(
          callers.map((_, index) => index),
          { minLength: callers.length, maxLength: callers.length },
        ),
      })
      .map(({ broken: which, valid: request, brokenParts, replay, order }) => ({
        ...request,
        ...Object.fromEntries(which.map((part) => [part, brokenParts[part]])),
        broken: which,
        replay,
        order,
      })) as fc.Arbitrary<FuzzRequest>;
  };

  // --- Sending and checking ----------------------------------------------------------------------------------------

  interface Prepared {
    readonly operation: Operation;
    readonly who: Caller;
    readonly request: FuzzRequest;
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly bytes: Uint8Array | undefined;
    readonly json: unknown;
    readonly pathId: string | undefined;
  }

  const decodePath = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };

  const prepare = async (operation: Operation, request: FuzzRequest, who: Caller): Promise<Prepared> => {
    const method = request.method ?? operation.method;
    let pathId: string | undefined;
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = request.path[name] ?? "x";
      const segment = value instanceof Pick ? encodeURIComponent(resolvePick(value, who)) : value;
      if (name === "id") pathId = decodePath(segment);
      return segment;
    });
    const query = request.query
      .filter(([, value]) => !(value instanceof Pick && value.pool === "cursors" && pools.get("cursors") === undefined))
      .map(
        ([name, value]) =>
          `${encodeURIComponent(name)}=${encodeURIComponent(value instanceof Pick ? resolvePick(value, who) : value)}`,
      )
      .join("&");
    const headers: Record<string, string> = {};
    if (request.credentials === "unknown-key") headers.Authorization = `Bearer cmk_00000000_${"A".repeat(43)}`;
    else if (request.credentials === "basic") headers.Authorization = "Basic Zm9vOmJhcg==";
    else if (request.credentials === "empty-bearer") headers.Authorization = "Bearer ";
    else if (who.kind === "key") headers.Authorization = `Bearer ${who.apiKey}`;
    else if (who.kind === "session" && who.session !== undefined) {
      headers.Cookie = who.session.cookie;
      if (method !== "GET" && request.credentials !== "no-csrf") {
        headers["X-CSRF-Token"] = request.credentials === "wrong-csrf" ? "wrong" : who.session.csrfToken;
      }
    }
    const json = request.body.kind === "json" ? resolve(request.body.value, who) : undefined;
    const bytes =
      request.body.kind === "json"
        ? new TextEncoder().encode(JSON.stringify(json) ?? "null")
        : request.body.kind === "raw"
          ? typeof request.body.bytes === "string"
            ? new TextEncoder().encode(request.body.bytes)
            : request.body.bytes
          : undefined;
    if (bytes !== undefined && request.contentType !== undefined) headers["Content-Type"] = request.contentType;
    if (headerOf(operation, "Idempotency-Key") && request.idempotencyKey !== undefined) {
      headers["Idempotency-Key"] = request.idempotencyKey === fresh ? `fuzz-${++requestKeys}` : request.idempotencyKey;
    }
    if (headerOf(operation, "If-Match") && request.ifMatch !== undefined) {
      let tag = request.ifMatch;
      if (tag === current) {
        const id = /^[\w-]{1,64}$/.test(pathId ?? "") ? pathId : "";
        const [row] = await rowsOf<{ version: number }>(sql`select version from registrations where id::text = ${id}`);
        tag = `"${row?.version ?? 1}"`;
      }
      headers["If-Match"] = tag;
    }
    if (request.requestId !== undefined) headers["X-Request-Id"] = request.requestId;
    return {
      operation,
      who,
      request,
      method,
      url: query === "" ? path : `${path}?${query}`,
      headers,
      bytes,
      json,
      pathId,
    };
  };

  /** Whether the request carries the caller's valid credentials (a session's CSRF token, too, where it needs one). */
  const isAuthenticated = ({ who, method, request }: Prepared) =>
    who.kind !== "anonymous" &&
    !["unknown-key", "basic", "empty-bearer"].includes(request.credentials) &&
    !(who.kind === "session" && !["GET", "HEAD", "OPTIONS"].includes(method) && request.credentials.endsWith("csrf"));

  const isDocumented = (prepared: Prepared, status: number) =>
    prepared.method !== prepared.operation.method || String(status) in prepared.operation.responses;

  const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

  /** Sends a prepared request and checks its answer and what it wrote; answers the status, body and replay flag. */
  const exchange = async (prepared: Prepared) => {
    const { operation, who, method, url, headers, bytes } = prepared;
    const response = await api.app.request(url, { method, headers, ...(bytes === undefined ? {} : { body: bytes }) });
    const text = await response.text();
    const writes = await readWrites();
    const status = response.status;
    const contentType = response.headers.get("Content-Type") ?? "";
    const requestId = response.headers.get("X-Request-Id");
    const replayed = response.headers.get("Idempotent-Replayed") === "true";
    stats.requests++;
    count(stats.byStatus, status);
    const failure = (reason: string) =>
      new Error(
        `${reason}\n  as ${who.name}: ${method} ${url.slice(0, 300)}\n  headers ${JSON.stringify(headers).slice(0, 400)}` +
          `\n  body ${new TextDecoder().decode(bytes?.slice(0, 300))}\n  answered ${status} ${contentType}: ${text.slice(0, 600)}`,
      );

    if (status >= 500) throw failure("a server error");
    if (status >= 300 && status < 400) throw failure("a redirect");
    let json: Json | undefined;
    if (status >= 400) {
      if (contentType !== "application/problem+json") throw failure("an error that is not application/problem+json");
      try {
        json = JSON.parse(text) as Json;
      } catch {
        throw failure("a problem that is not JSON");
      }
      if (typeof json.type !== "string" || !json.type.startsWith(problemBase))
        throw failure("a problem without a type");
      if (json.status !== status) throw failure("a problem whose status is not the answer's");
      if (typeof json.title !== "string" || json.requestId !== requestId)
        throw failure("a problem without a title or request id");
    } else {
      if (!isDocumented(prepared, status)) count(stats.undocumented, `${operation.operationId} ${status}`);
      if (status === 204 && text !== "") throw failure("a 204 with a body");
      if (status !== 204 && /^application\/json/.test(contentType)) {
        try {
          json = JSON.parse(text) as Json;
        } catch {
          throw failure("a JSON answer that is not JSON");
        }
        if (typeof json?.nextCursor === "string") addTo("cursors", json.nextCursor);
      } else if (status !== 204 && !fileAnswers.has(operation.operationId)) {
        throw failure("a success that is neither JSON nor a documented file");
      }
      if (operation.security.length > 0 && !isAuthenticated(prepared))
        throw failure("a success without valid credentials");
      count(stats.successes, operation.operationId);
    }

    const changes = netChanges(writes);
    if ((status >= 400 || method === "GET") && changes.length > 0) {
      throw failure(
        `a ${status >= 400 ? "refused request" : "read"} changed ${JSON.stringify(changes).slice(0, 1500)}`,
      );
    }
    const events = writes
      .filter((write) => write.tbl === "audit_events" && write.new_row !== null)
      .map((write) => write.new_row as Json);
    if (events.some((event) => event.request_id !== requestId)) throw failure("an audit event of another request id");
    const audited = method === operation.method ? auditedOperations[operation.operationId] : undefined;
    if (audited !== undefined) {
      const [resourceType, action, created] = audited;
      const own = events.filter((event) => event.action === action || event.action === `${action}.replay`);
      if (status < 300) {
        const [event, ...more] = own;
        if (event === undefined || more.length > 0)
          throw failure(`not one ${action} audit event: ${JSON.stringify(own)}`);
        const about =
          created === undefined || replayed
            ? { type: resourceType, id: prepared.pathId ?? json?.id }
            : { type: created, id: json?.id };
        if (
          event.action !== (replayed ? `${action}.replay` : action) ||
          event.outcome !== "success" ||
          event.resource_type !== about.type ||
          (about.id !== undefined && event.resource_id !== about.id)
        ) {
          throw failure(`a wrong audit event: ${JSON.stringify(event)}`);
        }
      } else {
        if (own.length > 1 || own.some((event) => event.outcome === "success")) {
          throw failure(`a refusal audited as ${JSON.stringify(own)}`);
        }
        if (json?.type === ProblemType.forbidden && own.length !== 1) throw failure(`a refusal by role not audited`);
      }
    }
    return { status, text, replayed, json };
  };

  /** Sends the request as one caller, then, as generated, again with its key: the same body, or another. */
  const exercise = async (operation: Operation, request: FuzzRequest, who: Caller) => {
    const prepared = await prepare(operation, request, who);
    const first = await exchange(prepared);
    stats.coverage.set(operation.operationId, (stats.coverage.get(operation.operationId) ?? new Set()).add(who.name));
    if (who.kind === "session" && first.status === 204 && operation.operationId === "changePassword") {
      who.password = String((prepared.json as Json).newPassword);
    }
    const loggedOut = first.status === 204 && ["logout", "logoutAll"].includes(operation.operationId);
    const signedOut = first.status === 401 && operation.security.length > 0 && isAuthenticated(prepared);
    if (who.kind === "session" && (loggedOut || signedOut)) {
      stats.relogins++;
      who.session = await signIn(api, who.email, who.password);
      await readWrites();
    }
    const key = prepared.headers["Idempotency-Key"];
    if (request.replay === "none" || key === undefined || key === "" || first.status >= 300) return;
    stats.replays++;
    if (request.replay === "same") {
      const again = await exchange(prepared);
      if (!again.replayed || again.status !== first.status || again.text !== first.text) {
        throw new Error(
          `The replay of ${operation.operationId} as ${who.name} answered ${again.status}: ${again.text.slice(0, 300)}`,
        );
      }
    } else if (prepared.bytes !== undefined && prepared.bytes.length > 0) {
      const bytes = new Uint8Array([...prepared.bytes, 0x20]);
      const again = await exchange({ ...prepared, bytes });
      if (again.status !== 422 || again.json?.type !== ProblemType.idempotencyKeyReused) {
        throw new Error(
          `${operation.operationId} reused a key for another body with ${again.status}: ${again.text.slice(0, 300)}`,
        );
      }
    }
  };

  // --- Setup -------------------------------------------------------------------------------------------------------

  const expectStatus = async (response: Response, status: number) => {
    const text = await response.text();
    if (response.status !== status) throw new Error(`setup answered ${response.status}: ${text}`);
    return text === "" ? {} : (JSON.parse(text) as Json);
  };

  /**
   * Seeds what the routes act on: shelters, registrations of every partner, open duplicates, pending erasure requests,
   * placement requests in every state, a completed report with its files, and users and keys to disable and revoke.
   */
  const seed = async (keyOf: (name: string) => string) => {
    const admin = caller(api, keyOf("admin key"));
    const coordinator = caller(api, keyOf("coordinator key"));
    const police = caller(api, keyOf("partner key (police)"));
    const post = (as: ReturnType<typeof caller>, path: string, body: unknown) =>
      as(path, { method: "POST", body, headers: { "Idempotency-Key": crypto.randomUUID() } });
    const place = (label: string) => ({
      label,
      targetGroup: "women",
      securityLevel: "high",
      accessible: true,
      roomForChildren: true,
    });
    for (const [name, kind] of [
      ["COSM Fuzz", "cosm"],
      ["Vrouwenopvang Fuzz", "womens_shelter"],
    ] as const) {
      await expectStatus(
        await post(admin, "/v1/shelters", {
          name,
          kind,
          region: "amsterdam",
          places: ["K1", "K2", "K3", "K4"].map(place),
        }),
        201,
      );
    }
    for (const who of callers.filter((candidate) => candidate.role === "partner")) {
      const statutory = ["police", "kmar", "labour_inspectorate"].includes(who.organisationKind);
      await expectStatus(
        await post(
          caller(api, who.apiKey),
          "/v1/registrations",
          registrationBody({
            legalBasis: statutory ? "statutory" : "consent",
            person: { ...registrationBody().person, familyName: `Fuzz ${who.organisationKind}` },
          }),
        ),
        201,
      );
    }
    const register = async (as: ReturnType<typeof caller>, familyName: string, givenNames = "Anna") => {
      const body = registrationBody({
        legalBasis: "consent",
        person: { ...registrationBody().person, familyName, givenNames },
      });
      return (await expectStatus(await post(as, "/v1/registrations", body), 201)).id as string;
    };
    // Eight pairs of registrations of one person under variants of her name: eight open duplicates.
    for (let index = 0; index < 8; index++) {
      await register(police, `Dubbel${index}`, "Anna");
      await register(police, `Dubbel${index}`, "Anne");
    }
    // Eight persons with a pending erasure request.
    const ngo = caller(api, callers.find((who) => who.organisationKind === "ngo")?.apiKey ?? "");
    for (let index = 0; index < 8; index++) {
      const registration = await expectStatus(
        await coordinator(`/v1/registrations/${await register(ngo, `Wis${index}`)}`),
        200,
      );
      await expectStatus(
        await post(coordinator, `/v1/persons/${registration.personId}/erasure-requests`, { reason: "Verzoek (fuzz)" }),
        201,
      );
    }
    // Placement requests in every state, each for a registration of its own.
    await readWrites();
    const places = pools.get("shelter_places") ?? [];
    const needs = { targetGroup: "women", children: 0, urgency: "tonight", security: "high", languages: ["nl"] };
    const expiresAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const states = ["requested", "searching", "waitlisted", "offered", "placed", "cancelled"];
    for (const [index, state] of [...states, ...states, ...states.slice(0, 4)].entries()) {
      const registrationId = await register(police, `Plaatsing${index}`);
      const body = { registrationId, needs };
      const id = (await expectStatus(await post(police, "/v1/placement-requests", body), 201)).id as string;
      const act = async (as: ReturnType<typeof caller>, action: string, status = 200, input?: unknown) =>
        expectStatus(await post(as, `/v1/placement-requests/${id}/${action}`, input), status);
      if (state === "waitlisted") await act(coordinator, "waitlist");
      if (state === "cancelled") await act(police, "cancel");
      if (["searching", "offered", "placed"].includes(state)) await act(coordinator, "start-search");
      if (["offered", "placed"].includes(state)) {
        await act(coordinator, "offers", 201, { placeId: places[index % places.length], startsOn: today(), expiresAt });
      }
      if (state === "placed") await act(police, "accept", 201);
    }
    await api.runtime.runPromise(
      Effect.gen(function* () {
        const reports = yield* Ports.ReportRepository;
        const { parameters } = Schema.decodeUnknownSync(ReportJob.ReportRequest)({
          parameters: { kind: "annual_monitor", year: 2025 },
        });
        const job = yield* reports.create({
          parameters,
          policy: DisclosurePolicy.defaultPolicy,
          origin: "cli",
          requestedBy: "fuzz",
        });
        const file = (name: string, format: "csv" | "json" | "html", mediaType: string, content: string) => {
          const bytes = new TextEncoder().encode(content);
          return {
            name,
            format,
            mediaType,
            bytes,
            size: bytes.length,
            sha256: createHash("sha256").update(bytes).digest("hex"),
          };
        };
        yield* reports.complete({
          id: job.id,
          dataAsOf: today(),
          artifacts: [
            file("fuzz.csv", "csv", "text/csv; charset=utf-8", "tabel,aantal\nA,5\n"),
            file("fuzz.json", "json", "application/json", '{"tables":[]}'),
            file("fuzz.nl.html", "html", "text/html; charset=utf-8", "<!doctype html><p>Fuzz</p>"),
          ],
        });
      }),
    );
    for (const list of ["registrations", "placement-requests", "organisations"]) {
      addTo("cursors", String((await expectStatus(await coordinator(`/v1/${list}?limit=1`), 200)).nextCursor));
    }
    const lists = await expectStatus(await coordinator("/v1/code-lists"), 200);
    pools.set(
      "code_lists",
      (lists.data as Array<Json>).map((list) => String(list.id)),
    );
    for (const [name, kind] of [
      ["Reserve Fuzz A", "ngo"],
      ["Reserve Fuzz B", "fairwork"],
    ] as const) {
      await makeOrganisation(api, { name, kind });
    }
    for (const role of ["policy", "auditor"]) await makeUser(api, { email: `fuzz-spare-${role}@example.org`, role });
    await makeUser(api, { ...login, role: "coordinator" });
    await readWrites();
  };

  beforeAll(async () => {
    api = await openTestApi("pglite");
    expect(await installWriteLog()).toBeGreaterThan(15);
    const keyIds: Array<string> = [];
    for (const who of callers) {
      if (who.kind === "key") {
        const name = `Fuzz ${who.name}`;
        const made = await makeOrganisation(api, { name, kind: who.organisationKind, role: who.role });
        who.apiKey = made.apiKey;
        who.organisationId = made.organisation.id;
        keyIds.push(who.apiKey.split("_")[1] ?? "");
      } else if (who.kind === "session") {
        who.email = `fuzz-${who.role}@example.org`;
        who.password = `Fuzz-${who.role}-wachtwoord-2026`;
        const made = await makeUser(api, { email: who.email, role: who.role, password: who.password });
        protectedIds.add(made.credential.user.id);
        who.organisationId = made.credential.organisationId;
        who.session = await signIn(api, who.email, who.password);
      }
    }
    for (const { id } of await rowsOf<{ id: string }>(
      sql`select id::text as id from api_keys where prefix in (${sql.join(
        keyIds.map((prefix) => sql`${prefix}`),
        sql`, `,
      )})`,
    )) {
      protectedIds.add(id);
    }
    await seed((name) => callers.find((who) => who.name === name)?.apiKey ?? "");
    stats.started = performance.now();
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it("generates its requests from the OpenAPI document that the API serves", async () => {
    const served = await api.app.request("/openapi.json");
    expect(await served.json()).toEqual(JSON.parse(JSON.stringify(document)));
    expect(operations.length).toBeGreaterThan(50);
    const unknown = Object.keys(auditedOperations).filter(
      (id) => !operations.some((operation) => operation.operationId === id),
    );
    expect(unknown).toEqual([]);
  });

  for (const operation of operations) {
    it(`${operation.method} ${operation.path} (${operation.operationId})`, async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(operation), async (request) => {
          for (const index of request.order) {
            const who = callers[index];
            if (who !== undefined) await exercise(operation, request, who);
          }
        }),
        { numRuns: runsPerOperation, endOnFailure: true },
      );
    }, 180_000);
  }

  it(`sent at least ${minimumRequests} requests, every operation as every caller`, () => {
    const seconds = (performance.now() - stats.started) / 1000;
    const classes = new Map<string, number>();
    for (const [status, n] of stats.byStatus)
      classes.set(`${Math.floor(status / 100)}xx`, (classes.get(`${Math.floor(status / 100)}xx`) ?? 0) + n);
    const neverSucceeded = operations
      .filter((operation) => !stats.successes.has(operation.operationId))
      .map((operation) => operation.operationId);
    console.info(
      [
        `fuzz: ${stats.requests} requests (${stats.replays} replays) in ${seconds.toFixed(0)} s, ${runsPerOperation} runs of ${operations.length} operations as ${callers.length} callers`,
        `  by class: ${[...classes]
          .sort()
          .map(([name, n]) => `${name} ${n}`)
          .join(", ")}`,
        `  by status: ${[...stats.byStatus]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status} ${n}`)
          .join(", ")}`,
        `  operations that never succeeded: ${neverSucceeded.join(", ") || "none"}`,
        `  successes with an undocumented status: ${[...stats.undocumented].map(([key, n]) => `${key} (${n})`).join(", ") || "none"}`,
        `  sessions signed in again: ${stats.relogins}`,
        `  pools: ${[...pools].map(([name, ids]) => `${name} ${ids.length}`).join(", ")}`,
      ].join("\n"),
    );
    expect(stats.requests).toBeGreaterThanOrEqual(minimumRequests);
    const missing = operations.flatMap((operation) =>
      callers
        .filter((who) => !stats.coverage.get(operation.operationId)?.has(who.name))
        .map((who) => `${operation.operationId} as ${who.name}`),
    );
    expect(missing).toEqual([]);
  });
});
