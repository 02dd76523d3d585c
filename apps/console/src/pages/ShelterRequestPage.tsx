import { Placement as DomainPlacement, PoliceRegion, ShelterKind, TargetGroup } from "@comensha/domain";
import { A, useParams } from "@solidjs/router";
import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, type JSX, Match, Show, Switch } from "solid-js";
import { useApi } from "../ApiContext.js";
import type { EndReason, OfferInput, Placement, PlacementRequest, PlaceSuggestion } from "../api/shelters.js";
import { type ConsoleApi, classifyError } from "../api.js";
import { BackLink } from "../components/BackLink.js";
import { ConfirmBox } from "../components/ConfirmBox.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { type FieldMessage, FormField } from "../components/FormField.js";
import { LoadingStatus } from "../components/LoadingStatus.js";
import { Page } from "../components/Page.js";
import { QueryError } from "../components/QueryError.js";
import { Skeleton } from "../components/Skeleton.js";
import { formatDate, formatDateTime, todayInAmsterdam } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import type { MessageKey } from "../i18n/nl.js";
import { localeOf } from "../i18n/translate.js";
import { placeProblems, problemFieldsOf } from "../problemFields.js";
import { codeLabel, shortId } from "./registrations.js";
import { NeedsSummary, shelterKeys, UrgencyBadge, WaitingTime } from "./ShelterParts.js";
import {
  actionsFor,
  conflictOf,
  defaultOfferExpiryHours,
  isIsoDate,
  minOverrideReasonLength,
  offerExpiresAt,
  offerExpiryHours,
  parseOverrideReason,
  type RequestAction,
} from "./shelters.js";

/** One write a coordinator makes on a request. */
type Write =
  | { readonly kind: "startSearch" | "waitlist" | "accept" | "decline" | "cancel" }
  | { readonly kind: "offer"; readonly suggestion: PlaceSuggestion; readonly offer: OfferInput }
  | { readonly kind: "end"; readonly endsOn: string; readonly reason: EndReason };

const perform = (api: ConsoleApi, id: string, write: Write): Promise<unknown> => {
  switch (write.kind) {
    case "startSearch":
      return api.startPlacementSearch(id);
    case "waitlist":
      return api.waitlistPlacementRequest(id);
    case "accept":
      return api.acceptOffer(id);
    case "decline":
      return api.declineOffer(id);
    case "cancel":
      return api.cancelPlacementRequest(id);
    case "offer":
      return api.offerPlace(id, write.offer);
    case "end":
      return api.endPlacement(id, { endsOn: write.endsOn, reason: write.reason });
  }
};

/** The texts that explain a refused field, by JSON pointer; other paths show the API's own message. */
const ruleTexts: Readonly<Record<string, MessageKey>> = {
  "/consentToShareWithShelter": "shelters.rule.consentToShareWithShelter",
  "/startsOn": "shelters.rule.startsOn",
  "/nationalities": "shelters.rule.nationalities",
  "/reflectionPeriod": "shelters.rule.reflectionPeriod",
  "/override/reason": "shelters.rule.overrideReason",
  "/placeId": "shelters.rule.placeId",
  "/endsOn": "shelters.rule.endsOn",
  "/reason": "shelters.rule.reason",
};

/** The COSM rules an override reason may set aside (consent can never be overridden). */
const cosmRulePaths = ["/startsOn", "/nationalities", "/reflectionPeriod"];

const endReasons = DomainPlacement.endReasonCodeList.codes;

/** A field's error text, for its {@link FormField}. */
const textMessage = (text: string | undefined): FieldMessage | undefined => (text === undefined ? undefined : { text });

const languageName = (code: string, lang: "nl" | "en"): string => {
  try {
    return new Intl.DisplayNames([localeOf(lang)], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
};

const Field = (props: { label: string; children: JSX.Element }) => (
  <>
    <dt>{props.label}</dt>
    <dd>{props.children}</dd>
  </>
);

const RequestDetails = (props: { request: PlacementRequest }) => {
  const { t, lang } = useI18n();
  const r = () => props.request;
  const needs = () => r().needs;
  const today = todayInAmsterdam();
  return (
    <section class="card wide" aria-labelledby="request-details-title">
      <h2 id="request-details-title">{t("shelters.detailsTitle")}</h2>
      <dl class="fields">
        <Field label={t("shelters.state")}>
          <span class={`status state-${r().state}`}>{t(`state.${r().state}`)}</span>
        </Field>
        <Field label={t("shelters.requestedOn")}>{formatDate(r().requestedOn, lang())}</Field>
        <Field label={t("shelters.waiting")}>
          <WaitingTime request={r()} today={today} />
        </Field>
        <Field label={t("shelters.requestedBy")}>{t(`shelters.requestedBy.${r().requestedBy}`)}</Field>
        <Field label={t("shelters.registration")}>
          <A
            href={`/registrations/${r().registrationId}`}
            aria-label={t("shelters.openRegistration", { id: shortId(r().registrationId) })}
          >
            {shortId(r().registrationId)}
          </A>
        </Field>
        <Field label={t("shelters.organisation")}>
          <code title={r().organisationId}>{shortId(r().organisationId)}</code>
        </Field>
        <Show when={r().personId}>
          {(personId) => (
            <Field label={t("shelters.person")}>
              <code title={personId()}>{shortId(personId())}</code>
            </Field>
          )}
        </Show>
        <Field label={t("shelters.targetGroup")}>
          {codeLabel(TargetGroup.codeList.labels, needs().targetGroup, lang())}
        </Field>
        <Field label={t("shelters.urgency")}>
          <UrgencyBadge urgency={needs().urgency} />
        </Field>
        <Field label={t("shelters.needs")}>
          <NeedsSummary request={r()} />
        </Field>
        <Field label={t("shelters.languages")}>
          {needs().languages.length === 0
            ? "–"
            : needs()
                .languages.map((code) => languageName(code, lang()))
                .join(", ")}
        </Field>
        <Show when={needs().medicalNeeds}>
          {(medical) => <Field label={t("shelters.medicalNeeds")}>{medical()}</Field>}
        </Show>
        <Show when={r().unreadable?.includes("needs.medicalNeeds")}>
          <Field label={t("shelters.medicalNeeds")}>
            <span class="unreadable">{t("shelters.medicalNeedsUnreadable")}</span>
          </Field>
        </Show>
        <Field label={t("shelters.preferredRegion")}>
          {r().preferredRegion === undefined
            ? t("shelters.noPreference")
            : codeLabel(PoliceRegion.codeList.labels, r().preferredRegion ?? "", lang())}
        </Field>
        <Field label={t("shelters.updatedAt")}>{formatDateTime(r().updatedAt, lang())}</Field>
      </dl>
    </section>
  );
};

/**
 * Why a write failed, in words: a `409` says what happened meanwhile (the data is refreshed already); a `422` lists
 * the fields the form does not show at an input; anything else shows the error with a retry.
 */
const WriteProblem = (props: { error: unknown; atInputs?: ReadonlyArray<string>; onRetry: () => void }) => {
  const { t } = useI18n();
  const conflict = () => conflictOf(props.error);
  const others = () => placeProblems(problemFieldsOf(props.error), props.atInputs ?? []).others;
  const isValidation = () => classifyError(props.error).kind === "validation";
  const hasCosmRule = () => problemFieldsOf(props.error).some((field) => cosmRulePaths.includes(field.path));
  return (
    <div role="alert" class="alert">
      <p class="alert-title">{t("shelters.writeFailed")}</p>
      <Switch fallback={<ErrorMessage error={props.error} onRetry={props.onRetry} />}>
        <Match when={conflict()}>{(kind) => <p>{t(`shelters.conflict.${kind()}`)}</p>}</Match>
        <Match when={isValidation()}>
          <p>{t("shelters.fixFields")}</p>
          <Show when={others().length > 0}>
            <ul>
              <For each={others()}>
                {(field) => {
                  const key = ruleTexts[field.path];
                  return <li>{key === undefined ? field.message : t(key, { min: minOverrideReasonLength })}</li>;
                }}
              </For>
            </ul>
          </Show>
          <Show when={hasCosmRule()}>
            <p class="small">{t("shelters.overridePossible", { min: minOverrideReasonLength })}</p>
          </Show>
        </Match>
      </Switch>
    </div>
  );
};

interface OfferedPlace {
  readonly suggestion: PlaceSuggestion;
  readonly startsOn: string;
  readonly expiresAt: string;
}

const RequestWork = (props: { request: PlacementRequest }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const id = () => props.request.id;
  const actions = () => actionsFor(props.request.state);
  const has = (action: RequestAction) => actions().includes(action);

  const [done, setDone] = createSignal("");
  const [offered, setOffered] = createSignal<OfferedPlace>();
  const [placement, setPlacement] = createSignal<Placement>();
  const [confirmingCancel, setConfirmingCancel] = createSignal(false);
  /** The open offer as the API says it (after a reload too), else the one this page just made. */
  const openOffer = () => {
    const fromApi = props.request.offer;
    if (fromApi !== null && fromApi !== undefined) {
      return {
        place: fromApi.placeLabel,
        shelter: fromApi.shelterName,
        startsOn: fromApi.startsOn,
        expiresAt: fromApi.expiresAt,
      };
    }
    const made = offered();
    return made === undefined
      ? undefined
      : {
          place: made.suggestion.label,
          shelter: made.suggestion.shelterName,
          startsOn: made.startsOn,
          expiresAt: made.expiresAt,
        };
  };

  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ["placement-requests"] }),
      client.invalidateQueries({ queryKey: ["shelters"] }),
    ]);

  const successText = (write: Write): string => {
    switch (write.kind) {
      case "offer":
        return t("shelters.done.offer", { place: write.suggestion.label, shelter: write.suggestion.shelterName });
      case "end":
        return t("shelters.done.end", { date: formatDate(write.endsOn, lang()) });
      default:
        return t(`shelters.done.${write.kind}`);
    }
  };

  const mutation = createMutation(() => ({
    mutationFn: (write: Write) => perform(api, id(), write),
    onMutate: () => setDone(""),
    onSuccess: async (result: unknown, write: Write) => {
      setDone(successText(write));
      setConfirmingCancel(false);
      if (write.kind === "offer") {
        setOffered({ suggestion: write.suggestion, startsOn: write.offer.startsOn, expiresAt: write.offer.expiresAt });
      }
      if (write.kind === "accept") setPlacement(result as Placement);
      if (write.kind === "decline" || write.kind === "cancel") setOffered(undefined);
      await refresh();
      // The button just pressed is gone when the state changed: keyboard users continue at the actions.
      if (!document.activeElement?.isConnected || document.activeElement === document.body) {
        document.getElementById("request-actions-title")?.focus();
      }
    },
    // A conflict means the page showed an old state or a place that is gone: show what is true now.
    onError: (error: unknown) => (conflictOf(error) === undefined ? undefined : refresh()),
  }));

  // A conflict shows here, at the top, whichever write it came from: the refresh may take its form away.
  const isConflict = () => mutation.isError && conflictOf(mutation.error) !== undefined;
  const failedWith = (...kinds: ReadonlyArray<Write["kind"]>) =>
    mutation.isError && mutation.variables !== undefined && kinds.includes(mutation.variables.kind);
  const formError = (kind: "offer" | "end") => (failedWith(kind) && !isConflict() ? mutation.error : undefined);
  const retry = () => {
    if (mutation.variables !== undefined) mutation.mutate(mutation.variables);
  };
  const isPendingWith = (kind: Write["kind"]) => mutation.isPending && mutation.variables?.kind === kind;
  const write = (next: Write) => {
    if (!mutation.isPending) mutation.mutate(next);
  };

  const ActionButton = (buttonProps: {
    action: "startSearch" | "waitlist" | "accept" | "decline";
    primary?: boolean;
  }) => (
    <button
      type="button"
      class={`button ${buttonProps.primary === true ? "primary" : "secondary"}`}
      disabled={mutation.isPending}
      onClick={() => write({ kind: buttonProps.action })}
    >
      {isPendingWith(buttonProps.action) ? t("shelters.pending") : t(`shelters.action.${buttonProps.action}`)}
    </button>
  );

  let cancelNo: HTMLButtonElement | undefined;
  const askCancel = () => {
    setConfirmingCancel(true);
    requestAnimationFrame(() => cancelNo?.focus());
  };

  return (
    <>
      <RequestDetails request={props.request} />
      <section class="card wide" aria-labelledby="request-actions-title">
        <h2 id="request-actions-title" tabindex="-1">
          {t("shelters.actionsTitle")}
        </h2>
        <p class="success" role="status">
          {done()}
        </p>
        <Show when={props.request.state === "offered"}>
          <p>{t("shelters.offeredHint")}</p>
          <Show when={openOffer()}>
            {(offer) => (
              <p>
                {t("shelters.offerOpen", {
                  place: offer().place,
                  shelter: offer().shelter,
                  date: formatDate(offer().startsOn, lang()),
                  expires: formatDateTime(offer().expiresAt, lang()),
                })}
              </p>
            )}
          </Show>
        </Show>
        <Show when={props.request.state === "placed"}>
          <p>
            <Show
              when={props.request.placement}
              fallback={
                placement() === undefined
                  ? t("shelters.placedHint")
                  : t("shelters.placedFrom", { date: formatDate(placement()?.startsOn ?? "", lang()) })
              }
            >
              {(current) =>
                t("shelters.placedAt", {
                  place: current().placeLabel,
                  shelter: current().shelterName,
                  date: formatDate(current().startsOn, lang()),
                })
              }
            </Show>
          </p>
        </Show>
        <Show when={actions().length === 0}>
          <p>{t("shelters.noActions")}</p>
        </Show>
        <div class="action-bar">
          <Show when={has("accept")}>
            <ActionButton action="accept" primary />
          </Show>
          <Show when={has("decline")}>
            <ActionButton action="decline" />
          </Show>
          <Show when={has("startSearch")}>
            <ActionButton action="startSearch" primary />
          </Show>
          <Show when={has("waitlist")}>
            <ActionButton action="waitlist" />
          </Show>
          <Show when={has("cancel") && !confirmingCancel()}>
            <button type="button" class="button secondary danger" disabled={mutation.isPending} onClick={askCancel}>
              {t("shelters.action.cancel")}
            </button>
          </Show>
        </div>
        <Show when={has("cancel") && confirmingCancel()}>
          <ConfirmBox
            question={t("shelters.confirmCancel")}
            confirmLabel={isPendingWith("cancel") ? t("shelters.pending") : t("shelters.confirmCancelYes")}
            cancelLabel={t("shelters.confirmNo")}
            isConfirmDisabled={mutation.isPending}
            isCancelDisabled={mutation.isPending}
            onConfirm={() => write({ kind: "cancel" })}
            onCancel={() => setConfirmingCancel(false)}
            cancelRef={(element) => {
              cancelNo = element;
            }}
          />
        </Show>
        <Show when={isConflict() || failedWith("startSearch", "waitlist", "accept", "decline", "cancel")}>
          <WriteProblem error={mutation.error} onRetry={retry} />
        </Show>
      </section>
      <Show when={has("offer")}>
        <Suggestions
          request={props.request}
          isPending={mutation.isPending}
          pendingPlaceId={
            mutation.isPending && mutation.variables?.kind === "offer"
              ? mutation.variables.suggestion.placeId
              : undefined
          }
          error={formError("offer")}
          onOffer={(suggestion, offer) => write({ kind: "offer", suggestion, offer })}
          onRetry={retry}
        />
      </Show>
      <Show when={has("end")}>
        <EndPlacementForm
          isPending={mutation.isPending}
          error={formError("end")}
          onEnd={(endsOn, reason) => write({ kind: "end", endsOn, reason })}
          onRetry={retry}
        />
      </Show>
    </>
  );
};

const offerInputs = ["/startsOn", "/override/reason"] as const;

const Suggestions = (props: {
  request: PlacementRequest;
  isPending: boolean;
  pendingPlaceId: string | undefined;
  error: unknown;
  onOffer: (suggestion: PlaceSuggestion, offer: OfferInput) => void;
  onRetry: () => void;
}) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const today = todayInAmsterdam();
  const [startsOnText, setStartsOnText] = createSignal(today);
  const [startsOn, setStartsOn] = createSignal(today);
  const [hours, setHours] = createSignal(defaultOfferExpiryHours);
  const [overrideText, setOverrideText] = createSignal("");
  const [overrideTooShort, setOverrideTooShort] = createSignal(false);
  let overrideInput: HTMLTextAreaElement | undefined;
  let startsOnInput: HTMLInputElement | undefined;

  const query = createQuery(() => ({
    queryKey: shelterKeys.suggestions(props.request.id, startsOn()),
    queryFn: () => api.suggestPlaces(props.request.id, { from: startsOn() }),
  }));

  const onStartsOn = (value: string) => {
    setStartsOnText(value);
    if (isIsoDate(value)) setStartsOn(value);
  };
  const apiErrors = () => placeProblems(problemFieldsOf(props.error), offerInputs).atField;
  const startsOnError = () =>
    !isIsoDate(startsOnText())
      ? t("shelters.dateInvalid")
      : apiErrors()["/startsOn"] !== undefined
        ? t("shelters.rule.startsOn")
        : undefined;
  const overrideError = () =>
    overrideTooShort()
      ? t("shelters.overrideTooShort", { min: minOverrideReasonLength })
      : apiErrors()["/override/reason"] !== undefined
        ? t("shelters.rule.overrideReason", { min: minOverrideReasonLength })
        : undefined;

  const offer = (suggestion: PlaceSuggestion) => {
    if (!isIsoDate(startsOnText())) return startsOnInput?.focus();
    const override = parseOverrideReason(overrideText());
    setOverrideTooShort(override === "too_short");
    if (override === "too_short") return overrideInput?.focus();
    props.onOffer(suggestion, {
      placeId: suggestion.placeId,
      startsOn: startsOn(),
      expiresAt: offerExpiresAt(new Date(), hours()),
      ...(override === undefined ? {} : { override }),
    });
  };

  const spareText = (feature: string) =>
    feature === "high_security" || feature === "room_for_children" || feature === "accessible"
      ? t(`shelters.spare.${feature}`)
      : feature;

  return (
    <section class="card wide" aria-labelledby="suggestions-title" aria-busy={query.isFetching}>
      <h2 id="suggestions-title">{t("shelters.suggestionsTitle")}</h2>
      <p>{t("shelters.suggestionsIntro")}</p>
      <form class="form offer-form" onSubmit={(event) => event.preventDefault()} noValidate>
        <FormField
          id="offer-starts-on"
          label={t("shelters.startsOn")}
          hint={t("shelters.startsOnHint")}
          error={textMessage(startsOnError())}
        >
          {(aria) => (
            <input
              ref={startsOnInput}
              id="offer-starts-on"
              name="startsOn"
              type="date"
              value={startsOnText()}
              onInput={(event) => onStartsOn(event.currentTarget.value)}
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            />
          )}
        </FormField>
        <div class="field">
          <label for="offer-expiry">{t("shelters.expiry")}</label>
          <select id="offer-expiry" name="expiry" onChange={(event) => setHours(Number(event.currentTarget.value))}>
            <For each={offerExpiryHours}>
              {(option) => (
                <option value={String(option)} selected={option === hours()}>
                  {t("shelters.expiryHours", { hours: option })}
                </option>
              )}
            </For>
          </select>
        </div>
        <FormField
          id="offer-override"
          label={t("shelters.override")}
          hint={t("shelters.overrideHint", { min: minOverrideReasonLength })}
          error={textMessage(overrideError())}
        >
          {(aria) => (
            <textarea
              ref={overrideInput}
              id="offer-override"
              name="overrideReason"
              rows="2"
              value={overrideText()}
              onInput={(event) => {
                setOverrideText(event.currentTarget.value);
                setOverrideTooShort(false);
              }}
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            />
          )}
        </FormField>
      </form>
      <Show when={props.error !== undefined}>
        <WriteProblem error={props.error} atInputs={offerInputs} onRetry={props.onRetry} />
      </Show>
      <LoadingStatus isLoading={query.isPending} />
      <Switch>
        <Match when={query.isPending}>
          <Skeleton />
        </Match>
        <Match when={query.isError && query.data === undefined}>
          <QueryError query={query} />
        </Match>
        <Match when={(query.data?.length ?? 0) === 0}>
          <p>{t("shelters.suggestionsEmpty")}</p>
        </Match>
        <Match when={query.data}>
          {(suggestions) => (
            <section class="table-scroll" tabindex="0" aria-label={t("shelters.suggestionsTable")}>
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t("shelters.place")}</th>
                    <th scope="col">{t("shelters.shelter")}</th>
                    <th scope="col">{t("shelters.kind")}</th>
                    <th scope="col">{t("shelters.region")}</th>
                    <th scope="col">{t("shelters.fit")}</th>
                    <th scope="col">{t("shelters.offerColumn")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={suggestions()}>
                    {(suggestion) => (
                      <tr>
                        <th scope="row">{suggestion.label}</th>
                        <td>{suggestion.shelterName}</td>
                        <td>{codeLabel(ShelterKind.codeList.labels, suggestion.shelterKind, lang())}</td>
                        <td>{codeLabel(PoliceRegion.codeList.labels, suggestion.region, lang())}</td>
                        <td>
                          <ul class="plain small">
                            <Show when={suggestion.isInPreferredRegion}>
                              <li>{t("shelters.inPreferredRegion")}</li>
                            </Show>
                            <For each={suggestion.spareFeatures}>{(feature) => <li>{spareText(feature)}</li>}</For>
                            <Show when={!suggestion.isInPreferredRegion && suggestion.spareFeatures.length === 0}>
                              <li>{t("shelters.exactFit")}</li>
                            </Show>
                          </ul>
                        </td>
                        <td>
                          <button
                            type="button"
                            class="button primary"
                            disabled={props.isPending}
                            aria-label={t("shelters.offerPlace", {
                              place: suggestion.label,
                              shelter: suggestion.shelterName,
                            })}
                            onClick={() => offer(suggestion)}
                          >
                            {props.pendingPlaceId === suggestion.placeId ? t("shelters.pending") : t("shelters.offer")}
                          </button>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </section>
          )}
        </Match>
      </Switch>
      <Show when={query.isError && query.data !== undefined}>
        <QueryError query={query} />
      </Show>
    </section>
  );
};

const endInputs = ["/endsOn", "/reason"] as const;

const EndPlacementForm = (props: {
  isPending: boolean;
  error: unknown;
  onEnd: (endsOn: string, reason: EndReason) => void;
  onRetry: () => void;
}) => {
  const { t, lang } = useI18n();
  const [endsOnText, setEndsOnText] = createSignal(todayInAmsterdam());
  const [reason, setReason] = createSignal<EndReason | "">("");
  const [checked, setChecked] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  let endsOnInput: HTMLInputElement | undefined;
  let reasonSelect: HTMLSelectElement | undefined;
  let confirmNo: HTMLButtonElement | undefined;

  const apiErrors = () => placeProblems(problemFieldsOf(props.error), endInputs).atField;
  const endsOnError = () =>
    checked() && !isIsoDate(endsOnText())
      ? t("shelters.dateInvalid")
      : apiErrors()["/endsOn"] !== undefined
        ? t("shelters.rule.endsOn")
        : undefined;
  const reasonError = () =>
    checked() && reason() === ""
      ? t("shelters.rule.reason")
      : apiErrors()["/reason"] !== undefined
        ? t("shelters.rule.reason")
        : undefined;
  const reasonLabel = (code: string) => codeLabel(DomainPlacement.endReasonCodeList.labels, code, lang());

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!isIsoDate(endsOnText())) return endsOnInput?.focus();
    if (reason() === "") return reasonSelect?.focus();
    setConfirming(true);
    requestAnimationFrame(() => confirmNo?.focus());
  };
  const confirm = () => {
    const chosen = reason();
    if (chosen === "") return;
    setConfirming(false);
    props.onEnd(endsOnText(), chosen);
  };

  return (
    <section class="card wide" aria-labelledby="end-title">
      <h2 id="end-title">{t("shelters.endTitle")}</h2>
      <form class="form narrow" onSubmit={submit} noValidate>
        <FormField
          id="end-ends-on"
          label={t("shelters.endsOn")}
          hint={t("shelters.endsOnHint")}
          error={textMessage(endsOnError())}
        >
          {(aria) => (
            <input
              ref={endsOnInput}
              id="end-ends-on"
              name="endsOn"
              type="date"
              value={endsOnText()}
              onInput={(event) => {
                setEndsOnText(event.currentTarget.value);
                setConfirming(false);
              }}
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            />
          )}
        </FormField>
        <FormField id="end-reason" label={t("shelters.endReason")} error={textMessage(reasonError())}>
          {(aria) => (
            <select
              ref={reasonSelect}
              id="end-reason"
              name="reason"
              value={reason()}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setReason(endReasons.find((code) => code === value) ?? "");
                setConfirming(false);
              }}
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            >
              <option value="">{t("shelters.chooseReason")}</option>
              <For each={endReasons}>{(code) => <option value={code}>{reasonLabel(code)}</option>}</For>
            </select>
          )}
        </FormField>
        <Show when={!confirming()}>
          <button type="submit" class="button primary" disabled={props.isPending}>
            {props.isPending ? t("shelters.pending") : t("shelters.action.end")}
          </button>
        </Show>
      </form>
      <Show when={confirming()}>
        <ConfirmBox
          question={t("shelters.confirmEnd", { date: formatDate(endsOnText(), lang()), reason: reasonLabel(reason()) })}
          confirmLabel={t("shelters.confirmEndYes")}
          cancelLabel={t("shelters.confirmNo")}
          isConfirmDisabled={props.isPending}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
          cancelRef={(element) => {
            confirmNo = element;
          }}
        />
      </Show>
      <Show when={props.error !== undefined}>
        <WriteProblem error={props.error} atInputs={endInputs} onRetry={props.onRetry} />
      </Show>
    </section>
  );
};

/**
 * `/shelters/requests/:id` (coordinators): one placement request without names (the registration links to its
 * page), and the actions its state allows: search, waiting list, offer a suggested place, confirm or decline the
 * offer, end the placement, cancel.
 */
export const ShelterRequestPage = () => {
  const { t } = useI18n();
  const api = useApi();
  const params = useParams<{ id: string }>();
  const query = createQuery(() => ({
    queryKey: shelterKeys.request(params.id),
    queryFn: () => api.getPlacementRequest(params.id),
  }));
  return (
    <Page title={t("shelters.requestTitle", { id: shortId(params.id) })}>
      <BackLink href="/shelters" label={t("shelters.back")} />
      <LoadingStatus isLoading={query.isPending} />
      <div class="stack">
        <Switch>
          <Match when={query.isPending}>
            <Skeleton />
          </Match>
          <Match when={query.isError && query.data === undefined}>
            <QueryError query={query} />
          </Match>
          <Match when={query.data}>
            {(request) => (
              <>
                <Show when={query.isError}>
                  <QueryError query={query} />
                </Show>
                <RequestWork request={request()} />
              </>
            )}
          </Match>
        </Switch>
      </div>
    </Page>
  );
};
