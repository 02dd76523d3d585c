import { CaseStatus, ExploitationForm } from "@comensha/domain/labels";
import { A } from "@solidjs/router";
import { useApi } from "../../ApiContext.js";
import type { Registration } from "../../api.js";
import { OrganisationName } from "../../components/OrganisationName.js";
import { createPagedQuery, PagedTable } from "../../components/PagedTable.js";
import { formatDate, formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/I18n.js";
import { codeLabel, shortId } from "../registrations.js";
import type { RegistrationFilter } from "./FilterForm.js";

/** Registrations per page of the list. */
export const registrationPageSize = 50;

/**
 * The registrations that match the filter, as the API lists them: newest first by when they came in. That column
 * comes first and says so (`aria-sort`), so the order is visible; the reporting date may be older. No names.
 */
export const RegistrationList = (props: { filter: RegistrationFilter }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const query = createPagedQuery(() => ({
    queryKey: ["registrations", props.filter],
    fetchPage: (cursor) => api.listRegistrations({ ...props.filter, limit: registrationPageSize, cursor }),
  }));
  const forms = (registration: Registration) =>
    registration.exploitation.forms.map((form) => codeLabel(ExploitationForm.codeList.labels, form, lang())).join(", ");
  const empty = () =>
    props.filter.reference === undefined
      ? t("registrations.empty")
      : t("registrations.emptyReference", { reference: props.filter.reference });

  return (
    <div class="card wide">
      <h2 id="registration-list-title">{t("registrations.listTitle")}</h2>
      <p id="registration-list-order" class="muted small">
        {t("registrations.order")}
      </p>
      <PagedTable
        query={query}
        labelledBy="registration-list-title"
        empty={empty()}
        loadMore="registrations.loadMore"
        loadingMore="registrations.loadingMore"
        head={
          <tr>
            <th scope="col" aria-sort="descending">
              {t("registrations.receivedAt")} <span aria-hidden="true">↓</span>
            </th>
            <th scope="col">{t("registrations.reportedOn")}</th>
            <th scope="col">{t("registrations.forms")}</th>
            <th scope="col">{t("registrations.status")}</th>
            <th scope="col">{t("registrations.organisation")}</th>
            <th scope="col">{t("registrations.caseStatus")}</th>
            <th scope="col">{t("registrations.referenceColumn")}</th>
          </tr>
        }
        row={(registration) => (
          <tr>
            <th scope="row">{formatDateTime(registration.createdAt, lang())}</th>
            <td>{formatDate(registration.reportedOn, lang())}</td>
            <td>{forms(registration)}</td>
            <td>
              <span class={`status status-${registration.status}`}>
                {t(`registrations.status.${registration.status}`)}
              </span>
            </td>
            <td>
              <OrganisationName id={registration.organisationId} />
            </td>
            <td>
              {registration.caseStatus === undefined ? "" : CaseStatus.codeList.label(registration.caseStatus, lang())}
            </td>
            <td>
              <A
                href={`/registrations/${registration.id}`}
                aria-label={t("registrations.open", { id: shortId(registration.id) })}
              >
                {shortId(registration.id)}
              </A>
            </td>
          </tr>
        )}
      />
    </div>
  );
};
