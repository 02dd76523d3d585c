import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../src/app.js";
import {
  caller,
  inSession,
  makeOrganisation,
  makeUser,
  openTestApi,
  signIn,
  statusOfEveryOperation,
  type TestApi,
} from "./support.js";

/**
 * A care organisation (role `care`: a care coordinator, legal aid, IOM, a municipality) sees the referrals made to it
 * and nothing else: whatever it sends to any other route that holds or changes data, it gets 403 before anything is
 * read. Which referrals it sees is `referrals.test.ts`'s to prove.
 */
const allowedForCare = new Set([
  "getHealth",
  "getReadiness",
  "listCodeLists",
  "getCodeList",
  "listReferrals",
  "getReferral",
  "answerReferral",
  "reportReferral",
  // Its own webhook endpoints, for `referral.received` (another organisation's are 404).
  "createWebhookEndpoint",
  "listWebhookEndpoints",
  "getWebhookEndpoint",
  "enableWebhookEndpoint",
  "disableWebhookEndpoint",
  "deleteWebhookEndpoint",
  "listWebhookDeliveries",
  "replayWebhookDelivery",
  // The console's own authentication: an API key gets 401 on these, and they hold no one's data.
  "login",
  "getSession",
  "logout",
  "logoutAll",
  "changePassword",
  "startSecondFactorEnrolment",
  "confirmSecondFactorEnrolment",
  "renewRecoveryCodes",
]);

describe("the care role", () => {
  let api: TestApi;
  let care: ReturnType<typeof caller>;
  let careUser: ReturnType<typeof inSession>;

  beforeAll(async () => {
    api = await openTestApi("pglite");
    const organisation = await makeOrganisation(api, {
      name: "Zorgcoördinatie",
      kind: "care_coordination",
      role: "care",
    });
    care = caller(api, organisation.apiKey);
    const password = "een lang en synthetisch wachtwoord";
    await makeUser(api, {
      email: "zorg@zorg.test",
      role: "care",
      password,
      organisationId: organisation.organisation.id,
    });
    careUser = inSession(api, await signIn(api, "zorg@zorg.test", password));
  });

  afterAll(async () => {
    await api?.close();
  });

  it("is refused (403) by every route outside its referrals, health and code lists, whatever it sends", async () => {
    const answers = await statusOfEveryOperation(care, operations);
    const refused = answers.filter((answer) => !allowedForCare.has(answer.operationId));
    expect(refused.length).toBeGreaterThan(40);
    expect(refused.filter((answer) => answer.status !== 403)).toEqual([]);
    const allowed = answers.filter((answer) => allowedForCare.has(answer.operationId));
    expect(allowed.filter((answer) => answer.status === 403)).toEqual([]);
  });

  it("holds a care user in the console to the same routes as the organisation's key", async () => {
    const answers = await statusOfEveryOperation(careUser, operations);
    const refused = answers.filter((answer) => !allowedForCare.has(answer.operationId));
    expect(refused.length).toBeGreaterThan(40);
    expect(refused.filter((answer) => answer.status !== 403)).toEqual([]);
    const allowed = answers.filter((answer) => allowedForCare.has(answer.operationId));
    expect(allowed.filter((answer) => answer.status === 403)).toEqual([]);
  });
});
