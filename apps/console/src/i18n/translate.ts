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

/**
 * A plural choice in the ICU MessageFormat style: `{count, plural, one {# dag} other {# dagen}}`. The option is picked
 * by `Intl.PluralRules` for the text's locale (an exact `=n` option first), and `#` becomes the number formatted for
 * that locale. Options hold plain text and `#`, no nested placeholders.
 */
const pluralPattern = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const pluralOptionPattern = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

const choosePlural = (options: string, value: number, locale: string): string | undefined => {
  const choices = new Map([...options.matchAll(pluralOptionPattern)].map((match) => [match[1], match[2] ?? ""]));
  const chosen =
    choices.get(`=${value}`) ?? choices.get(new Intl.PluralRules(locale).select(value)) ?? choices.get("other");
  return chosen?.replaceAll("#", new Intl.NumberFormat(locale).format(value));
};

/**
 * Fills `{name}` placeholders and `{name, plural, …}` choices (in `locale`, Dutch by default); a placeholder without
 * a value stays as it is, so a missing value shows. A plural choice needs a number.
 */
export const interpolate = (template: string, params?: MessageParams, locale = "nl-NL"): string =>
  params === undefined
    ? template
    : template
        .replace(pluralPattern, (match, name: string, options: string) => {
          const value = params[name];
          return typeof value === "number" ? (choosePlural(options, value, locale) ?? match) : match;
        })
        .replace(/\{(\w+)\}/g, (match, name: string) => {
          const value = params[name];
          return value === undefined ? match : String(value);
        });

/** The names of a text's placeholders and plural choices, sorted. */
export const placeholdersOf = (template: string): ReadonlyArray<string> =>
  [...template.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((match) => match[1] ?? "").sort();

/**
 * The text of `key` in `lang`. A key built from a code the API sent (`state.${state}`) may be one this version does
 * not know yet: it then shows as the key itself rather than failing.
 */
export const translate = (lang: Lang, key: MessageKey, params?: MessageParams): string =>
  interpolate((dictionaries[lang] as Readonly<Record<string, string | undefined>>)[key] ?? key, params, localeOf(lang));

/** A stored or requested language, or Dutch when it is not one of ours. */
export const parseLang = (value: string | null | undefined): Lang => (value === "en" ? "en" : "nl");

/** The other language, for the switch in the header. */
export const otherLang = (lang: Lang): Lang => (lang === "nl" ? "en" : "nl");

/** The locale to format numbers and dates in. */
export const localeOf = (lang: Lang): string => (lang === "nl" ? "nl-NL" : "en-GB");
