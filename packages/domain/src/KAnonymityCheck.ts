import type { RecordSet } from "./Report.js";

/**
 * Checks that a record set is k-anonymous over the named quasi-identifiers, returning every violation as a sentence
 * (none when it holds). Kept apart from the generaliser that makes the set, so that a fault in one is caught by the
 * other before anything is published.
 *
 * The set holds when every record whose quasi-identifiers are not all blank (the empty string) shares their values
 * with at least `k - 1` other records; a record with all of them blank describes nobody in particular. It is also a
 * violation when `k` is not a whole number of at least 1, when a quasi-identifier is not a field of the set (or is
 * named twice), or when a record does not have one value per field.
 */
export const checkKAnonymity = (
  set: RecordSet,
  k: number,
  quasiIdentifiers: ReadonlyArray<string>,
): ReadonlyArray<string> => {
  const violations: Array<string> = [];
  if (!Number.isInteger(k) || k < 1) violations.push(`k must be a whole number of at least 1, not ${k}`);
  const names = set.fields.map((field) => field.name);
  const positions: Array<number> = [];
  for (const [index, name] of quasiIdentifiers.entries()) {
    if (quasiIdentifiers.indexOf(name) !== index) violations.push(`quasi-identifier "${name}" is named twice`);
    else if (!names.includes(name)) violations.push(`quasi-identifier "${name}" is not a field of the record set`);
    else positions.push(names.indexOf(name));
  }
  if (quasiIdentifiers.length === 0) violations.push("no quasi-identifiers are named");

  const combinations = new Map<string, { readonly values: ReadonlyArray<string>; count: number }>();
  for (const [index, record] of set.records.entries()) {
    if (record.length !== names.length) {
      violations.push(`record ${index} has ${record.length} values for ${names.length} fields`);
      continue;
    }
    const values = positions.map((position) => record[position] ?? "");
    if (values.every((value) => value === "")) continue;
    const key = JSON.stringify(values);
    const combination = combinations.get(key);
    if (combination === undefined) combinations.set(key, { values, count: 1 });
    else combination.count += 1;
  }

  const rare = [...combinations.entries()]
    .filter(([, combination]) => combination.count < k)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, { values, count }] of rare) {
    const described = values.map((value, i) => `${names[positions[i] ?? 0]}=${JSON.stringify(value)}`).join(", ");
    violations.push(`the combination ${described} occurs ${count} time${count === 1 ? "" : "s"}, fewer than k = ${k}`);
  }
  return violations;
};
