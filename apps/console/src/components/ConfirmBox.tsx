import type { JSX } from "solid-js";

/**
 * The confirmation of a destructive action: a fieldset whose legend asks the question, what else the user should know
 * (`children`), then "yes" (red) and "no". The caller decides when it shows and where focus goes: `ref` is the
 * fieldset (focusable with `tabindex="-1"`), `cancelRef` the "no" button.
 */
export const ConfirmBox = (props: {
  readonly question: string;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly isConfirmDisabled?: boolean | undefined;
  readonly isCancelDisabled?: boolean | undefined;
  readonly id?: string | undefined;
  readonly describedBy?: string | undefined;
  readonly tabindex?: number | undefined;
  readonly hidden?: boolean | undefined;
  readonly ref?: ((element: HTMLFieldSetElement) => void) | undefined;
  readonly cancelRef?: ((element: HTMLButtonElement) => void) | undefined;
  readonly children?: JSX.Element;
}) => (
  <fieldset
    ref={(element) => props.ref?.(element)}
    id={props.id}
    class="confirm"
    aria-describedby={props.describedBy}
    tabindex={props.tabindex}
    hidden={props.hidden}
  >
    <legend>{props.question}</legend>
    {props.children}
    <div class="button-row">
      <button type="button" class="button danger" disabled={props.isConfirmDisabled} onClick={() => props.onConfirm()}>
        {props.confirmLabel}
      </button>
      <button
        ref={(element) => props.cancelRef?.(element)}
        type="button"
        class="button secondary"
        disabled={props.isCancelDisabled}
        onClick={() => props.onCancel()}
      >
        {props.cancelLabel}
      </button>
    </div>
  </fieldset>
);
