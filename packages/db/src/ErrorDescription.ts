/**
 * What a log line may say about an error: the class (or `_tag`) of each error along its `cause` chain, outermost
 * first (`UnknownError > DrizzleQueryError > PostgresError`), the SQLSTATE of a database error, the code of a
 * driver or socket error (`CONNECTION_CLOSED`, `ECONNRESET`), and the names of the constraint, table and column a
 * database error concerns. Those are names from our schema and code, never data.
 */
export type ErrorDescription = {
  readonly error: string;
  readonly sqlState?: string;
  readonly code?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
};

const maxDepth = 8;
const className = /^[A-Za-z_$][\w$]{0,63}$/;
const identifier = /^[a-z_][a-z0-9_$]{0,62}$/;
const sqlStatePattern = /^[0-9A-Z]{5}$/;
const codePattern = /^[A-Z][A-Z0-9_]{1,39}$/;

/**
 * `error` and the errors of its `cause` chain, outermost first (drizzle and Effect wrap the driver's error); it
 * stops at the end of the chain, at a cycle, or after `maxDepth` links.
 */
export function* causeChain(error: unknown, maxDepth: number): Generator<unknown> {
  const seen = new Set<unknown>();
  let current = error;
  for (let depth = 0; depth < maxDepth && !seen.has(current); depth++) {
    seen.add(current);
    yield current;
    if (typeof current !== "object" || current === null) return;
    const cause = (current as { cause?: unknown }).cause;
    if (cause === undefined) return;
    current = cause;
  }
}

const nameOf = (value: unknown): string => {
  if (typeof value !== "object" || value === null) return typeof value;
  const { _tag, name } = value as { _tag?: unknown; name?: unknown };
  const constructorName = (value as { constructor?: { name?: unknown } }).constructor?.name;
  const candidates = [_tag, name === "Error" ? undefined : name, constructorName, name];
  const found = candidates.find((candidate) => typeof candidate === "string" && className.test(candidate));
  return typeof found === "string" ? found : "Unknown";
};

const firstIdentifier = (...values: ReadonlyArray<unknown>): string | undefined => {
  const found = values.find((value) => typeof value === "string" && identifier.test(value));
  return typeof found === "string" ? found : undefined;
};

/**
 * Describes `error` for a log line without anything it carries: never its `message` or `stack` (drizzle's
 * `DrizzleQueryError` says `Failed query: <sql>\nparams: <values>` there, with names, e-mail addresses and password
 * hashes), nor a database error's `detail` (`Key (email)=(...) already exists`), `query` or `parameters`. It walks
 * `cause` (drizzle and Effect wrap the driver's error) and reads only class names, codes and schema names, each
 * checked against a strict pattern, so a value cannot slip through in one of them.
 */
export const describeError = (error: unknown): ErrorDescription => {
  const names: Array<string> = [];
  let sqlState: string | undefined;
  let code: string | undefined;
  let constraint: string | undefined;
  let table: string | undefined;
  let column: string | undefined;
  for (const current of causeChain(error, maxDepth)) {
    names.push(nameOf(current));
    if (typeof current !== "object" || current === null) break;
    const fields = current as Record<string, unknown>;
    const ownCode = fields.code;
    if (typeof ownCode === "string") {
      if (fields.severity !== undefined && sqlStatePattern.test(ownCode)) sqlState ??= ownCode;
      else if (codePattern.test(ownCode)) code ??= ownCode;
    }
    constraint ??= firstIdentifier(fields.constraint_name, fields.constraint);
    table ??= firstIdentifier(fields.table_name, fields.table);
    column ??= firstIdentifier(fields.column_name, fields.column);
  }
  return {
    error: names.join(" > "),
    ...(sqlState === undefined ? {} : { sqlState }),
    ...(code === undefined ? {} : { code }),
    ...(constraint === undefined ? {} : { constraint }),
    ...(table === undefined ? {} : { table }),
    ...(column === undefined ? {} : { column }),
  };
};
