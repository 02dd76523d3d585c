import type { ProblemField } from "@comensha/sdk";
import { classifyError } from "./api.js";

/** The offending fields of a `422` (or `400`), each with its JSON pointer and the API's message; empty otherwise. */
export const problemFieldsOf = (error: unknown): ReadonlyArray<ProblemField> => {
  const info = classifyError(error);
  return info.kind === "validation" ? info.fields : [];
};

/**
 * The field of a form a problem's JSON pointer is about: the field itself (`/person/familyName`) or an item of it
 * (`/person/nationalities/2`). A path above the fields (`/person`, a rule about the person as a whole) or beside them
 * is no field: `undefined`. Fields are named by the JSON pointer of their value in the body.
 */
export const fieldOfPath = <F extends string>(path: string, fields: ReadonlyArray<F>): F | undefined => {
  const withoutItems = path.replace(/(\/\d+)+$/, "");
  return fields.find((field) => field === withoutItems);
};

/**
 * Sorts the problems of a `422` onto a form: the API's message at each field of the form (the first one wins), and
 * the problems about anything else, which the form lists above its button. `pointerOf` names a field by its JSON
 * pointer when the form's field names are bare (`name` is `/name`).
 */
export const placeProblems = <F extends string>(
  problems: ReadonlyArray<ProblemField>,
  fields: ReadonlyArray<F>,
  pointerOf: (field: F) => string = (field) => field,
): { readonly atField: Partial<Record<F, string>>; readonly others: ReadonlyArray<ProblemField> } => {
  const pointers = fields.map(pointerOf);
  const atField: Partial<Record<F, string>> = {};
  const others: Array<ProblemField> = [];
  for (const problem of problems) {
    const pointer = fieldOfPath(problem.path, pointers);
    const field = pointer === undefined ? undefined : fields[pointers.indexOf(pointer)];
    if (field === undefined) others.push(problem);
    else atField[field] ??= problem.message;
  }
  return { atField, others };
};
