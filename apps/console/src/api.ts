/**
 * The console's only door to the API: a small typed interface ({@link ConsoleApi}) over `@comensha/sdk` in session
 * mode. Pages and components depend on this interface (through `ApiProvider`), never on the SDK itself, so tests can
 * give them a fake and a change in the SDK touches this file alone.
 *
 * The session lives in the API's HttpOnly cookie; the SDK keeps the CSRF token in memory. Nothing here writes to
 * localStorage or sessionStorage.
 */
import Comensha, {
  ApiError,
  type Availability,
  ConnectionError,
  type CoordinatorRegistrationListItem,
  type PlacementState,
  type ProblemField,
  type RegistrationStatus,
  type Report,
  type ReportArtifact,
  type ReportInput,
  type Registration as SdkRegistration,
  type Signal as SdkSignal,
  type SignalList,
  type StatisticsOverview,
  TimeoutError,
  type User,
  type UserRole,
} from "@comensha/sdk";
import { type AdminApi, adminApi } from "./api/admin.js";
import { type CaseStatusApi, caseStatusApi } from "./api/caseStatus.js";
import { type DuplicatesApi, duplicatesApi } from "./api/duplicates.js";
import { type RegistrationFormsApi, registrationFormsApi } from "./api/registrationForms.js";
import { type SheltersApi, sheltersApi } from "./api/shelters.js";
import { type SubjectExportApi, subjectExportApi } from "./api/subjectExport.js";
import { type AttachmentsApi, attachmentsApi } from "./features/attachments/attachmentsApi.js";
import { type CaseNotesApi, caseNotesApi } from "./features/caseNotes/caseNotesApi.js";
import { type FollowUpsApi, followUpsApi } from "./features/followUps/followUpsApi.js";
import { type ReferralsApi, referralsApi } from "./features/referrals/referralsApi.js";
import { type TransfersApi, transfersApi } from "./features/transfers/transfersApi.js";

export type {
  Availability,
  PlacementState,
  RegistrationStatus,
  Report,
  ReportArtifact,
  ReportInput,
  StatisticsOverview,
  User,
};

/**
 * The signed-in user, with whether their role must use a second factor (until `secondFactorEnrolled`, the console
 * shows only the enrolment page).
 */
export type SignedInUser = User & { readonly secondFactorRequired?: boolean };

/** What the login form sends: the password, and for a user with a second factor the app's code or a recovery code. */
export interface LoginCredentials {
  readonly email: string;
  readonly password: string;
  readonly code?: string;
  readonly recoveryCode?: string;
}

/** A started enrolment of an authenticator app: the secret as text, and its QR code (an SVG document). */
export interface SecondFactorEnrolment {
  readonly secret: string;
  readonly qrCodeSvg: string;
}

/** A case status, as a coordinator's list of registrations gives it. */
export type CaseStatusCode = CoordinatorRegistrationListItem["caseStatus"];

/** A registration as a coordinator reads it: the API adds the reporting organisation and the person. */
export type Registration = SdkRegistration & {
  readonly organisationId?: string | undefined;
  readonly personId?: string | undefined;
  /** In a coordinator's list: where the person's case stands. */
  readonly caseStatus?: CaseStatusCode | undefined;
};

/** The cookie the API sets beside the session cookie: no secret, only that a session was started in this browser. */
const signedInHint = "comensha_signed_in";

/** Whether a session may exist: outside a browser always; in one, only with the API's signed-in hint. */
export const mayHaveSession = (): boolean =>
  typeof document === "undefined" ||
  document.cookie.split(";").some((cookie) => {
    const [name, value] = cookie.trim().split("=");
    return name === signedInHint && value !== undefined && value !== "";
  });

/** Drops a hint whose session has ended (timed out), so later loads do not ask again. */
const forgetSessionHint = () => {
  if (typeof document === "undefined") return;
  // biome-ignore lint/suspicious/noDocumentCookie: a constant name and no value; the Cookie Store API is not in every browser the console supports.
  document.cookie = `${signedInHint}=; Max-Age=0; Path=/; SameSite=Strict`;
};

/** The registration statuses, in the order the filter lists them. */
export const registrationStatuses: ReadonlyArray<RegistrationStatus> = [
  "received",
  "registered",
  "withdrawn",
  "rejected",
];

/** The filter and page of `GET /v1/registrations`. */
export interface RegistrationListParams {
  readonly status?: RegistrationStatus | undefined;
  readonly reportedFrom?: string | undefined;
  readonly reportedTo?: string | undefined;
  /** A short reference (the id's last 8 characters) or a whole id. */
  readonly reference?: string | undefined;
  /** The person's case status (the API takes it from coordinators only). */
  readonly caseStatus?: CaseStatusCode | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface RegistrationPage {
  readonly data: ReadonlyArray<Registration>;
  readonly nextCursor: string | null;
}

/** Whether an audited action changed data or only read it. */
export type AuditKind = "change" | "read";

/** Whether an audited action succeeded, was refused, or failed. */
export type AuditOutcome = "success" | "denied" | "failure";

/**
 * One entry of the audit log (`GET /v1/audit-events`): who did what to which resource, and whether it changed or read.
 * Never the personal data itself; `actorName` names who acted (a user's name for auditors, an API key's organisation).
 */
export interface AuditEvent {
  readonly id: string;
  readonly actor: {
    readonly kind: "api_key" | "user" | "system";
    readonly id: string;
    readonly organisationId?: string;
  };
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId?: string;
  readonly outcome: AuditOutcome;
  readonly requestId?: string;
  readonly occurredAt: string;
  readonly kind: AuditKind;
  readonly actorName?: string;
  readonly organisationName?: string;
}

/**
 * The filters of the audit log, applied by the API: every one given narrows the selection. `from` and `to` are
 * instants (ISO 8601), both inclusive.
 */
export interface AuditFilter {
  readonly actorName?: string | undefined;
  readonly actorId?: string | undefined;
  readonly resourceType?: string | undefined;
  readonly resourceId?: string | undefined;
  readonly action?: string | undefined;
  readonly kind?: AuditKind | undefined;
  readonly outcome?: AuditOutcome | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export interface AuditEventPage {
  readonly data: ReadonlyArray<AuditEvent>;
  readonly nextCursor: string | null;
}

/** The roles of console users (partners use the SDK with an API key, not the console). */
export type Role = UserRole;

/** Signal (knelpunt): a bottleneck derived from the data, without personal data (the SDK's type). */
export type Signal = SdkSignal;

/** The answer of `GET /v1/signals`. */
export type SignalsResponse = SignalList;

/** How many placement requests are in one state; `isAtLeast` when there were more than one page holds. */
export interface StateCount {
  readonly state: PlacementState;
  readonly count: number;
  readonly isAtLeast: boolean;
}

export interface ReportPage {
  readonly data: ReadonlyArray<Report>;
  readonly nextCursor: string | null;
}

/** Everything the console asks of the API. */
export interface ConsoleApi
  extends RegistrationFormsApi,
    DuplicatesApi,
    SheltersApi,
    AdminApi,
    SubjectExportApi,
    CaseStatusApi,
    CaseNotesApi,
    AttachmentsApi,
    FollowUpsApi,
    ReferralsApi,
    TransfersApi {
  /** The signed-in user, or `null` when there is no (valid) session. */
  session(): Promise<SignedInUser | null>;
  login(credentials: LoginCredentials): Promise<SignedInUser>;
  /** Starts enrolling an authenticator app; a new start replaces an unconfirmed one. */
  startSecondFactor(): Promise<SecondFactorEnrolment>;
  /** Confirms the enrolment with the app's code; answers the recovery codes, shown once. */
  confirmSecondFactor(code: string): Promise<ReadonlyArray<string>>;
  logout(): Promise<void>;
  logoutAll(): Promise<void>;
  changePassword(input: { currentPassword: string; newPassword: string }): Promise<void>;
  statisticsOverview(year: number): Promise<StatisticsOverview>;
  availability(range: { from: string; to?: string }): Promise<Availability>;
  countPlacementRequests(state: PlacementState): Promise<StateCount>;
  signals(): Promise<SignalsResponse>;
  listReports(params: { cursor?: string | undefined; limit: number }): Promise<ReportPage>;
  createReport(input: ReportInput): Promise<Report>;
  listRegistrations(params: RegistrationListParams): Promise<RegistrationPage>;
  getRegistration(id: string): Promise<Registration>;
  /** Every version of a registration, oldest first (coordinators). */
  listRegistrationVersions(id: string): Promise<ReadonlyArray<Registration>>;
  /** One page of the audit log (auditors), filtered by the API. */
  listAuditEvents(params: AuditFilter & { cursor?: string | undefined; limit: number }): Promise<AuditEventPage>;
  /** The selection of `filter` as CSV text (auditors), its labels in `lang`; the export is audited. */
  exportAuditEvents(filter: AuditFilter, lang: "nl" | "en"): Promise<string>;
}

/** Drops the keys whose value is `undefined` (the SDK's types are exact about optional keys). */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** The largest page the API serves: counts above it show as "200+". */
export const maxPageSize = 200;

/**
 * Makes the real API client: the SDK in session mode on `baseUrl` (the page's own origin). The browser keeps the
 * HttpOnly session cookie; the SDK keeps the CSRF token from `auth.login()`/`auth.session()` in memory.
 */
export const createSdkApi = (baseUrl: string): ConsoleApi => {
  const client = new Comensha({ baseUrl, session: true });
  return {
    session: async () => {
      // Without the API's signed-in hint there is no session: asking would only get a 401 that the browser logs.
      if (!mayHaveSession()) return null;
      try {
        const { user, secondFactorRequired } = await client.auth.session({ maxRetries: 0 });
        return { ...user, secondFactorRequired };
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          forgetSessionHint();
          return null;
        }
        throw error;
      }
    },
    // One attempt only: a retried login would count twice towards the lockout.
    login: async (credentials) => {
      const { user, secondFactorRequired } = await client.auth.login(defined({ ...credentials }), { maxRetries: 0 });
      return { ...user, secondFactorRequired };
    },
    startSecondFactor: () => client.auth.startSecondFactor({ maxRetries: 0 }),
    confirmSecondFactor: async (code) =>
      (await client.auth.confirmSecondFactor({ code }, { maxRetries: 0 })).recoveryCodes,
    logout: () => client.auth.logout(),
    logoutAll: () => client.auth.logoutAll(),
    changePassword: (input) => client.auth.changePassword(input, { maxRetries: 0 }),
    statisticsOverview: (year) => client.statistics.overview({ year }),
    availability: (range) => client.shelters.availability(range),
    countPlacementRequests: async (state) => {
      const page = await client.placementRequests.list({ state, limit: maxPageSize });
      return { state, count: page.data.length, isAtLeast: page.hasNextPage() };
    },
    signals: () => client.signals.list(),
    listReports: async ({ cursor, limit }) => {
      const page = await client.reports.list(cursor === undefined ? { limit } : { limit, cursor });
      return { data: page.data, nextCursor: page.hasNextPage() ? page.nextCursor : null };
    },
    createReport: (input) => client.reports.create(input),
    listRegistrations: async (params) => {
      const page = await client.registrations.list(defined({ ...params }));
      return { data: page.data, nextCursor: page.hasNextPage() ? page.nextCursor : null };
    },
    getRegistration: (id) => client.registrations.get(id),
    listRegistrationVersions: async (id) => (await client.registrations.versions(id)).data,
    listAuditEvents: async (params) => {
      const page = await client.auditEvents.list(defined({ ...params }));
      return { data: page.data, nextCursor: page.hasNextPage() ? page.nextCursor : null };
    },
    exportAuditEvents: (filter, lang) => client.auditEvents.export(defined({ ...filter, lang })),
    ...registrationFormsApi(client),
    ...duplicatesApi(client),
    ...sheltersApi(client),
    ...adminApi(client),
    ...subjectExportApi(client),
    ...caseStatusApi(client),
    ...caseNotesApi(client),
    ...attachmentsApi(client),
    ...followUpsApi(client),
    ...referralsApi(client),
    ...transfersApi(client),
  };
};

/** What went wrong, in terms the console can put into words. */
export type ErrorKind =
  | "invalid_credentials"
  | "second_factor_required"
  | "invalid_second_factor"
  | "locked"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "validation"
  | "rate_limited"
  | "unavailable"
  | "network"
  | "timeout"
  | "unknown";

export interface ErrorInfo {
  readonly kind: ErrorKind;
  /** The id to quote to support, when the API answered. */
  readonly requestId?: string | undefined;
  /** The offending fields of a `422`. */
  readonly fields: ReadonlyArray<ProblemField>;
  /** How long to wait before trying again (a locked account, a rate limit), when the API said. */
  readonly retryAfterSeconds?: number | undefined;
}

/** Seconds from a `Retry-After` header: delay-seconds or an HTTP date. */
export const parseRetryAfter = (value: string | null, now: Date = new Date()): number | undefined => {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
};

const lockedUntilSeconds = (error: ApiError, now: Date): number | undefined => {
  const lockedUntil = (error.problem as { lockedUntil?: unknown } | undefined)?.lockedUntil;
  if (typeof lockedUntil !== "string") return undefined;
  const at = Date.parse(lockedUntil);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
};

const isLockedType = (type: string): boolean => /\/(account-)?locked$/.test(type);

/**
 * Classifies any error a {@link ConsoleApi} call rejected with. On the login form (`during: "login"`) a `401` means
 * wrong credentials, and a `423`, a `locked` problem type or a `429` means the account is locked for a while.
 */
export const classifyError = (error: unknown, during?: "login", now: Date = new Date()): ErrorInfo => {
  if (error instanceof ApiError) {
    const base = { requestId: error.requestId, fields: error.errors };
    const retryAfterSeconds = parseRetryAfter(error.headers.get("retry-after"), now) ?? lockedUntilSeconds(error, now);
    if (error.status === 423 || isLockedType(error.type) || (during === "login" && error.status === 429)) {
      return { ...base, kind: "locked", retryAfterSeconds };
    }
    if (error.status === 401 && error.type.endsWith("/second-factor-required")) {
      return { ...base, kind: "second_factor_required" };
    }
    if (error.status === 401 && error.type.endsWith("/invalid-second-factor")) {
      return { ...base, kind: "invalid_second_factor" };
    }
    if (error.status === 401) return { ...base, kind: during === "login" ? "invalid_credentials" : "unauthorized" };
    if (error.status === 403) return { ...base, kind: "forbidden" };
    if (error.status === 404) return { ...base, kind: "not_found" };
    if (error.status === 422 || error.status === 400) return { ...base, kind: "validation" };
    if (error.status === 429) return { ...base, kind: "rate_limited", retryAfterSeconds };
    if (error.status >= 500) return { ...base, kind: "unavailable" };
    return { ...base, kind: "unknown" };
  }
  if (error instanceof TimeoutError) return { kind: "timeout", fields: [] };
  if (error instanceof ConnectionError) return { kind: "network", fields: [] };
  return { kind: "unknown", fields: [] };
};

/** Whether the error says the session is gone (expired, or ended elsewhere). */
export const isUnauthorized = (error: unknown): boolean => error instanceof ApiError && error.status === 401;
