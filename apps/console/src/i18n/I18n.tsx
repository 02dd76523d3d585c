import { type Accessor, createContext, createEffect, createSignal, type ParentProps, useContext } from "solid-js";
import type { MessageKey } from "./nl.js";
import { type Lang, languageStorageKey, type MessageParams, parseLang, translate } from "./translate.js";

export interface I18n {
  readonly lang: Accessor<Lang>;
  setLang(lang: Lang): void;
  /** The text of `key` in the current language, with its placeholders filled. */
  t(key: MessageKey, params?: MessageParams): string;
}

const I18nContext = createContext<I18n>();

const readStoredLang = (): Lang => {
  try {
    return parseLang(globalThis.localStorage?.getItem(languageStorageKey));
  } catch {
    return "nl";
  }
};

const storeLang = (lang: Lang): void => {
  try {
    globalThis.localStorage?.setItem(languageStorageKey, lang);
  } catch {
    // Storage may be off (private mode, policy): the choice then lasts for this page only.
  }
};

/** Holds the language: from localStorage (`comensha.lang`), Dutch by default; keeps `<html lang>` in step. */
export const I18nProvider = (props: ParentProps<{ initialLang?: Lang }>) => {
  const [lang, setLangSignal] = createSignal<Lang>(props.initialLang ?? readStoredLang());
  createEffect(() => {
    document.documentElement.lang = lang();
  });
  const i18n: I18n = {
    lang,
    setLang: (next) => {
      storeLang(next);
      setLangSignal(next);
    },
    t: (key, params) => translate(lang(), key, params),
  };
  return <I18nContext.Provider value={i18n}>{props.children}</I18nContext.Provider>;
};

export const useI18n = (): I18n => {
  const i18n = useContext(I18nContext);
  if (i18n === undefined) throw new Error("useI18n outside I18nProvider");
  return i18n;
};
