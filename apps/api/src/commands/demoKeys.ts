import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StorageOptions } from "@comensha/db";
import { type Organisation, Ports, type Role } from "@comensha/domain";
import { Effect } from "effect";
import { generateApiKey } from "../auth.js";
import { withStorage } from "./storage.js";

/** A demo API key, as kept for the embedded demo. */
export interface DemoKey {
  readonly role: Role.Role;
  readonly organisation: string;
  readonly apiKey: string;
}

const file = (dataDir: string) => join(dataDir, "demo-keys.json");

/** The demo keys kept in the data directory, if the embedded demo made them. */
export const readDemoKeys = (dataDir: string): ReadonlyArray<DemoKey> =>
  existsSync(file(dataDir)) ? (JSON.parse(readFileSync(file(dataDir), "utf8")) as Array<DemoKey>) : [];

/**
 * For the embedded demo only: API keys to try the API with (a police partner, a CoMensha coordinator, a policy
 * officer and an auditor), kept in `<dataDir>/demo-keys.json` (mode 0600) so `npm start` can print them every time.
 */
export const createDemoKeys = async (storage: StorageOptions, dataDir: string): Promise<ReadonlyArray<DemoKey>> => {
  const keys = await withStorage(
    storage,
    Effect.gen(function* () {
      const organisations = yield* Ports.OrganisationRepository;
      const apiKeys = yield* Ports.ApiKeyRepository;
      const all = yield* organisations.list;
      const police = all.find((organisation) => organisation.kind === "police");
      const comensha = yield* organisations.comensha;
      const plan: ReadonlyArray<readonly [Role.Role, Organisation.Organisation]> = [
        ...(police === undefined ? [] : [["partner", police] as const]),
        ["coordinator", comensha],
        ["policy", comensha],
        ["auditor", comensha],
      ];
      const made: Array<DemoKey> = [];
      for (const [role, organisation] of plan) {
        const generated = generateApiKey();
        yield* apiKeys.create({
          organisationId: organisation.id,
          role,
          prefix: generated.prefix,
          secretHash: generated.secretHash,
        });
        made.push({ role, organisation: organisation.name, apiKey: generated.apiKey });
      }
      return made;
    }),
  );
  writeFileSync(file(dataDir), `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
};
