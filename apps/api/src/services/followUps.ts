import type { IdempotencyStore, StoredResponse } from "@comensha/db";
import { FollowUp, type Person, Ports, type Shelter, type StayList, type User } from "@comensha/domain";
import { Effect } from "effect";
import { audit, type Caller } from "./audit.js";
import { today } from "./registrations.js";

/** Who acts, as a task records it: the principal by kind and id. */
const actorOf = (caller: Caller): FollowUp.FollowUpActor => ({
  kind: caller.principal.kind,
  id: caller.principal.id,
});

/**
 * A person's tasks, and the tasks their case suggests that do not exist yet (coordinators), audited as a read of the
 * person's tasks.
 */
export const listFollowUps = (caller: Caller, personId: Person.PersonId) =>
  Effect.gen(function* () {
    const repository = yield* Ports.FollowUpRepository;
    const items = yield* repository.list(personId);
    const facts = yield* repository.caseFacts(personId);
    const suggestions = FollowUp.suggestFollowUps(facts, items, yield* today);
    yield* audit(caller, "follow_up.list", "success", { type: "person", id: personId });
    return { items, suggestions };
  });

type Complete = (response: StoredResponse) => Effect.Effect<void, never, IdempotencyStore>;

/**
 * Adds a task about a person (coordinators), owned by `owner`: in one transaction with its audit event and the
 * stored idempotent answer.
 */
export const createFollowUp = (
  caller: Caller,
  personId: Person.PersonId,
  input: FollowUp.NewFollowUp,
  owner: User.UserId,
  respond: (task: FollowUp.FollowUp) => StoredResponse,
  complete: Complete,
) =>
  Effect.gen(function* () {
    const repository = yield* Ports.FollowUpRepository;
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const task = yield* repository.create({
          personId,
          kind: input.kind,
          dueOn: input.dueOn,
          owner,
          title: input.title,
          createdBy: actorOf(caller),
        });
        yield* audit(caller, "follow_up.create", "success", { type: "follow_up", id: task.id });
        const response = respond(task);
        yield* complete(response);
        return response;
      }),
    );
  });

/** Marks an open task done or cancels it (coordinators), with its audit event and stored answer. */
export const closeFollowUp = (
  caller: Caller,
  id: FollowUp.FollowUpId,
  state: "done" | "cancelled",
  respond: (task: FollowUp.FollowUp) => StoredResponse,
  complete: Complete,
) =>
  Effect.gen(function* () {
    const repository = yield* Ports.FollowUpRepository;
    return yield* (yield* Ports.Transactor).transaction(
      Effect.gen(function* () {
        const task = yield* repository.close({ id, state, closedBy: actorOf(caller) });
        yield* audit(caller, state === "done" ? "follow_up.complete" : "follow_up.cancel", "success", {
          type: "follow_up",
          id,
        });
        const response = respond(task);
        yield* complete(response);
        return response;
      }),
    );
  });

/**
 * A worklist of tasks across persons (coordinators): of an owner, in a state, and only the overdue ones on today when
 * `overdue`; audited as one read of the list.
 */
export const listWorklist = (
  caller: Caller,
  filter: {
    readonly owner?: User.UserId | undefined;
    readonly state?: FollowUp.FollowUpState | undefined;
    readonly overdue: boolean;
  },
  page: { readonly limit: number; readonly cursor?: string },
) =>
  Effect.gen(function* () {
    const date = yield* today;
    const found = yield* (yield* Ports.FollowUpRepository).worklist(
      { owner: filter.owner, state: filter.state, overdueOn: filter.overdue ? date : undefined },
      page,
    );
    yield* audit(caller, "follow_up.list", "success", { type: "follow_up" });
    return { asOf: date, ...found };
  });

/** A shelter's stays in a week with their persons' open tasks due (coordinators), audited as a read of the shelter's. */
export const readStayList = (caller: Caller, shelterId: Shelter.ShelterId, week: StayList.IsoWeek) =>
  Effect.gen(function* () {
    const list = yield* (yield* Ports.FollowUpRepository).stayList(shelterId, week);
    yield* audit(caller, "stay_list.read", "success", { type: "shelter", id: shelterId });
    return list;
  });
