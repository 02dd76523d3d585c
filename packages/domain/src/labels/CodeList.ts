/**
 * The languages the code lists are labelled in: Dutch for CoMensha staff and Dutch partners, English for the API
 * documentation and partners abroad.
 */
export const languages = ["nl", "en"] as const;
export type Language = (typeof languages)[number];

/** The human-readable name of one code, in every {@link Language}. */
export interface Label {
  readonly nl: string;
  readonly en: string;
}

/**
 * A closed list of codes with their labels, such as the exploitation forms or the police regions, without its schema
 * (the domain's `CodeList` adds one): what a browser needs to show and pick codes.
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
}

/** The codes of a list, as a type: `CodeOf<typeof codeList>`. */
export type CodeOf<List extends CodeList<string>> = List["codes"][number];

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
  };
};
