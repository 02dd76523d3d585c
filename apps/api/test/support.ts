import { Database, storageLayer } from "@comensha/db";
import { createTestDatabase, type TestDatabase, testKeys } from "@comensha/db/testing";
import { Organisation, Ports, Role } from "@comensha/domain";
import { Effect, ManagedRuntime, Schema } from "effect";
import { makeApp } from "../src/app.js";
import { generateApiKey } from "../src/auth.js";
import { type Logger, silentLogger } from "../src/logger.js";
import type { AppRuntime } from "../src/runtime.js";

/** An in-process API on a fresh database of `kind`, for `app.request()` tests. */
export interface TestApi {
  readonly app: ReturnType<typeof makeApp>;
  readonly runtime: AppRuntime;
  readonly close: () => Promise<void>;
}

export const openTestApi = async (kind: "pglite" | "postgres", logger: Logger = silentLogger): Promise<TestApi> => {
  const database: TestDatabase = await createTestDatabase(kind);
  const runtime: AppRuntime = ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));
  await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
  return {
    app: makeApp({ runtime, logger }),
    runtime,
    close: async () => {
      await runtime.dispose();
      await database.drop();
    },
  };
};

/** Makes an organisation with an API key of `role` directly in storage; returns the key for Authorization. */
export const makeOrganisation = async (
  api: TestApi,
  input: { readonly name: string; readonly kind: string; readonly role?: string },
) => {
  return api.runtime.runPromise(
    Effect.gen(function* () {
      const organisation = yield* (yield* Ports.OrganisationRepository).create(
        Schema.decodeUnknownSync(Organisation.NewOrganisation)({ name: input.name, kind: input.kind }),
      );
      const generated = generateApiKey();
      yield* (yield* Ports.ApiKeyRepository).create({
        organisationId: organisation.id,
        role: Schema.decodeUnknownSync(Role.Role)(input.role ?? "partner"),
        prefix: generated.prefix,
        secretHash: generated.secretHash,
      });
      return { organisation, apiKey: generated.apiKey };
    }),
  );
};

/** A synthetic registration body (nobody real), with overrides. */
export const registrationBody = (overrides: Record<string, unknown> = {}) => ({
  reportedOn: "2026-11-20",
  person: {
    familyName: "Voorbeeld",
    givenNames: "Anna Maria",
    aliases: [],
    dateOfBirth: "1999-04-12",
    sex: "female",
    nationalities: ["NG"],
  },
  exploitation: { forms: ["sexual"], country: "NL", policeRegion: "amsterdam" },
  dossierType: "registration_and_shelter",
  legalBasis: "statutory",
  consentToShareWithShelter: true,
  reflectionPeriod: { offeredOn: "2026-11-20", offeredBy: "police", startsOn: "2026-11-20", dublin: false },
  ...overrides,
});

/** Calls the API as the holder of `apiKey`. */
export const caller =
  (api: TestApi, apiKey: string) =>
  (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    api.app.request(path, {
      method: init.method ?? "GET",
      headers: {
        Authorization: `Bearer ${apiKey}`,
        ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
        ...init.headers,
      },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
    });
