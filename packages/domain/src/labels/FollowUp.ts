import * as CodeList from "./CodeList.js";

/**
 * What a follow-up task is for: the end of a reflection period, the decision on a B8/3 residence permit (the permit
 * for victims of trafficking, chapter B8/3 of the Aliens Circular), the 3-month norm of a COSM stay, the weekly review
 * of a shelter's stays, or anything else a coordinator wants to come back to.
 */
export const kindCodeList = CodeList.make("follow_up_kind", {
  reflection_period_end: { nl: "Einde bedenktijd", en: "End of the reflection period" },
  residence_decision_b8_3: { nl: "Besluit verblijfsvergunning B8/3", en: "B8/3 residence permit decision" },
  cosm_three_month_norm: { nl: "COSM-norm van 3 maanden", en: "COSM 3-month norm" },
  weekly_stay_review: { nl: "Wekelijkse verblijfslijst", en: "Weekly stay review" },
  custom: { nl: "Eigen taak", en: "Custom task" },
});

/** A code of the kinds; the domain's `FollowUpKind` schema decodes exactly these. */
export type FollowUpKind = CodeList.CodeOf<typeof kindCodeList>;

/** Where a task stands: open until someone marks it done or cancels it; a closed task stays closed. */
export const stateCodeList = CodeList.make("follow_up_state", {
  open: { nl: "Open", en: "Open" },
  done: { nl: "Afgerond", en: "Done" },
  cancelled: { nl: "Geannuleerd", en: "Cancelled" },
});

/** A code of the states; the domain's `FollowUpState` schema decodes exactly these. */
export type FollowUpState = CodeList.CodeOf<typeof stateCodeList>;

/**
 * Whether a task is overdue on `today` (an ISO date): it is still open and its due date lies before today. A task due
 * today is not overdue yet; a closed one never is.
 */
export const isOverdue = (task: { readonly state: string; readonly dueOn: string }, today: string): boolean =>
  task.state === "open" && task.dueOn < today;
