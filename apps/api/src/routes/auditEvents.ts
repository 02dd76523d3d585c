import { AuditEvent, Ports } from "@comensha/domain";
import { Effect, Exit, Schema } from "effect";
import { Hono } from "hono";
import { requireRole } from "../auth.js";
import type { AppEnv } from "../env.js";
import type { Operation } from "../openapi.js";
import { invalidCursor } from "../problem.js";
import { pageRequestOf } from "../request.js";
import type { AppRuntime } from "../runtime.js";
import { throwDefect } from "./runEffect.js";

/** One audit event on the wire: who did what to which resource, when, with what outcome; never the data. */
export const AuditEventResponse = Schema.Struct({ ...AuditEvent.AuditEvent.fields }).annotate({
  identifier: "AuditEvent",
});

/** A page of audit events, newest first: `GET /v1/audit-events` and a registration's audit trail. */
export const AuditEventPage = Schema.Struct({
  data: Schema.Array(AuditEventResponse),
  nextCursor: Schema.NullOr(Schema.String),
}).annotate({ identifier: "AuditEventPage" });

/** Encodes a page of audit events for the wire. */
export const encodeAuditEventPage = Schema.encodeSync(AuditEventPage);

/** OpenAPI description of the audit log route. */
export const auditEventOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/v1/audit-events",
    operationId: "listAuditEvents",
    summary: "The audit log, newest first (auditors)",
    tags: ["audit"],
    security: true,
    query: [
      { name: "limit", schema: { type: "integer", minimum: 1, maximum: 500 } },
      { name: "cursor", schema: { type: "string" } },
    ],
    responses: {
      200: { description: "A page of audit events.", schema: AuditEventPage },
      400: { description: "A bad parameter.", problem: true },
      403: { description: "Only auditors read the audit log.", problem: true },
    },
  },
];

/** `/v1/audit-events`: the audit log, for auditors. */
export const auditEventRoutes = (runtime: AppRuntime) =>
  new Hono<AppEnv>().get("/", async (c) => {
    requireRole(c, "auditor");
    const pageRequest = pageRequestOf(c, { defaultLimit: 100, maxLimit: 500 });
    const exit = await runtime.runPromiseExit(Effect.flatMap(Ports.AuditLog, (log) => log.list(pageRequest)));
    throwDefect(exit);
    if (Exit.isFailure(exit)) throw invalidCursor();
    return c.json(encodeAuditEventPage(exit.value));
  });
