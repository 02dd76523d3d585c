import { createQuery } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { useApi } from "../ApiContext.js";
import { loadAllPages } from "../pages/registrationForm.js";
import { shortId } from "../pages/registrations.js";

/** Organisations per page when the console loads them all (a short list). */
const organisationPageSize = 200;
/** At most this many pages of organisations (2000): more would not fit a select anyway. */
const maxOrganisationPages = 10;

/** The query key of every organisation, as the registration form offers them as reporters and pages name them. */
export const reportingOrganisationsKey = ["organisations", "reporting"] as const;

/**
 * Every organisation (a short list, readable by coordinators and administrators), read once and shared by the
 * registration form and every page that names an organisation instead of showing its id.
 */
export const useReportingOrganisations = () => {
  const api = useApi();
  return createQuery(() => ({
    queryKey: reportingOrganisationsKey,
    queryFn: () =>
      loadAllPages(
        (cursor) => api.listReportingOrganisations({ cursor, limit: organisationPageSize }),
        maxOrganisationPages,
      ),
  }));
};

/** The name of the organisation `id` from {@link useReportingOrganisations}, or `undefined` until it is known. */
export const useOrganisationNameOf = () => {
  const organisations = useReportingOrganisations();
  return (id: string | undefined): string | undefined =>
    id === undefined ? undefined : organisations.data?.items.find((organisation) => organisation.id === id)?.name;
};

/**
 * An organisation by its name; by its short id (the whole id as a tooltip) until the list is in, or when the
 * organisation is not listed. A dash without an id.
 */
export const OrganisationName = (props: { readonly id: string | undefined }) => {
  const nameOf = useOrganisationNameOf();
  return (
    <Show
      when={nameOf(props.id)}
      fallback={props.id === undefined ? "–" : <code title={props.id}>{shortId(props.id)}</code>}
    >
      {(name) => name()}
    </Show>
  );
};
