import { createMutation, useQueryClient } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { useApi } from "../../ApiContext.js";
import type { EndReason, OfferInput, Placement, PlacementRequest, PlaceSuggestion } from "../../api/shelters.js";
import type { ConsoleApi } from "../../api.js";
import { ConfirmBox } from "../../components/ConfirmBox.js";
import { formatDate, formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import { actionsFor, conflictOf, type RequestAction } from "../shelters.js";
import { EndPlacementForm } from "./EndPlacementForm.js";
import { PlacementFacts } from "./PlacementFacts.js";
import { RequestDetails } from "./RequestDetails.js";
import { Suggestions } from "./Suggestions.js";
import { WriteProblem } from "./WriteProblem.js";

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

/** An offer this page just made, shown until the API's answer names it. */
interface OfferedPlace {
  readonly suggestion: PlaceSuggestion;
  readonly startsOn: string;
  readonly expiresAt: string;
}

/**
 * The request and what a coordinator can do with it in its state: search, waiting list, offer a suggested place,
 * confirm or decline the offer, end the placement, cancel. Every write refreshes the request; a conflict says what
 * happened meanwhile.
 */
export const RequestWork = (props: { request: PlacementRequest }) => {
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
      <Show when={props.request.placement}>{(current) => <PlacementFacts placement={current()} />}</Show>
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
        <Show when={props.request.state === "ended" ? props.request.placement : undefined}>
          {(ended) => (
            <p>
              {t("shelters.endedAt", {
                place: ended().placeLabel,
                shelter: ended().shelterName,
                date: formatDate(ended().endsOn ?? "", lang()),
              })}
            </p>
          )}
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
          startsOn={props.request.placement?.startsOn ?? placement()?.startsOn}
          isPending={mutation.isPending}
          error={formError("end")}
          onEnd={(endsOn, reason) => write({ kind: "end", endsOn, reason })}
          onRetry={retry}
        />
      </Show>
    </>
  );
};
