import { useI18n } from "../i18n/I18n.js";
import { otherLang } from "../i18n/translate.js";

/** Switches between Dutch and English; the button is labelled in the language it switches to. */
export const LanguageSwitch = () => {
  const { lang, setLang, t } = useI18n();
  return (
    <button type="button" class="button ghost" lang={otherLang(lang())} onClick={() => setLang(otherLang(lang()))}>
      {t("app.switchLanguage")}
    </button>
  );
};
