import { render, screen, within } from "@solidjs/testing-library";
import { App } from "../../src/App.js";
import type { ConsoleApi } from "../../src/api.js";
import type { Lang } from "../../src/i18n/translate.js";
import { createConsoleQueryClient } from "../../src/queryClient.js";
import { coordinator, fakeApi, sampleRegistration } from "./fakeApi.js";

/** The console on the sample registration's page, as a coordinator sees it, in `lang`. */
export const renderRegistrationDetail = (api: ConsoleApi, lang: Lang = "nl") => {
  window.history.replaceState(null, "", `/registrations/${sampleRegistration.id}`);
  return render(() => <App api={api} queryClient={createConsoleQueryClient()} initialLang={lang} />);
};

/** A fake API whose sample registration belongs to person `personId`, signed in as a coordinator. */
export const withPerson = (personId: string, overrides: Partial<ConsoleApi> = {}) =>
  fakeApi({
    session: async () => coordinator,
    getRegistration: async (id) => ({ ...sampleRegistration, id, personId }),
    ...overrides,
  });

/** Queries within the card (a `section`) whose heading matches `name`, once it shows. */
export const cardTitled = async (name: RegExp) => {
  const heading = await screen.findByRole("heading", { name });
  return within(heading.closest("section") as HTMLElement);
};
