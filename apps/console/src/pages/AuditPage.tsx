import { Show } from "solid-js";
import { useApi } from "../ApiContext.js";
import type { AuditEvent } from "../api.js";
import { Page } from "../components/Page.js";
import { createPagedQuery, PagedTable } from "../components/PagedTable.js";
import { TableHead } from "../components/TableHead.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import { shortId } from "./registrations.js";

/** Audit events per page. */
export const auditPageSize = 50;

/** `/audit` (auditors): the audit log, newest first. */
export const AuditPage = () => {
  const { t } = useI18n();
  const api = useApi();
  const query = createPagedQuery(() => ({
    queryKey: ["audit-events"],
    fetchPage: (cursor) => api.listAuditEvents({ cursor, limit: auditPageSize }),
  }));

  return (
    <Page title={t("audit.title")} intro={<p class="lead">{t("audit.intro")}</p>}>
      <div class="card wide">
        <h2 id="audit-list-title">{t("audit.listTitle")}</h2>
        <PagedTable
          query={query}
          labelledBy="audit-list-title"
          empty={t("audit.empty")}
          loadMore="audit.loadMore"
          loadingMore="audit.loadingMore"
          head={<AuditHead />}
          row={(event) => <AuditRow event={event} />}
        />
      </div>
    </Page>
  );
};

/** The header row of a table of {@link AuditRow}s. */
export const AuditHead = () => {
  const { t } = useI18n();
  return (
    <TableHead
      columns={[t("audit.time"), t("audit.actor"), t("audit.action"), t("audit.resource"), t("audit.outcome")]}
    />
  );
};

/** One audit event as a table row: when, who, what, on which resource, with what outcome. */
export const AuditRow = (props: { event: AuditEvent }) => {
  const { t, lang } = useI18n();
  const event = () => props.event;
  return (
    <tr>
      <th scope="row">{formatDateTime(event().occurredAt, lang())}</th>
      <td>
        {t(`audit.actor.${event().actor.kind}`)} <code title={event().actor.id}>{shortId(event().actor.id)}</code>
      </td>
      <td>
        <code>{event().action}</code>
      </td>
      <td>
        {event().resourceType}
        <Show when={event().resourceId}>
          {(id) => (
            <>
              {" "}
              <code title={id()}>{shortId(id())}</code>
            </>
          )}
        </Show>
      </td>
      <td>
        <span class={`status status-${event().outcome}`}>{t(`audit.outcome.${event().outcome}`)}</span>
      </td>
    </tr>
  );
};
