import { addDays } from './calendar-date.js';
import type { ScheduledWave } from './wave-schedule.js';

export interface SeriesPlan {
  /** First opening day, YYYY-MM-DD. */
  firstOpensOn: string;
  everyMonths: number;
  count: number;
  /** How many days each wave stays open, the opening day included. */
  openDays: number;
  /** Waves are labelled "<prefix> <n>", numbered from firstNumber. */
  labelPrefix: string;
  firstNumber: number;
}

/**
 * Adds calendar months, keeping the day of the month where it exists and otherwise using the
 * month's last day (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/**
 * "Every 3 months from 1 March, 4 waves, each open 21 days". Each opening is counted from the
 * first one, not from the previous wave, so short months never make the series drift.
 */
export function planSeries(plan: SeriesPlan): ScheduledWave[] {
  return Array.from({ length: plan.count }, (_, i) => {
    const opensOn = addMonths(plan.firstOpensOn, i * plan.everyMonths);
    return {
      label: `${plan.labelPrefix} ${plan.firstNumber + i}`,
      opensOn,
      closesOn: addDays(opensOn, plan.openDays - 1),
    };
  });
}

/** The prefix a new series is named with when the project has no numbered wave to follow. */
export const DEFAULT_SERIES_PREFIX = 'Wave';

/**
 * What the series form suggests: continue the numbering of the project's waves. The prefix is
 * that of the last numbered wave ("Ondata 4" → "Ondata"), and the first number follows the
 * highest number with that prefix, not the first gap: a series of several waves started in a
 * gap would run into the waves after it ("Wave 1", "Wave 3" → 4, never 2). Labels are matched
 * exactly as the series' duplicate check compares them, so "wave 3" does not count for "Wave".
 */
export function nextSeriesNumbering(
  labels: readonly string[],
  defaultPrefix = DEFAULT_SERIES_PREFIX,
): { labelPrefix: string; firstNumber: number } {
  const numbered = labels
    .map((label) => /^(.*\S) (\d{1,6})$/.exec(label.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ prefix: match[1]!, number: Number(match[2]) }));
  const labelPrefix = numbered.at(-1)?.prefix ?? defaultPrefix;
  const highest = Math.max(0, ...numbered.filter((w) => w.prefix === labelPrefix).map((w) => w.number));
  return { labelPrefix, firstNumber: highest + 1 };
}
