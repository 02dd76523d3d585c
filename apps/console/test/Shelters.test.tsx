import { ConflictError, ProblemTypes, UnprocessableEntityError } from "@comensha/sdk";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/App.js";
import type { PlacementRequest } from "../src/api/shelters.js";
import type { ConsoleApi } from "../src/api.js";
import { formatDate, todayInAmsterdam } from "../src/format.js";
import type { Lang } from "../src/i18n/translate.js";
import { addDays } from "../src/pages/shelters.js";
import { createConsoleQueryClient } from "../src/queryClient.js";
import { coordinator, fakeApi } from "./support/fakeApi.js";
import { sampleAvailability, sampleRequest, sampleSuggestions } from "./support/fakeShelters.js";

const renderApp = (api: ConsoleApi, lang: Lang = "nl") =>
  render(() => <App api={api} queryClient={createConsoleQueryClient()} initialLang={lang} />);

const asCoordinator = (overrides: Partial<ConsoleApi> = {}) =>
  fakeApi({
    session: async () => coordinator,
    availability: async ({ from }) => sampleAvailability(from),
    ...overrides,
  });

const requestPath = `/shelters/requests/${sampleRequest.id}`;

/** A detail fake whose state follows the writes, as the API's would. */
const requestIn = (state: PlacementRequest["state"]) => {
  let current: PlacementRequest = { ...sampleRequest, state };
  return {
    get: vi.fn(async (id: string) => ({ ...current, id })),
    moveTo: (next: PlacementRequest["state"]) => {
      current = { ...current, state: next };
    },
  };
};

const conflict = (type: string, title: string) =>
  new ConflictError({ status: 409, headers: new Headers(), problem: { type, title, status: 409, requestId: "req_c" } });

const refused = (errors: ReadonlyArray<{ path: string; message: string }>) =>
  new UnprocessableEntityError({
    status: 422,
    headers: new Headers(),
    problem: {
      type: ProblemTypes.validationFailed,
      title: "Validation failed",
      status: 422,
      requestId: "req_v",
      errors: [...errors],
    },
  });

/** The alert of a failed write (the shell has its own, empty, alert region). */
const writeProblem = async (): Promise<HTMLElement> => {
  const title = await screen.findByText("De actie is niet uitgevoerd");
  const alert = title.closest<HTMLElement>('[role="alert"]');
  if (alert === null) throw new Error("the write problem is not an alert");
  return alert;
};

beforeEach(() => {
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});
afterEach(cleanup);

describe("the capacity board", () => {
  it("shows tonight's free places per target group and per shelter", async () => {
    window.history.replaceState(null, "", "/shelters");
    const availability = vi.fn(async ({ from }: { from: string }) => sampleAvailability(from));
    renderApp(asCoordinator({ availability }));
    const board = (await screen.findByRole("heading", { level: 2, name: /^Vrije plaatsen vannacht/ })).closest(
      "section",
    );
    if (board === null) throw new Error("no board");
    expect(await within(board).findByRole("row", { name: "Vrouwen 1 2" })).toBeTruthy();
    expect(within(board).getByRole("row", { name: /^Mannen 0 1$/ }).className).toBe("is-full");
    const shelter = within(board).getByRole("row", { name: /Opvang Voorbeeldstad/ });
    expect(within(shelter).getByText("1 van 2 vrij")).toBeTruthy();
    expect(within(shelter).getByText("Categorale Opvang Slachtoffers Mensenhandel (COSM)")).toBeTruthy();
    expect(within(shelter).getByText("Amsterdam")).toBeTruthy();
    const full = within(board).getByRole("row", { name: /Mannenhuis Proefstad/ });
    expect(within(full).getByText("0 van 1 vrij").className).toBe("capacity-full");
    expect(availability).toHaveBeenCalledWith({ from: todayInAmsterdam() });
  });

  it("asks for another night when the date changes, and goes back to tonight", async () => {
    window.history.replaceState(null, "", "/shelters");
    const availability = vi.fn(async ({ from }: { from: string }) => sampleAvailability(from));
    renderApp(asCoordinator({ availability }));
    await screen.findByText("1 van 2 vrij");
    fireEvent.input(screen.getByLabelText("Nacht van"), { target: { value: "2026-12-24" } });
    expect(await screen.findByRole("heading", { name: "Vrije plaatsen in de nacht van 24 dec 2026" })).toBeTruthy();
    expect(availability).toHaveBeenLastCalledWith({ from: "2026-12-24" });
    fireEvent.click(screen.getByRole("button", { name: "Naar vannacht" }));
    expect(await screen.findByRole("heading", { name: /^Vrije plaatsen vannacht/ })).toBeTruthy();
  });

  it("shows an error with a retry when the capacity cannot be read", async () => {
    window.history.replaceState(null, "", "/shelters");
    const availability = vi
      .fn<ConsoleApi["availability"]>()
      .mockRejectedValueOnce(new TypeError("offline"))
      .mockImplementation(async ({ from }) => sampleAvailability(from));
    renderApp(asCoordinator({ availability }));
    const board = (await screen.findByRole("heading", { name: /^Vrije plaatsen vannacht/ })).closest("section");
    if (board === null) throw new Error("no board");
    fireEvent.click(await within(board).findByRole("button", { name: "Opnieuw proberen" }));
    expect(await within(board).findByText("1 van 2 vrij")).toBeTruthy();
    expect(availability).toHaveBeenCalledTimes(2);
  });
});

describe("the request queue", () => {
  it("lists new requests first, 50 a page, with waiting time, target group, urgency and needs, without names", async () => {
    window.history.replaceState(null, "", "/shelters");
    const listPlacementRequests = vi.fn(fakeApi().listPlacementRequests);
    renderApp(asCoordinator({ listPlacementRequests }));
    const link = await screen.findByRole("link", { name: "Verzoek 000000a1 openen" });
    expect(link.getAttribute("href")).toBe(requestPath);
    const row = link.closest("tr");
    if (row === null) throw new Error("no row");
    expect(within(row).getByText("Vrouwen")).toBeTruthy();
    expect(within(row).getByText("Vannacht").className).toContain("urgency-tonight");
    expect(within(row).getByText("hoge beveiliging")).toBeTruthy();
    expect(within(row).getByText("Aangevraagd", { selector: "span" })).toBeTruthy();
    expect(within(row).getByText(/^(Sinds vandaag|1 dag|\d+ dagen)$/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Aangevraagd: 4" }).getAttribute("aria-current")).toBe("page");
    expect(screen.queryByText(/Maria/)).toBeNull();
    expect(listPlacementRequests).toHaveBeenCalledWith({
      state: "requested",
      order: "urgency",
      limit: 50,
      cursor: undefined,
    });
  });

  it("says how long each request has waited", async () => {
    window.history.replaceState(null, "", "/shelters");
    const today = todayInAmsterdam();
    const listPlacementRequests = vi.fn(async () => ({
      data: [
        { ...sampleRequest, id: "0193f000-0000-7000-8000-0000000000c1", requestedOn: today },
        { ...sampleRequest, id: "0193f000-0000-7000-8000-0000000000c2", requestedOn: addDays(today, -1) },
        { ...sampleRequest, id: "0193f000-0000-7000-8000-0000000000c3", requestedOn: addDays(today, -12) },
      ],
      nextCursor: null,
    }));
    renderApp(asCoordinator({ listPlacementRequests }));
    const waitingOf = async (id: string) =>
      (await screen.findByRole("link", { name: `Verzoek ${id} openen` })).closest("tr")?.querySelector("td")
        ?.textContent;
    expect(await waitingOf("000000c1")).toBe("Sinds vandaag");
    expect(await waitingOf("000000c2")).toBe("1 dag");
    expect(await waitingOf("000000c3")).toBe("12 dagen");
  });

  it("shows another state's requests from its tab", async () => {
    window.history.replaceState(null, "", "/shelters");
    const listPlacementRequests = vi.fn(fakeApi().listPlacementRequests);
    renderApp(asCoordinator({ listPlacementRequests }));
    await screen.findByRole("link", { name: "Verzoek 000000a1 openen" });
    fireEvent.click(screen.getByRole("link", { name: "Geplaatst" }));
    expect(await screen.findByRole("heading", { name: "Status: Geplaatst" })).toBeTruthy();
    await waitFor(() =>
      expect(listPlacementRequests).toHaveBeenLastCalledWith({
        state: "placed",
        order: "newest",
        limit: 50,
        cursor: undefined,
      }),
    );
    expect(screen.getByRole("link", { name: "Geplaatst" }).getAttribute("aria-current")).toBe("page");
    // A placed request no longer waits: no waiting time.
    const row = (await screen.findByRole("link", { name: "Verzoek 000000a1 openen" })).closest("tr");
    expect(row?.querySelectorAll("td")[0]?.textContent).toBe("–");
  });

  it("appends the next page with the cursor", async () => {
    window.history.replaceState(null, "", "/shelters?state=searching");
    const listPlacementRequests = vi.fn(async (params: { cursor?: string | undefined }) =>
      params.cursor === undefined
        ? { data: [sampleRequest], nextCursor: "n2" }
        : { data: [{ ...sampleRequest, id: "0193f000-0000-7000-8000-0000000000b2" }], nextCursor: null },
    );
    renderApp(asCoordinator({ listPlacementRequests }));
    fireEvent.click(await screen.findByRole("button", { name: "Meer verzoeken laden" }));
    expect(await screen.findByRole("link", { name: "Verzoek 000000b2 openen" })).toBeTruthy();
    expect(listPlacementRequests).toHaveBeenLastCalledWith({
      state: "searching",
      order: "urgency",
      limit: 50,
      cursor: "n2",
    });
  });

  it("shows an error with a retry when the queue cannot be read", async () => {
    window.history.replaceState(null, "", "/shelters");
    const listPlacementRequests = vi
      .fn<ConsoleApi["listPlacementRequests"]>()
      .mockRejectedValueOnce(new TypeError("offline"))
      .mockImplementation(fakeApi().listPlacementRequests);
    renderApp(asCoordinator({ listPlacementRequests }));
    const queue = (await screen.findByRole("heading", { level: 2, name: "Plaatsingsverzoeken" })).closest("section");
    if (queue === null) throw new Error("no queue");
    expect(await within(queue).findByText("Er ging iets mis. Probeer het opnieuw.")).toBeTruthy();
    fireEvent.click(within(queue).getByRole("button", { name: "Opnieuw proberen" }));
    expect(await screen.findByRole("link", { name: "Verzoek 000000a1 openen" })).toBeTruthy();
  });

  it("refuses the page to policy staff", async () => {
    window.history.replaceState(null, "", requestPath);
    const getPlacementRequest = vi.fn(fakeApi().getPlacementRequest);
    renderApp(asCoordinator({ session: async () => ({ ...coordinator, role: "policy" }), getPlacementRequest }));
    expect(await screen.findByRole("heading", { level: 1, name: "Geen toegang" })).toBeTruthy();
    expect(getPlacementRequest).not.toHaveBeenCalled();
  });
});

describe("a placement request", () => {
  it("shows its needs without names, linking to the registration", async () => {
    window.history.replaceState(null, "", requestPath);
    const request = requestIn("searching");
    renderApp(asCoordinator({ getPlacementRequest: request.get }));
    expect(await screen.findByRole("heading", { level: 1, name: "Plaatsingsverzoek 000000a1" })).toBeTruthy();
    const details = (await screen.findByRole("heading", { name: "Gegevens van het verzoek" })).closest("section");
    if (details === null) throw new Error("no details");
    expect(within(details).getByRole("link", { name: "Melding 00000001 openen" }).getAttribute("href")).toBe(
      `/registrations/${sampleRequest.registrationId}`,
    );
    expect(within(details).getByText("Zoeken naar een plek")).toBeTruthy();
    expect(within(details).getByText("Engels, Roemeens")).toBeTruthy();
    expect(within(details).getByText("De melder (partnerorganisatie)")).toBeTruthy();
    expect(screen.queryByText(/Maria/)).toBeNull();
    expect(request.get).toHaveBeenCalledWith(sampleRequest.id);
    // Searching: waiting list, offers and cancel; no confirm or end.
    expect(screen.getByRole("button", { name: "Op de wachtlijst zetten" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Plaatsing bevestigen" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Plaatsing beëindigen" })).toBeNull();
  });

  it("says that medical needs cannot be read instead of leaving them out", async () => {
    window.history.replaceState(null, "", requestPath);
    const unreadable: PlacementRequest = { ...sampleRequest, state: "searching", unreadable: ["needs.medicalNeeds"] };
    renderApp(asCoordinator({ getPlacementRequest: async (id: string) => ({ ...unreadable, id }) }));
    const details = (await screen.findByRole("heading", { name: "Gegevens van het verzoek" })).closest("section");
    if (details === null) throw new Error("no details");
    const note = within(details).getByText(/^Niet leesbaar: de opgeslagen tekst/);
    expect(note.className).toBe("unreadable");
    expect(note.closest("dd")?.previousElementSibling?.textContent).toBe("Medische behoeften");
  });

  it("offers a suggested place from the chosen date and says so", async () => {
    window.history.replaceState(null, "", requestPath);
    const request = requestIn("searching");
    const suggestPlaces = vi.fn(fakeApi().suggestPlaces);
    const offerPlace = vi.fn(async (id: string, offer: Parameters<ConsoleApi["offerPlace"]>[1]) => {
      request.moveTo("offered");
      return { ...offer, id: `offer-of-${id}` };
    });
    renderApp(asCoordinator({ getPlacementRequest: request.get, suggestPlaces, offerPlace }));
    await screen.findByRole("button", { name: "Aanbieden: Kamer 1 bij Opvang Voorbeeldstad" });
    expect(suggestPlaces).toHaveBeenCalledWith(sampleRequest.id, { from: todayInAmsterdam() });
    const startsOn = addDays(todayInAmsterdam(), 3);
    fireEvent.input(screen.getByLabelText("Begindatum"), { target: { value: startsOn } });
    await waitFor(() => expect(suggestPlaces).toHaveBeenLastCalledWith(sampleRequest.id, { from: startsOn }));
    fireEvent.change(screen.getByLabelText("Aanbod geldig"), { target: { value: "12" } });
    const before = Date.now();
    fireEvent.click(await screen.findByRole("button", { name: "Aanbieden: Kamer 7 bij Huis Testdorp" }));
    expect(await screen.findByText("Kamer 7 bij Huis Testdorp is aangeboden.")).toBeTruthy();
    const [id, offer] = offerPlace.mock.calls[0] ?? [];
    expect(id).toBe(sampleRequest.id);
    expect(offer).toMatchObject({ placeId: sampleSuggestions[1]?.placeId, startsOn });
    expect(offer).not.toHaveProperty("override");
    const expiresIn = Date.parse(offer?.expiresAt ?? "") - before;
    expect(expiresIn).toBeGreaterThanOrEqual(12 * 3_600_000 - 1_000);
    expect(expiresIn).toBeLessThan(12 * 3_600_000 + 60_000);
    // Refreshed: the request is offered now, so the offer can be confirmed.
    expect(await screen.findByRole("button", { name: "Plaatsing bevestigen" })).toBeTruthy();
    expect(
      screen.getByText(`Aangeboden: Kamer 7 bij Huis Testdorp, vanaf ${formatDate(startsOn, "nl")}`, { exact: false }),
    ).toBeTruthy();
  });

  it("shows the open offer and the current placement as the API tells them, also after a reload", async () => {
    window.history.replaceState(null, "", requestPath);
    const offered: PlacementRequest = {
      ...sampleRequest,
      state: "offered",
      offer: {
        id: "0193f000-0000-7000-8000-0000000000a1",
        placeId: "0193f000-0000-7000-8000-0000000000b1",
        placeLabel: "Kamer 3",
        shelterId: "0193f000-0000-7000-8000-0000000000c1",
        shelterName: "Huis Testdorp",
        startsOn: "2026-11-21",
        expiresAt: "2026-11-21T12:00:00.000Z",
      },
      placement: null,
    };
    const first = renderApp(asCoordinator({ getPlacementRequest: async () => offered }));
    expect(
      await screen.findByText(`Aangeboden: Kamer 3 bij Huis Testdorp, vanaf ${formatDate("2026-11-21", "nl")}`, {
        exact: false,
      }),
    ).toBeTruthy();
    first.unmount();

    const placed: PlacementRequest = {
      ...offered,
      state: "placed",
      offer: null,
      placement: {
        id: "0193f000-0000-7000-8000-0000000000d1",
        placeId: "0193f000-0000-7000-8000-0000000000b1",
        placeLabel: "Kamer 3",
        shelterId: "0193f000-0000-7000-8000-0000000000c1",
        shelterName: "Huis Testdorp",
        startsOn: "2026-11-21",
        endsOn: null,
        endReason: null,
      },
    };
    renderApp(asCoordinator({ getPlacementRequest: async () => placed }));
    expect(
      await screen.findByText(
        `De persoon is geplaatst in Kamer 3 bij Huis Testdorp, sinds ${formatDate("2026-11-21", "nl")}.`,
        { exact: false },
      ),
    ).toBeTruthy();
  });

  it("shows the COSM rules the API refused at the start date and above the suggestions", async () => {
    window.history.replaceState(null, "", requestPath);
    const offerPlace = vi.fn(async () => {
      throw refused([
        { path: "/startsOn", message: "COSM takes adults only" },
        { path: "/nationalities", message: "COSM takes people without Dutch nationality only" },
      ]);
    });
    renderApp(asCoordinator({ getPlacementRequest: requestIn("searching").get, offerPlace }));
    fireEvent.click(await screen.findByRole("button", { name: "Aanbieden: Kamer 1 bij Opvang Voorbeeldstad" }));
    const startsOn = screen.getByLabelText("Begindatum");
    await waitFor(() => expect(startsOn.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = startsOn.getAttribute("aria-describedby")?.split(" ") ?? [];
    const error = document.getElementById(describedBy[1] ?? "");
    expect(error?.textContent).toMatch(/^Op deze begindatum voldoet de persoon niet aan de voorwaarden/);
    const alert = await writeProblem();
    expect(within(alert).getByText("COSM neemt alleen mensen zonder Nederlandse nationaliteit op.")).toBeTruthy();
    expect(
      within(alert).getByText(/kunt u van deze voorwaarden afwijken met een reden van minstens 10 tekens/),
    ).toBeTruthy();
    expect(within(alert).queryByText("COSM takes adults only")).toBeNull();
  });

  it("sends a COSM override reason, and checks its length first", async () => {
    window.history.replaceState(null, "", requestPath);
    const offerPlace = vi.fn(fakeApi().offerPlace);
    renderApp(asCoordinator({ getPlacementRequest: requestIn("searching").get, offerPlace }));
    const offer = await screen.findByRole("button", { name: "Aanbieden: Kamer 1 bij Opvang Voorbeeldstad" });
    const reason = screen.getByLabelText("Reden om af te wijken van de COSM-voorwaarden (niet verplicht)");
    fireEvent.input(reason, { target: { value: "kort" } });
    fireEvent.click(offer);
    expect(await screen.findByText("Geef een reden van minstens 10 tekens, of laat het veld leeg.")).toBeTruthy();
    expect(reason.getAttribute("aria-invalid")).toBe("true");
    expect(offerPlace).not.toHaveBeenCalled();
    fireEvent.input(reason, { target: { value: "  Bedenktijd is gisteren verlopen, besluit IND volgt  " } });
    fireEvent.click(offer);
    await waitFor(() => expect(offerPlace).toHaveBeenCalledTimes(1));
    expect(offerPlace.mock.calls[0]?.[1].override).toEqual({
      reason: "Bedenktijd is gisteren verlopen, besluit IND volgt",
    });
  });

  it("confirms the placement, disabling the button while it books", async () => {
    window.history.replaceState(null, "", requestPath);
    const request = requestIn("offered");
    let finish: () => void = () => undefined;
    const acceptOffer = vi.fn(
      (id: string) =>
        new Promise<Awaited<ReturnType<ConsoleApi["acceptOffer"]>>>((resolve) => {
          finish = () => {
            request.moveTo("placed");
            resolve({ id: "p1", requestId: id, placeId: "x", startsOn: "2026-11-20" });
          };
        }),
    );
    renderApp(asCoordinator({ getPlacementRequest: request.get, acceptOffer }));
    fireEvent.click(await screen.findByRole("button", { name: "Plaatsing bevestigen" }));
    const pending = await screen.findByRole("button", { name: "Bezig…" });
    expect(pending.hasAttribute("disabled")).toBe(true);
    expect(screen.getByRole("button", { name: "Aanbod afwijzen" }).hasAttribute("disabled")).toBe(true);
    expect(acceptOffer).toHaveBeenCalledWith(sampleRequest.id);
    finish();
    expect(await screen.findByText("De plaatsing is bevestigd: de plek is geboekt.")).toBeTruthy();
    expect(await screen.findByRole("heading", { name: "Plaatsing beëindigen" })).toBeTruthy();
    expect(screen.getByText(/^De persoon is geplaatst vanaf 20 nov 2026/)).toBeTruthy();
  });

  it("explains a place that someone else booked first, and refreshes", async () => {
    window.history.replaceState(null, "", requestPath);
    const request = requestIn("offered");
    const acceptOffer = vi.fn(async () => {
      throw conflict(ProblemTypes.placeAlreadyBooked, "The place is already booked for those dates");
    });
    renderApp(asCoordinator({ getPlacementRequest: request.get, acceptOffer }));
    fireEvent.click(await screen.findByRole("button", { name: "Plaatsing bevestigen" }));
    const alert = await writeProblem();
    expect(within(alert).getByText(/^Deze plek is zojuist door een ander verzoek geboekt\./)).toBeTruthy();
    expect(within(alert).getByText(/Een plek wordt nooit dubbel geboekt/)).toBeTruthy();
    await waitFor(() => expect(request.get).toHaveBeenCalledTimes(2));
    expect(screen.getByRole("button", { name: "Aanbod afwijzen" }).hasAttribute("disabled")).toBe(false);
  });

  it("explains a state that changed meanwhile, and shows the actions of the new state", async () => {
    window.history.replaceState(null, "", requestPath);
    const request = requestIn("requested");
    const startPlacementSearch = vi.fn(async () => {
      request.moveTo("cancelled");
      throw conflict(ProblemTypes.invalidState, "The request's state does not allow this");
    });
    renderApp(asCoordinator({ getPlacementRequest: request.get, startPlacementSearch }));
    fireEvent.click(await screen.findByRole("button", { name: "Zoeken starten" }));
    expect(
      await screen.findByText(/^Het verzoek is intussen gewijzigd, waarschijnlijk door iemand anders/),
    ).toBeTruthy();
    expect(await screen.findByText("In deze status kan er niets meer aan het verzoek veranderen.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Zoeken starten" })).toBeNull();
  });

  it("retries a write that failed on the network", async () => {
    window.history.replaceState(null, "", requestPath);
    const request = requestIn("requested");
    const waitlistPlacementRequest = vi
      .fn<ConsoleApi["waitlistPlacementRequest"]>()
      .mockRejectedValueOnce(new TypeError("offline"))
      .mockImplementation(async (id) => {
        request.moveTo("waitlisted");
        return { ...sampleRequest, id, state: "waitlisted" };
      });
    renderApp(asCoordinator({ getPlacementRequest: request.get, waitlistPlacementRequest }));
    fireEvent.click(await screen.findByRole("button", { name: "Op de wachtlijst zetten" }));
    fireEvent.click(await screen.findByRole("button", { name: "Opnieuw proberen" }));
    expect(await screen.findByText("Het verzoek staat op de wachtlijst.")).toBeTruthy();
    expect(waitlistPlacementRequest).toHaveBeenCalledTimes(2);
    expect(waitlistPlacementRequest).toHaveBeenLastCalledWith(sampleRequest.id);
  });

  it("cancels only after confirmation", async () => {
    window.history.replaceState(null, "", requestPath);
    const request = requestIn("searching");
    const cancelPlacementRequest = vi.fn(async (id: string) => {
      request.moveTo("cancelled");
      return { ...sampleRequest, id, state: "cancelled" as const };
    });
    renderApp(asCoordinator({ getPlacementRequest: request.get, cancelPlacementRequest }));
    fireEvent.click(await screen.findByRole("button", { name: "Verzoek annuleren" }));
    expect(screen.getByRole("group", { name: /^Weet u zeker dat u dit verzoek wilt annuleren\?/ })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Nee, terug" }));
    expect(cancelPlacementRequest).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Verzoek annuleren" }));
    fireEvent.click(screen.getByRole("button", { name: "Ja, verzoek annuleren" }));
    expect(await screen.findByText("Het verzoek is geannuleerd.")).toBeTruthy();
    expect(cancelPlacementRequest).toHaveBeenCalledWith(sampleRequest.id);
  });

  it("ends a placement with a date and a reason after confirmation", async () => {
    window.history.replaceState(null, "", requestPath);
    const request = requestIn("placed");
    const endPlacement = vi.fn(async (id: string, input: Parameters<ConsoleApi["endPlacement"]>[1]) => {
      request.moveTo("ended");
      return { id: "p1", requestId: id, placeId: "x", startsOn: "2026-11-01", ...input };
    });
    renderApp(asCoordinator({ getPlacementRequest: request.get, endPlacement }));
    const submit = await screen.findByRole("button", { name: "Plaatsing beëindigen" });
    fireEvent.click(submit);
    const reason = screen.getByLabelText("Reden");
    expect(reason.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Kies een reden.")).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Einddatum"), { target: { value: "2026-12-15" } });
    fireEvent.change(reason, { target: { value: "moved_on" } });
    fireEvent.click(screen.getByRole("button", { name: "Plaatsing beëindigen" }));
    expect(endPlacement).not.toHaveBeenCalled();
    expect(
      screen.getByRole("group", { name: /^De plaatsing beëindigen per 15 dec 2026 \(Doorgestroomd\)\?/ }),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Ja, plaatsing beëindigen" }));
    expect(await screen.findByText(/^De plaatsing is beëindigd per 15 dec 2026/)).toBeTruthy();
    expect(endPlacement).toHaveBeenCalledWith(sampleRequest.id, { endsOn: "2026-12-15", reason: "moved_on" });
  });

  it("shows an end date the API refused at the end date", async () => {
    window.history.replaceState(null, "", requestPath);
    const endPlacement = vi.fn(async () => {
      throw refused([{ path: "/endsOn", message: "Must be after 2026-11-01" }]);
    });
    renderApp(asCoordinator({ getPlacementRequest: requestIn("placed").get, endPlacement }));
    fireEvent.change(await screen.findByLabelText("Reden"), { target: { value: "transferred" } });
    fireEvent.click(screen.getByRole("button", { name: "Plaatsing beëindigen" }));
    fireEvent.click(screen.getByRole("button", { name: "Ja, plaatsing beëindigen" }));
    const endsOn = screen.getByLabelText("Einddatum");
    await waitFor(() => expect(endsOn.getAttribute("aria-invalid")).toBe("true"));
    expect(endsOn.getAttribute("aria-describedby")).toBe("end-ends-on-hint end-ends-on-error");
    expect(document.getElementById("end-ends-on-error")?.textContent).toBe(
      "De einddatum moet na de begindatum van de plaatsing liggen.",
    );
    expect((await writeProblem()).textContent).toContain("Controleer de gemarkeerde gegevens.");
  });

  it("shows an error with a retry when the request cannot be read", async () => {
    window.history.replaceState(null, "", requestPath);
    const getPlacementRequest = vi
      .fn<ConsoleApi["getPlacementRequest"]>()
      .mockRejectedValueOnce(new TypeError("offline"))
      .mockImplementation(fakeApi().getPlacementRequest);
    renderApp(asCoordinator({ getPlacementRequest }));
    fireEvent.click(await screen.findByRole("button", { name: "Opnieuw proberen" }));
    expect(await screen.findByRole("heading", { name: "Gegevens van het verzoek" })).toBeTruthy();
  });

  it("is in English when chosen", async () => {
    window.history.replaceState(null, "", requestPath);
    renderApp(asCoordinator({ getPlacementRequest: requestIn("offered").get }), "en");
    expect(await screen.findByRole("heading", { level: 1, name: "Placement request 000000a1" })).toBeTruthy();
    expect(await screen.findByRole("button", { name: "Confirm placement" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Decline offer" })).toBeTruthy();
    expect(screen.getByText("Women")).toBeTruthy();
    expect(screen.getByText("Tonight")).toBeTruthy();
  });

  it("shows the queue in English", async () => {
    window.history.replaceState(null, "", "/shelters");
    renderApp(asCoordinator(), "en");
    expect(await screen.findByRole("heading", { level: 2, name: /^Free places tonight/ })).toBeTruthy();
    expect(await screen.findByRole("link", { name: "Open request 000000a1" })).toBeTruthy();
    expect(screen.getByText("1 of 2 free")).toBeTruthy();
  });
});

/** A placement that started on `startsOn` at Kamer 3 of Huis Testdorp, still running. */
const placementFrom = (startsOn: string): NonNullable<PlacementRequest["placement"]> => ({
  id: "0193f000-0000-7000-8000-0000000000d1",
  placeId: "0193f000-0000-7000-8000-0000000000b1",
  placeLabel: "Kamer 3",
  shelterId: "0193f000-0000-7000-8000-0000000000c1",
  shelterName: "Huis Testdorp",
  startsOn,
  endsOn: null,
  endReason: null,
});

describe("names instead of ids, and the facts of a placement", () => {
  it("names the organisation, and leaves the person's name and id to the registration", async () => {
    window.history.replaceState(null, "", requestPath);
    renderApp(asCoordinator({ getPlacementRequest: requestIn("searching").get }));
    const details = (await screen.findByRole("heading", { name: "Gegevens van het verzoek" })).closest("section");
    if (details === null) throw new Error("no details");
    const organisation = await within(details).findByText("Politie Voorbeeldstad");
    expect(organisation.closest("dd")?.previousElementSibling?.textContent).toBe("Organisatie");
    expect(within(details).queryByText("c1110009")).toBeNull();
    // The deduplicated person's id means nothing to a coordinator: the registration holds the person.
    expect(details.textContent).not.toContain("a5550005");
    expect(within(details).queryByText("Persoon")).toBeNull();
    expect(within(details).getByText("(naam en gegevens van de persoon staan in de melding)")).toBeTruthy();
    expect(within(details).getByRole("link", { name: "Melding 00000001 openen" })).toBeTruthy();
  });

  it("keeps an ended placement's shelter, place, dates and reason on its page", async () => {
    window.history.replaceState(null, "", requestPath);
    const ended: PlacementRequest = {
      ...sampleRequest,
      state: "ended",
      offer: null,
      placement: { ...placementFrom("2026-11-21"), endsOn: "2026-11-25", endReason: "moved_on" },
    };
    renderApp(asCoordinator({ getPlacementRequest: async () => ended }));
    const facts = (await screen.findByRole("heading", { name: "Plaatsing", level: 2 })).closest("section");
    if (facts === null) throw new Error("no placement facts");
    const factOf = (label: string) =>
      within(facts).getByText(label, { selector: "dt" }).nextElementSibling?.textContent ?? "";
    expect(factOf("Opvanglocatie")).toBe("Huis Testdorp");
    expect(factOf("Plek")).toBe("Kamer 3");
    expect(factOf("Geplaatst vanaf")).toBe(formatDate("2026-11-21", "nl"));
    expect(factOf("Beëindigd per")).toBe(formatDate("2026-11-25", "nl"));
    expect(factOf("Reden van beëindiging")).toBe("Doorgestroomd");
    expect(
      screen.getByText(
        `De plaatsing in Kamer 3 bij Huis Testdorp is beëindigd per ${formatDate("2026-11-25", "nl")}.`,
        {
          exact: false,
        },
      ),
    ).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Plaatsing beëindigen" })).toBeNull();
  });

  it("shows where a placed person is, with the placement still running", async () => {
    window.history.replaceState(null, "", requestPath);
    const placed: PlacementRequest = {
      ...sampleRequest,
      state: "placed",
      offer: null,
      placement: placementFrom("2026-11-21"),
    };
    renderApp(asCoordinator({ getPlacementRequest: async () => placed }));
    const facts = (await screen.findByRole("heading", { name: "Plaatsing", level: 2 })).closest("section");
    expect(within(facts as HTMLElement).getByText("Loopt nog")).toBeTruthy();
    expect(within(facts as HTMLElement).queryByText("Reden van beëindiging")).toBeNull();
  });

  it("proposes the day after the start for a placement that began today, and refuses an earlier end before confirming", async () => {
    window.history.replaceState(null, "", requestPath);
    const today = todayInAmsterdam();
    const tomorrow = addDays(today, 1);
    let current: PlacementRequest = { ...sampleRequest, state: "placed", offer: null, placement: placementFrom(today) };
    const endPlacement = vi.fn(async (id: string, input: Parameters<ConsoleApi["endPlacement"]>[1]) => {
      current = {
        ...current,
        state: "ended",
        placement: { ...placementFrom(today), endsOn: input.endsOn, endReason: input.reason },
      };
      return { id: "p1", requestId: id, placeId: "x", startsOn: today, ...input };
    });
    renderApp(asCoordinator({ getPlacementRequest: async () => current, endPlacement }));
    const endsOn = (await screen.findByLabelText("Einddatum")) as HTMLInputElement;
    expect(endsOn.value).toBe(tomorrow);
    expect(endsOn.getAttribute("min")).toBe(tomorrow);
    expect(document.getElementById("end-ends-on-hint")?.textContent).toContain(formatDate(tomorrow, "nl"));

    fireEvent.input(endsOn, { target: { value: today } });
    const tooEarly = `De einddatum moet na de begindatum van de plaatsing (${formatDate(today, "nl")}) liggen: kies ${formatDate(tomorrow, "nl")} of later.`;
    expect(await screen.findByText(tooEarly)).toBeTruthy();
    expect(endsOn.getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(screen.getByLabelText("Reden"), { target: { value: "moved_on" } });
    fireEvent.click(screen.getByRole("button", { name: "Plaatsing beëindigen" }));
    // No "cannot be undone" question for a date the API would refuse.
    expect(screen.queryByRole("group", { name: /^De plaatsing beëindigen per/ })).toBeNull();
    expect(document.activeElement).toBe(endsOn);
    expect(endPlacement).not.toHaveBeenCalled();

    fireEvent.input(endsOn, { target: { value: tomorrow } });
    expect(screen.queryByText(tooEarly)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Plaatsing beëindigen" }));
    fireEvent.click(screen.getByRole("button", { name: "Ja, plaatsing beëindigen" }));
    await waitFor(() =>
      expect(endPlacement).toHaveBeenCalledWith(sampleRequest.id, { endsOn: tomorrow, reason: "moved_on" }),
    );
    // Ended: the page keeps where the person stayed, until when and why.
    const facts = (await screen.findByText("Reden van beëindiging", { selector: "dt" })).closest("section");
    expect(within(facts as HTMLElement).getByText("Doorgestroomd")).toBeTruthy();
    expect(within(facts as HTMLElement).getByText("Huis Testdorp")).toBeTruthy();
  });

  it("names the organisation in English too", async () => {
    window.history.replaceState(null, "", requestPath);
    renderApp(asCoordinator({ getPlacementRequest: requestIn("searching").get }), "en");
    expect(await screen.findByText("Politie Voorbeeldstad")).toBeTruthy();
    expect(screen.getByText("(the person's name and details are in the registration)")).toBeTruthy();
  });
});

describe("accessibility", () => {
  const violationsOf = async () => {
    const axe = (await import("axe-core")).default;
    const result = await axe.run(document.body, { rules: { "color-contrast": { enabled: false } } });
    return result.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(" | ")}`,
    );
  };

  it("has no axe violations on the capacity board and queue", async () => {
    window.history.replaceState(null, "", "/shelters");
    renderApp(asCoordinator());
    await screen.findByRole("link", { name: "Verzoek 000000a1 openen" });
    await screen.findByText("1 van 2 vrij");
    expect(await violationsOf()).toEqual([]);
  });

  it("has no axe violations on a request with suggestions and a refused offer", async () => {
    window.history.replaceState(null, "", requestPath);
    const offerPlace = vi.fn(async () => {
      throw refused([{ path: "/startsOn", message: "COSM takes adults only" }]);
    });
    renderApp(asCoordinator({ getPlacementRequest: requestIn("searching").get, offerPlace }));
    fireEvent.click(await screen.findByRole("button", { name: "Aanbieden: Kamer 1 bij Opvang Voorbeeldstad" }));
    await writeProblem();
    expect(await violationsOf()).toEqual([]);
  });

  it("has no axe violations on an ended request with its placement's facts", async () => {
    window.history.replaceState(null, "", requestPath);
    const ended: PlacementRequest = {
      ...sampleRequest,
      state: "ended",
      offer: null,
      placement: { ...placementFrom("2026-11-21"), endsOn: "2026-11-25", endReason: "moved_on" },
    };
    renderApp(asCoordinator({ getPlacementRequest: async () => ended }));
    await screen.findByRole("heading", { name: "Plaatsing", level: 2 });
    await screen.findByText("Politie Voorbeeldstad");
    expect(await violationsOf()).toEqual([]);
  });

  it("has no axe violations on a placed request being ended", async () => {
    window.history.replaceState(null, "", requestPath);
    renderApp(asCoordinator({ getPlacementRequest: requestIn("placed").get }));
    fireEvent.change(await screen.findByLabelText("Reden"), { target: { value: "other" } });
    fireEvent.click(screen.getByRole("button", { name: "Plaatsing beëindigen" }));
    await screen.findByRole("button", { name: "Ja, plaatsing beëindigen" });
    expect(await violationsOf()).toEqual([]);
  });
});
