import { ConflictError } from "@comensha/sdk";
import { cleanup, fireEvent, within } from "@solidjs/testing-library";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConsoleApi } from "../src/api.js";
import { cardTitled, renderRegistrationDetail, withPerson as withPersonOf } from "./support/registrationDetail.js";

const personId = "0193c000-0000-7000-8000-0000000000bb";

const renderDetail = renderRegistrationDetail;
const withPerson = (overrides: Partial<ConsoleApi> = {}) => withPersonOf(personId, overrides);

const card = () => cardTitled(/Casusstatus|Case status/);

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe("a person's case status on a registration's page", () => {
  it("shows a new person as active, changes the status with a coded reason, and lists the change", async () => {
    const api = withPerson();
    const changeCaseStatus = vi.fn(api.changeCaseStatus);
    renderDetail({ ...api, changeCaseStatus });
    const section = await card();
    expect(await section.findByText("Actief")).toBeTruthy();
    expect(section.getByText(/Nog niet gewijzigd/)).toBeTruthy();

    fireEvent.change(section.getByLabelText("Nieuwe status"), { target: { value: "closed_referred" } });
    // Referred is the one reason of closed_referred.
    const reason = section.getByLabelText("Reden") as HTMLSelectElement;
    expect([...reason.options].map((option) => option.value)).toEqual(["referred"]);
    fireEvent.click(section.getByRole("button", { name: "Status wijzigen" }));

    expect(await section.findByText("De status is gewijzigd.")).toBeTruthy();
    expect(changeCaseStatus).toHaveBeenCalledWith(personId, { status: "closed_referred", reason: "referred" });
    expect(section.getByText("Actief → Gesloten, doorverwezen: Doorverwezen")).toBeTruthy();
    expect(within(section.getByText(/Huidige status/)).getByText("Gesloten, doorverwezen")).toBeTruthy();
    // The form now offers the other statuses, and no reason `referred` for them.
    const statuses = [...(section.getByLabelText("Nieuwe status") as HTMLSelectElement).options].map((o) => o.value);
    expect(statuses).toEqual(["active", "follow_up", "closed"]);
    expect([...reason.options].map((option) => option.value)).not.toContain("referred");
  });

  it("says in words when the API refuses, and in English when the console is", async () => {
    renderDetail(
      withPerson({
        changeCaseStatus: async () => {
          throw new ConflictError({ status: 409, headers: new Headers({ "x-request-id": "req_case" }) });
        },
      }),
      "en",
    );
    const section = await card();
    expect(await section.findByText("Active")).toBeTruthy();
    fireEvent.click(section.getByRole("button", { name: "Change status" }));
    expect(await section.findByText(/req_case/)).toBeTruthy();
    expect(section.queryByText("The status was changed.")).toBeNull();
  });

  it("has no accessibility violations", async () => {
    const { container } = renderDetail(withPerson());
    const section = await card();
    await section.findByText("Actief");
    const results = await axe.run(container.querySelector("#case-status-title")?.closest("section") as Element);
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });
});
