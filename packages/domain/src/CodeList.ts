import { Schema } from "effect";
import * as Plain from "./labels/CodeList.js";

/**
 * A language the code lists are labelled in: Dutch for CoMensha staff and Dutch partners, English for the API
 * documentation and partners abroad.
 */
export const Language = Schema.Literals(Plain.languages);
export type Language = typeof Language.Type;

/** The human-readable name of one code, in every {@link Language}. */
export const Label = Schema.Struct({ nl: Schema.String, en: Schema.String });
export type Label = typeof Label.Type;

/**
 * A closed list of codes with their labels, such as the exploitation forms or the police regions, and the schema
 * that decodes its codes. The codes and labels are written once, without Effect, in `labels/` (what the console
 * bundles); see {@link withSchema}.
 *
 * Codes are what is stored and sent over the wire (lower snake_case, or ISO codes for countries); labels are only
 * for people. The order of `codes` is stable and is the order in which reports and forms list them.
 */
export interface CodeList<Code extends string> extends Plain.CodeList<Code> {
  /** Decodes exactly the codes of this list. */
  readonly schema: Schema.Literals<readonly [Code, ...Array<Code>]>;
}

/** A code list of `labels/` with the schema of its codes. */
export const withSchema = <Code extends string>(list: Plain.CodeList<Code>): CodeList<Code> => ({
  ...list,
  schema: Schema.Literals(list.codes),
});

/**
 * Makes a code list from its labels, so that each list is written once: the codes are the keys of `labels`, in the
 * order they are written. For the lists the console shows too, write them in `labels/` and use {@link withSchema}.
 *
 * Keys must not look like array indexes ("1", "42"), since JavaScript would move them to the front.
 *
 * @throws when `labels` is empty, which is a programming error.
 */
export const make = <const Labels extends { readonly [code: string]: Label }>(
  id: string,
  labels: Labels,
): CodeList<Extract<keyof Labels, string>> => withSchema(Plain.make(id, labels));
