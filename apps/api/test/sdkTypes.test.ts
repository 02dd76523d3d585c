import type {
  Registration as Domain,
  PlacementRequest as DomainPlacementRequest,
  ProcessingRecord as DomainProcessingRecord,
  ReportJob as DomainReportJob,
  Signals as DomainSignals,
  User as DomainUser,
} from "@comensha/domain";
import type {
  ApiKey,
  ChangePasswordInput,
  CodeList,
  ConsoleSession,
  CreatedUser,
  LoginInput,
  PlacementRequest,
  PlacementRequestInput,
  ProcessingRecord,
  Registration,
  RegistrationInput,
  Report,
  ReportInput,
  Signal,
  StatisticsOverview,
  User,
  UserInput,
} from "@comensha/sdk";
import { describe, expect, it } from "vitest";
import type { ChangePasswordRequest, LoginRequest, SessionResponse } from "../src/routes/auth.js";
import type { CodeListResponse } from "../src/routes/codeLists.js";
import type { ApiKeyResponse } from "../src/routes/organisations.js";
import type { PlacementRequestResponse } from "../src/routes/placementRequests.js";
import type { RegistrationResponse } from "../src/routes/registrations.js";
import type { ReportResponse } from "../src/routes/reports.js";
import type { StatisticsOverview as OverviewResponse } from "../src/routes/statistics.js";
import type { CreatedUserResponse } from "../src/routes/users.js";

type DeepMutable<T> =
  T extends ReadonlyArray<infer U>
    ? Array<DeepMutable<U>>
    : T extends object
      ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
      : T;
type Assignable<A, B> = [A] extends [B] ? true : false;
type NoExtraKeys<A, B> = [Exclude<keyof A, keyof B>] extends [never] ? true : false;

type DomainInput = DeepMutable<typeof Domain.RegistrationInput.Encoded>;

/**
 * Compile-time proof that the SDK's wire types, generated from the OpenAPI snapshot (packages/sdk/openapi.json), agree
 * with the API's schemas: everything the API answers fits the SDK's types, every valid report can be written with
 * them, and the SDK invents no field. It also catches a stale snapshot as the type-checker sees it.
 */
const proofs: {
  readonly signalFitsSdk: Assignable<DeepMutable<typeof DomainSignals.Signal.Encoded>, Signal>;
  readonly sdkSignalKindsExist: Assignable<Signal["kind"], (typeof DomainSignals.Signal.Encoded)["kind"]>;
  readonly responseFitsSdk: Assignable<DeepMutable<typeof RegistrationResponse.Encoded>, Registration>;
  readonly noInventedResponseFields: NoExtraKeys<Registration, DeepMutable<typeof RegistrationResponse.Encoded>>;
  readonly sdkKnowsEveryResponseField: NoExtraKeys<DeepMutable<typeof RegistrationResponse.Encoded>, Registration>;
  readonly validInputFitsSdk: Assignable<DomainInput, RegistrationInput>;
  readonly noInventedFields: NoExtraKeys<RegistrationInput, DomainInput>;
  readonly noInventedPersonFields: NoExtraKeys<RegistrationInput["person"], DomainInput["person"]>;
  readonly codeListFitsSdk: Assignable<Omit<DeepMutable<typeof CodeListResponse.Encoded>, "id">, Omit<CodeList, "id">>;
  readonly placementRequestFitsSdk: Assignable<DeepMutable<typeof PlacementRequestResponse.Encoded>, PlacementRequest>;
  readonly validPlacementInputFitsSdk: Assignable<
    DeepMutable<typeof DomainPlacementRequest.NewPlacementRequest.Encoded>,
    PlacementRequestInput
  >;
  readonly reportFitsSdk: Assignable<DeepMutable<typeof ReportResponse.Encoded>, Report>;
  readonly validReportInputFitsSdk: Assignable<DeepMutable<typeof DomainReportJob.ReportRequest.Encoded>, ReportInput>;
  readonly noInventedReportFields: NoExtraKeys<Report, DeepMutable<typeof ReportResponse.Encoded>>;
  readonly userFitsSdk: Assignable<DeepMutable<typeof DomainUser.User.Encoded>, User>;
  readonly noInventedUserFields: NoExtraKeys<User, DeepMutable<typeof DomainUser.User.Encoded>>;
  readonly apiKeyFitsSdk: Assignable<DeepMutable<typeof ApiKeyResponse.Encoded>, ApiKey>;
  readonly noInventedApiKeyFields: NoExtraKeys<ApiKey, DeepMutable<typeof ApiKeyResponse.Encoded>>;
  readonly sessionFitsSdk: Assignable<DeepMutable<typeof SessionResponse.Encoded>, ConsoleSession>;
  readonly loginInputFitsSdk: Assignable<DeepMutable<typeof LoginRequest.Encoded>, LoginInput>;
  readonly sdkLoginInputValid: Assignable<LoginInput, DeepMutable<typeof LoginRequest.Encoded>>;
  readonly passwordInputFitsSdk: Assignable<DeepMutable<typeof ChangePasswordRequest.Encoded>, ChangePasswordInput>;
  readonly sdkPasswordInputValid: Assignable<ChangePasswordInput, DeepMutable<typeof ChangePasswordRequest.Encoded>>;
  readonly newUserFitsSdk: Assignable<DeepMutable<typeof DomainUser.NewUser.Encoded>, UserInput>;
  readonly noInventedNewUserFields: NoExtraKeys<UserInput, DeepMutable<typeof DomainUser.NewUser.Encoded>>;
  readonly createdUserFitsSdk: Assignable<DeepMutable<typeof CreatedUserResponse.Encoded>, CreatedUser>;
  readonly overviewFitsSdk: Assignable<DeepMutable<typeof OverviewResponse.Encoded>, StatisticsOverview>;
  readonly noInventedOverviewFields: NoExtraKeys<StatisticsOverview, DeepMutable<typeof OverviewResponse.Encoded>>;
  readonly processingRecordFitsSdk: Assignable<
    DeepMutable<typeof DomainProcessingRecord.ProcessingRecord.Encoded>,
    ProcessingRecord
  >;
  readonly sdkProcessingRecordValid: Assignable<
    ProcessingRecord,
    DeepMutable<typeof DomainProcessingRecord.ProcessingRecord.Encoded>
  >;
  readonly noInventedProcessingRecordFields: NoExtraKeys<
    ProcessingRecord,
    DeepMutable<typeof DomainProcessingRecord.ProcessingRecord.Encoded>
  >;
} = {
  userFitsSdk: true,
  noInventedUserFields: true,
  apiKeyFitsSdk: true,
  noInventedApiKeyFields: true,
  sessionFitsSdk: true,
  loginInputFitsSdk: true,
  sdkLoginInputValid: true,
  passwordInputFitsSdk: true,
  sdkPasswordInputValid: true,
  newUserFitsSdk: true,
  noInventedNewUserFields: true,
  createdUserFitsSdk: true,
  overviewFitsSdk: true,
  noInventedOverviewFields: true,
  processingRecordFitsSdk: true,
  sdkProcessingRecordValid: true,
  noInventedProcessingRecordFields: true,
  reportFitsSdk: true,
  validReportInputFitsSdk: true,
  noInventedReportFields: true,
  placementRequestFitsSdk: true,
  validPlacementInputFitsSdk: true,
  signalFitsSdk: true,
  sdkSignalKindsExist: true,
  responseFitsSdk: true,
  noInventedResponseFields: true,
  sdkKnowsEveryResponseField: true,
  validInputFitsSdk: true,
  noInventedFields: true,
  noInventedPersonFields: true,
  codeListFitsSdk: true,
};

describe("the SDK's types", () => {
  it("agree with the API's schemas (proved by the type-checker, shown here)", () => {
    expect(Object.values(proofs).every((proof) => proof)).toBe(true);
  });
});
