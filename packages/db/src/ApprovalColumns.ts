import { toIsoTimestamp } from "./Database.js";

/** The approval columns of a user or key row as the domain's `Approval`: null when no approval was asked. */
export const approvalOf = (row: {
  readonly requestedByKind: string | null;
  readonly requestedById: string | null;
  readonly approvedByKind: string | null;
  readonly approvedById: string | null;
  readonly approvedAt: string | null;
}) =>
  row.requestedByKind === null || row.requestedById === null
    ? null
    : {
        requestedBy: { kind: row.requestedByKind, id: row.requestedById },
        approvedBy:
          row.approvedByKind === null || row.approvedById === null
            ? null
            : { kind: row.approvedByKind, id: row.approvedById },
        approvedAt: row.approvedAt === null ? null : toIsoTimestamp(row.approvedAt),
      };
