import { createMutation, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../ApiContext.js";
import type { User, UserInput } from "../api/admin.js";
import { FormField } from "../components/FormField.js";
import { OrganisationName, useReportingOrganisations } from "../components/OrganisationName.js";
import { Page } from "../components/Page.js";
import { createPagedQuery, PagedTable } from "../components/PagedTable.js";
import { TableHead } from "../components/TableHead.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/I18n.js";
import { createIdempotencyKeeper } from "../idempotency.js";
import { useSession } from "../session.js";
import { adminPageSize } from "./AdminOrganisations.js";
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
  careUserOrganisations,
  checkUserForm,
  isOwnRequest,
  roleLabelKey,
  type UserField,
  userFields,
  userRoles,
} from "./admin.js";

/** The query key of the users list. */
export const usersKey = ["admin", "users"] as const;

const CreateUserForm = () => {
  const { t } = useI18n();
  const messageOf = useFieldMessage();
  const api = useApi();
  const client = useQueryClient();
  const keeper = createIdempotencyKeeper();
  const [problems, setProblems] = createSignal<Partial<Record<UserField, FieldProblem>>>({});
  const [created, setCreated] = createSignal<{ readonly name: string; readonly pending: boolean }>();
  // The one-time password lives in this signal only: not in storage, not in the query or mutation cache.
  const [secret, setSecret] = createSignal<{ readonly name: string; readonly password: string }>();
  const inputs: Partial<Record<UserField, HTMLInputElement | HTMLSelectElement>> = {};
  const [role, setRole] = createSignal("");
  const organisations = useReportingOrganisations();
  let form!: HTMLFormElement;

  const mutation = createMutation(() => ({
    mutationFn: async (input: UserInput) => {
      const answer = await api.createUser(input, { idempotencyKey: keeper.keyFor(input) });
      setSecret({ name: answer.user.name, password: answer.oneTimePassword });
      return answer.user;
    },
    onSuccess: (user: User) => {
      keeper.done();
      form.reset();
      setRole("");
      setCreated({ name: user.name, pending: user.status === "pending" });
      return client.invalidateQueries({ queryKey: usersKey });
    },
    onError: (error: unknown) => {
      const { byField } = fieldProblemsOf(error, userFields);
      setProblems(byField);
      focusFirstProblem(byField, userFields, inputs);
    },
  }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    setCreated(undefined);
    const checked = checkUserForm({
      email: inputs.email?.value ?? "",
      name: inputs.name?.value ?? "",
      role: inputs.role?.value ?? "",
      organisationId: inputs.organisationId?.value ?? "",
    });
    if (!checked.ok) {
      const byField = checkedProblemsOf(checked.errors, userFields);
      setProblems(byField);
      focusFirstProblem(byField, userFields, inputs);
      return;
    }
    setProblems({});
    mutation.mutate(checked.input);
  };

  const inputRef = (field: UserField) => (element: HTMLInputElement | HTMLSelectElement) => {
    inputs[field] = element;
  };

  return (
    <section class="card wide" aria-labelledby="user-create-title">
      <h2 id="user-create-title">{t("admin.userCreateTitle")}</h2>
      <p class="muted">{t("admin.userCreateIntro")}</p>
      <form ref={form} class="form admin-form" onSubmit={submit} noValidate aria-busy={mutation.isPending}>
        <FormField id="user-email" label={t("admin.email")} error={messageOf(problems().email)}>
          {(aria) => (
            <input
              ref={inputRef("email")}
              id="user-email"
              name="email"
              type="email"
              autocomplete="off"
              maxlength="254"
              required
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            />
          )}
        </FormField>
        <FormField id="user-name" label={t("admin.userName")} error={messageOf(problems().name)}>
          {(aria) => (
            <input
              ref={inputRef("name")}
              id="user-name"
              name="name"
              type="text"
              autocomplete="off"
              maxlength="200"
              required
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            />
          )}
        </FormField>
        <FormField id="user-role" label={t("admin.role")} error={messageOf(problems().role)}>
          {(aria) => (
            <select
              ref={inputRef("role")}
              id="user-role"
              name="role"
              required
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
              onChange={(event) => setRole(event.currentTarget.value)}
            >
              <option value="">{t("admin.chooseRole")}</option>
              <For each={userRoles}>{(code) => <option value={code}>{t(roleLabelKey(code))}</option>}</For>
            </select>
          )}
        </FormField>
        <Show when={role() === "care"}>
          <FormField
            id="user-organisation"
            label={t("admin.userOrganisation")}
            hint={t("admin.userOrganisationHint")}
            error={messageOf(problems().organisationId)}
          >
            {(aria) => (
              <select
                ref={inputRef("organisationId")}
                id="user-organisation"
                name="organisationId"
                required
                aria-invalid={aria.invalid()}
                aria-describedby={aria.describedBy()}
              >
                <option value="">{t("admin.chooseOrganisation")}</option>
                <For each={careUserOrganisations(organisations.data?.items ?? [])}>
                  {(organisation) => <option value={organisation.id}>{organisation.name}</option>}
                </For>
              </select>
            )}
          </FormField>
        </Show>
        <button type="submit" class="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("admin.userCreating") : t("admin.userCreate")}
        </button>
      </form>
      <p class="success" role="status">
        {(() => {
          const made = created();
          if (made === undefined) return "";
          return t(made.pending ? "admin.userCreatedPending" : "admin.userCreated", { name: made.name });
        })()}
      </p>
      <Show when={mutation.isError}>
        <WriteError error={mutation.error} fields={userFields} />
      </Show>
      <Show when={secret()}>
        {(shown) => (
          <SecretOnce
            title={t("admin.passwordOf", { name: shown().name })}
            label={t("admin.oneTimePassword")}
            warning={t("admin.passwordOnce")}
            note={t("admin.passwordChangeAtFirstLogin", { name: shown().name })}
            secret={shown().password}
            onDismiss={() => setSecret(undefined)}
          />
        )}
      </Show>
    </section>
  );
};

const UserList = () => {
  const { t, lang } = useI18n();
  const api = useApi();
  const client = useQueryClient();
  const session = useSession();
  const [disabled, setDisabled] = createSignal<string>();
  const query = createPagedQuery(() => ({
    queryKey: usersKey,
    fetchPage: (cursor) => api.listUsers({ limit: adminPageSize, cursor }),
  }));
  const disable = createMutation(() => ({
    mutationFn: (user: User) => api.disableUser(user.id),
    onSuccess: (user: User) => {
      setDisabled(user.name);
      return client.invalidateQueries({ queryKey: usersKey });
    },
  }));
  const reset = createMutation(() => ({
    mutationFn: async (user: User) => {
      await api.resetSecondFactor(user.id);
      return user;
    },
    onSuccess: (user: User) => {
      setDisabled(undefined);
      setWasReset(user.name);
      return client.invalidateQueries({ queryKey: usersKey });
    },
  }));
  const [wasReset, setWasReset] = createSignal<string>();
  const [approved, setApproved] = createSignal<string>();
  const approve = createMutation(() => ({
    mutationFn: (user: User) => api.approveUser(user.id),
    onSuccess: (user: User) => {
      setApproved(user.name);
      return client.invalidateQueries({ queryKey: usersKey });
    },
  }));
  const isSelf = (user: User) => session.user()?.id === user.id;
  const clearStatus = () => {
    setDisabled(undefined);
    setWasReset(undefined);
    setApproved(undefined);
  };

  return (
    <div class="card wide">
      <h2 id="user-list-title">{t("admin.userListTitle")}</h2>
      <p class="success" role="status">
        {disabled() === undefined ? "" : t("admin.userDisabled", { name: disabled() ?? "" })}
        {wasReset() === undefined ? "" : t("admin.secondFactorWasReset", { name: wasReset() ?? "" })}
        {approved() === undefined ? "" : t("admin.userApproved", { name: approved() ?? "" })}
      </p>
      <Show when={approve.isError}>
        <WriteError error={approve.error} conflict={t("admin.notAwaitingApproval")} />
      </Show>
      <Show when={disable.isError}>
        <WriteError error={disable.error} />
      </Show>
      <Show when={reset.isError}>
        <WriteError error={reset.error} />
      </Show>
      <PagedTable
        query={query}
        labelledBy="user-list-title"
        empty={t("admin.usersEmpty")}
        head={
          <TableHead
            columns={[
              t("admin.userName"),
              t("admin.email"),
              t("admin.role"),
              t("admin.status"),
              t("admin.lastLoginAt"),
              t("admin.actions"),
            ]}
          />
        }
        row={(user) => (
          <tr>
            <th scope="row">{user.name}</th>
            <td class="break-anywhere">{user.email}</td>
            <td>
              {t(roleLabelKey(user.role))}
              <Show when={user.role === "care"}>
                {" – "}
                <OrganisationName id={user.organisationId} />
              </Show>
            </td>
            <td>
              <span class={`status status-${user.status}`}>{t(`admin.userStatus.${user.status}`)}</span>
              <Show when={user.status === "active" && user.mustChangePassword}>
                <p class="small muted">{t("admin.mustChangePassword")}</p>
              </Show>
              <p class="small muted">
                {t(user.secondFactorEnrolled ? "admin.secondFactorOn" : "admin.secondFactorOff")}
              </p>
            </td>
            <td>{user.lastLoginAt === null ? t("admin.neverLoggedIn") : formatDateTime(user.lastLoginAt, lang())}</td>
            <td>
              <Show when={!isSelf(user)} fallback={<span class="muted small">{t("admin.thisIsYou")}</span>}>
                <Show when={user.status === "pending"}>
                  <Show
                    when={!isOwnRequest(user.approval, session.user()?.id)}
                    fallback={<p class="muted small">{t("admin.ownRequest")}</p>}
                  >
                    <ConfirmAction
                      tone="grant"
                      label={t("admin.approve")}
                      ariaLabel={t("admin.approveUser", { name: user.name })}
                      question={t("admin.approveUserQuestion", {
                        name: user.name,
                        email: user.email,
                        role: t(roleLabelKey(user.role)),
                      })}
                      confirmLabel={t("admin.approveConfirm")}
                      pendingLabel={t("admin.approving")}
                      onConfirm={() => {
                        clearStatus();
                        return approve.mutateAsync(user);
                      }}
                    />
                  </Show>
                </Show>
                <Show when={user.status !== "disabled"} fallback={<span class="muted small">{t("admin.none")}</span>}>
                  <Show when={user.status === "active" && user.secondFactorEnrolled}>
                    <ConfirmAction
                      label={t("admin.resetSecondFactor")}
                      ariaLabel={t("admin.resetSecondFactorOf", { name: user.name })}
                      question={t("admin.resetSecondFactorQuestion", { name: user.name, email: user.email })}
                      confirmLabel={t("admin.resetSecondFactorConfirm")}
                      pendingLabel={t("admin.resettingSecondFactor")}
                      onConfirm={() => {
                        clearStatus();
                        return reset.mutateAsync(user);
                      }}
                    />
                  </Show>
                  <ConfirmAction
                    label={t("admin.disable")}
                    ariaLabel={t("admin.disableUser", { name: user.name })}
                    question={t("admin.disableQuestion", { name: user.name, email: user.email })}
                    confirmLabel={t("admin.disableConfirm")}
                    pendingLabel={t("admin.disabling")}
                    onConfirm={() => {
                      clearStatus();
                      return disable.mutateAsync(user);
                    }}
                  />
                </Show>
              </Show>
            </td>
          </tr>
        )}
      />
    </div>
  );
};

/**
 * `/users` (administrators): console users, a new one with a one-time password, approving a pending one (another
 * administrator's request; four eyes), disabling one.
 */
export const UsersPage = () => {
  const { t } = useI18n();
  return (
    <Page title={t("admin.usersTitle")} intro={<p class="lead">{t("admin.usersIntro")}</p>}>
      <div class="stack">
        <CreateUserForm />
        <UserList />
      </div>
    </Page>
  );
};
