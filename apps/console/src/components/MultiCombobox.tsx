import { createMemo, createSignal, createUniqueId, For, Show } from "solid-js";
import type { FieldAria } from "./FormField.js";

/** One choice of a {@link MultiCombobox}: its code (what is stored) and its label (what is shown). */
export interface ComboboxOption {
  readonly code: string;
  readonly label: string;
}

/** Lower case without accents, so "roe" finds "Roemenië" and "cote" finds "Côte d'Ivoire". */
export const foldText = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/**
 * The options that match what was typed, best first: the code itself (`ro` finds Romania, `NL` the Netherlands),
 * then labels that start with it, then labels with a word that starts with it, then labels that hold it. Every option,
 * in its order, when nothing was typed.
 */
export const matchOptions = (options: ReadonlyArray<ComboboxOption>, query: string): ReadonlyArray<ComboboxOption> => {
  const wanted = foldText(query.trim());
  if (wanted === "") return options;
  const rank = (option: ComboboxOption): number => {
    const label = foldText(option.label);
    if (foldText(option.code) === wanted) return 0;
    if (label.startsWith(wanted)) return 1;
    if (label.split(/[\s\-'’(),.]+/).some((word) => word.startsWith(wanted))) return 2;
    return label.includes(wanted) ? 3 : 4;
  };
  return options
    .map((option, index) => ({ option, index, rank: rank(option) }))
    .filter((entry) => entry.rank < 4)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.option);
};

/** The texts of a {@link MultiCombobox}, in the page's language. */
export interface MultiComboboxTexts {
  /** The accessible name of the list of chosen values. */
  readonly chosen: string;
  /** The accessible name of the list of suggestions (not the field's label: that names the input alone). */
  readonly suggestions: string;
  /** The accessible name of a chosen value's remove button. */
  readonly remove: (label: string) => string;
  /** Said when nothing matches what was typed. */
  readonly noMatches: string;
  /** Said (politely) how many options match. */
  readonly matches: (count: number) => string;
  /** Said when a value was added or removed. */
  readonly added: (label: string) => string;
  readonly removed: (label: string) => string;
}

/**
 * A text field that suggests options as one types and keeps several chosen values as chips (the ARIA 1.2 combobox
 * with a listbox popup): type part of a label or a code, move with the arrow keys, choose with Enter or a click
 * (choosing a chosen option again removes it), close with Escape. Each chip has a remove button. The input is the
 * labelled control: the field's `id`, `aria-invalid` and `aria-describedby` (hint, error) are on it, so a form can
 * focus and describe it like any other input. A polite status says how many options match and what was added or
 * removed.
 */
export const MultiCombobox = (props: {
  readonly id: string;
  readonly options: ReadonlyArray<ComboboxOption>;
  readonly selected: ReadonlyArray<string>;
  readonly onChange: (codes: ReadonlyArray<string>) => void;
  readonly aria: FieldAria;
  readonly texts: MultiComboboxTexts;
  /** At most this many values; further options cannot be chosen. */
  readonly max?: number | undefined;
}) => {
  const listId = `${props.id}-listbox`;
  const optionPrefix = `${props.id}-option-${createUniqueId()}`;
  const [query, setQuery] = createSignal("");
  const [isOpen, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(0);
  const [announcement, setAnnouncement] = createSignal("");
  let input: HTMLInputElement | undefined;
  let list: HTMLDivElement | undefined;

  const matches = createMemo(() => matchOptions(props.options, query()));
  const labelOf = (code: string) => props.options.find((option) => option.code === code)?.label ?? code;
  const isChosen = (code: string) => props.selected.includes(code);
  const isFull = () => props.max !== undefined && props.selected.length >= props.max;
  const activeOption = () => (isOpen() ? matches()[active()] : undefined);
  const optionId = (index: number) => `${optionPrefix}-${index}`;

  const open = () => {
    setOpen(true);
    setAnnouncement(matches().length === 0 ? props.texts.noMatches : props.texts.matches(matches().length));
  };
  const close = () => {
    setOpen(false);
    setActive(0);
  };
  const moveTo = (index: number) => {
    const count = matches().length;
    if (count === 0) return;
    const next = (index + count) % count;
    setActive(next);
    document.getElementById(optionId(next))?.scrollIntoView?.({ block: "nearest" });
  };
  const toggle = (option: ComboboxOption) => {
    if (isChosen(option.code)) {
      props.onChange(props.selected.filter((code) => code !== option.code));
      setAnnouncement(props.texts.removed(option.label));
    } else if (!isFull()) {
      props.onChange([...props.selected, option.code]);
      setAnnouncement(props.texts.added(option.label));
    }
    setQuery("");
    close();
    input?.focus();
  };
  const remove = (code: string) => {
    props.onChange(props.selected.filter((chosen) => chosen !== code));
    setAnnouncement(props.texts.removed(labelOf(code)));
    input?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!isOpen()) open();
        else moveTo(active() + 1);
        return;
      case "ArrowUp":
        event.preventDefault();
        if (!isOpen()) open();
        else moveTo(active() - 1);
        return;
      case "Home":
      case "End":
        if (!isOpen()) return;
        event.preventDefault();
        moveTo(event.key === "Home" ? 0 : matches().length - 1);
        return;
      case "Enter": {
        // Enter chooses while the list is open; otherwise it submits the form as in any text field.
        const option = activeOption();
        if (option === undefined) return;
        event.preventDefault();
        toggle(option);
        return;
      }
      case "Escape":
        if (isOpen()) {
          event.preventDefault();
          close();
        } else if (query() !== "") {
          event.preventDefault();
          setQuery("");
        }
        return;
      default:
        return;
    }
  };

  return (
    <div class="combobox">
      <div class="combobox-field">
        <input
          ref={input}
          id={props.id}
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-expanded={isOpen()}
          aria-controls={listId}
          aria-activedescendant={activeOption() === undefined ? undefined : optionId(active())}
          aria-invalid={props.aria.invalid()}
          aria-describedby={props.aria.describedBy()}
          value={query()}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setActive(0);
            open();
          }}
          onKeyDown={onKeyDown}
          onClick={() => {
            if (!isOpen()) open();
          }}
          onBlur={(event) => {
            // A click in the list keeps the focus in the input (see onMouseDown); anything else closes it.
            if (list === undefined || !list.contains(event.relatedTarget as Node | null)) close();
          }}
        />
        <div
          ref={list}
          id={listId}
          role="listbox"
          class="combobox-list"
          aria-label={props.texts.suggestions}
          aria-multiselectable="true"
          hidden={!isOpen() || matches().length === 0}
        >
          <For each={matches()}>
            {(option, index) => (
              <div
                id={optionId(index())}
                role="option"
                tabIndex={-1}
                class="combobox-option"
                classList={{ "is-active": index() === active(), "is-chosen": isChosen(option.code) }}
                aria-selected={isChosen(option.code)}
                aria-disabled={!isChosen(option.code) && isFull() ? "true" : undefined}
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => setActive(index())}
                onClick={() => toggle(option)}
                onKeyDown={(event) => {
                  // The input keeps the focus (aria-activedescendant); should an option get it, it acts the same.
                  if (event.key === "Enter" || event.key === " ") {
                    event.preventDefault();
                    toggle(option);
                  }
                }}
              >
                {option.label}
              </div>
            )}
          </For>
        </div>
        <Show when={isOpen() && matches().length === 0}>
          <p class="combobox-empty">{props.texts.noMatches}</p>
        </Show>
      </div>
      <Show when={props.selected.length > 0}>
        <ul class="chips" aria-label={props.texts.chosen}>
          <For each={props.selected}>
            {(code) => (
              <li class="chip">
                <span>{labelOf(code)}</span>
                <button
                  type="button"
                  class="chip-remove"
                  aria-label={props.texts.remove(labelOf(code))}
                  onClick={() => remove(code)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p class="visually-hidden" role="status">
        {announcement()}
      </p>
    </div>
  );
};
