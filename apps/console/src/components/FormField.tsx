import { type Accessor, type JSX, Show } from "solid-js";

/**
 * What is wrong with one field, in words: the console's own text, and (when the API refused the field with a `422`)
 * the API's own message, which is in English.
 */
export interface FieldMessage {
  readonly text: string;
  readonly apiMessage?: string | undefined;
}

/** The ARIA state an input takes from its {@link FormField}. */
export interface FieldAria {
  readonly invalid: Accessor<boolean>;
  readonly describedBy: Accessor<string | undefined>;
}

/**
 * The `aria-describedby` of the input `id`: its hint (`<id>-hint`) when it has one, then its error (`<id>-error`)
 * while there is one; `undefined` when there is neither.
 */
export const fieldDescribedBy = (id: string, has: { readonly hint?: boolean; readonly error?: boolean }) =>
  [has.hint === true ? `${id}-hint` : "", has.error === true ? `${id}-error` : ""]
    .filter((part) => part !== "")
    .join(" ") || undefined;

/** The hint of the input `id`, under its label (`<id>-hint`, for `aria-describedby`). */
export const FieldHint = (props: { readonly id: string; readonly text: string }) => (
  <p id={`${props.id}-hint`} class="hint">
    {props.text}
  </p>
);

/** The error of the input `id` while there is one (`<id>-error`, for `aria-describedby`); the API's words in English. */
export const FieldError = (props: { readonly id: string; readonly message: FieldMessage | undefined }) => (
  <Show when={props.message}>
    {(message) => (
      <p id={`${props.id}-error`} class="field-error">
        {message().text}
        <Show when={message().apiMessage}>
          {(apiMessage) => (
            <>
              {" "}
              <span lang="en">{apiMessage()}</span>
            </>
          )}
        </Show>
      </p>
    )}
  </Show>
);

/**
 * A labelled field with its hint and its error, both linked to the input through `aria-describedby`: the label, the
 * hint, the input (from `children`, which gets the ARIA state to set), then the error.
 */
export const FormField = (props: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error: FieldMessage | undefined;
  readonly children: (aria: FieldAria) => JSX.Element;
}) => {
  const aria: FieldAria = {
    invalid: () => props.error !== undefined,
    describedBy: () => fieldDescribedBy(props.id, { hint: props.hint !== undefined, error: props.error !== undefined }),
  };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <Show when={props.hint}>{(hint) => <FieldHint id={props.id} text={hint()} />}</Show>
      {props.children(aria)}
      <FieldError id={props.id} message={props.error} />
    </div>
  );
};
