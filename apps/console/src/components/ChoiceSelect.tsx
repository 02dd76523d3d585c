import { For } from "solid-js";
import { type FieldMessage, FormField } from "./FormField.js";

/** One choice of a {@link ChoiceSelect}: what is sent, and what the user reads. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

/**
 * A labelled select of a form (an organisation to refer or transfer to, a code from a code list): its hint and error
 * wired to the field, and a first empty choice that asks to choose when `placeholder` is given.
 */
export const ChoiceSelect = (props: {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: FieldMessage | undefined;
  readonly placeholder?: string;
  readonly choices: ReadonlyArray<Choice>;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) => (
  <FormField id={props.id} label={props.label} hint={props.hint} error={props.error}>
    {(aria) => (
      <select
        id={props.id}
        name={props.name}
        value={props.value}
        aria-invalid={aria.invalid()}
        aria-describedby={aria.describedBy()}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        {props.placeholder === undefined ? null : <option value="">{props.placeholder}</option>}
        <For each={props.choices}>{(choice) => <option value={choice.value}>{choice.label}</option>}</For>
      </select>
    )}
  </FormField>
);
