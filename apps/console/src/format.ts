import { type Lang, localeOf } from "./i18n/translate.js";

/** CoMensha works in Dutch time: "today" and "tonight" are days in Europe/Amsterdam. */
export const timeZone = "Europe/Amsterdam";

/** The ISO date (`YYYY-MM-DD`) of `now` in Amsterdam. */
export const todayInAmsterdam = (now: Date = new Date()): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);

/** The calendar year of `now` in Amsterdam. */
export const yearInAmsterdam = (now: Date = new Date()): number => Number(todayInAmsterdam(now).slice(0, 4));

export const formatNumber = (value: number, lang: Lang): string => new Intl.NumberFormat(localeOf(lang)).format(value);

/** A calendar date (`YYYY-MM-DD`), e.g. "20 nov 2026"; anything else is shown as it came. */
export const formatDate = (isoDate: string, lang: Lang): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(localeOf(lang), { timeZone: "UTC", dateStyle: "medium" }).format(date);
};

/** An instant, in Amsterdam time, e.g. "20 nov 2026, 09:30"; a date alone is formatted as a date. */
export const formatDateTime = (iso: string, lang: Lang): string => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDate(iso, lang);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), { timeZone, dateStyle: "medium", timeStyle: "short" }).format(date);
};

/** A file size in bytes, kB or MB (powers of 1000, as browsers show downloads). */
export const formatBytes = (bytes: number, lang: Lang): string => {
  const locale = localeOf(lang);
  if (bytes < 1000) return `${new Intl.NumberFormat(locale).format(bytes)} B`;
  const [value, unit] = bytes < 1_000_000 ? [bytes / 1000, "kB"] : [bytes / 1_000_000, "MB"];
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)} ${unit}`;
};

/** Whole minutes to wait, rounded up, at least 1. */
export const minutesToWait = (seconds: number): number => Math.max(1, Math.ceil(seconds / 60));
