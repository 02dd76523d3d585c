import { Option, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { type Organisation, Transfer } from "../src/index.js";
import * as Labels from "../src/labels.js";

const police = "0193c000-0000-7000-8000-0000000000a1" as Organisation.OrganisationId;
const care = "0193c000-0000-7000-8000-0000000000b2" as Organisation.OrganisationId;
const comensha = "0193c000-0000-7000-8000-0000000000c3" as Organisation.OrganisationId;

const party = (
  id: Organisation.OrganisationId,
  fields: Partial<Transfer.TransferParty> = {},
): Transfer.TransferParty => ({
  id,
  status: "active",
  isComensha: false,
  ...fields,
});

const problem = (from: Transfer.TransferParty, to: Transfer.TransferParty) =>
  Option.getOrUndefined(Transfer.transferProblem(from, to));

describe("who may take a registration over", () => {
  it("moves a registration to another active partner organisation", () => {
    expect(problem(party(police), party(care))).toBeUndefined();
  });

  it("moves it from a suspended owner too: the receiver must be active, not the sender", () => {
    expect(problem(party(police, { status: "suspended" }), party(care))).toBeUndefined();
  });

  it("refuses the organisation that owns it already", () => {
    expect(problem(party(police), party(police))).toBe("the registration already belongs to this organisation");
  });

  it("refuses CoMensha's own organisation, whose coordinators see every registration already", () => {
    expect(problem(party(police), party(comensha, { isComensha: true }))).toBe(
      "a registration is not transferred to CoMensha's own organisation",
    );
  });

  it("refuses a suspended organisation, whose keys do not work", () => {
    expect(problem(party(police), party(care, { status: "suspended" }))).toBe(
      "the organisation is suspended and cannot take a registration over",
    );
  });

  it("names the same organisation first when it is also suspended or CoMensha's", () => {
    const self = party(comensha, { isComensha: true, status: "suspended" });
    expect(problem(self, self)).toBe("the registration already belongs to this organisation");
  });
});

describe("a transfer's body", () => {
  const decode = Schema.decodeUnknownExit(Transfer.NewTransfer);

  it("takes a receiving organisation and a coded reason", () => {
    expect(decode({ toOrganisationId: care, reason: "care_takes_over" })._tag).toBe("Success");
    expect(decode({ toOrganisationId: care, reason: "because" })._tag).toBe("Failure");
    expect(decode({ toOrganisationId: "care", reason: "other" })._tag).toBe("Failure");
    expect(decode({ reason: "other" })._tag).toBe("Failure");
  });

  it("has a Dutch and an English label for every reason", () => {
    expect(Transfer.reasonCodeList.id).toBe("transfer_reason");
    expect(Labels.Transfer.reasonCodeList.codes).toEqual([
      "care_takes_over",
      "other_region",
      "wrong_organisation",
      "other",
    ]);
    for (const code of Labels.Transfer.reasonCodeList.codes) {
      expect(Labels.Transfer.reasonCodeList.label(code, "nl")).not.toBe(code);
      expect(Labels.Transfer.reasonCodeList.label(code, "en")).not.toBe(code);
    }
    expect(Labels.Transfer.reasonCodeList.label("care_takes_over", "nl")).toBe("Zorg neemt het over");
  });
});
