/**
 * A small JSON Schema (draft 2020-12) validator for the tests, for the keywords `Schema.toJsonSchemaDocument` emits
 * for a published report. There is no validator among the dependencies; this one throws on any keyword it does not
 * know, so that it never passes a document by ignoring a rule. `format` is an annotation in draft 2020-12 and is
 * not asserted.
 */
type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json };
type Schema = boolean | { readonly [key: string]: unknown };

const annotations = new Set(["$schema", "$id", "title", "description", "format", "$defs", "examples", "default"]);
const known = new Set([
  ...annotations,
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "prefixItems",
  "minItems",
  "maxItems",
  "enum",
  "const",
  "anyOf",
  "oneOf",
  "allOf",
  "minimum",
  "maximum",
  "pattern",
  "minLength",
  "$ref",
]);

const isObject = (value: unknown): value is { readonly [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const typeOf = (value: Json): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? "number" : typeof value;

const matchesType = (value: Json, type: string): boolean =>
  type === "integer" ? Number.isInteger(value) : type === "number" ? typeof value === "number" : typeOf(value) === type;

/** The errors of `value` against `schema` (empty when it validates), each with a JSON pointer. */
export const validateJson = (root: Schema, value: unknown): ReadonlyArray<string> => {
  const errors: Array<string> = [];
  const resolve = (ref: string): Schema => {
    const match = /^#\/\$defs\/(.+)$/.exec(ref);
    const defs = isObject(root) ? root.$defs : undefined;
    const target = match !== null && isObject(defs) ? defs[match[1] ?? ""] : undefined;
    if (target === undefined || (typeof target !== "boolean" && !isObject(target))) {
      throw new Error(`Cannot resolve ${ref}`);
    }
    return target;
  };
  const check = (schema: Schema, v: Json, at: string): boolean => {
    const before = errors.length;
    const fail = (message: string) => errors.push(`${at || "/"}: ${message}`);
    if (schema === true) return true;
    if (schema === false) {
      fail("no value is allowed");
      return false;
    }
    for (const key of Object.keys(schema)) if (!known.has(key)) throw new Error(`Unknown keyword ${key} at ${at}`);
    if (typeof schema.$ref === "string") check(resolve(schema.$ref), v, at);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as ReadonlyArray<string>) : [schema.type as string];
      if (!types.some((type) => matchesType(v, type))) fail(`expected ${types.join("|")}, got ${typeOf(v)}`);
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(v))) {
      fail(`not one of ${JSON.stringify(schema.enum)}`);
    }
    if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(v))
      fail(`not ${JSON.stringify(schema.const)}`);
    if (typeof v === "number") {
      if (typeof schema.minimum === "number" && v < schema.minimum) fail(`below ${schema.minimum}`);
      if (typeof schema.maximum === "number" && v > schema.maximum) fail(`above ${schema.maximum}`);
    }
    if (typeof v === "string") {
      if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(v))
        fail(`does not match ${schema.pattern}`);
      if (typeof schema.minLength === "number" && [...v].length < schema.minLength) fail("too short");
    }
    if (Array.isArray(v)) {
      const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as ReadonlyArray<Schema>) : [];
      v.forEach((item, index) => {
        const itemSchema = index < prefix.length ? prefix[index] : (schema.items as Schema | undefined);
        if (itemSchema !== undefined) check(itemSchema, item, `${at}/${index}`);
      });
      if (typeof schema.minItems === "number" && v.length < schema.minItems)
        fail(`fewer than ${schema.minItems} items`);
      if (typeof schema.maxItems === "number" && v.length > schema.maxItems) fail(`more than ${schema.maxItems} items`);
    }
    if (isObject(v)) {
      const properties = isObject(schema.properties) ? (schema.properties as { readonly [key: string]: Schema }) : {};
      for (const name of Array.isArray(schema.required) ? (schema.required as ReadonlyArray<string>) : []) {
        if (!(name in v)) fail(`missing ${name}`);
      }
      for (const [name, item] of Object.entries(v)) {
        const propertySchema = properties[name];
        if (propertySchema !== undefined) check(propertySchema, item, `${at}/${name}`);
        else if (schema.additionalProperties !== undefined) {
          check(schema.additionalProperties as Schema, item, `${at}/${name}`);
        }
      }
    }
    const branches = (key: string): ReadonlyArray<Schema> =>
      Array.isArray(schema[key]) ? (schema[key] as ReadonlyArray<Schema>) : [];
    const passes = (branch: Schema): boolean => {
      const saved = errors.length;
      const ok = check(branch, v, at);
      errors.length = saved;
      return ok;
    };
    for (const branch of branches("allOf")) check(branch, v, at);
    if (schema.anyOf !== undefined && !branches("anyOf").some(passes)) fail("matches no branch of anyOf");
    if (schema.oneOf !== undefined && branches("oneOf").filter(passes).length !== 1)
      fail("does not match exactly one branch of oneOf");
    return errors.length === before;
  };
  check(root, value as Json, "");
  return errors;
};
