import type Comensha from "@comensha/sdk";
import type { FollowUp, FollowUpInput, FollowUpList } from "@comensha/sdk";

export type { FollowUp, FollowUpInput, FollowUpList };

/** What the console asks of the API about follow-up tasks and stay lists (coordinators); every call is audited. */
export interface FollowUpsApi {
  /** A person's tasks by due date, and what their case suggests. */
  listFollowUps(personId: string): Promise<FollowUpList>;
  /** Adds a task, owned by the signed-in user unless `input.owner` names another; a retry with the key adds it once. */
  addFollowUp(personId: string, input: FollowUpInput, idempotencyKey: string): Promise<FollowUp>;
  /** Marks an open task done. */
  completeFollowUp(id: string): Promise<FollowUp>;
  /** The signed-in user's open tasks, by due date (so the overdue ones first). */
  myOpenFollowUps(): Promise<ReadonlyArray<FollowUp>>;
  /** The open shelters a stay list can be asked of, by name. */
  stayListShelters(): Promise<ReadonlyArray<{ readonly id: string; readonly name: string }>>;
  /** A shelter's stay list of an ISO week (`2026-W02`), as the CSV text to save. */
  stayListCsv(shelterId: string, week: string): Promise<string>;
}

/** The most open tasks the worklist shows: enough for a coordinator's week; the API pages beyond. */
export const maxWorklist = 200;

/** The SDK behind {@link FollowUpsApi}. */
export const followUpsApi = (client: Comensha): FollowUpsApi => ({
  listFollowUps: (personId) => client.persons.followUps(personId),
  addFollowUp: (personId, input, idempotencyKey) => client.persons.addFollowUp(personId, input, { idempotencyKey }),
  completeFollowUp: (id) => client.followUps.complete(id),
  myOpenFollowUps: async () => (await client.followUps.list({ owner: "me", state: "open", limit: maxWorklist })).data,
  stayListShelters: async () =>
    (await client.shelters.list()).data
      .filter((shelter) => shelter.status === "active")
      .map((shelter) => ({ id: shelter.id, name: shelter.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  stayListCsv: (shelterId, week) => client.shelters.stayList(shelterId, { week, format: "csv" }),
});
