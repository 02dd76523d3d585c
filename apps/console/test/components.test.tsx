import { Router } from "@solidjs/router";
import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BackLink } from "../src/components/BackLink.js";
import { ConfirmBox } from "../src/components/ConfirmBox.js";
import { FieldError, type FieldMessage, FormField, fieldDescribedBy } from "../src/components/FormField.js";
import { LoadingStatus } from "../src/components/LoadingStatus.js";
import { QueryError } from "../src/components/QueryError.js";
import { Skeleton } from "../src/components/Skeleton.js";
import { TableHead } from "../src/components/TableHead.js";
import { I18nProvider } from "../src/i18n/I18n.js";
import type { Lang } from "../src/i18n/translate.js";
import { unauthorized } from "./support/fakeApi.js";

const renderIn = (ui: () => ReturnType<typeof Skeleton>, lang: Lang = "nl") =>
  render(() => <I18nProvider initialLang={lang}>{ui()}</I18nProvider>);

afterEach(cleanup);

describe("fieldDescribedBy", () => {
  it("names the hint, then the error, of an input, or nothing", () => {
    expect(fieldDescribedBy("report-year", { hint: true, error: true })).toBe("report-year-hint report-year-error");
    expect(fieldDescribedBy("report-year", { hint: true, error: false })).toBe("report-year-hint");
    expect(fieldDescribedBy("end-reason", { error: true })).toBe("end-reason-error");
    expect(fieldDescribedBy("end-reason", {})).toBeUndefined();
  });
});

describe("FormField", () => {
  it("labels its input, links its hint, and links its error only while there is one", () => {
    const [error, setError] = createSignal<FieldMessage>();
    renderIn(() => (
      <FormField id="example-name" label="Achternaam" hint="Zoals in het paspoort" error={error()}>
        {(aria) => <input id="example-name" aria-invalid={aria.invalid()} aria-describedby={aria.describedBy()} />}
      </FormField>
    ));
    const input = screen.getByLabelText("Achternaam");
    expect(input.getAttribute("aria-invalid")).toBe("false");
    expect(input.getAttribute("aria-describedby")).toBe("example-name-hint");
    expect(document.getElementById("example-name-hint")?.textContent).toBe("Zoals in het paspoort");
    expect(document.getElementById("example-name-error")).toBeNull();

    setError({ text: "Vul dit veld in." });
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBe("example-name-hint example-name-error");
    expect(document.getElementById("example-name-error")?.textContent).toBe("Vul dit veld in.");

    setError(undefined);
    expect(input.getAttribute("aria-describedby")).toBe("example-name-hint");
    expect(document.getElementById("example-name-error")).toBeNull();
  });

  it("has no hint to describe its input when none is given", () => {
    renderIn(() => (
      <FormField id="example-reason" label="Reden" error={{ text: "Kies een reden." }}>
        {(aria) => <select id="example-reason" aria-describedby={aria.describedBy()} />}
      </FormField>
    ));
    expect(screen.getByLabelText("Reden").getAttribute("aria-describedby")).toBe("example-reason-error");
    expect(document.getElementById("example-reason-hint")).toBeNull();
  });
});

describe("FieldError", () => {
  it("puts the API's own message beside the text, marked as English", () => {
    renderIn(() => (
      <FieldError
        id="example-forms"
        message={{ text: "De server keurt dit veld af.", apiMessage: "Expected a form" }}
      />
    ));
    const error = document.getElementById("example-forms-error");
    expect(error?.className).toBe("field-error");
    expect(error?.textContent).toBe("De server keurt dit veld af. Expected a form");
    expect(error?.querySelector("span")?.getAttribute("lang")).toBe("en");
  });
});

describe("ConfirmBox", () => {
  it("asks its question in the legend and answers yes or no", () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    let no: HTMLButtonElement | undefined;
    renderIn(() => (
      <ConfirmBox
        question="Aanvraag annuleren?"
        confirmLabel="Ja, annuleren"
        cancelLabel="Nee"
        onConfirm={onConfirm}
        onCancel={onCancel}
        cancelRef={(element) => {
          no = element;
        }}
      >
        <p>Dit kan niet ongedaan worden gemaakt.</p>
      </ConfirmBox>
    ));
    const box = screen.getByRole("group", { name: "Aanvraag annuleren?" });
    expect(box.textContent).toContain("Dit kan niet ongedaan worden gemaakt.");
    fireEvent.click(screen.getByRole("button", { name: "Ja, annuleren" }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("button", { name: "Nee" }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(no?.textContent).toBe("Nee");
    expect(screen.getByRole("button", { name: "Ja, annuleren" }).className).toBe("button danger");
  });

  it("disables its buttons while the write is pending, and can stay in the page hidden", () => {
    renderIn(() => (
      <ConfirmBox
        id="example-confirm"
        question="Samenvoegen?"
        confirmLabel="Bezig…"
        cancelLabel="Annuleren"
        isConfirmDisabled
        isCancelDisabled
        hidden
        tabindex={-1}
        onConfirm={() => undefined}
        onCancel={() => undefined}
      />
    ));
    const box = document.getElementById("example-confirm");
    expect(box?.hidden).toBe(true);
    expect(box?.getAttribute("tabindex")).toBe("-1");
    for (const button of box?.querySelectorAll("button") ?? []) expect(button.disabled).toBe(true);
  });
});

describe("the loading and error pieces", () => {
  it("say loading in a live region only while loading, next to a skeleton hidden from screen readers", () => {
    const [isLoading, setLoading] = createSignal(true);
    renderIn(() => (
      <>
        <LoadingStatus isLoading={isLoading()} />
        <Skeleton />
      </>
    ));
    expect(screen.getByRole("status").textContent).toBe("Laden…");
    expect(document.querySelector(".skeleton")?.getAttribute("aria-hidden")).toBe("true");
    expect(document.querySelectorAll(".skeleton span")).toHaveLength(3);
    setLoading(false);
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("shows a failed read in an alert with a retry that reads again", () => {
    const refetch = vi.fn();
    renderIn(() => <QueryError query={{ error: unauthorized(), refetch }} />, "en");
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("req_1");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(refetch).toHaveBeenCalledTimes(1);
  });
});

describe("the table and page pieces", () => {
  it("head a table with one column header a label", () => {
    renderIn(() => (
      <table>
        <thead>
          <TableHead columns={["Datum", "Status"]} />
        </thead>
      </table>
    ));
    expect(screen.getAllByRole("columnheader").map((header) => header.textContent)).toEqual(["Datum", "Status"]);
    expect(screen.getAllByRole("columnheader").map((header) => header.getAttribute("scope"))).toEqual(["col", "col"]);
  });

  it("link back to the list", () => {
    render(() => <Router root={() => <BackLink href="/shelters" label="Terug naar opvang" />} />);
    expect(screen.getByRole("link", { name: "Terug naar opvang" }).getAttribute("href")).toBe("/shelters");
  });
});
