import { ApplicationRoleError, createApplicationRole, DatabaseUnavailable, type StorageOptions } from "@comensha/db";
import { Effect } from "effect";
import { withStorage } from "./storage.js";

/**
 * `comensha migrate`: runs the migrations (as the owner of `DATABASE_OWNER_URL` when set, which then grants the
 * application role its rights). With `createRole`, first creates the application role with the password of
 * `DATABASE_URL` if it does not exist (the owner needs CREATEROLE); without it a missing role stops the command
 * with the SQL for a database administrator. Answers what was done, for the command to print.
 */
export const migrateCommand = async (
  storage: StorageOptions,
  options: { readonly createRole: boolean },
): Promise<ReadonlyArray<string>> => {
  const database = storage.database;
  const role = database.kind === "postgres" ? database.applicationRole : undefined;
  if (options.createRole && (database.kind !== "postgres" || role === undefined)) {
    throw new ApplicationRoleError({
      reason: "--create-role needs DATABASE_OWNER_URL beside DATABASE_URL (see docs/deploy.md, Database roles)",
    });
  }
  const done: Array<string> = [];
  if (options.createRole && database.kind === "postgres" && role !== undefined) {
    const password = decodeURIComponent(new URL(database.url).password);
    const created = await Effect.runPromise(
      createApplicationRole(role.ownerUrl, role.name, password === "" ? undefined : password),
    );
    done.push(created ? `application role "${role.name}" created` : `application role "${role.name}" exists`);
  }
  await withStorage(storage, Effect.void);
  done.push("migrations applied");
  if (role !== undefined) done.push(`rights of application role "${role.name}" granted`);
  return done;
};

/** The `ApplicationRoleError` behind a failed migration, whose message is safe and says what to do. */
export const applicationRoleErrorOf = (error: unknown): ApplicationRoleError | undefined => {
  if (error instanceof ApplicationRoleError) return error;
  if (error instanceof DatabaseUnavailable && error.cause instanceof ApplicationRoleError) return error.cause;
  return undefined;
};
