import { A } from "@solidjs/router";

/** The link back to the list a detail page belongs to, above its content. */
export const BackLink = (props: { readonly href: string; readonly label: string }) => (
  <p>
    <A href={props.href}>{props.label}</A>
  </p>
);
