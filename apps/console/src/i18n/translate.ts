import { en } from "./en.js";
import { type Dictionary, type MessageKey, nl } from "./nl.js";

/** The console's languages: Dutch (the default) and English, the same two the code lists are labelled in. */
export const languages = ["nl", "en"] as const;
export type Lang = (typeof languages)[number];

/** Where the chosen language is kept. Not sensitive, so localStorage is fine. */
export const languageStorageKey = "comensha.lang";

export const dictionaries: { readonly [L in Lang]: Dictionary } = { nl, en };

/** Values to fill into a text's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; a placeholder without a value stays as it is, so a missing value shows. */
export const interpolate = (template: string, params?: MessageParams): string =>
  params === undefined
    ? template
    : template.replace(/\{(\w+)\}/g, (match, name: string) => {
        const value = params[name];
        return value === undefined ? match : String(value);
      });

/** The names of a text's placeholders, sorted. */
export const placeholdersOf = (template: string): ReadonlyArray<string> =>
  [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "").sort();

/**
 * The text of `key` in `lang`. A key built from a code the API sent (`state.${state}`) may be one this version does
 * not know yet: it then shows as the key itself rather than failing.
 */
export const translate = (lang: Lang, key: MessageKey, params?: MessageParams): string =>
  interpolate((dictionaries[lang] as Readonly<Record<string, string | undefined>>)[key] ?? key, params);

/** A stored or requested language, or Dutch when it is not one of ours. */
export const parseLang = (value: string | null | undefined): Lang => (value === "en" ? "en" : "nl");

/** The other language, for the switch in the header. */
export const otherLang = (lang: Lang): Lang => (lang === "nl" ? "en" : "nl");

/** The locale to format numbers and dates in. */
export const localeOf = (lang: Lang): string => (lang === "nl" ? "nl-NL" : "en-GB");
