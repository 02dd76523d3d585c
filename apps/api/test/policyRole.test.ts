import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../src/app.js";
import { caller, makeOrganisation, openTestApi, statusOfEveryOperation, type TestApi } from "./support.js";

/**
 * Policy staff read reports and aggregates, never personal data: whatever they send to a route that holds
 * personal data, they get 403 before anything is read.
 */
const allowedForPolicy = new Set([
  "getHealth",
  "getReadiness",
  "listCodeLists",
  "getCodeList",
  "listShelters",
  "getAvailability",
  "listSignals",
  "requestReport",
  "listReports",
  "getReport",
  "downloadReportArtifact",
  "getStatisticsOverview",
  // The console's own authentication: no personal data behind any of these (an API key gets 401 on the session ones).
  "login",
  "getSession",
  "logout",
  "logoutAll",
  "changePassword",
  "startSecondFactorEnrolment",
  "confirmSecondFactorEnrolment",
  "renewRecoveryCodes",
]);

describe("the policy role", () => {
  let api: TestApi;
  let policy: ReturnType<typeof caller>;

  beforeAll(async () => {
    api = await openTestApi("pglite");
    policy = caller(api, (await makeOrganisation(api, { name: "Beleid", kind: "other", role: "policy" })).apiKey);
  });

  afterAll(async () => {
    await api?.close();
  });

  it("is refused (403) by every route outside reports, aggregates and code lists, whatever it sends", async () => {
    const answers = await statusOfEveryOperation(policy, operations);
    const refused = answers.filter((answer) => !allowedForPolicy.has(answer.operationId));
    expect(refused.length).toBeGreaterThan(15);
    expect(refused.filter((answer) => answer.status !== 403)).toEqual([]);
    const allowed = answers.filter((answer) => allowedForPolicy.has(answer.operationId));
    expect(allowed.filter((answer) => answer.status === 403)).toEqual([]);
  });
});
