import { createEffect, type JSX, type ParentProps } from "solid-js";
import { useI18n } from "../i18n/I18n.js";

/** The id of every page's heading: focus moves there after navigation, so screen readers start at the page. */
export const pageHeadingId = "page-heading";

/** A page: its `<h1>` and the document title. */
export const Page = (props: ParentProps<{ title: string; intro?: JSX.Element }>) => {
  const { t } = useI18n();
  createEffect(() => {
    document.title = `${props.title} · ${t("app.titleSuffix")}`;
  });
  return (
    <div class="page">
      <h1 id={pageHeadingId} tabindex="-1">
        {props.title}
      </h1>
      {props.intro}
      {props.children}
    </div>
  );
};

/** Moves focus to the page heading (after a route change), without scrolling past the header. */
export const focusPageHeading = (): void => {
  requestAnimationFrame(() => document.getElementById(pageHeadingId)?.focus({ preventScroll: false }));
};
