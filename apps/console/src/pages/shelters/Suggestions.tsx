import { PoliceRegion, ShelterKind } from "@comensha/domain/labels";
import { createQuery } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { useApi } from "../../ApiContext.js";
import type { OfferInput, PlacementRequest, PlaceSuggestion } from "../../api/shelters.js";
import { FormField } from "../../components/FormField.js";
import { LoadingStatus } from "../../components/LoadingStatus.js";
import { QueryError } from "../../components/QueryError.js";
import { Skeleton } from "../../components/Skeleton.js";
import { todayInAmsterdam } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import { placeProblems, problemFieldsOf } from "../../problemFields.js";
import { codeLabel } from "../registrations.js";
import { shelterKeys } from "../ShelterParts.js";
import {
  defaultOfferExpiryHours,
  isIsoDate,
  minOverrideReasonLength,
  offerExpiresAt,
  offerExpiryHours,
  parseOverrideReason,
} from "../shelters.js";
import { textMessage, WriteProblem } from "./WriteProblem.js";

const offerInputs = ["/startsOn", "/override/reason"] as const;

/**
 * The places that fit the request from a start date, best first, each with a button to offer it: the start date, how
 * long the offer stays open and a COSM override reason apply to the offer made.
 */
export const Suggestions = (props: {
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
