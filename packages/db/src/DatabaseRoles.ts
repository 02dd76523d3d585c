import { Data, Effect } from "effect";
import postgres from "postgres";

/**
 * The role the API and worker connect with in a deployment that separates it from the owner of the schema: it owns
 * no table, so it cannot alter, disable or drop the audit trigger, drop or truncate a table; it may read and write
 * the application's tables, but only read and append to `audit_events`. See docs/deploy.md, "Database roles".
 */
export interface ApplicationRole {
  /** The role's name (`COMENSHA_APP_ROLE`, or the user of `DATABASE_URL`). */
  readonly name: string;
  /** The URL the owner connects with to run the migrations and grant the role its rights (`DATABASE_OWNER_URL`). */
  readonly ownerUrl: string;
}

/** The application role cannot be given its rights as things stand: the message says why and what to run. */
export class ApplicationRoleError extends Data.TaggedError("ApplicationRoleError")<{ readonly reason: string }> {
  override get message() {
    return this.reason;
  }
}

/** The schema pg-boss keeps the job queue in (`JobQueue`); it belongs to the application role. */
export const jobQueueSchema = "pgboss";

/** `name` quoted as a PostgreSQL identifier. */
export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The SQL a database administrator runs once (as a role with CREATEROLE) to create the application role, for
 * `comensha migrate` to print when the role is missing. The password is left for the administrator to fill in.
 */
export const createRoleStatement = (role: string) =>
  `CREATE ROLE ${quoteIdentifier(role)} LOGIN PASSWORD '<password of DATABASE_URL>' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;`;

/**
 * The statements that give the application role `role` exactly its rights on database `database` (idempotent; run
 * by the owner after every migration, so tables added by a migration are covered): connect; read and write the
 * tables in `public` but only read and insert `audit_events` (no UPDATE, DELETE, TRUNCATE, TRIGGER or REFERENCES);
 * use the sequences; read drizzle's migration table for the readiness check. pg-boss creates and changes its own
 * tables, functions and partitions as it runs, so its schema is created here owned by the application role.
 */
export const applicationRoleGrants = (database: string, role: string): ReadonlyArray<string> => {
  const to = quoteIdentifier(role);
  return [
    `GRANT CONNECT ON DATABASE ${quoteIdentifier(database)} TO ${to}`,
    `GRANT USAGE ON SCHEMA public TO ${to}`,
    `REVOKE CREATE ON SCHEMA public FROM ${to}`,
    `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${to}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${to}`,
    `REVOKE UPDATE, DELETE ON TABLE public.audit_events FROM ${to}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${to}`,
    `GRANT USAGE ON SCHEMA drizzle TO ${to}`,
    `GRANT SELECT ON TABLE drizzle.__drizzle_migrations TO ${to}`,
    `CREATE SCHEMA IF NOT EXISTS ${jobQueueSchema} AUTHORIZATION ${to}`,
  ];
};

/** Whether `role` exists on the server that `session` is connected to. */
const roleExists = async (session: postgres.Sql, role: string) =>
  (await session`select 1 from pg_roles where rolname = ${role}`).length > 0;

/**
 * Gives the application role its rights on the database `session` is connected to (as the owner), after checking
 * that the role exists, is not the owner itself, holds no superuser or BYPASSRLS right, owns nothing in the
 * application's schemas (an owner could disable the audit trigger), and that the job queue's schema, if it
 * exists, is its own. Fails with `ApplicationRoleError` naming the problem and the SQL that solves it.
 */
export const grantApplicationRole = async (session: postgres.Sql, role: string): Promise<void> => {
  const [current] = await session`select current_user as name, current_database() as database`;
  const owner = String(current?.name);
  const database = String(current?.database);
  const fail = (reason: string) => {
    throw new ApplicationRoleError({ reason });
  };
  if (role === owner) {
    fail(`The application role "${role}" is the role that runs the migrations: give the two URLs different users.`);
  }
  const [attributes] = await session`select rolsuper, rolbypassrls from pg_roles where rolname = ${role}`;
  if (attributes === undefined) {
    fail(
      `The application role "${role}" does not exist. Create it as a database administrator:\n  ${createRoleStatement(role)}\n` +
        "or run `comensha migrate --create-role` with an owner that may create roles.",
    );
  }
  if (attributes?.rolsuper === true || attributes?.rolbypassrls === true) {
    fail(`The application role "${role}" is a superuser or bypasses row security: it must be an ordinary role.`);
  }
  const owned = await session`
    select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('public', 'drizzle') and pg_get_userbyid(c.relowner) = ${role}
    union all
    select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'drizzle') and pg_get_userbyid(p.proowner) = ${role}
    order by 1`;
  if (owned.length > 0) {
    fail(
      `The application role "${role}" owns ${owned.map((row) => row.name).join(", ")}, so it could change them. ` +
        `Give them to the owner first: REASSIGN OWNED BY ${quoteIdentifier(role)} TO ${quoteIdentifier(owner)}; ` +
        `then run migrate again (this also moves schema ${jobQueueSchema}: give it back with ` +
        `ALTER SCHEMA ${jobQueueSchema} OWNER TO ${quoteIdentifier(role)} and its objects the same way).`,
    );
  }
  const [queueSchema] = await session`
    select pg_get_userbyid(nspowner) as owner from pg_namespace where nspname = ${jobQueueSchema}`;
  if (queueSchema !== undefined && queueSchema.owner !== role) {
    fail(
      `Schema ${jobQueueSchema} (the job queue) belongs to "${queueSchema.owner}", but pg-boss runs as "${role}" and ` +
        "changes its own tables as it runs. With no worker running, drop it (DROP SCHEMA " +
        `${jobQueueSchema} CASCADE: it holds only jobs and schedules, which the processes make again) or give it and ` +
        "everything in it to the application role, then run migrate again.",
    );
  }
  for (const statement of applicationRoleGrants(database, role)) await session.unsafe(statement);
};

/**
 * Creates the application role `role` (LOGIN, no other rights) with `password` unless it exists, connecting as
 * the owner; the owner needs CREATEROLE. Only `comensha migrate --create-role` calls it.
 */
export const createApplicationRole = (ownerUrl: string, role: string, password: string | undefined) =>
  Effect.acquireUseRelease(
    Effect.sync(() => postgres(ownerUrl, { max: 1, onnotice: () => undefined })),
    (session) =>
      Effect.tryPromise({
        try: async () => {
          if (await roleExists(session, role)) return false;
          const secret = password === undefined ? "" : ` PASSWORD ${quoteLiteral(password)}`;
          await session.unsafe(
            `CREATE ROLE ${quoteIdentifier(role)} LOGIN${secret} NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT`,
          );
          return true;
        },
        catch: (cause) => cause,
      }),
    (session) => Effect.promise(() => session.end({ timeout: 5 })),
  );

const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;
