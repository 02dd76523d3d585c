import { Option } from "effect";
import { describe, expect, it } from "vitest";
import { Referral } from "../src/index.js";

const today = "2026-12-07";
const base = {
  personId: "0193c000-0000-7000-8000-0000000000aa",
  toOrganisationId: "0193c000-0000-7000-8000-0000000000bb",
  service: "care_coordination",
} as unknown as Pick<Referral.NewReferral, "personId" | "toOrganisationId" | "service">;

const problem = (fields: Partial<Referral.NewReferral>) =>
  Option.getOrUndefined(Referral.sharingProblem({ ...base, shareIdentifiers: false, ...fields }, today));

describe("what a referral may share", () => {
  it("shares no identifiers without a legal basis, and nothing more than it says", () => {
    expect(problem({})).toBeUndefined();
    expect(problem({ shareIdentifiers: true })).toContain("legal basis");
    expect(problem({ sharingBasis: "consent", consentGivenOn: "2026-12-01" as never })).toContain("no identifiers");
    expect(problem({ consentGivenOn: "2026-12-01" as never })).toContain("no identifiers");
  });

  it("takes consent with the day it was given, not after today; a vital interest with no date", () => {
    expect(problem({ shareIdentifiers: true, sharingBasis: "consent" })).toContain("consentGivenOn");
    expect(
      problem({ shareIdentifiers: true, sharingBasis: "consent", consentGivenOn: today as never }),
    ).toBeUndefined();
    expect(
      problem({ shareIdentifiers: true, sharingBasis: "consent", consentGivenOn: "2026-12-08" as never }),
    ).toContain("after today");
    expect(problem({ shareIdentifiers: true, sharingBasis: "vital_interest" })).toBeUndefined();
    expect(
      problem({ shareIdentifiers: true, sharingBasis: "vital_interest", consentGivenOn: today as never }),
    ).toContain("belongs to the basis consent");
  });

  it("never refers to an organisation that enforces the law", () => {
    for (const kind of ["police", "kmar", "labour_inspectorate", "immigration_service"] as const) {
      expect(Referral.receivingKinds.has(kind), kind).toBe(false);
    }
    expect(Referral.receivingKinds.has("care_coordination")).toBe(true);
  });
});

describe("a referral's states", () => {
  const actions: ReadonlyArray<Referral.ReferralAction> = ["accept", "decline", "report", "withdraw"];
  const expected: Record<Referral.ReferralState, Partial<Record<Referral.ReferralAction, Referral.ReferralState>>> = {
    pending: { accept: "accepted", decline: "declined", withdraw: "withdrawn" },
    accepted: { report: "completed", withdraw: "withdrawn" },
    declined: {},
    completed: {},
    withdrawn: {},
  };

  it("moves only along its transitions; answered, completed and withdrawn referrals stay as they are", () => {
    for (const state of Referral.stateCodeList.codes) {
      for (const action of actions) {
        expect(Option.getOrUndefined(Referral.transition(state, action)), `${state} ${action}`).toBe(
          expected[state][action],
        );
      }
    }
  });
});
