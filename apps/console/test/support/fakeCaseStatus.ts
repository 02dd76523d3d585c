import type { CaseStatusApi, CaseStatusView } from "../../src/api/caseStatus.js";

/**
 * A fake {@link CaseStatusApi} that keeps each person's status in memory: every person starts active, and a change
 * is kept with its reason, as the API would (without its rules: a test of a refusal overrides `changeCaseStatus`).
 */
export const fakeCaseStatusApi = (): CaseStatusApi => {
  const views = new Map<string, CaseStatusView>();
  const viewOf = (personId: string): CaseStatusView =>
    views.get(personId) ?? { personId, status: "active", history: [] };
  return {
    getCaseStatus: async (personId) => viewOf(personId),
    changeCaseStatus: async (personId, input) => {
      const before = viewOf(personId);
      const view: CaseStatusView = {
        personId,
        status: input.status,
        history: [
          ...before.history,
          {
            id: `0193d000-0000-7000-8000-${String(before.history.length + 1).padStart(12, "0")}`,
            personId,
            from: before.status,
            to: input.status,
            reason: input.reason,
            changedBy: { kind: "user", id: "0193a000-0000-7000-8000-000000000001" },
            changedAt: "2026-12-07T10:00:00.000Z",
          },
        ],
      };
      views.set(personId, view);
      return view;
    },
  };
};
