/**
 * Numbers, dates and times as each language writes them. Every figure and every date shown to
 * anyone goes through here: "3,4" and "2 dicembre 2026 alle ore 17:33" in Italian, "3.4" and
 * "2 December 2026 at 17:33" in English. Times are shown in the project's time zone (an IANA
 * name such as "Europe/Rome"), never as raw UTC timestamps.
 */
import type { Locale } from './catalogue.js';

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', it: 'it-IT' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, min: number, max: number): Intl.NumberFormat {
  const key = `n|${locale}|${min}|${max}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: min, maximumFractionDigits: max });
    cache.set(key, format);
  }
  return format;
}

function dateFormat(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions, name: string) {
  const key = `d|${locale}|${timeZone}|${name}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone });
    cache.set(key, format);
  }
  return format;
}

/** A quantity with up to `maxDigits` decimals (default 2): 1200 → "1,200" / "1.200", 3.4 → "3.4" / "3,4". */
export function formatNumber(locale: Locale, value: number, maxDigits = 2): string {
  return numberFormat(locale, 0, maxDigits).format(value);
}

/** A figure with exactly `digits` decimals, as scores and intervals are shown: "3.40" / "3,40". */
export function formatFixed(locale: Locale, value: number, digits: number): string {
  return numberFormat(locale, digits, digits).format(value);
}

/** A signed change with exactly `digits` decimals: "+0.44" / "+0,44", "−0.30" with a true minus sign. */
export function formatSigned(locale: Locale, value: number, digits: number): string {
  const text = formatFixed(locale, Math.abs(value), digits);
  if (Number(text.replace(',', '.').replace(/[^\d.]/g, '')) === 0) return text;
  return `${value < 0 ? '\u2212' : '+'}${text}`;
}

/** A share as a percentage: 0.725 → "72.5%" / "72,5%". */
export function formatPercent(locale: Locale, share: number, maxDigits = 1): string {
  return `${formatNumber(locale, share * 100, maxDigits)}%`;
}

/**
 * A calendar date (YYYY-MM-DD, or the date part of an ISO timestamp taken as already local):
 * "1 March 2026" / "1 marzo 2026". A calendar date has no time zone, so none is applied.
 */
export function formatCalendarDate(locale: Locale, date: string): string {
  return dateFormat(locale, 'UTC', { day: 'numeric', month: 'long', year: 'numeric' }, 'date').format(
    new Date(`${date.slice(0, 10)}T12:00:00Z`),
  );
}

/** An instant shown as the local date in a time zone: "2 December 2026" / "2 dicembre 2026". */
export function formatLocalDate(locale: Locale, instant: string | Date, timeZone: string): string {
  return dateFormat(locale, timeZone, { day: 'numeric', month: 'long', year: 'numeric' }, 'local-date').format(
    new Date(instant),
  );
}

/** An instant shown as local date and time, to the minute, as CLDR writes it: "2 December 2026 at 17:33" / "2 dicembre 2026 alle ore 17:33". */
export function formatLocalDateTime(locale: Locale, instant: string | Date, timeZone: string): string {
  return dateFormat(
    locale,
    timeZone,
    { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    'local-date-time',
  ).format(new Date(instant));
}

/** An instant shown as a compact local date and time for tables: "02/12/2026, 17:33". */
export function formatLocalShort(locale: Locale, instant: string | Date, timeZone: string): string {
  return dateFormat(
    locale,
    timeZone,
    { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    'local-short',
  ).format(new Date(instant));
}
