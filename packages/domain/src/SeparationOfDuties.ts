import { Schema } from "effect";
import { ActorKind } from "./AuditEvent.js";
import type { Role } from "./Role.js";

/**
 * Who asked for or approved a grant: a console user or an API key (its id), or the system (the command line on the
 * server). Never a name. Two principals are the same only when kind and id are both equal.
 */
export const ApprovalActor = Schema.Struct({ kind: ActorKind, id: Schema.String }).annotate({
  identifier: "ApprovalActor",
});
export type ApprovalActor = typeof ApprovalActor.Type;

/** The principal of an audit actor (its kind and id, never its organisation), as the two-person rule records it. */
export const approvalActorOf = (actor: { readonly kind: ActorKind; readonly id: string }): ApprovalActor => ({
  kind: actor.kind,
  id: actor.id,
});

/**
 * The two-person record of a grant (four eyes, *vier ogen*): who asked for it and, once approved, who approved it
 * and when. A grant that needed no approval (another role, or made on the command line) has none: `null`.
 */
export const Approval = Schema.Struct({
  requestedBy: ApprovalActor,
  approvedBy: Schema.NullOr(ApprovalActor),
  approvedAt: Schema.NullOr(Schema.String),
}).annotate({ identifier: "Approval" });
export type Approval = typeof Approval.Type;

/** What is granted: a console user or an API key, and the role it acts in. */
export interface Grant {
  readonly kind: "user" | "api_key";
  readonly role: Role;
}

/**
 * The roles whose grants need a second administrator's approval: the one place that says so. `coordinator` reads
 * all personal data. `admin` is here too: an administrator may make users and keys and approve them, so one who
 * could mint a second administrator alone (a user whose one-time password they hold, or a key) could approve their
 * own requests through it, and the rule would protect nothing.
 */
export const rolesNeedingApproval: ReadonlyArray<Role> = ["coordinator", "admin"];

/**
 * Whether a grant asked for by `requestedBy` waits for a second administrator before it works. The command line
 * (`system`) is the operator's tool on the server, outside the API's roles: what it makes works at once, which is
 * how the first administrators and coordinators are made.
 */
export const needsApproval = (grant: Grant, requestedBy: ApprovalActor): boolean =>
  requestedBy.kind !== "system" && rolesNeedingApproval.includes(grant.role);

/** Whether two principals are the same console user, the same API key, or both the system. */
export const isSamePrincipal = (a: ApprovalActor, b: ApprovalActor): boolean => a.kind === b.kind && a.id === b.id;

/** Whether `approver` may approve a grant asked for by `requestedBy`: only another principal may. */
export const mayApprove = (input: { readonly requestedBy: ApprovalActor; readonly approver: ApprovalActor }): boolean =>
  !isSamePrincipal(input.requestedBy, input.approver);

/** The grant does not wait for approval: it needed none, was approved already, or was disabled or revoked. */
export class NotAwaitingApproval extends Schema.TaggedError<NotAwaitingApproval>()("NotAwaitingApproval", {
  id: Schema.String,
}) {}

/** The administrator who asked for a grant cannot approve it: a second administrator must (four eyes). */
export class SecondApproverRequired extends Schema.TaggedError<SecondApproverRequired>()("SecondApproverRequired", {
  id: Schema.String,
}) {}

/**
 * Whether `approver` may approve a grant now: it must be waiting for approval, and the approver must be another
 * principal than the one who asked for it. Answers the failure, or undefined when the approval may go ahead.
 */
export const checkApproval = (
  grant: { readonly id: string; readonly awaitingApproval: boolean; readonly approval: Approval | null },
  approver: ApprovalActor,
): NotAwaitingApproval | SecondApproverRequired | undefined => {
  if (!grant.awaitingApproval || grant.approval === null || grant.approval.approvedAt !== null) {
    return new NotAwaitingApproval({ id: grant.id });
  }
  if (!mayApprove({ requestedBy: grant.approval.requestedBy, approver })) {
    return new SecondApproverRequired({ id: grant.id });
  }
  return undefined;
};
