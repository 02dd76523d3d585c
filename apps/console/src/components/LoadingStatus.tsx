import { useI18n } from "../i18n/I18n.js";

/** A polite live region that says "loading" while `isLoading`, and nothing otherwise (the content speaks for itself). */
export const LoadingStatus = (props: { readonly isLoading: boolean }) => {
  const { t } = useI18n();
  return (
    <p class="visually-hidden" role="status">
      {props.isLoading ? t("app.loading") : ""}
    </p>
  );
};
