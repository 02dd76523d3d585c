import type { StorageOptions, VolumeSeedSummary } from "@comensha/db";
import { generateDemoData, type SeedSummary, seededIdGenerator, writeDemoData, writeVolumeData } from "@comensha/db";
import { IsoDate } from "@comensha/domain";
import { withStorage } from "./storage.js";

/**
 * The demo data's shape: how many complete years, which seed, the last complete year and, optionally, `today` (an
 * ISO date in the year after `lastYear`): the demo then also holds that year up to `today`, and its recent story
 * (open requests, the open offer, running placements, open duplicates) happens in the weeks before `today`.
 */
export interface SeedOptions {
  readonly years: number;
  readonly seed: number;
  readonly lastYear: number;
  readonly personsPerYear?: number;
  readonly today?: string | undefined;
}

/**
 * The first year of the embedded demo: the published figures the demo follows (CoMensha's and the National
 * Rapporteur's, `docs/demo-data.md`) start in 2019.
 */
export const firstDemoYear = 2019;

/** The complete years of a demo from {@link firstDemoYear} up to `lastYear`: at least one. */
export const demoYearsUpTo = (lastYear: number): number => Math.max(1, lastYear - firstDemoYear + 1);

/**
 * New persons in the embedded demo's last complete year; the earlier years scale by the published counts (2019 has
 * 1.4 times as many). Fewer than the 944 CoMensha registered in 2024, so that the first start, which writes the years
 * since 2019, takes about as long as it did with five years of 1,000.
 */
export const demoPersonsPerYear = 700;

/** The last complete calendar year: demo reports never lie in the future. */
export const defaultLastYear = (now: Date = new Date()) => now.getUTCFullYear() - 1;

/**
 * The last complete year of a demo that runs up to `today`: the year before it.
 *
 * @throws a `SchemaError` when `today` is not a calendar date (`YYYY-MM-DD`).
 */
export const lastYearBefore = (today: string): number => IsoDate.yearOf(IsoDate.make(today)) - 1;

/** Today's date in the Netherlands, where CoMensha works: the embedded demo's present. */
export const todayInAmsterdam = (now: Date = new Date()): IsoDate.IsoDate => IsoDate.ofInstant(now.getTime());

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
    ...(options.today === undefined ? {} : { today: options.today }),
  });
  const ids = seededIdGenerator(options.seed, Date.UTC(options.lastYear - options.years + 1, 0, 1));
  return withStorage({ ...storage, ids }, writeDemoData(data));
};

/** A volume seed: `persons` new persons over `years` complete years up to `lastYear`, from `seed`. */
export interface VolumeOptions {
  readonly persons: number;
  readonly years: number;
  readonly seed: number;
  readonly lastYear: number;
  readonly batchSize?: number;
}

/**
 * Fills a database without registrations with demo data at volume (`writeVolumeData`), printing each batch's
 * progress and the rate to `print`. Ids come from `seed` too, so the same options give the same database.
 */
export const seedVolume = (
  storage: Omit<StorageOptions, "ids">,
  options: VolumeOptions,
  print: (line: string) => void,
): Promise<VolumeSeedSummary> => {
  const number = new Intl.NumberFormat("en-GB");
  return withStorage(
    storage,
    writeVolumeData({
      ...options,
      onProgress: (progress) => {
        const seconds = progress.elapsedMs / 1000;
        print(
          `seed: ${number.format(progress.generated)} of ${number.format(options.persons)} persons, ` +
            `${number.format(progress.registrations)} registrations in ${seconds.toFixed(1)} s ` +
            `(${number.format(Math.round(progress.generated / seconds))} persons/s)`,
        );
      },
    }),
  );
};
