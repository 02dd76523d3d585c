import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * Commonly used and breached passwords, lower-cased, for the domain's password rule (`Session.passwordViolations`):
 * the `passwords-common` list of zxcvbn-ts (about 49,000, ranked from leaked password corpora), shipped inside the
 * package so the check needs no network. Kept out of the domain package so the console never bundles it.
 */
export const commonPasswords: ReadonlySet<string> = new Set(
  dictionary["passwords-common"].map((password) => password.toLowerCase()),
);
