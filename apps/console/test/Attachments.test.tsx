import { ApiError, ProblemTypes } from "@comensha/sdk";
import { cleanup, fireEvent } from "@solidjs/testing-library";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConsoleApi } from "../src/api.js";
import { mediaTypeOf } from "../src/features/attachments/AttachmentsCard.js";
import { cardTitled, renderRegistrationDetail, withPerson as withPersonOf } from "./support/registrationDetail.js";

const personId = "0193c000-0000-7000-8000-0000000000dd";

const withPerson = (overrides: Partial<ConsoleApi> = {}) => withPersonOf(personId, overrides);
const card = () => cardTitled(/^(Bijlagen|Attachments)$/);
const choose = (input: HTMLElement, file: File) => fireEvent.change(input, { target: { files: [file] } });

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the files in a person's case on a registration's page", () => {
  it("uploads a chosen file, lists it, and downloads it under its own name", async () => {
    const api = withPerson();
    const addAttachment = vi.fn(api.addAttachment);
    const downloadAttachment = vi.fn(api.downloadAttachment);
    const createObjectURL = vi.fn((_: Blob) => "blob:attachment");
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    renderRegistrationDetail({ ...api, addAttachment, downloadAttachment });
    const section = await card();
    expect(await section.findByText("Er zijn nog geen bijlagen.")).toBeTruthy();

    const file = new File(["%PDF-1.7\n"], "Verklaring politie.pdf", { type: "application/pdf" });
    choose(section.getByLabelText("Bestand"), file);
    fireEvent.click(section.getByRole("button", { name: "Bijlage toevoegen" }));
    expect(await section.findByText("De bijlage is toegevoegd.")).toBeTruthy();
    expect(addAttachment).toHaveBeenCalledWith(
      personId,
      { fileName: "Verklaring politie.pdf", mediaType: "application/pdf", data: file },
      expect.any(String),
    );
    expect(await section.findByText("Verklaring politie.pdf")).toBeTruthy();
    expect(section.getByText(/^PDF-document, 9 B, toegevoegd op /)).toBeTruthy();

    fireEvent.click(section.getByRole("button", { name: "Verklaring politie.pdf downloaden" }));
    await vi.waitFor(() => expect(clicked).toHaveBeenCalled());
    expect(downloadAttachment).toHaveBeenCalledWith(personId, expect.any(String));
    const blob = createObjectURL.mock.calls[0]?.[0] as Blob;
    expect(blob.type).toBe("application/pdf");
    expect(await blob.text()).toBe("%PDF-1.7\n");
    expect((clicked.mock.instances[0] as unknown as HTMLAnchorElement).download).toBe("Verklaring politie.pdf");
    clicked.mockRestore();
  });

  it("refuses no file, another kind of file and one over 10 MiB before sending, in English too", async () => {
    const api = withPerson();
    const addAttachment = vi.fn(api.addAttachment);
    renderRegistrationDetail({ ...api, addAttachment }, "en");
    const section = await card();
    fireEvent.click(section.getByRole("button", { name: "Add attachment" }));
    expect(await section.findByText("Choose a file first.")).toBeTruthy();
    choose(section.getByLabelText("File"), new File(["<html>"], "page.html", { type: "text/html" }));
    fireEvent.click(section.getByRole("button", { name: "Add attachment" }));
    expect(await section.findByText(/This kind of file is not accepted/)).toBeTruthy();
    const big = new File(["x"], "big.txt", { type: "text/plain" });
    Object.defineProperty(big, "size", { value: 10 * 1024 * 1024 + 1 });
    choose(section.getByLabelText("File"), big);
    fireEvent.click(section.getByRole("button", { name: "Add attachment" }));
    expect(await section.findByText(/The file is too large: at most 10/)).toBeTruthy();
    expect(section.getByLabelText("File").getAttribute("aria-invalid")).toBe("true");
    expect(addAttachment).not.toHaveBeenCalled();
  });

  it("says so when the API finds the file is not what it says it is", async () => {
    const api = withPerson({
      addAttachment: async () => {
        throw new ApiError({
          status: 422,
          headers: new Headers(),
          problem: {
            type: ProblemTypes.attachmentContentRejected,
            title: "The file is not what it says it is",
            status: 422,
            requestId: "req-1",
          },
          body: "",
        } as never);
      },
    });
    renderRegistrationDetail(api);
    const section = await card();
    choose(section.getByLabelText("Bestand"), new File(["not a png"], "scan.png", { type: "image/png" }));
    fireEvent.click(section.getByRole("button", { name: "Bijlage toevoegen" }));
    expect(await section.findByText(/Het bestand is leeg of is niet wat de bestandsnaam zegt/)).toBeTruthy();
  });

  it("takes a file's type from its extension when the browser gives none", () => {
    expect(mediaTypeOf({ name: "notes.TXT", type: "" })).toBe("text/plain");
    expect(mediaTypeOf({ name: "scan.jpeg", type: "" })).toBe("image/jpeg");
    expect(mediaTypeOf({ name: "scan.jpg", type: "image/jpeg" })).toBe("image/jpeg");
    expect(mediaTypeOf({ name: "page.html", type: "" })).toBeUndefined();
    expect(mediaTypeOf({ name: "fake.pdf", type: "application/x-msdownload" })).toBeUndefined();
  });

  it("has no accessibility violations", async () => {
    const api = withPerson();
    await api.addAttachment(
      personId,
      { fileName: "brief.txt", mediaType: "text/plain", data: new Blob(["Brief."]) },
      "key-a11y",
    );
    const { container } = renderRegistrationDetail(api);
    const section = await card();
    await section.findByText("brief.txt");
    const results = await axe.run(container.querySelector("#attachments-title")?.closest("section") as Element);
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });
});
