import type { Locale } from '../../i18n/catalogue.js';
import { formatFixed } from '../../i18n/format.js';

/**
 * Numbers as the reasons print them: fixed decimals, never "-0.00". English keeps toFixed, so
 * its sentences stay byte for byte what the exports and their readers already have; other
 * languages go through format.ts ("3,40").
 */
function fixed(value: number, decimals: number, locale: Locale = 'en'): string {
  const text = value.toFixed(decimals);
  // Number("-0.00") is 0, and 0 itself formats without the sign -0 would keep.
  if (locale === 'en') return Number(text) === 0 ? (0).toFixed(decimals) : text;
  return formatFixed(locale, Number(text) === 0 ? 0 : Number(text), decimals);
}

/** "p < 0.001" below 0.001, otherwise three decimals: "p = 0.044", "p = 0,044". */
export function formatP(p: number, locale: Locale = 'en'): string {
  return p < 0.001 ? `p < ${fixed(0.001, 3, locale)}` : `p = ${fixed(p, 3, locale)}`;
}

/** A mean on the questionnaire's scale: one decimal, as people read a score. */
export function formatMean(mean: number, locale: Locale = 'en'): string {
  return fixed(mean, 1, locale);
}

/** A number of points, two decimals, without sign: "0.62 points", "1 point" never arises. */
function formatPoints(points: number, locale: Locale): string {
  return `${fixed(Math.abs(points), 2, locale)} ${locale === 'it' ? 'punti' : 'points'}`;
}

/** Words of a change in each language: English "lower", Italian "in meno". */
const DIRECTION: Record<Locale, { lower: string; higher: string }> = {
  en: { lower: 'lower', higher: 'higher' },
  it: { lower: 'in meno', higher: 'in più' },
};

/**
 * A 95% interval of a change in words: "0.31 to 0.93 points lower", "0.10 to 0.40 points
 * higher", or "from 0.20 points lower to 0.35 points higher" when it spans no change; in
 * Italian "da 0,31 a 0,93 punti in meno", "da 0,20 punti in meno a 0,35 punti in più".
 */
export function describeInterval(low: number, high: number, locale: Locale = 'en'): string {
  const { lower, higher } = DIRECTION[locale];
  if (locale === 'it') {
    if (Number(fixed(high, 2)) < 0) return `da ${fixed(-high, 2, locale)} a ${formatPoints(low, locale)} ${lower}`;
    if (Number(fixed(low, 2)) > 0) return `da ${fixed(low, 2, locale)} a ${formatPoints(high, locale)} ${higher}`;
    return `da ${formatPoints(low, locale)} ${lower} a ${formatPoints(high, locale)} ${higher}`;
  }
  if (Number(fixed(high, 2)) < 0) return `${fixed(-high, 2)} to ${formatPoints(low, locale)} ${lower}`;
  if (Number(fixed(low, 2)) > 0) return `${fixed(low, 2)} to ${formatPoints(high, locale)} ${higher}`;
  return `from ${formatPoints(low, locale)} ${lower} to ${formatPoints(high, locale)} ${higher}`;
}

/**
 * "0.62 points lower", "0.10 points higher" ("0,62 punti in meno", "0,10 punti in più"), or
 * null for a change that rounds to 0, which each language words in its own sentence.
 */
export function shiftInPoints(change: number, locale: Locale = 'en'): string | null {
  if (Number(fixed(change, 2)) === 0) return null;
  const { lower, higher } = DIRECTION[locale];
  return `${formatPoints(change, locale)} ${change < 0 ? lower : higher}`;
}

/** "0.62 points lower", "0.10 points higher", "no different" for a change that rounds to 0. */
export function describeShift(change: number): string {
  return shiftInPoints(change) ?? 'no different';
}

/** "Family caregivers" reads "family caregivers" mid-sentence; "NHS staff" stays as it is. */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
