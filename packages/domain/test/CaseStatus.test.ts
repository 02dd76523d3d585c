import { describe, expect, it } from "@effect/vitest";
import { Option, Result, Schema } from "effect";
import * as CaseStatus from "../src/CaseStatus.js";
import * as HtcdsStandard from "../src/HtcdsStandard.js";

const statuses = CaseStatus.codeList.codes;
const reasons = CaseStatus.reasonCodeList.codes;

describe("a case's status", () => {
  it("is HTCDS 2.0's cas_Status, code for code", () => {
    expect(statuses.map((status) => CaseStatus.htcdsCode[status])).toEqual(HtcdsStandard.codeLists.cas_Status.codes);
    expect(CaseStatus.initialStatus).toBe("active");
  });

  it("changes to any other status for any reason but referred, and closes as referred only for referred", () => {
    for (const from of statuses) {
      for (const to of statuses) {
        for (const reason of reasons) {
          const allowed = from !== to && (to === "closed_referred") === (reason === "referred");
          expect(Option.isNone(CaseStatus.changeProblem(from, to, reason)), `${from} -> ${to} (${reason})`).toBe(
            allowed,
          );
        }
      }
    }
  });

  it("reopens a closed case", () => {
    expect(CaseStatus.changeProblem("closed", "active", "reopened")).toEqual(Option.none());
    expect(CaseStatus.changeProblem("closed_referred", "active", "reopened")).toEqual(Option.none());
  });

  it("takes a coded reason only, never free text", () => {
    const decode = Schema.decodeUnknownResult(CaseStatus.NewCaseStatus);
    expect(Result.isSuccess(decode({ status: "closed", reason: "goals_reached" }))).toBe(true);
    expect(Result.isFailure(decode({ status: "closed", reason: "She moved in with her sister" }))).toBe(true);
    expect(Result.isFailure(decode({ status: "archived", reason: "other" }))).toBe(true);
  });
});
