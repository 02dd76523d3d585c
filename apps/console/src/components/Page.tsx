import { createEffect, type JSX, onMount, type ParentProps } from "solid-js";
import { useI18n } from "../i18n/I18n.js";

/** The id of every page's heading: focus moves there after navigation, so screen readers start at the page. */
export const pageHeadingId = "page-heading";

/**
 * The path whose page heading is still to take the focus after a route change: a page whose code is still loading
 * (see `lazyPage`) has no heading yet, and takes the focus when it appears, unless the user went elsewhere meanwhile.
 */
let headingFocusPendingFor: string | undefined;

const focusPendingHeading = (): void => {
  const heading = document.getElementById(pageHeadingId);
  if (headingFocusPendingFor !== window.location.pathname || heading === null) return;
  headingFocusPendingFor = undefined;
  heading.focus({ preventScroll: false });
};

/** A page: its `<h1>` and the document title. */
export const Page = (props: ParentProps<{ title: string; intro?: JSX.Element }>) => {
  const { t } = useI18n();
  createEffect(() => {
    document.title = `${props.title} · ${t("app.titleSuffix")}`;
  });
  onMount(() => {
    if (headingFocusPendingFor !== undefined) requestAnimationFrame(focusPendingHeading);
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

/**
 * Moves focus to the page heading after a route change to `pathname`, without scrolling past the header; to the
 * heading of a page still loading once it is shown.
 */
export const focusPageHeading = (pathname: string): void => {
  headingFocusPendingFor = pathname;
  requestAnimationFrame(focusPendingHeading);
};
