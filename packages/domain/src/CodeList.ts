import { Schema } from "effect";

/**
 * A language the code lists are labelled in: Dutch for CoMensha staff and Dutch partners, English for the API
 * documentation and partners abroad.
 */
export const Language = Schema.Literals(["nl", "en"]);
export type Language = typeof Language.Type;

/** The human-readable name of one code, in every {@link Language}. */
export const Label = Schema.Struct({ nl: Schema.String, en: Schema.String });
export type Label = typeof Label.Type;

/**
 * A closed list of codes with their labels, such as the exploitation forms or the police regions.
 *
 * Codes are what is stored and sent over the wire (lower snake_case, or ISO codes for countries); labels are only
 * for people. The order of `codes` is stable and is the order in which reports and forms list them.
 */
export interface CodeList<Code extends string> {
  /** Stable name of the list, in lower snake_case (e.g. `exploitation_form`), as served by `/v1/code-lists`. */
  readonly id: string;
  readonly codes: readonly [Code, ...Array<Code>];
  readonly labels: { readonly [K in Code]: Label };
  label(code: Code, lang: Language): string;
  /** Decodes exactly the codes of this list. */
  readonly schema: Schema.Literals<readonly [Code, ...Array<Code>]>;
}

/**
 * Makes a code list from its labels, so that each list is written once: the codes are the keys of `labels`, in the
 * order they are written.
 *
 * Keys must not look like array indexes ("1", "42"), since JavaScript would move them to the front.
 *
 * @throws when `labels` is empty, which is a programming error.
 */
export const make = <const Labels extends { readonly [code: string]: Label }>(
  id: string,
  labels: Labels,
): CodeList<Extract<keyof Labels, string>> => {
  type Code = Extract<keyof Labels, string>;
  const entries = Object.entries(labels);
  const [first, ...rest] = entries.map(([code]) => code as Code);
  if (first === undefined) {
    throw new Error(`Code list "${id}" has no codes`);
  }
  const codes: readonly [Code, ...Array<Code>] = [first, ...rest];
  const copied = Object.fromEntries(entries.map(([code, { nl, en }]) => [code, Object.freeze({ nl, en })])) as {
    readonly [K in Code]: Label;
  };
  return {
    id,
    codes: Object.freeze(codes),
    labels: Object.freeze(copied),
    label: (code, lang) => copied[code][lang],
    schema: Schema.Literals(codes),
  };
};
