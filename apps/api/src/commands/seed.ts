import type { StorageOptions } from "@comensha/db";
import { generateDemoData, type SeedSummary, seededIdGenerator, writeDemoData } from "@comensha/db";
import { withStorage } from "./storage.js";

/** The demo data's shape: how many years, which seed, and the last (complete) year. */
export interface SeedOptions {
  readonly years: number;
  readonly seed: number;
  readonly lastYear: number;
  readonly personsPerYear?: number;
}

/** The last complete calendar year: demo reports never lie in the future. */
export const defaultLastYear = (now: Date = new Date()) => now.getUTCFullYear() - 1;

/**
 * Writes reproducible demo data into an empty database: the same options give the same data (ids included),
 * because ids come from a generator seeded with `seed`.
 */
export const seedDatabase = (storage: Omit<StorageOptions, "ids">, options: SeedOptions): Promise<SeedSummary> => {
  const data = generateDemoData({
    seed: options.seed,
    years: options.years,
    lastYear: options.lastYear,
    ...(options.personsPerYear === undefined ? {} : { personsPerYear: options.personsPerYear }),
  });
  const ids = seededIdGenerator(options.seed, Date.UTC(options.lastYear - options.years + 1, 0, 1));
  return withStorage({ ...storage, ids }, writeDemoData(data));
};
