import { PreconditionFailedError } from "@comensha/sdk";
import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { useApi } from "../../ApiContext.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { FormField } from "../../components/FormField.js";
import { PersonCaseCard } from "../../components/PersonCaseCard.js";
import { QueryContent } from "../../components/QueryError.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import { createIdempotencyKeeper } from "../../idempotency.js";
import type { CaseNote } from "./caseNotesApi.js";

/** The longest note the API takes, in characters (`CaseNote.maxCaseNoteLength` in the domain). */
export const maxNoteLength = 10_000;

/** The query key of a person's notes, and of one note with its versions. */
export const caseNotesKey = (personId: string) => ["caseNotes", personId] as const;
const caseNoteKey = (personId: string, noteId: string) => ["caseNotes", personId, noteId] as const;

type Content = CaseNote["content"];

/** What a text box holds that the API would refuse, as a text key; none when it may be sent. */
const problemOf = (text: string): "caseNotes.empty" | "caseNotes.tooLong" | undefined => {
  const trimmed = text.trim();
  if (trimmed === "") return "caseNotes.empty";
  return trimmed.length > maxNoteLength ? "caseNotes.tooLong" : undefined;
};

/**
 * A person's case notes on a registration's page (coordinators): the notes, newest first, each with its earlier
 * versions on request and a correction form, and a form for a new note. The words are never kept beyond the page.
 */
export const CaseNotesCard = (props: { readonly personId: string | undefined }) => (
  <PersonCaseCard id="case-notes-title" title="caseNotes.title" intro="caseNotes.intro" personId={props.personId}>
    {(personId) => <CaseNotesBody personId={personId} />}
  </PersonCaseCard>
);

const CaseNotesBody = (props: { readonly personId: string }) => {
  const { t } = useI18n();
  const api = useApi();
  const query = createQuery(() => ({
    queryKey: caseNotesKey(props.personId),
    queryFn: () => api.listCaseNotes(props.personId),
    // A refetch keeps each note's item (and its open correction or versions) by the note's id.
    reconcile: "id",
  }));
  return (
    <>
      <NewNoteForm personId={props.personId} />
      <QueryContent query={query}>
        {(notes) => (
          <Show when={notes().length > 0} fallback={<p class="muted">{t("caseNotes.none")}</p>}>
            <ol class="plain-list case-notes">
              <For each={notes()}>{(note) => <NoteItem personId={props.personId} note={note} />}</For>
            </ol>
          </Show>
        )}
      </QueryContent>
    </>
  );
};

/** A note's words, or why there are none to show. */
const NoteText = (props: { readonly content: Content }) => {
  const { t } = useI18n();
  return (
    <Switch>
      <Match when={props.content.state === "readable" && props.content}>
        {(content) => <p class="note-text">{(content() as { text: string }).text}</p>}
      </Match>
      <Match when={props.content.state === "undecryptable"}>
        <p class="muted">{t("caseNotes.undecryptable")}</p>
      </Match>
      <Match when={props.content.state === "erased"}>
        <p class="muted">{t("caseNotes.erased")}</p>
      </Match>
    </Switch>
  );
};

const NoteItem = (props: { readonly personId: string; readonly note: CaseNote }) => {
  const { t, lang } = useI18n();
  const [correcting, setCorrecting] = createSignal(false);
  const [showVersions, setShowVersions] = createSignal(false);
  const [saved, setSaved] = createSignal<number | undefined>(undefined);
  const versionsId = () => `case-note-versions-${props.note.id}`;
  return (
    <li class="case-note">
      <NoteText content={props.note.content} />
      <p class="muted">
        {t("caseNotes.meta", {
          version: props.note.version,
          when: formatDateTime(props.note.updatedAt, lang()),
        })}
      </p>
      <div class="button-row">
        <Show when={props.note.content.state === "readable" && !correcting()}>
          <button
            type="button"
            class="button"
            onClick={() => {
              setSaved(undefined);
              setCorrecting(true);
            }}
          >
            {t("caseNotes.correct")}
          </button>
        </Show>
        <Show when={props.note.version > 1}>
          <button
            type="button"
            class="button"
            aria-expanded={showVersions()}
            aria-controls={versionsId()}
            onClick={() => setShowVersions(!showVersions())}
          >
            {showVersions() ? t("caseNotes.hideVersions") : t("caseNotes.showVersions")}
          </button>
        </Show>
      </div>
      <p class="success" role="status">
        {saved() === undefined ? "" : t("caseNotes.corrected", { version: saved() ?? 0 })}
      </p>
      <Show when={correcting()}>
        <CorrectionForm
          personId={props.personId}
          note={props.note}
          onDone={(version) => {
            setCorrecting(false);
            setSaved(version);
          }}
          onCancel={() => setCorrecting(false)}
        />
      </Show>
      <Show when={showVersions()}>
        <NoteVersions id={versionsId()} personId={props.personId} noteId={props.note.id} />
      </Show>
    </li>
  );
};

const NoteVersions = (props: { readonly id: string; readonly personId: string; readonly noteId: string }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const query = createQuery(() => ({
    queryKey: caseNoteKey(props.personId, props.noteId),
    queryFn: () => api.getCaseNote(props.personId, props.noteId),
  }));
  return (
    <div id={props.id}>
      <QueryContent query={query}>
        {(note) => (
          <>
            <h3>{t("caseNotes.versions")}</h3>
            <ol class="plain-list">
              <For each={note().versions}>
                {(version) => (
                  <li>
                    <p class="muted">
                      {t("caseNotes.version", {
                        version: version.version,
                        when: formatDateTime(version.writtenAt, lang()),
                      })}
                    </p>
                    <NoteText content={version.content} />
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </QueryContent>
    </div>
  );
};

/** A text box for a note, with its label, hint and what is wrong with it. */
const NoteTextArea = (props: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly problem: ReturnType<typeof problemOf>;
  readonly onInput: (value: string) => void;
}) => {
  const { t } = useI18n();
  return (
    <FormField
      id={props.id}
      label={props.label}
      hint={t("caseNotes.hint", { max: maxNoteLength })}
      error={props.problem === undefined ? undefined : { text: t(props.problem, { max: maxNoteLength }) }}
    >
      {(aria) => (
        <textarea
          id={props.id}
          name="text"
          rows="4"
          value={props.value}
          aria-invalid={aria.invalid()}
          aria-describedby={aria.describedBy()}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
      )}
    </FormField>
  );
};

const NewNoteForm = (props: { readonly personId: string }) => {
  const { t } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const keeper = createIdempotencyKeeper();
  const [text, setText] = createSignal("");
  const [problem, setProblem] = createSignal<ReturnType<typeof problemOf>>(undefined);
  const [saved, setSaved] = createSignal(false);
  const mutation = createMutation(() => ({
    mutationFn: (input: { readonly text: string; readonly key: string }) =>
      api.addCaseNote(props.personId, input.text, input.key),
    onSuccess: () => {
      keeper.done();
      setText("");
      setSaved(true);
      return client.invalidateQueries({ queryKey: caseNotesKey(props.personId) });
    },
  }));
  return (
    <form
      class="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = problemOf(text());
        setProblem(found);
        if (found !== undefined) return;
        mutation.mutate({ text: text(), key: keeper.keyFor({ personId: props.personId, text: text() }) });
      }}
    >
      <NoteTextArea
        id="case-note-new"
        label={t("caseNotes.new")}
        value={text()}
        problem={problem()}
        onInput={(value) => {
          setText(value);
          setProblem(undefined);
          setSaved(false);
        }}
      />
      <div>
        <button type="submit" class="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("caseNotes.busy") : t("caseNotes.add")}
        </button>
      </div>
      <p class="success" role="status">
        {saved() ? t("caseNotes.saved") : ""}
      </p>
      <Show when={mutation.isError}>
        <ErrorMessage error={mutation.error} />
      </Show>
    </form>
  );
};

const CorrectionForm = (props: {
  readonly personId: string;
  readonly note: CaseNote;
  readonly onDone: (version: number) => void;
  readonly onCancel: () => void;
}) => {
  const { t } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const initial = props.note.content.state === "readable" ? props.note.content.text : "";
  const [text, setText] = createSignal(initial);
  const [problem, setProblem] = createSignal<ReturnType<typeof problemOf>>(undefined);
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: caseNotesKey(props.personId) }),
      client.invalidateQueries({ queryKey: caseNoteKey(props.personId, props.note.id) }),
    ]);
  const mutation = createMutation(() => ({
    mutationFn: (value: string) => api.correctCaseNote(props.personId, props.note.id, value, props.note.version),
    onSuccess: async (note: CaseNote) => {
      await refresh();
      props.onDone(note.version);
    },
    // Someone else's correction came first: show theirs, so the next attempt starts from it.
    onError: (error: unknown) => (error instanceof PreconditionFailedError ? refresh() : undefined),
  }));
  const id = () => `case-note-correct-${props.note.id}`;
  return (
    <form
      class="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = problemOf(text());
        setProblem(found);
        if (found === undefined) mutation.mutate(text());
      }}
    >
      <NoteTextArea
        id={id()}
        label={t("caseNotes.correction")}
        value={text()}
        problem={problem()}
        onInput={(value) => {
          setText(value);
          setProblem(undefined);
        }}
      />
      <div class="button-row">
        <button type="submit" class="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("caseNotes.busy") : t("caseNotes.saveCorrection")}
        </button>
        <button type="button" class="button" onClick={() => props.onCancel()}>
          {t("caseNotes.cancel")}
        </button>
      </div>
      <Show when={mutation.isError}>
        <Show
          when={mutation.error instanceof PreconditionFailedError}
          fallback={<ErrorMessage error={mutation.error} />}
        >
          <p class="field-error" role="alert">
            {t("caseNotes.stale")}
          </p>
        </Show>
      </Show>
    </form>
  );
};
