import { AuditEvent, CodeList, type Page, Ports } from "@comensha/domain";
import { renderRowsCsv } from "@comensha/reports";
import { Effect, Exit, Schema } from "effect";
import { type Context, Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import { invalidCursor, ProblemError, ProblemType } from "../problem.js";
import { pageRequestOf } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { audit } from "../services/audit.js";
import { fieldsOf } from "../validation.js";
import { audited, callerOf } from "./audited.js";
import { throwDefect } from "./runEffect.js";

/**
 * One audit event on the wire: who did what to which resource, when, with what outcome, and whether it changed or
 * only read; never the data. Who acted is named in words where the log can tell: to auditors a user by name, and to
 * everyone an API key by its organisation.
 */
export const AuditEventResponse = Schema.Struct({
  ...AuditEvent.AuditEvent.fields,
  kind: AuditEvent.AuditKind.annotate({
    description: "`read` when the action only showed data (a list, a record, an export, a replay), else `change`.",
  }),
  actorName: Schema.optionalKey(
    Schema.String.annotate({
      description:
        "Who acted, in words: a user's name (in the audit log, for auditors only) or an API key's organisation.",
    }),
  ),
  organisationName: Schema.optionalKey(Schema.String.annotate({ description: "The actor's organisation." })),
}).annotate({ identifier: "AuditEvent" });

/** A page of audit events, newest first: `GET /v1/audit-events` and a registration's audit trail. */
export const AuditEventPage = Schema.Struct({
  data: Schema.Array(AuditEventResponse),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({ identifier: "AuditEventPage" });

/** Encodes a page of audit events for the wire. */
export const encodeAuditEventPage = Schema.encodeSync(AuditEventPage);

/** The most events one CSV export holds; a larger selection is refused, to be narrowed (e.g. to a shorter period). */
export const maxExportedEvents = 50_000;

/** The filters of the audit log, as query parameters (OpenAPI), in the order the console's form lists them. */
const filterParameters: NonNullable<Operation["query"]> = [
  {
    name: "actorName",
    description:
      "Who acted, by (part of) a name, ignoring case: a user's name, an API key's organisation, or a system actor " +
      "(`retention`, `offer-expiry`, `cli`).",
    schema: { type: "string", minLength: 1, maxLength: 100 },
  },
  {
    name: "actorId",
    description: "Who acted, by id: a user's or API key's id, or a system actor's name.",
    schema: { type: "string", minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9_-]+$" },
  },
  {
    name: "actorKind",
    description: "What kind of actor acted.",
    schema: { type: "string", enum: [...AuditEvent.ActorKind.literals] },
  },
  {
    name: "organisationId",
    description: "The actor's organisation.",
    schema: { type: "string", format: "uuid" },
  },
  {
    name: "resourceType",
    description: "The kind of record acted on, e.g. `registration`, `person`, `user`.",
    schema: { type: "string", minLength: 1, maxLength: 100, pattern: "^[a-z_]+$" },
  },
  {
    name: "resourceId",
    description: "The record acted on, by its id (e.g. a registration's id).",
    schema: { type: "string", minLength: 1, maxLength: 100 },
  },
  {
    name: "action",
    description: "One action, e.g. `registration.update` (a replay is `<action>.replay`).",
    schema: { type: "string", minLength: 1, maxLength: 100, pattern: "^[a-z_]+\\.[a-z_.]+$" },
  },
  {
    name: "kind",
    description: "`change` or `read` (see the event's `kind`).",
    schema: { type: "string", enum: [...AuditEvent.AuditKind.literals] },
  },
  {
    name: "outcome",
    description: "`success`, `denied` (403 or 404) or `failure`.",
    schema: { type: "string", enum: [...AuditEvent.AuditOutcome.literals] },
  },
  {
    name: "from",
    description:
      "The first day (`YYYY-MM-DD`, from its start in UTC) or instant (`2026-11-20T08:30:00Z`, with a zone) of the " +
      "period, inclusive.",
    schema: { type: "string", minLength: 10, maxLength: 40 },
  },
  {
    name: "to",
    description: "The last day (the whole day, UTC) or instant of the period, inclusive; not before `from`.",
    schema: { type: "string", minLength: 10, maxLength: 40 },
  },
];

/** The query of the audit log's filters: every parameter optional, each checked by the domain's schemas. */
const FilterQuery = Schema.Struct({
  ...AuditEvent.AuditFilter.mapFields(({ occurredFrom: _from, occurredBefore: _before, ...fields }) => fields).fields,
  from: Schema.optionalKey(AuditEvent.PeriodBound),
  to: Schema.optionalKey(AuditEvent.PeriodBound),
});

const filterNames = Object.keys(FilterQuery.fields) as ReadonlyArray<keyof typeof FilterQuery.fields>;

const badFilter = (errors: ReadonlyArray<{ readonly path: string; readonly message: string }>) =>
  new ProblemError(400, ProblemType.badRequest, "A filter of the audit log is not valid", { errors });

/**
 * The filter of an audit log request from its query parameters (see {@link filterParameters}): `400 bad-request`
 * naming every parameter that is wrong, or a period whose `to` is before its `from`.
 */
export const auditFilterOf = (c: Context<AppEnv>): AuditEvent.AuditFilter => {
  const raw: Record<string, string> = {};
  for (const name of filterNames) {
    const value = c.req.query(name);
    if (value !== undefined) raw[name] = value;
  }
  const decoded = Schema.decodeUnknownExit(FilterQuery, { errors: "all" })(raw);
  if (Exit.isFailure(decoded)) {
    const error = decoded.cause.reasons.find((reason) => reason._tag === "Fail")?.error;
    throw badFilter(Schema.isSchemaError(error) ? fieldsOf(error.issue) : []);
  }
  const { from, to, ...filter } = decoded.value;
  const period = AuditEvent.periodOf(from, to);
  if (period === undefined) throw badFilter([{ path: "/to", message: "The period ends before it starts" }]);
  return { ...filter, ...period };
};

/** A page of the audit log with users' names left out: for callers other than auditors (a record's trail). */
export const withoutUserNames = (page: Page.Page<AuditEvent.AuditEntry>): Page.Page<AuditEvent.AuditEntry> => ({
  ...page,
  data: page.data.map(({ actorName, ...event }) =>
    event.actor.kind === "api_key" && actorName !== undefined ? { ...event, actorName } : event,
  ),
});

/** The header of the CSV export: stable English codes, whatever the language of its labels. */
export const auditCsvHeader = [
  "occurred_at",
  "kind",
  "action",
  "action_label",
  "outcome",
  "actor_kind",
  "actor_id",
  "actor_name",
  "organisation_id",
  "organisation_name",
  "resource_type",
  "resource_type_label",
  "resource_id",
  "request_id",
] as const;

const csvRowOf = (event: AuditEvent.AuditEntry, lang: CodeList.Language) => [
  event.occurredAt,
  event.kind,
  event.action,
  AuditEvent.actionLabel(event.action, lang),
  event.outcome,
  event.actor.kind,
  event.actor.id,
  event.actorName,
  event.actor.organisationId,
  event.organisationName,
  event.resourceType,
  AuditEvent.resourceTypeLabel(event.resourceType, lang),
  event.resourceId,
  event.requestId,
];

/** Every event of a selection, newest first, read page by page; undefined when there are more than `max`. */
const selectAll = (filter: AuditEvent.AuditFilter, max: number) =>
  Effect.gen(function* () {
    const log = yield* Ports.AuditLog;
    const events: Array<AuditEvent.AuditEntry> = [];
    let cursor: string | undefined;
    do {
      const page = yield* log.search(filter, cursor === undefined ? { limit: 1000 } : { limit: 1000, cursor });
      events.push(...page.data);
      if (events.length > max) return undefined;
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return events;
  });

/** OpenAPI description of the audit log route. */
export const auditEventOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/audit-events",
    operationId: "listAuditEvents",
    summary: "The audit log, newest first (auditors)",
    description:
      "For auditors: every audit event, newest first: who (an API key, a user or the system) did what to which " +
      "resource, when, and with what outcome, never the personal data itself; users by name, API keys by their " +
      "organisation. Every filter narrows the selection, all together, on the server; `limit` 1-500, and the " +
      "cursor pages on within the same filters.",
    tags: ["audit"],
    security: true,
    query: [
      ...filterParameters,
      { name: "limit", schema: { type: "integer", minimum: 1, maximum: 500 } },
      { name: "cursor", schema: { type: "string" } },
    ],
    responses: {
      200: { description: "A page of audit events.", schema: AuditEventPage },
      400: { description: "A bad parameter.", problem: true },
      401: { description: "No valid API key or console session.", problem: true },
      403: { description: "Only auditors read the audit log.", problem: true },
    },
  },
  {
    method: "get",
    path: "/v1/audit-events/export",
    operationId: "exportAuditEvents",
    summary: "Export a selection of the audit log as CSV (auditors)",
    description:
      "For auditors and the data protection officer: the events that match the same filters as the audit log, " +
      "newest first, as a CSV attachment (UTF-8 with a byte order mark, CRLF, RFC 4180 quoting; text a spreadsheet " +
      `would run as a formula starts with an apostrophe). At most ${maxExportedEvents} events: a larger selection is ` +
      "400, to be narrowed. Columns: stable codes, with the action and resource type also in words in `lang`. The " +
      "export itself is audited as `audit_event.export`, without its filters.",
    tags: ["audit"],
    security: true,
    query: [
      ...filterParameters,
      {
        name: "lang",
        description: "The language of the labels: `nl` (default) or `en`.",
        schema: { type: "string", enum: [...CodeList.Language.literals] },
      },
    ],
    responses: {
      200: { description: "The selection as `text/csv`, an attachment." },
      400: { description: "A bad parameter, or more events than one export holds.", problem: true },
      401: { description: "No valid API key or console session.", problem: true },
      403: { description: "Only auditors export the audit log.", problem: true },
    },
  },
];

/** `/v1/audit-events`: the audit log, for auditors, filtered on the server; and a selection of it as CSV. */
export const auditEventRoutes = (runtime: AppRuntime) =>
  new Hono<AppEnv>()
    .get("/", async (c) => {
      requireRole(c, "auditor");
      const filter = auditFilterOf(c);
      const pageRequest = pageRequestOf(c, { defaultLimit: 100, maxLimit: 500 });
      const exit = await runtime.runPromiseExit(
        Effect.flatMap(Ports.AuditLog, (log) => log.search(filter, pageRequest)),
      );
      throwDefect(exit);
      if (Exit.isFailure(exit)) throw invalidCursor();
      return c.json(encodeAuditEventPage(exit.value));
    })
    .get(
      "/export",
      audited(runtime, "audit_event", "audit_event.export", async (c) => {
        requireRole(c, "auditor");
        const filter = auditFilterOf(c);
        const lang = c.req.query("lang") ?? "nl";
        if (lang !== "nl" && lang !== "en") {
          throw new ProblemError(400, ProblemType.badRequest, "lang must be nl or en", {
            errors: [{ path: "/lang", message: "Expected nl or en" }],
          });
        }
        const exit = await runtime.runPromiseExit(
          Effect.gen(function* () {
            const events = yield* selectAll(filter, maxExportedEvents);
            if (events !== undefined)
              yield* audit(callerOf(c), "audit_event.export", "success", { type: "audit_event" });
            return events;
          }),
        );
        throwDefect(exit);
        if (Exit.isFailure(exit)) throw invalidCursor();
        const events = exit.value;
        if (events === undefined) {
          throw new ProblemError(400, ProblemType.badRequest, "The selection is too large to export", {
            detail: `More than ${maxExportedEvents} events match: narrow the period or add a filter.`,
          });
        }
        const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
        return c.body(renderRowsCsv([auditCsvHeader, ...events.map((event) => csvRowOf(event, lang))]), 200, {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="audit-events-${stamp}Z.csv"`,
          "Cache-Control": "no-store",
        });
      }),
    );
