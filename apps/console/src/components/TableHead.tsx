import { For } from "solid-js";

/** The header row of a table: one column header a label, in order (for a {@link PagedTable}'s `head`). */
export const TableHead = (props: { readonly columns: ReadonlyArray<string> }) => (
  <tr>
    <For each={props.columns}>{(column) => <th scope="col">{column}</th>}</For>
  </tr>
);
