import { Schema } from "effect";
import { absoluteLifetimeMillis, failureWindowMillis, idleTimeoutMillis, type LoginThrottle } from "./Session.js";

/**
 * What happens to a data category when its period has run out: its personal values are emptied while the row and
 * every statistical column stay (`erase_personal_data`), its rows are deleted (`delete_rows`), or it is kept.
 */
export const RetentionAction = Schema.Literals(["erase_personal_data", "delete_rows", "keep"]);
export type RetentionAction = typeof RetentionAction.Type;

/** Who applies a rule: the worker's daily retention job, the deployment (e.g. the log platform), or nobody yet. */
export const AppliedBy = Schema.Literals(["worker", "deployment", "not_applied"]);
export type AppliedBy = typeof AppliedBy.Type;

/** A length of time, in the unit the rule is stated in (years are calendar years). */
export const RetentionPeriod = Schema.Struct({
  amount: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  unit: Schema.Literals(["minutes", "hours", "days", "years"]),
});
export type RetentionPeriod = typeof RetentionPeriod.Type;

/** The retention categories: finer than the processing record's data categories where they are kept differently. */
export const RetentionCategory = Schema.Literals([
  "inactive_person_identifiers",
  "withdrawn_person_identifiers",
  "blind_indexes",
  "free_text",
  "attachments",
  "erasure_request_reasons",
  "closed_request_medical_needs",
  "shelter",
  "statistical_attributes",
  "report_files",
  "idempotent_answers",
  "sessions",
  "login_throttles",
  "staff_accounts",
  "audit_trail",
  "request_logs",
]);
export type RetentionCategory = typeof RetentionCategory.Type;

/**
 * One rule of the retention policy: which data it covers, how long it is kept and from when, what happens then, who
 * applies it, and why. `dataCategory` is the id of the processing record's data category it belongs to.
 */
export const RetentionRule = Schema.Struct({
  category: RetentionCategory,
  dataCategory: Schema.String,
  covers: Schema.String,
  /** Absent when the data is kept without a period the platform applies. */
  period: Schema.optionalKey(RetentionPeriod),
  /** What the period counts from. */
  from: Schema.String,
  action: RetentionAction,
  appliedBy: AppliedBy,
  reason: Schema.String,
});
export type RetentionRule = typeof RetentionRule.Type;

/**
 * Years a person's identifiers are kept after their last activity (a report, a correction, a placement request or a
 * placement). Five, because CoMensha's registrations feed the National Rapporteur's multi-year figures and trend
 * tables (five-year series), and a person reported again within that time must be recognised as the same person,
 * or they would be counted twice; after five quiet years a new report is rare enough that counting it as a new
 * person does not bias the series. The figures themselves never change: erasure keeps every statistical column.
 */
export const inactivePersonYears = 5;

/**
 * Years the identifiers of a person are kept when every report of them was withdrawn or rejected: shorter, since
 * such reports are not counted as possible victims; one year leaves time for a correction or a complaint.
 */
export const withdrawnPersonYears = 1;

/** The retention policy of the platform (DESIGN.md: one place, in the domain, applied by the worker). */
export const retentionPolicy: ReadonlyArray<RetentionRule> = [
  {
    category: "inactive_person_identifiers",
    dataCategory: "direct_identifiers",
    covers:
      "Names, aliases, dates of birth and document numbers on every version of every registration of a person " +
      "(and of the persons merged into them), with the withdrawal reasons stored with them",
    period: { amount: inactivePersonYears, unit: "years" },
    from: "the person's last activity: a report, a correction, a placement request or a placement",
    action: "erase_personal_data",
    appliedBy: "worker",
    reason:
      "The registrations feed the National Rapporteur's multi-year figures, and a person reported again within " +
      "five years must be recognised as the same person; the statistical columns stay, so no figure changes.",
  },
  {
    category: "withdrawn_person_identifiers",
    dataCategory: "direct_identifiers",
    covers: "The identifiers and withdrawal reasons of a person every report of whom was withdrawn or rejected",
    period: { amount: withdrawnPersonYears, unit: "years" },
    from: "the person's last activity",
    action: "erase_personal_data",
    appliedBy: "worker",
    reason: "Withdrawn and rejected reports are not counted as possible victims; a year leaves time for a correction.",
  },
  {
    category: "blind_indexes",
    dataCategory: "blind_indexes",
    covers: "The keyed hashes a person's identifiers are matched by",
    from: "the erasure of the identifiers they were made from",
    period: { amount: 0, unit: "days" },
    action: "delete_rows",
    appliedBy: "worker",
    reason: "Without the identifiers nothing may link a new report to the erased person.",
  },
  {
    category: "free_text",
    dataCategory: "free_text",
    covers: "Reasons of duplicate decisions and COSM overrides about the person, and medical needs of their requests",
    period: { amount: 0, unit: "days" },
    from: "the erasure of the person's identifiers",
    action: "erase_personal_data",
    appliedBy: "worker",
    reason: "Free text can name the person; it is emptied with their identifiers.",
  },
  {
    category: "attachments",
    dataCategory: "attachments",
    covers: "The files in the person's case and their names",
    period: { amount: 0, unit: "days" },
    from: "the erasure of the person's identifiers",
    action: "erase_personal_data",
    appliedBy: "worker",
    reason:
      "A file can name and show the person; it is deleted with their identifiers. Who uploaded what kind of " +
      "file when stays, for accountability.",
  },
  {
    category: "erasure_request_reasons",
    dataCategory: "free_text",
    covers: "The reason of an erasure request and of its rejection",
    period: { amount: 7, unit: "years" },
    from: "the decision on the request",
    action: "erase_personal_data",
    appliedBy: "worker",
    reason: "Accountability for an erasure lasts as long as the audit trail that records it.",
  },
  {
    category: "closed_request_medical_needs",
    dataCategory: "health",
    covers: "Medical needs of a placement request that ended or was cancelled",
    period: { amount: 1, unit: "years" },
    from: "the last change of the request",
    action: "erase_personal_data",
    appliedBy: "worker",
    reason: "Health data is needed only while shelter is sought or given; a year covers follow-up questions.",
  },
  {
    category: "shelter",
    dataCategory: "shelter",
    covers: "Needs without medical needs, offers and placements",
    from: "-",
    action: "keep",
    appliedBy: "not_applied",
    reason:
      "They hold no identifiers and are tied to a person only through the registration's id; the placement " +
      "reports of past periods count them.",
  },
  {
    category: "statistical_attributes",
    dataCategory: "statistical_attributes",
    covers: "Sex, birth year, nationalities, forms and place of exploitation, dates, organisation and status",
    from: "-",
    action: "keep",
    appliedBy: "not_applied",
    reason: "Published figures of past years must stay exactly the same, and new releases are checked against them.",
  },
  {
    category: "report_files",
    dataCategory: "report",
    covers: "The rendered files of reports",
    from: "-",
    action: "keep",
    appliedBy: "not_applied",
    reason:
      "They hold only anonymised tables that passed disclosure control; every published figure stays registered " +
      "so later releases can be checked against it.",
  },
  {
    category: "idempotent_answers",
    dataCategory: "idempotent_answers",
    covers: "Stored first answers of calls with an Idempotency-Key",
    period: { amount: 24, unit: "hours" },
    from: "the first call",
    action: "delete_rows",
    appliedBy: "worker",
    reason: "Retries come within minutes; an answer repeats the personal data it was sent.",
  },
  {
    category: "sessions",
    dataCategory: "staff_accounts",
    covers: "Console sessions (token hashes)",
    period: { amount: idleTimeoutMillis / 60_000, unit: "minutes" },
    from: `the last request, or ${absoluteLifetimeMillis / 3_600_000} hours after login at the latest`,
    action: "delete_rows",
    appliedBy: "worker",
    reason: "An ended session is of no use and only tells when someone worked.",
  },
  {
    category: "login_throttles",
    dataCategory: "staff_accounts",
    covers: "Failed logins per keyed hash of an e-mail address",
    period: { amount: failureWindowMillis / 60_000, unit: "minutes" },
    from: "the last failure, once no lock-out holds",
    action: "delete_rows",
    appliedBy: "worker",
    reason: "Failures older than the window no longer count towards a lock-out.",
  },
  {
    category: "staff_accounts",
    dataCategory: "staff_accounts",
    covers: "Accounts of CoMensha staff",
    period: { amount: 1, unit: "years" },
    from: "the account being disabled",
    action: "delete_rows",
    appliedBy: "not_applied",
    reason: "The audit trail names accounts by id; the account tells who that was while the trail is needed.",
  },
  {
    category: "audit_trail",
    dataCategory: "audit_trail",
    covers: "Who did what to which record, when, with what outcome (never the data itself)",
    period: { amount: 7, unit: "years" },
    from: "the event",
    action: "keep",
    appliedBy: "not_applied",
    reason:
      "Accountability (art. 5(2)): it holds ids, not personal data, and it is append-only for the application, so " +
      "an erasure is itself audited and stays traceable.",
  },
  {
    category: "request_logs",
    dataCategory: "request_logs",
    covers: "Request logs (no personal data)",
    period: { amount: 90, unit: "days" },
    from: "the request",
    action: "delete_rows",
    appliedBy: "deployment",
    reason: "Operations and security incidents; set in the log platform of the deployment.",
  },
];

/** The rule of a category. */
export const ruleOf = (category: RetentionCategory): RetentionRule => {
  const rule = retentionPolicy.find((candidate) => candidate.category === category);
  if (rule === undefined) throw new Error(`no retention rule for ${category}`);
  return rule;
};

const unitMillis = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/**
 * The instant `period` before `now` (milliseconds since the epoch), as an ISO timestamp: data whose period started
 * before it is due. Years are calendar years (29 February goes back to 28 February or 1 March as the calendar does).
 */
export const cutoffBefore = (period: RetentionPeriod, now: number): string => {
  if (period.unit === "years") {
    const date = new Date(now);
    date.setUTCFullYear(date.getUTCFullYear() - period.amount);
    return date.toISOString();
  }
  return new Date(now - period.amount * unitMillis[period.unit]).toISOString();
};

/** Whether data whose period started at `since` (ISO timestamp) is due under `category` at `now`. */
export const isDue = (category: RetentionCategory, since: string, now: number): boolean => {
  const rule = ruleOf(category);
  return (
    rule.period !== undefined &&
    rule.appliedBy === "worker" &&
    Date.parse(since) < Date.parse(cutoffBefore(rule.period, now))
  );
};

/** What the retention job needs to know about a person (and the persons merged into them) to decide. */
export interface PersonActivity {
  /** The last report, correction, placement request or placement of the person (ISO timestamp). */
  readonly lastActivityAt: string;
  /** Whether every registration of the person is withdrawn or rejected. */
  readonly everyReportClosed: boolean;
}

/** Under which rule a person's identifiers are due for erasure at `now`, if any. */
export const personRetentionDue = (
  person: PersonActivity,
  now: number,
): "inactive_person_identifiers" | "withdrawn_person_identifiers" | undefined => {
  if (isDue("inactive_person_identifiers", person.lastActivityAt, now)) return "inactive_person_identifiers";
  if (person.everyReportClosed && isDue("withdrawn_person_identifiers", person.lastActivityAt, now)) {
    return "withdrawn_person_identifiers";
  }
  return undefined;
};

/** Whether a login throttle can go at `now`: no lock-out holds and no failure still counts. */
export const isThrottleExpired = (throttle: LoginThrottle, now: number): boolean =>
  (throttle.lockedUntil === null || throttle.lockedUntil <= now) &&
  throttle.failures.every((at) => now - at >= failureWindowMillis);

/**
 * The cut-offs the retention job applies at `now`, one per rule it applies with a period: each an ISO timestamp,
 * data from before which is due. The repository only compares with them, so the policy stays in one place.
 */
export interface RetentionCutoffs {
  readonly inactivePersonsBefore: string;
  readonly withdrawnPersonsBefore: string;
  readonly erasureReasonsBefore: string;
  readonly closedRequestsBefore: string;
  readonly sessionsIdleBefore: string;
  readonly throttleFailuresBefore: string;
  readonly now: string;
}

const cutoffOf = (category: RetentionCategory, now: number) => {
  const period = ruleOf(category).period;
  if (period === undefined) throw new Error(`${category} has no period`);
  return cutoffBefore(period, now);
};

/** The cut-offs of the policy at `now` (milliseconds since the epoch). */
export const retentionCutoffs = (now: number): RetentionCutoffs => ({
  inactivePersonsBefore: cutoffOf("inactive_person_identifiers", now),
  withdrawnPersonsBefore: cutoffOf("withdrawn_person_identifiers", now),
  erasureReasonsBefore: cutoffOf("erasure_request_reasons", now),
  closedRequestsBefore: cutoffOf("closed_request_medical_needs", now),
  sessionsIdleBefore: cutoffOf("sessions", now),
  throttleFailuresBefore: cutoffOf("login_throttles", now),
  now: new Date(now).toISOString(),
});

const unitName = (period: RetentionPeriod) => (period.amount === 1 ? period.unit.slice(0, -1) : period.unit);

/** A rule in words, as the processing record and the privacy documentation state it. */
export const describeRule = (rule: RetentionRule): string => {
  const what =
    rule.action === "keep"
      ? rule.period === undefined
        ? "kept"
        : `kept ${rule.period.amount} ${unitName(rule.period)}`
      : rule.period === undefined || rule.period.amount === 0
        ? `${rule.action === "delete_rows" ? "deleted" : "erased"} with ${rule.from.replace(/^the /, "the ")}`
        : `${rule.action === "delete_rows" ? "deleted" : "erased"} ${rule.period.amount} ${unitName(rule.period)} after ${rule.from}`;
  const by = rule.appliedBy === "worker" ? "" : rule.appliedBy === "deployment" ? " (by the deployment)" : "";
  return `${rule.covers}: ${what}${by}`;
};
