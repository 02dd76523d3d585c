import type {
  Registration as Domain,
  PlacementRequest as DomainPlacementRequest,
  ReportJob as DomainReportJob,
} from "@comensha/domain";
import type {
  CodeList,
  PlacementRequest,
  PlacementRequestInput,
  Registration,
  RegistrationInput,
  Report,
  ReportInput,
} from "@comensha/sdk";
import { describe, expect, it } from "vitest";
import type { CodeListResponse } from "../src/routes/codeLists.js";
import type { PlacementRequestResponse } from "../src/routes/placementRequests.js";
import type { RegistrationResponse } from "../src/routes/registrations.js";
import type { ReportResponse } from "../src/routes/reports.js";

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
 * Compile-time proof that the SDK's hand-written wire types agree with the API's schemas: everything the API
 * answers fits the SDK's types, every valid report can be written with them, and the SDK invents no field.
 * (The SDK types are wider in places, e.g. country codes as strings; the API validates those.)
 */
const proofs: {
  readonly responseFitsSdk: Assignable<DeepMutable<typeof RegistrationResponse.Encoded>, Registration>;
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
} = {
  reportFitsSdk: true,
  validReportInputFitsSdk: true,
  noInventedReportFields: true,
  placementRequestFitsSdk: true,
  validPlacementInputFitsSdk: true,
  responseFitsSdk: true,
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
