import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  DatabaseHasRegistrations,
  DatabaseNotEmpty,
  DataDirectoryInUse,
  describeError,
  isEmpty,
  KeyMismatch,
} from "@comensha/db";
import { DisclosurePolicy, User } from "@comensha/domain";
import { Schema } from "effect";
import { countYear } from "./commands/count.js";
import { formatKeyStatus, keyStatusCommand, rotateKeysCommand } from "./commands/keys.js";
import { applicationRoleErrorOf, migrateCommand } from "./commands/migrate.js";
import { createKey, createOrganisation, listKeys, listOrganisations, revokeKey } from "./commands/org.js";
import { ReportRunError, runReportCommand } from "./commands/report.js";
import { withStorage } from "./commands/storage.js";
import { createUserCommand, listUsersCommand } from "./commands/user.js";
import { ConfigError, loadConfig } from "./config.js";

const usage = `Usage: pnpm comensha <command> [options]

Commands:
  start                       migrate, seed demo data on the first run (embedded database), serve the API
  migrate [--create-role]     run the database migrations; with DATABASE_OWNER_URL as that owner, then grant the
                              application role (COMENSHA_APP_ROLE or DATABASE_URL's user) its rights, creating
                              it first with --create-role (else a missing role prints the SQL to create it)
  seed [--years 5] [--seed 42] [--last-year YYYY] [--persons-per-year 1000] [--today YYYY-MM-DD]
                              write reproducible demo data into an empty database
  seed --persons N [--years 5] [--seed 42] [--last-year YYYY] [--batch 5000]
                              demo data at volume (e.g. 1000000 persons): registrations, versions, blind
                              indexes, duplicates, placement requests, written in batches into a database
                              without registrations, printing progress and the rate
  count --year YYYY [--json]  persons and reports of a year under the counting rule
  report run --kind annual|placement|eurostat|htcds [--year YYYY | --from D --to D]
             [--format csv|json|html|schema|chart [--table ID]] [--lang nl|en] [--threshold 5]
             [--rounding B] --out FILE|-
                              produce an anonymised report now and write one of its files
  worker                      run the report worker and the offer-expiry job without the HTTP API
  org create --name N --kind K [--region R] [--role partner] [--json]
                              a new organisation and its first API key (printed once)
  org list                    all organisations
  org key create --org ID [--role partner|coordinator|policy|admin|auditor] [--label L]
                              another key, working at once: the operator's path (through the API a coordinator
                              or admin key waits for a second administrator); --label names it in the key list
  org key list --org ID       labels, prefixes, roles and last use of the organisation's keys
  org key revoke --key ID     revoke a key at once
  user create --email E --role coordinator|policy|admin|auditor|care [--name N] [--organisation ID] [--json]
                              a console user and a one-time password (printed once; changed at first login),
                              active at once: how the first administrators and coordinators are made (through
                              the API a coordinator or admin waits for a second administrator); a care user
                              names the organisation that receives referrals they work for (--organisation)
  user list                   all console users
  keys rotate [--batch 200]   re-encrypt all personal data under the current key and rebuild the blind indexes
                              under the current index key while the API runs, then retire the old key ids
  keys status [--json]        the key ids the database knows, and how many values are still under each

Environment: DATABASE_URL (PostgreSQL; PGlite in COMENSHA_DATA_DIR, default ./.data, when unset),
DATABASE_OWNER_URL and COMENSHA_APP_ROLE (migrations as the owner), PORT, COMENSHA_ENCRYPTION_KEY,
COMENSHA_INDEX_KEY, and during a key rotation COMENSHA_PREVIOUS_ENCRYPTION_KEYS and COMENSHA_PREVIOUS_INDEX_KEYS
(comma-separated).`;

const integer = (name: string, value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return parsed;
};

class UsageError extends Error {}

/** `keys rotate` ended with values still under an old key. */
class KeyRotationIncomplete extends Error {}

/**
 * The modules of the commands that need much more than the database and the reports (the server with every route,
 * the worker's queue, the demo data generators), loaded by the command that runs them: a `report run` or `count`
 * does not load the server first.
 */
const seedCommands = () => import("./commands/seed.js");

const main = async (argv: ReadonlyArray<string>) => {
  const [command, ...rest] = argv;
  switch (command) {
    case "start": {
      const [
        { createDemoKeys, readDemoKeys },
        { createDemoUsers, demoUsersFile, readDemoUsers },
        { ensureConsoleBuilt },
        { hasConsoleBuild },
        { startServer },
        { demoPersonsPerYear, demoYearsUpTo, firstDemoYear, lastYearBefore, seedDatabase, todayInAmsterdam },
      ] = await Promise.all([
        import("./commands/demoKeys.js"),
        import("./commands/demoUsers.js"),
        import("./commands/console.js"),
        import("./routes/console.js"),
        import("./server.js"),
        seedCommands(),
      ]);
      const config = loadConfig();
      if (config.storage.database.kind === "pglite") {
        const empty = await withStorage(config.storage, isEmpty);
        if (empty) {
          const today = todayInAmsterdam();
          const lastYear = lastYearBefore(today);
          console.log(
            `First run: writing synthetic demo data (seed 42, ${firstDemoYear}-${lastYear} and this year up to ${today}) ...`,
          );
          const summary = await seedDatabase(config.storage, {
            years: demoYearsUpTo(lastYear),
            seed: 42,
            lastYear,
            personsPerYear: demoPersonsPerYear,
            today,
          });
          console.log(
            `Demo data: ${summary.organisations} organisations, ${summary.shelters} shelters, ` +
              `${summary.persons} persons, ${summary.registrations} registrations, ` +
              `${summary.placementRequests} placement requests (${summary.openPlacementRequests} open), ` +
              `${summary.placements} placements, ${summary.openDuplicates} possible duplicates to review.`,
          );
          await createDemoKeys(config.storage, config.dataDir);
        }
        if (readDemoKeys(config.dataDir).length > 0 && !existsSync(demoUsersFile(config.dataDir))) {
          await createDemoUsers(config.storage, config.dataDir);
        }
      }
      ensureConsoleBuilt(config.consoleDir);
      const server = await startServer({ config, handleSignals: true });
      console.log(`\nCoMensha API: ${server.url}  (health: ${server.url}/health, docs: ${server.url}/docs)`);
      if (hasConsoleBuild(config.consoleDir)) console.log(`CoMensha console: ${server.url}/`);
      else console.log("CoMensha console: not built; the API runs without it (see the messages above).");
      const demoKeys = config.storage.database.kind === "pglite" ? readDemoKeys(config.dataDir) : [];
      if (demoKeys.length > 0) {
        console.log(`Demo API keys (synthetic data only; kept in ${config.dataDir}/demo-keys.json):`);
        for (const key of demoKeys) console.log(`  ${key.role.padEnd(11)} ${key.apiKey}  (${key.organisation})`);
      }
      const demoUsers = config.storage.database.kind === "pglite" ? readDemoUsers(config.dataDir) : [];
      if (demoUsers.length > 0) {
        console.log(`Console demo login (synthetic data only; kept in ${demoUsersFile(config.dataDir)}):`);
        for (const user of demoUsers) {
          const at = user.organisation === undefined ? "" : `  (${user.organisation})`;
          console.log(`  ${user.role.padEnd(11)} ${user.email}  ${user.password}${at}`);
        }
      }
      console.log("");
      return;
    }
    case "migrate": {
      const { values } = parseArgs({ args: rest, options: { "create-role": { type: "boolean" } } });
      const done = await migrateCommand(loadConfig().storage, { createRole: values["create-role"] === true });
      for (const line of done) console.log(line);
      return;
    }
    case "seed": {
      const { values } = parseArgs({
        args: rest,
        options: {
          years: { type: "string" },
          seed: { type: "string" },
          "last-year": { type: "string" },
          "persons-per-year": { type: "string" },
          today: { type: "string" },
          persons: { type: "string" },
          batch: { type: "string" },
        },
      });
      const { defaultLastYear, lastYearBefore, seedDatabase, seedVolume } = await seedCommands();
      const today = values.today;
      if (values.persons !== undefined) {
        if (values["persons-per-year"] !== undefined || today !== undefined) {
          throw new UsageError("seed --persons takes --years, --seed, --last-year and --batch only");
        }
        const persons = integer("persons", values.persons, 0);
        const batchSize = integer("batch", values.batch, 5000);
        if (persons < 1 || batchSize < 1) throw new UsageError("--persons and --batch must be at least 1");
        const summary = await seedVolume(
          loadConfig().storage,
          {
            persons,
            years: integer("years", values.years, 5),
            seed: integer("seed", values.seed, 42),
            lastYear: integer("last-year", values["last-year"], defaultLastYear()),
            batchSize,
          },
          (line) => console.error(line),
        );
        console.log(JSON.stringify(summary));
        return;
      }
      const summary = await seedDatabase(loadConfig().storage, {
        years: integer("years", values.years, 5),
        seed: integer("seed", values.seed, 42),
        lastYear: integer(
          "last-year",
          values["last-year"],
          today === undefined ? defaultLastYear() : lastYearBefore(today),
        ),
        personsPerYear: integer("persons-per-year", values["persons-per-year"], 1000),
        today,
      });
      console.log(JSON.stringify(summary));
      return;
    }
    case "org": {
      const [sub, ...args] = rest;
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          name: { type: "string" },
          kind: { type: "string" },
          region: { type: "string" },
          role: { type: "string" },
          label: { type: "string" },
          org: { type: "string" },
          key: { type: "string" },
          json: { type: "boolean" },
        },
      });
      const storage = loadConfig().storage;
      const print = (value: unknown) => console.log(JSON.stringify(value, null, values.json ? undefined : 2));
      if (sub === "create") {
        if (values.name === undefined || values.kind === undefined)
          throw new UsageError("org create needs --name and --kind");
        print(
          await createOrganisation(storage, {
            name: values.name,
            kind: values.kind,
            ...(values.region === undefined ? {} : { region: values.region }),
            ...(values.role === undefined ? {} : { role: values.role }),
          }),
        );
        return;
      }
      if (sub === "list") return print(await listOrganisations(storage));
      if (sub === "key") {
        const [action] = positionals;
        if (action === "create" && values.org !== undefined)
          return print(await createKey(storage, values.org, values.role, values.label));
        if (action === "list" && values.org !== undefined) return print(await listKeys(storage, values.org));
        if (action === "revoke" && values.key !== undefined) return print(await revokeKey(storage, values.key));
      }
      throw new UsageError(
        "org: create | list | key create --org ID [--role R] [--label L] | key list --org ID | key revoke --key ID",
      );
    }
    case "user": {
      const [sub, ...args] = rest;
      const { values } = parseArgs({
        args,
        options: {
          email: { type: "string" },
          role: { type: "string" },
          name: { type: "string" },
          organisation: { type: "string" },
          json: { type: "boolean" },
        },
      });
      const storage = loadConfig().storage;
      const print = (value: unknown) => console.log(JSON.stringify(value, null, values.json ? undefined : 2));
      if (sub === "create") {
        if (values.email === undefined || values.role === undefined) {
          throw new UsageError("user create needs --email and --role");
        }
        const created = await createUserCommand(storage, {
          email: values.email,
          role: values.role,
          ...(values.name === undefined ? {} : { name: values.name }),
          ...(values.organisation === undefined ? {} : { organisationId: values.organisation }),
        });
        if (values.json) return print(created);
        console.log(`${created.user.email} (${created.user.role}), id ${created.user.id}`);
        console.log(`One-time password (shown once; to be changed at the first login): ${created.oneTimePassword}`);
        return;
      }
      if (sub === "list") return print(await listUsersCommand(storage));
      throw new UsageError("user: create --email E --role R [--name N] [--organisation ORG_ID] [--json] | list");
    }
    case "keys": {
      const [sub, ...args] = rest;
      const { values } = parseArgs({ args, options: { batch: { type: "string" }, json: { type: "boolean" } } });
      const storage = loadConfig().storage;
      if (sub === "rotate") {
        const batchSize = integer("batch", values.batch, 200);
        if (batchSize < 1) throw new UsageError("--batch must be at least 1");
        const summary = await rotateKeysCommand(storage, { batchSize, print: (line) => console.log(line) });
        if (!summary.complete) {
          throw new KeyRotationIncomplete(
            "the rotation did not finish: some values are still under an old key (see `comensha keys status`). " +
              "Values that no key decrypts stay where they are; otherwise run `comensha keys rotate` again.",
          );
        }
        console.log(
          `Rotation complete: everything is under encryption key ${summary.encryptionKeyId} and index key ` +
            `${summary.indexKeyId}. Remove the previous keys from the configuration and restart.`,
        );
        return;
      }
      if (sub === "status") {
        const status = await keyStatusCommand(storage);
        if (values.json) return console.log(JSON.stringify(status));
        for (const line of formatKeyStatus(status)) console.log(line);
        return;
      }
      throw new UsageError("keys: rotate [--batch N] | status [--json]");
    }
    case "count": {
      const { values } = parseArgs({ args: rest, options: { year: { type: "string" }, json: { type: "boolean" } } });
      const { defaultLastYear } = await seedCommands();
      const result = await countYear(loadConfig().storage, integer("year", values.year, defaultLastYear()));
      console.log(
        values.json ? JSON.stringify(result) : `${result.year}: ${result.persons} persons, ${result.reports} reports`,
      );
      return;
    }
    case "report": {
      const [sub, ...args] = rest;
      if (sub !== "run") throw new UsageError("report: run --kind K ... --out FILE");
      const { values } = parseArgs({
        args,
        options: {
          kind: { type: "string" },
          year: { type: "string" },
          from: { type: "string" },
          to: { type: "string" },
          format: { type: "string" },
          lang: { type: "string" },
          threshold: { type: "string" },
          rounding: { type: "string" },
          out: { type: "string" },
          table: { type: "string" },
        },
      });
      if (values.kind === undefined || values.out === undefined)
        throw new UsageError("report run needs --kind and --out");
      const threshold = values.threshold === undefined ? undefined : integer("threshold", values.threshold, 5);
      const rounding = values.rounding === undefined ? undefined : integer("rounding", values.rounding, 0);
      const policy =
        threshold === undefined && rounding === undefined
          ? undefined
          : {
              threshold: threshold ?? DisclosurePolicy.minimumThreshold,
              ...(rounding === undefined ? {} : { roundingBase: rounding }),
            };
      const weaker = policy === undefined ? [] : DisclosurePolicy.policyViolations(policy);
      if (weaker.length > 0) {
        throw new UsageError(
          weaker
            .map(
              (violation) => `--${violation.path[0] === "threshold" ? "threshold" : "rounding"} ${violation.message}`,
            )
            .join("; "),
        );
      }
      const result = await runReportCommand(loadConfig().storage, {
        kind: values.kind,
        year: values.year === undefined ? undefined : integer("year", values.year, 0),
        from: values.from,
        to: values.to,
        format: values.format ?? "csv",
        lang: values.lang ?? "nl",
        out: values.out,
        table: values.table,
        policy,
      });
      if (values.out !== "-") {
        console.error(
          `${result.file} -> ${values.out} (${result.bytes} bytes, sha256 ${result.sha256}; data as of ${result.report.dataAsOf})`,
        );
      }
      return;
    }
    case "worker": {
      const { runWorker } = await import("./commands/worker.js");
      await runWorker(loadConfig());
      return;
    }
    case undefined:
    case "help":
    case "--help":
      console.log(usage);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
};

main(process.argv.slice(2)).catch((error: unknown) => {
  if (Schema.isSchemaError(error)) {
    console.error(`comensha: invalid input\n${error.message}`);
    process.exit(2);
  }
  if (error instanceof User.EmailTaken) {
    console.error("comensha: another user already has this e-mail address");
    process.exit(1);
  }
  if (error instanceof User.UserOrganisationRefused) {
    console.error(`comensha: --organisation refused: ${error.problem}`);
    process.exit(1);
  }
  if (error instanceof KeyRotationIncomplete) {
    console.error(`comensha: ${error.message}`);
    process.exit(1);
  }
  if (error instanceof ReportRunError) {
    console.error(`comensha: ${error.message}`);
    process.exit(1);
  }
  const roleError = applicationRoleErrorOf(error);
  if (roleError !== undefined) {
    console.error(`comensha: ${roleError.message}`);
    process.exit(1);
  }
  if (error instanceof UsageError) {
    console.error(`comensha: ${error.message}\n\n${usage}`);
    process.exit(2);
  }
  if (
    error instanceof DataDirectoryInUse ||
    error instanceof DatabaseNotEmpty ||
    error instanceof DatabaseHasRegistrations ||
    error instanceof ConfigError ||
    error instanceof KeyMismatch
  ) {
    console.error(`comensha: ${error.message}`);
    process.exit(1);
  }
  const { error: classes, ...codes } = describeError(error);
  const details = Object.entries(codes).map(([name, value]) => ` ${name} ${value}`);
  console.error(
    `comensha: failed with ${classes}${details.join(",")}. The error's message is not shown: it may quote ` +
      "personal data. Check the database (DATABASE_URL, migrations) and the options, then try again.",
  );
  process.exit(1);
});
