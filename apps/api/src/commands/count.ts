import type { StorageOptions } from "@comensha/db";
import { Counting, Ports } from "@comensha/domain";
import { Effect } from "effect";
import { withStorage } from "./storage.js";

/** Persons and reports of one year under the counting rule, straight from the registrations. */
export const countYear = (storage: StorageOptions, year: number) =>
  withStorage(
    storage,
    Effect.gen(function* () {
      const registrations = yield* Ports.RegistrationRepository;
      const rows = yield* registrations.listCountable(year);
      const persons = Counting.countPersons(rows, year);
      const reports = Counting.countReports(rows, year);
      const totalReports = Object.values(reports).reduce((sum, n) => sum + n, 0);
      return { year, persons: persons.length, reports: totalReports, reportsPerOrganisationKind: reports };
    }),
  );
