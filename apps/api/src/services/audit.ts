import type { AuditEvent } from "@comensha/domain";
import { Ports } from "@comensha/domain";
import { Effect } from "effect";
import type { Principal } from "../auth.js";

/** Who acts and under which request: the audit trail's "who" and "which request". */
export interface Caller {
  readonly principal: Principal;
  readonly requestId: string;
}

/** The audit trail's "who" of an API key or a console user. */
export const actorOfPrincipal = (principal: Principal): AuditEvent.Actor => ({
  kind: principal.kind,
  id: principal.id,
  organisationId: principal.organisationId,
});

const actorOf = (caller: Caller): AuditEvent.Actor => actorOfPrincipal(caller.principal);

/** Appends the audit event of one call. */
export const audit = (
  caller: Caller,
  action: string,
  outcome: AuditEvent.AuditOutcome,
  resource: { readonly type: string; readonly id?: string },
) =>
  Effect.flatMap(Ports.AuditLog, (log) =>
    log.append({
      actor: actorOf(caller),
      action,
      resourceType: resource.type,
      ...(resource.id === undefined ? {} : { resourceId: resource.id }),
      outcome,
      requestId: caller.requestId,
    }),
  );
