import type { JSX } from "solid-js";

/** One fact of a {@link Facts} list: its label and its value. */
export const Fact = (props: { readonly label: string; readonly children: JSX.Element }) => (
  <>
    <dt>{props.label}</dt>
    <dd>{props.children}</dd>
  </>
);

/** A list of facts about one thing (`<dl class="fields">`), each a {@link Fact}. */
export const Facts = (props: { readonly children: JSX.Element }) => <dl class="fields">{props.children}</dl>;
