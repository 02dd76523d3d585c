/** How many of an id's last characters make its short reference (see {@link referencePattern}). */
export const referenceLength = 8;

/**
 * How people refer to a registration on the phone or in a note: its short reference, the last 8 characters of its id
 * as the console shows it, or the whole id, in lower case (the domain's `Registration.RegistrationReference`).
 */
export const referencePattern = /^(?:[0-9a-f]{8}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Whether `value` is a registration's reference: its short reference or its whole id, in lower case. */
export const isReference = (value: string): boolean => referencePattern.test(value);

/** The short reference of an id: its last {@link referenceLength} characters. */
export const referenceOf = (id: string): string => id.slice(-referenceLength);

/** The longest reason for withdrawing a report, in characters. */
export const maxWithdrawalReasonLength = 1000;
