import { Schema } from "effect";

/**
 * What a caller may do (DESIGN.md section 5): a partner sees its own organisation's reports only; coordinators
 * work with all registrations, persons and placements; policy staff see aggregates only, never personal data;
 * admins manage organisations, users and keys; auditors read the audit log; care organisations (a care coordinator,
 * legal aid, IOM, a municipality) see the referrals made to them and nothing else.
 */
export const Role = Schema.Literals(["partner", "coordinator", "policy", "admin", "auditor", "care"]);
export type Role = typeof Role.Type;

/** Roles that may read personal data of any organisation. */
export const canReadAllPersonalData = (role: Role): boolean => role === "coordinator";
