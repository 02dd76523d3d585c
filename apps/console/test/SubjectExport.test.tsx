import { ForbiddenError } from "@comensha/sdk";
import { cleanup, fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConsoleApi } from "../src/api.js";
import { renderRegistrationDetail, withPerson as withPersonOf } from "./support/registrationDetail.js";

const personId = "0193c000-0000-7000-8000-0000000000aa";

const renderDetail = renderRegistrationDetail;
const withPerson = (overrides: Partial<ConsoleApi> = {}) => withPersonOf(personId, overrides);

const blobs: Array<Blob> = [];

beforeEach(() => {
  localStorage.clear();
  blobs.length = 0;
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return `blob:test/${blobs.length}`;
  });
  URL.revokeObjectURL = vi.fn();
});
afterEach(cleanup);

describe("the subject access export on a registration's page", () => {
  it("downloads the person's export as JSON and as a readable page in the console's language", async () => {
    const exportPerson = vi.fn(withPerson().exportPerson);
    const exportPersonPage = vi.fn(withPerson().exportPersonPage);
    const clicked: Array<string> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    renderDetail(withPerson({ exportPerson, exportPersonPage }));
    fireEvent.click(await screen.findByRole("button", { name: "Inzageverzoek: gegevens exporteren" }));
    expect(await screen.findByText(/Twee bestanden zijn gedownload/)).toBeTruthy();
    expect(exportPerson).toHaveBeenCalledWith(personId);
    expect(exportPersonPage).toHaveBeenCalledWith(personId, "nl");
    expect(clicked).toEqual([`subject-export-${personId}.json`, `subject-export-${personId}.html`]);
    expect(JSON.parse(await (blobs[0] as Blob).text())).toMatchObject({ personId });
    expect(blobs[1]?.type).toBe("text/html");
    const again = screen.getByRole("link", { name: "Leesbare versie opnieuw opslaan (HTML)" });
    expect(again.getAttribute("download")).toBe(`subject-export-${personId}.html`);
    click.mockRestore();
  });

  it("speaks English, and asks for the page in English", async () => {
    const exportPersonPage = vi.fn(withPerson().exportPersonPage);
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    renderDetail(withPerson({ exportPersonPage }), "en");
    expect(await screen.findByRole("heading", { name: "Subject access request" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Subject access: export data" }));
    await waitFor(() => expect(exportPersonPage).toHaveBeenCalledWith(personId, "en"));
    expect(await screen.findByText(/Two files were downloaded/)).toBeTruthy();
    click.mockRestore();
  });

  it("says so when the export fails, and downloads nothing", async () => {
    renderDetail(
      withPerson({
        exportPerson: async () => {
          throw new ForbiddenError({
            status: 403,
            headers: new Headers(),
            problem: {
              type: "https://comensha.nl/problems/forbidden",
              title: "Forbidden",
              status: 403,
              requestId: "r",
            },
          });
        },
      }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Inzageverzoek: gegevens exporteren" }));
    expect(await screen.findByText("De export is niet gelukt.")).toBeTruthy();
    expect(blobs).toHaveLength(0);
  });
});
