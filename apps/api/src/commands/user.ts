import type { StorageOptions } from "@comensha/db";
import { Ports, User } from "@comensha/domain";
import { Effect, Schema } from "effect";
import { createUser } from "../services/users.js";
import { withStorage } from "./storage.js";

const cli = { kind: "system", id: "cli" } as const;

const encodeUser = Schema.encodeSync(User.User);

/**
 * `user create`: a console user with a one-time password, printed once (only its hash is stored) and to be changed
 * at the first login. The name defaults to the part of the address before the `@`. A `care` user names the
 * organisation they work for (`--organisation <id>`, one that receives referrals).
 */
export const createUserCommand = (
  storage: StorageOptions,
  input: { readonly email: string; readonly role: string; readonly name?: string; readonly organisationId?: string },
) =>
  withStorage(
    storage,
    Effect.gen(function* () {
      const user = Schema.decodeUnknownSync(User.NewUser)({
        email: input.email,
        name: input.name ?? input.email.trim().split("@")[0] ?? input.email,
        role: input.role,
        ...(input.organisationId === undefined ? {} : { organisationId: input.organisationId }),
      });
      const { credential, oneTimePassword } = yield* createUser({ user, actor: cli });
      return { user: encodeUser(credential.user), oneTimePassword };
    }),
  );

/** `user list`: every console user, newest first. */
export const listUsersCommand = (storage: StorageOptions) =>
  withStorage(
    storage,
    Effect.gen(function* () {
      const users = yield* Ports.UserRepository;
      const all: Array<ReturnType<typeof encodeUser>> = [];
      let cursor: string | undefined;
      do {
        const page = yield* users.list({ limit: 200, ...(cursor === undefined ? {} : { cursor }) });
        all.push(...page.data.map((user) => encodeUser(user)));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return all;
    }),
  );
