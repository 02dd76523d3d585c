import type { StorageOptions } from "@comensha/db";
import { CountedYear, Ports } from "@comensha/domain";
import { Effect } from "effect";
import { withStorage } from "./storage.js";

/** Persons and reports of one year under the counting rule, counted by the database from the registrations. */
export const countYear = (storage: StorageOptions, year: number) =>
  withStorage(
    storage,
    Effect.gen(function* () {
      const statistics = yield* Ports.StatisticsSource;
      const [counted = CountedYear.emptyYear(year)] = yield* statistics.countedYears({ from: year, to: year });
      const reports = CountedYear.reportsPerOrganisationKind(counted);
      const totalReports = Object.values(reports).reduce((sum, n) => sum + n, 0);
      return {
        year,
        persons: CountedYear.personsIn(counted),
        reports: totalReports,
        reportsPerOrganisationKind: reports,
      };
    }),
  );
