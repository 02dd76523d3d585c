import { FollowUp, Ports, type User } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Effect, Exit, ManagedRuntime, Redacted, Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, rowsOf, storageLayer } from "../src/index.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";

type Services =
  | Database
  | Ports.PersonRepository
  | Ports.UserRepository
  | Ports.FollowUpRepository
  | Ports.ErasureRepository
  | Ports.SubjectExportSource;

const title = (text: string) => Schema.decodeUnknownSync(FollowUp.FollowUpTitle)(text);
const creator = { kind: "api_key", id: "0190c0de-0000-7000-8000-0000000a11ce" } as const;

/** The words of a title, or its state when there are none to read. */
const wordsOf = (content: FollowUp.FollowUpTitleContent) =>
  content.state === "readable" ? Redacted.value(content.text) : content.state;

describe.each(testDatabaseKinds())("follow-up tasks on %s", (kind) => {
  let database: TestDatabase;
  let runtime: ManagedRuntime.ManagedRuntime<Services, unknown>;
  let coordinator: User.UserId;
  let colleague: User.UserId;
  let policy: User.UserId;
  const run = <A, E>(effect: Effect.Effect<A, E, Services>) => runtime.runPromise(effect);
  const failureOf = async <A, E>(effect: Effect.Effect<A, E, Services>) => {
    const exit = await runtime.runPromiseExit(effect);
    return Exit.isFailure(exit) ? JSON.stringify(exit.cause) : "succeeded";
  };
  const sqlRows = (statement: ReturnType<typeof sql>) =>
    run(Effect.flatMap(Database, (db) => Effect.promise(() => db.drizzle.execute(statement)))).then((result) =>
      rowsOf(result),
    );
  const tasks = Effect.flatMap(Ports.FollowUpRepository, Effect.succeed);
  const newUser = (email: string, role: User.UserRole) =>
    run(
      Effect.flatMap(Ports.UserRepository, (users) =>
        users.create({ email, name: email, role, passwordHash: "x", mustChangePassword: false }),
      ),
    ).then((credential) => credential.user.id);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    runtime = ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));
    await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
    coordinator = await newUser("taken@comensha.test", "coordinator");
    colleague = await newUser("collega@comensha.test", "coordinator");
    policy = await newUser("beleid@comensha.test", "policy");
  });

  afterAll(async () => {
    await runtime?.dispose();
    await database?.drop();
  });

  const newPerson = Effect.flatMap(Ports.PersonRepository, (persons) =>
    persons.create({ sex: "female", birthYear: 1998, nationalities: ["RO"], blindIndexes: [] }),
  );

  it("adds tasks with an encrypted title, lists them by due date, and closes each once", async () => {
    const person = await run(newPerson);
    const later = await run(
      Effect.flatMap(tasks, (r) =>
        r.create({
          personId: person.id,
          kind: "residence_decision_b8_3",
          dueOn: "2026-06-01",
          owner: coordinator,
          title: title("Ask IND about Testpersoon's permit"),
          createdBy: creator,
        }),
      ),
    );
    expect([later.state, later.owner, wordsOf(later.title), later.closedBy, later.closedAt]).toEqual([
      "open",
      coordinator,
      "Ask IND about Testpersoon's permit",
      null,
      null,
    ]);
    const stored = await sqlRows(sql`select encode(title, 'escape') as title from follow_ups where id = ${later.id}`);
    expect(String(stored[0]?.title)).not.toContain("Testpersoon");

    const sooner = await run(
      Effect.flatMap(tasks, (r) =>
        r.create({ personId: person.id, kind: "custom", dueOn: "2026-05-01", owner: colleague, createdBy: creator }),
      ),
    );
    expect(wordsOf(sooner.title)).toBe("none");
    const listed = await run(Effect.flatMap(tasks, (r) => r.list(person.id)));
    expect(listed.map((task) => task.id)).toEqual([sooner.id, later.id]);

    const done = await run(
      Effect.flatMap(tasks, (r) =>
        r.close({ id: sooner.id, state: "done", closedBy: { kind: "user", id: colleague } }),
      ),
    );
    expect([done.state, done.closedBy]).toEqual(["done", { kind: "user", id: colleague }]);
    expect(done.closedAt).not.toBeNull();
    expect(
      await failureOf(Effect.flatMap(tasks, (r) => r.close({ id: sooner.id, state: "cancelled", closedBy: creator }))),
    ).toContain("FollowUpClosed");
    expect(
      await failureOf(
        Effect.flatMap(tasks, (r) =>
          r.close({
            id: FollowUp.FollowUpId.make("0190c0de-0000-7000-8000-00000000dead"),
            state: "done",
            closedBy: creator,
          }),
        ),
      ),
    ).toContain("FollowUpNotFound");
  });

  it("refuses an owner who is not an active coordinator, and a person merged away", async () => {
    const person = await run(newPerson);
    const add = (owner: User.UserId, personId = person.id) =>
      failureOf(
        Effect.flatMap(tasks, (r) =>
          r.create({ personId, kind: "custom", dueOn: "2026-05-01", owner, createdBy: creator }),
        ),
      );
    expect(await add(policy)).toContain("FollowUpOwnerRefused");
    expect(await add("0190c0de-0000-7000-8000-00000000beef" as User.UserId)).toContain("FollowUpOwnerRefused");
    const survivor = await run(newPerson);
    await run(Effect.flatMap(Ports.PersonRepository, (persons) => persons.merge(person.id, survivor.id)));
    expect(await add(coordinator)).toContain("PersonMergedAway");
  });

  it("pages a worklist by due date, filtered by owner, state and overdue, and counts the overdue", async () => {
    const person = await run(newPerson);
    const before = await run(Effect.flatMap(tasks, (r) => r.countOverdue("2030-01-10")));
    const owner = await newUser("werklijst@comensha.test", "coordinator");
    const dates = ["2030-01-12", "2030-01-05", "2030-01-09", "2030-01-10", "2030-01-01"];
    const created: Array<FollowUp.FollowUp> = [];
    for (const dueOn of dates) {
      created.push(
        await run(
          Effect.flatMap(tasks, (r) =>
            r.create({ personId: person.id, kind: "custom", dueOn, owner, createdBy: creator }),
          ),
        ),
      );
    }
    await run(
      Effect.flatMap(tasks, (r) => r.close({ id: created[4]?.id as never, state: "cancelled", closedBy: creator })),
    );
    const all = await run(Effect.flatMap(tasks, (r) => r.worklist({ owner }, { limit: 2 })));
    expect(all.data.map((task) => task.dueOn)).toEqual(["2030-01-01", "2030-01-05"]);
    const next = await run(
      Effect.flatMap(tasks, (r) => r.worklist({ owner }, { limit: 2, cursor: all.nextCursor ?? "" })),
    );
    expect(next.data.map((task) => task.dueOn)).toEqual(["2030-01-09", "2030-01-10"]);
    const open = await run(Effect.flatMap(tasks, (r) => r.worklist({ owner, state: "open" }, { limit: 10 })));
    expect(open.data.map((task) => task.dueOn)).toEqual(["2030-01-05", "2030-01-09", "2030-01-10", "2030-01-12"]);
    expect(open.nextCursor).toBeNull();
    const overdue = await run(
      Effect.flatMap(tasks, (r) => r.worklist({ owner, overdueOn: "2030-01-10" }, { limit: 10 })),
    );
    expect(overdue.data.map((task) => task.dueOn)).toEqual(["2030-01-05", "2030-01-09"]);
    expect(await run(Effect.flatMap(tasks, (r) => r.countOverdue("2030-01-10")))).toBe(before + 2);
    expect(
      await failureOf(Effect.flatMap(tasks, (r) => r.worklist({ owner }, { limit: 2, cursor: "bm90LWEtY3Vyc29y" }))),
    ).toContain("InvalidCursor");
  });

  it("shows a title moved to another task as undecryptable, not as the other task's words", async () => {
    const person = await run(newPerson);
    const add = (text: string) =>
      run(
        Effect.flatMap(tasks, (r) =>
          r.create({
            personId: person.id,
            kind: "custom",
            dueOn: "2026-07-01",
            owner: coordinator,
            title: title(text),
            createdBy: creator,
          }),
        ),
      );
    const first = await add("Eerste titel");
    const second = await add("Tweede titel");
    await sqlRows(
      sql`update follow_ups set title = (select title from follow_ups where id = ${first.id}) where id = ${second.id}`,
    );
    const listed = await run(Effect.flatMap(tasks, (r) => r.list(person.id)));
    expect(listed.map((task) => wordsOf(task.title))).toEqual(["Eerste titel", "undecryptable"]);
  });

  it("erases the titles with the person's data, keeping the tasks, and exports them", async () => {
    const person = await run(newPerson);
    const task = await run(
      Effect.flatMap(tasks, (r) =>
        r.create({
          personId: person.id,
          kind: "reflection_period_end",
          dueOn: "2026-04-14",
          owner: coordinator,
          title: title("Bedenktijd eindigt"),
          createdBy: creator,
        }),
      ),
    );
    const exported = await run(Effect.flatMap(Ports.SubjectExportSource, (source) => source.followUps([person.id])));
    expect(exported.map((row) => [row.id, wordsOf(row.title)])).toEqual([[task.id, "Bedenktijd eindigt"]]);
    const summary = await run(Effect.flatMap(Ports.ErasureRepository, (r) => r.erasePerson(person.id)));
    expect(summary.followUpTitles).toBe(1);
    const [erased] = await run(Effect.flatMap(tasks, (r) => r.list(person.id)));
    expect([erased?.id, erased?.dueOn, erased?.state, wordsOf(erased?.title ?? { state: "none" })]).toEqual([
      task.id,
      "2026-04-14",
      "open",
      "erased",
    ]);
    const again = await run(Effect.flatMap(Ports.ErasureRepository, (r) => r.erasePerson(person.id)));
    expect(again.followUpTitles).toBe(0);
  });
});
