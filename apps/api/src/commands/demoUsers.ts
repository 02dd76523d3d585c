import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StorageOptions } from "@comensha/db";
import { Ports, Referral, User } from "@comensha/domain";
import { Effect, Schema } from "effect";
import { createUser } from "../services/users.js";
import { withStorage } from "./storage.js";

/** A demo console login, as kept for the embedded demo. */
export interface DemoUser {
  readonly role: User.UserRole;
  readonly email: string;
  readonly password: string;
  /** The organisation a `care` user works for (its name); staff work for CoMensha. */
  readonly organisation?: string;
}

/** Where the embedded demo keeps its console logins. */
export const demoUsersFile = (dataDir: string) => join(dataDir, "demo-users.json");

/**
 * The demo console logins kept in the data directory, if the embedded demo made them: one per staff role, e.g.
 * `{ role: "coordinator", email: "coordinator@demo.comensha.nl", password }`. For the console's browser tests too.
 */
export const readDemoUsers = (dataDir: string): ReadonlyArray<DemoUser> =>
  existsSync(demoUsersFile(dataDir))
    ? (JSON.parse(readFileSync(demoUsersFile(dataDir), "utf8")) as Array<DemoUser>)
    : [];

/**
 * The organisation of the demo's care user: the first active organisation (by name) of care coordination, which
 * receives referrals; none when the demo data has none.
 */
const demoCareOrganisation = Effect.map(
  Effect.flatMap(Ports.OrganisationRepository, (repository) => repository.list),
  (all) =>
    all
      .filter(
        (organisation) =>
          organisation.kind === "care_coordination" &&
          organisation.status === "active" &&
          !organisation.isComensha &&
          Referral.receivingKinds.has(organisation.kind),
      )
      .sort((a, b) => a.name.localeCompare(b.name))
      .at(0),
);

/**
 * For the embedded demo only: a console user per staff role (`<role>@demo.comensha.nl`), and one care user at a care
 * coordination organisation (`care@demo.comensha.nl`), with a generated password that need not be changed, kept in
 * `<dataDir>/demo-users.json` (mode 0600) so `npm start` can print them every time.
 */
export const createDemoUsers = async (storage: StorageOptions, dataDir: string): Promise<ReadonlyArray<DemoUser>> => {
  const users = await withStorage(
    storage,
    Effect.gen(function* () {
      const care = yield* demoCareOrganisation;
      const plan = [
        ...User.staffRoles.map((role) => ({ role, organisation: undefined })),
        ...(care === undefined ? [] : [{ role: "care" as const, organisation: care }]),
      ];
      return yield* Effect.forEach(plan, ({ role, organisation }) =>
        Effect.gen(function* () {
          const password = randomBytes(15).toString("base64url");
          const user = Schema.decodeUnknownSync(User.NewUser)({
            email: `${role}@demo.comensha.nl`,
            name: `Demo ${role}`,
            role,
            ...(organisation === undefined ? {} : { organisationId: organisation.id }),
          });
          yield* createUser({ user, actor: { kind: "system", id: "demo" }, password });
          return {
            role,
            email: user.email,
            password,
            ...(organisation === undefined ? {} : { organisation: organisation.name }),
          } satisfies DemoUser;
        }),
      );
    }),
  );
  writeFileSync(demoUsersFile(dataDir), `${JSON.stringify(users, null, 2)}\n`, { mode: 0o600 });
  return users;
};
