import type { Role } from "@comensha/domain";
import { ApiKey as DomainApiKey, OrganisationKind, PoliceRegion } from "@comensha/domain/labels";
import { A, useParams } from "@solidjs/router";
import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { useApi } from "../ApiContext.js";
import type { ApiKey, Organisation, OrganisationInput } from "../api/admin.js";
import { BackLink } from "../components/BackLink.js";
import { FormField } from "../components/FormField.js";
import { LoadingStatus } from "../components/LoadingStatus.js";
import { Page } from "../components/Page.js";
import { createPagedQuery, PagedTable } from "../components/PagedTable.js";
import { QueryError } from "../components/QueryError.js";
import { Skeleton } from "../components/Skeleton.js";
import { TableHead } from "../components/TableHead.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import { createIdempotencyKeeper } from "../idempotency.js";
import { useSession } from "../session.js";
import {
  ConfirmAction,
  checkedProblemsOf,
  type FieldProblem,
  fieldProblemsOf,
  focusFirstProblem,
  SecretOnce,
  useFieldMessage,
  WriteError,
} from "./AdminParts.js";
import {
  checkKeyForm,
  checkOrganisationForm,
  isKeyAwaitingApproval,
  isOwnRequest,
  type KeyField,
  keyFields,
  keyRolesFor,
  maskedKey,
  type OrganisationField,
  organisationFields,
  roleLabelKey,
} from "./admin.js";
import { codeLabel } from "./registrations.js";

/** Organisations and API keys per page of their lists. */
export const adminPageSize = 50;

/** The query keys of organisations: the list, one organisation, its keys (invalidating the first covers all). */
export const organisationsKey = ["admin", "organisations"] as const;
const organisationKey = (id: string) => [...organisationsKey, id] as const;
const apiKeysKey = (id: string) => [...organisationsKey, id, "keys"] as const;

const StatusBadge = (props: { readonly status: Organisation["status"] }) => {
  const { t } = useI18n();
  return <span class={`status status-${props.status}`}>{t(`admin.organisationStatus.${props.status}`)}</span>;
};

const CreateOrganisationForm = () => {
  const { t, lang } = useI18n();
  const messageOf = useFieldMessage();
  const api = useApi();
  const client = useQueryClient();
  const keeper = createIdempotencyKeeper();
  const [problems, setProblems] = createSignal<Partial<Record<OrganisationField, FieldProblem>>>({});
  const [created, setCreated] = createSignal<string>();
  // The new key lives in this signal only: not in storage, not in the query or mutation cache.
  const [secret, setSecret] = createSignal<{ readonly organisation: string; readonly key: string }>();
  const inputs: Partial<Record<OrganisationField, HTMLInputElement | HTMLSelectElement>> = {};
  let form!: HTMLFormElement;

  const mutation = createMutation(() => ({
    mutationFn: async (input: OrganisationInput) => {
      const answer = await api.createOrganisation(input, { idempotencyKey: keeper.keyFor(input) });
      setSecret({ organisation: answer.organisation.name, key: answer.apiKey.key });
      return answer.organisation;
    },
    onSuccess: (organisation: Organisation) => {
      keeper.done();
      form.reset();
      setCreated(organisation.name);
      return client.invalidateQueries({ queryKey: organisationsKey });
    },
    onError: (error: unknown) => {
      const { byField } = fieldProblemsOf(error, organisationFields);
      setProblems(byField);
      focusFirstProblem(byField, organisationFields, inputs);
    },
  }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setCreated(undefined);
    const checked = checkOrganisationForm({
      name: inputs.name?.value ?? "",
      kind: inputs.kind?.value ?? "",
      region: inputs.region?.value ?? "",
    });
    if (!checked.ok) {
      const byField = checkedProblemsOf(checked.errors, organisationFields);
      setProblems(byField);
      focusFirstProblem(byField, organisationFields, inputs);
      return;
    }
    setProblems({});
    mutation.mutate(checked.input);
  };

  return (
    <section class="card wide" aria-labelledby="organisation-create-title">
      <h2 id="organisation-create-title">{t("admin.organisationCreateTitle")}</h2>
      <p class="muted">{t("admin.organisationCreateIntro")}</p>
      <form ref={form} class="form admin-form" onSubmit={submit} noValidate aria-busy={mutation.isPending}>
        <FormField id="organisation-name" label={t("admin.organisationName")} error={messageOf(problems().name)}>
          {(aria) => (
            <input
              ref={(element) => {
                inputs.name = element;
              }}
              id="organisation-name"
              name="name"
              type="text"
              autocomplete="organization"
              maxlength="200"
              required
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            />
          )}
        </FormField>
        <FormField id="organisation-kind" label={t("admin.organisationKind")} error={messageOf(problems().kind)}>
          {(aria) => (
            <select
              ref={(element) => {
                inputs.kind = element;
              }}
              id="organisation-kind"
              name="kind"
              required
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            >
              <option value="">{t("admin.chooseKind")}</option>
              <For each={OrganisationKind.codeList.codes}>
                {(code) => <option value={code}>{OrganisationKind.codeList.label(code, lang())}</option>}
              </For>
            </select>
          )}
        </FormField>
        <FormField
          id="organisation-region"
          label={t("admin.organisationRegionOptional")}
          hint={t("admin.organisationRegionHint")}
          error={messageOf(problems().region)}
        >
          {(aria) => (
            <select
              ref={(element) => {
                inputs.region = element;
              }}
              id="organisation-region"
              name="region"
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            >
              <option value="">{t("admin.noRegion")}</option>
              <For each={PoliceRegion.codeList.codes}>
                {(code) => <option value={code}>{PoliceRegion.codeList.label(code, lang())}</option>}
              </For>
            </select>
          )}
        </FormField>
        <button type="submit" class="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("admin.organisationCreating") : t("admin.organisationCreate")}
        </button>
      </form>
      <p class="success" role="status">
        {created() === undefined ? "" : t("admin.organisationCreated", { name: created() ?? "" })}
      </p>
      <Show when={mutation.isError}>
        <WriteError error={mutation.error} fields={organisationFields} />
      </Show>
      <Show when={secret()}>
        {(shown) => (
          <SecretOnce
            title={t("admin.newKeyOf", { name: shown().organisation })}
            label={t("admin.apiKey")}
            warning={t("admin.keyOnce")}
            note={t("admin.keyHandOver")}
            secret={shown().key}
            onDismiss={() => setSecret(undefined)}
          />
        )}
      </Show>
    </section>
  );
};

const OrganisationList = () => {
  const { t, lang } = useI18n();
  const api = useApi();
  const query = createPagedQuery(() => ({
    queryKey: organisationsKey,
    fetchPage: (cursor) => api.listOrganisations({ limit: adminPageSize, cursor }),
  }));
  return (
    <div class="card wide">
      <h2 id="organisation-list-title">{t("admin.organisationListTitle")}</h2>
      <PagedTable
        query={query}
        labelledBy="organisation-list-title"
        empty={t("admin.organisationsEmpty")}
        head={
          <TableHead
            columns={[
              t("admin.organisationName"),
              t("admin.organisationKind"),
              t("admin.organisationRegion"),
              t("admin.status"),
              t("admin.createdAt"),
            ]}
          />
        }
        row={(organisation) => (
          <tr>
            <th scope="row">
              <A href={`/organisations/${organisation.id}`}>{organisation.name}</A>
              <Show when={organisation.isComensha}>
                {" "}
                <span class="muted small">({t("admin.comensha")})</span>
              </Show>
            </th>
            <td>{codeLabel(OrganisationKind.codeList.labels, organisation.kind, lang())}</td>
            <td>
              {organisation.region === null
                ? t("admin.none")
                : codeLabel(PoliceRegion.codeList.labels, organisation.region, lang())}
            </td>
            <td>
              <StatusBadge status={organisation.status} />
            </td>
            <td>{formatDateTime(organisation.createdAt, lang())}</td>
          </tr>
        )}
      />
    </div>
  );
};

/** `/organisations` (administrators): the partner organisations, and a new one with its first API key. */
export const OrganisationsPage = () => {
  const { t } = useI18n();
  return (
    <Page title={t("admin.organisationsTitle")} intro={<p class="lead">{t("admin.organisationsIntro")}</p>}>
      <div class="stack">
        <CreateOrganisationForm />
        <OrganisationList />
      </div>
    </Page>
  );
};

/** Makes another key for the organisation, named and with a role; the key itself shows once. */
const NewKeyForm = (props: { readonly organisation: Organisation }) => {
  const { t } = useI18n();
  const messageOf = useFieldMessage();
  const api = useApi();
  const client = useQueryClient();
  const keeper = createIdempotencyKeeper();
  const roles = () => keyRolesFor(props.organisation);
  const [created, setCreated] = createSignal<"active" | "pending">();
  // The new key lives in this signal only: not in storage, not in the query or mutation cache.
  const [secret, setSecret] = createSignal<string>();
  const [problems, setProblems] = createSignal<Partial<Record<KeyField, FieldProblem>>>({});
  const inputs: Partial<Record<KeyField, HTMLInputElement | HTMLSelectElement>> = {};
  let form!: HTMLFormElement;

  const mutation = createMutation(() => ({
    mutationFn: async (body: { readonly label: string; readonly role: Role.Role }) => {
      const key = await api.createApiKey(props.organisation.id, body, {
        idempotencyKey: keeper.keyFor({ organisation: props.organisation.id, ...body }),
      });
      setSecret(key.key);
      return key;
    },
    onSuccess: (key: ApiKey) => {
      keeper.done();
      form.reset();
      setCreated(isKeyAwaitingApproval(key) ? "pending" : "active");
      return client.invalidateQueries({ queryKey: apiKeysKey(props.organisation.id) });
    },
    onError: (error: unknown) => {
      const { byField } = fieldProblemsOf(error, keyFields);
      setProblems(byField);
      focusFirstProblem(byField, keyFields, inputs);
    },
  }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setCreated(undefined);
    const checked = checkKeyForm({ label: inputs.label?.value ?? "", role: inputs.role?.value ?? "" }, roles());
    if (!checked.ok) {
      const byField = checkedProblemsOf(checked.errors, keyFields);
      setProblems(byField);
      focusFirstProblem(byField, keyFields, inputs);
      return;
    }
    setProblems({});
    mutation.mutate(checked.input);
  };

  return (
    <section class="card wide" aria-labelledby="key-create-title">
      <h2 id="key-create-title">{t("admin.newKeyTitle")}</h2>
      <form ref={form} class="form inline" onSubmit={submit} noValidate aria-busy={mutation.isPending}>
        <FormField
          id="key-label"
          label={t("admin.keyLabel")}
          hint={t("admin.keyLabelHint")}
          error={messageOf(problems().label)}
        >
          {(aria) => (
            <input
              ref={(element) => {
                inputs.label = element;
              }}
              id="key-label"
              name="label"
              type="text"
              autocomplete="off"
              maxlength={DomainApiKey.maxLabelLength}
              required
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            />
          )}
        </FormField>
        <FormField id="key-role" label={t("admin.role")} error={messageOf(problems().role)}>
          {(aria) => (
            <select
              ref={(element) => {
                inputs.role = element;
              }}
              id="key-role"
              name="role"
              required
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            >
              <For each={roles()}>{(code) => <option value={code}>{t(roleLabelKey(code))}</option>}</For>
            </select>
          )}
        </FormField>
        <button type="submit" class="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("admin.keyCreating") : t("admin.keyCreate")}
        </button>
      </form>
      <p class="success" role="status">
        {created() === undefined ? "" : t(created() === "pending" ? "admin.keyCreatedPending" : "admin.keyCreated")}
      </p>
      <Show when={mutation.isError}>
        <WriteError error={mutation.error} fields={keyFields} />
      </Show>
      <Show when={secret()}>
        {(key) => (
          <SecretOnce
            title={t("admin.newKeyOf", { name: props.organisation.name })}
            label={t("admin.apiKey")}
            warning={t("admin.keyOnce")}
            note={t("admin.keyHandOver")}
            secret={key()}
            onDismiss={() => setSecret(undefined)}
          />
        )}
      </Show>
    </section>
  );
};

const KeyList = (props: { readonly organisation: Organisation }) => {
  const { t, lang } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const session = useSession();
  const [revoked, setRevoked] = createSignal<string>();
  const [approved, setApproved] = createSignal<string>();
  const query = createPagedQuery(() => ({
    queryKey: apiKeysKey(props.organisation.id),
    fetchPage: (cursor) => api.listApiKeys(props.organisation.id, { limit: adminPageSize, cursor }),
  }));
  const revoke = createMutation(() => ({
    mutationFn: (key: ApiKey) => api.revokeApiKey(key.id),
    onSuccess: (key: ApiKey) => {
      setRevoked(maskedKey(key.prefix));
      return client.invalidateQueries({ queryKey: apiKeysKey(props.organisation.id) });
    },
  }));
  const approve = createMutation(() => ({
    mutationFn: (key: ApiKey) => api.approveApiKey(key.id),
    onSuccess: (key: ApiKey) => {
      setApproved(maskedKey(key.prefix));
      return client.invalidateQueries({ queryKey: apiKeysKey(props.organisation.id) });
    },
  }));
  const clearStatus = () => {
    setRevoked(undefined);
    setApproved(undefined);
  };

  return (
    <div class="card wide">
      <h2 id="key-list-title">{t("admin.keysTitle")}</h2>
      <p class="success" role="status">
        {revoked() === undefined ? "" : t("admin.keyRevoked", { key: revoked() ?? "" })}
        {approved() === undefined ? "" : t("admin.keyApproved", { key: approved() ?? "" })}
      </p>
      <Show when={revoke.isError}>
        <WriteError error={revoke.error} />
      </Show>
      <Show when={approve.isError}>
        <WriteError error={approve.error} conflict={t("admin.notAwaitingApproval")} />
      </Show>
      <PagedTable
        query={query}
        labelledBy="key-list-title"
        empty={t("admin.keysEmpty")}
        head={
          <TableHead
            columns={[
              t("admin.keyLabel"),
              t("admin.key"),
              t("admin.role"),
              t("admin.createdAt"),
              t("admin.lastUsedAt"),
              t("admin.status"),
              t("admin.actions"),
            ]}
          />
        }
        row={(key) => (
          <tr>
            <th scope="row">{key.label ?? <span class="muted">{t("admin.keyNoLabel")}</span>}</th>
            <td>
              <code>{maskedKey(key.prefix)}</code>
            </td>
            <td>{t(roleLabelKey(key.role))}</td>
            <td>{formatDateTime(key.createdAt, lang())}</td>
            <td>{key.lastUsedAt === null ? t("admin.neverUsed") : formatDateTime(key.lastUsedAt, lang())}</td>
            <td>
              {key.revokedAt !== null ? (
                <span class="status status-revoked">
                  {t("admin.keyRevokedOn", { date: formatDateTime(key.revokedAt, lang()) })}
                </span>
              ) : isKeyAwaitingApproval(key) ? (
                <span class="status status-pending">{t("admin.awaitingApproval")}</span>
              ) : (
                <span class="status status-active">{t("admin.keyActive")}</span>
              )}
            </td>
            <td>
              <Show when={key.revokedAt === null} fallback={<span class="muted small">{t("admin.none")}</span>}>
                <Show when={isKeyAwaitingApproval(key)}>
                  <Show
                    when={!isOwnRequest(key.approval, session.user()?.id)}
                    fallback={<p class="muted small">{t("admin.ownRequest")}</p>}
                  >
                    <ConfirmAction
                      tone="grant"
                      label={t("admin.approve")}
                      ariaLabel={t("admin.keyApprove", { key: maskedKey(key.prefix) })}
                      question={t("admin.keyApproveQuestion", {
                        key: maskedKey(key.prefix),
                        role: t(roleLabelKey(key.role)),
                      })}
                      confirmLabel={t("admin.approveConfirm")}
                      pendingLabel={t("admin.approving")}
                      onConfirm={() => {
                        clearStatus();
                        return approve.mutateAsync(key);
                      }}
                    />
                  </Show>
                </Show>
                <ConfirmAction
                  label={t("admin.revoke")}
                  ariaLabel={t("admin.revokeKey", { key: maskedKey(key.prefix) })}
                  question={t("admin.revokeQuestion", { key: maskedKey(key.prefix) })}
                  confirmLabel={t("admin.revokeConfirm")}
                  pendingLabel={t("admin.revoking")}
                  onConfirm={() => {
                    clearStatus();
                    return revoke.mutateAsync(key);
                  }}
                />
              </Show>
            </td>
          </tr>
        )}
      />
    </div>
  );
};

const OrganisationFacts = (props: { readonly organisation: Organisation }) => {
  const { t, lang } = useI18n();
  const o = () => props.organisation;
  return (
    <section class="card wide" aria-labelledby="organisation-facts-title">
      <h2 id="organisation-facts-title">{t("admin.organisationFacts")}</h2>
      <dl class="admin-facts">
        <dt>{t("admin.organisationKind")}</dt>
        <dd>{codeLabel(OrganisationKind.codeList.labels, o().kind, lang())}</dd>
        <dt>{t("admin.organisationRegion")}</dt>
        <dd>
          {o().region === null ? t("admin.none") : codeLabel(PoliceRegion.codeList.labels, o().region ?? "", lang())}
        </dd>
        <dt>{t("admin.status")}</dt>
        <dd>
          <StatusBadge status={o().status} />
        </dd>
        <dt>{t("admin.createdAt")}</dt>
        <dd>{formatDateTime(o().createdAt, lang())}</dd>
        <Show when={o().isComensha}>
          <dt>{t("admin.comensha")}</dt>
          <dd>{t("admin.comenshaText")}</dd>
        </Show>
      </dl>
    </section>
  );
};

/**
 * `/organisations/:id` (administrators): one organisation, its API keys, a new key, approving one that another
 * administrator asked for (four eyes), revoking one.
 */
export const OrganisationDetailPage = () => {
  const { t } = useI18n();
  const api = useApi();
  const params = useParams<{ id: string }>();
  const query = createQuery(() => ({
    queryKey: organisationKey(params.id),
    queryFn: () => api.findOrganisation(params.id),
  }));
  const title = () => query.data?.name ?? t("admin.organisationTitle");
  return (
    <Page title={title()}>
      <BackLink href="/organisations" label={t("admin.backToOrganisations")} />
      <LoadingStatus isLoading={query.isPending} />
      <Switch>
        <Match when={query.isPending}>
          <Skeleton />
        </Match>
        <Match when={query.isError}>
          <QueryError query={query} />
        </Match>
        <Match when={query.data === null}>
          <p>{t("admin.organisationNotFound")}</p>
        </Match>
        <Match when={query.data}>
          {(organisation) => (
            <div class="stack">
              <OrganisationFacts organisation={organisation()} />
              <NewKeyForm organisation={organisation()} />
              <KeyList organisation={organisation()} />
            </div>
          )}
        </Match>
      </Switch>
    </Page>
  );
};
