import type { FollowUp, FollowUpsApi } from "../../src/features/followUps/followUpsApi.js";

/** The signed-in user of the fakes (`coordinator` in fakeApi), who owns the tasks added without an owner. */
const me = "0193a000-0000-7000-8000-000000000001";

/**
 * A fake {@link FollowUpsApi} that keeps tasks in memory as the API would: by due date, owned by the caller unless the
 * input names another, closed once; the worklist is the caller's open tasks. `suggestions` are what every person's case
 * suggests until a task of that kind and date exists. Every answer is a copy, as from the network.
 */
export const fakeFollowUpsApi = (
  options: { readonly suggestions?: ReadonlyArray<{ kind: FollowUp["kind"]; dueOn: string }> } = {},
): FollowUpsApi & { readonly tasks: Map<string, FollowUp>; readonly csvAsked: Array<[string, string]> } => {
  const tasks = new Map<string, FollowUp>();
  const csvAsked: Array<[string, string]> = [];
  const byDueDate = (a: FollowUp, b: FollowUp) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id);
  return {
    tasks,
    csvAsked,
    listFollowUps: async (personId) => {
      const items = [...tasks.values()].filter((task) => task.personId === personId).sort(byDueDate);
      const suggestions = (options.suggestions ?? []).filter(
        (suggestion) => !items.some((task) => task.kind === suggestion.kind && task.dueOn === suggestion.dueOn),
      );
      return structuredClone({ items, suggestions: [...suggestions] });
    },
    addFollowUp: async (personId, input) => {
      const id = `0193f000-0000-7000-8000-${String(tasks.size + 1).padStart(12, "0")}`;
      const task: FollowUp = {
        id,
        personId,
        kind: input.kind,
        dueOn: input.dueOn,
        owner: input.owner ?? me,
        title: input.title === undefined ? { state: "none" } : { state: "readable", text: input.title.trim() },
        state: "open",
        createdBy: { kind: "user", id: me },
        createdAt: "2026-12-08T09:00:00.000Z",
        closedBy: null,
        closedAt: null,
      };
      tasks.set(id, task);
      return structuredClone(task);
    },
    completeFollowUp: async (id) => {
      const task = tasks.get(id);
      if (task === undefined || task.state !== "open") throw new Error(`task ${id} is not open`);
      const done: FollowUp = {
        ...task,
        state: "done",
        closedBy: { kind: "user", id: me },
        closedAt: "2026-12-08T10:00:00.000Z",
      };
      tasks.set(id, done);
      return structuredClone(done);
    },
    myOpenFollowUps: async () =>
      structuredClone([...tasks.values()].filter((task) => task.owner === me && task.state === "open").sort(byDueDate)),
    stayListShelters: async () => [
      { id: "0193d000-0000-7000-8000-0000000000s3", name: "Mannenhuis Proefstad" },
      { id: "0193d000-0000-7000-8000-0000000000s1", name: "Opvang Voorbeeldstad" },
    ],
    stayListCsv: async (shelterId, week) => {
      csvAsked.push([shelterId, week]);
      return "\uFEFFweek,person_id\r\n";
    },
  };
};
