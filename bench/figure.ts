import type { Services } from '../server/services/services.js';

/** One measured figure, printed as one JSON line. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target the figure is held against; null when there is none. */
  baseline: number | null;
  /** value / baseline; null without a baseline. */
  ratio: number | null;
}

/** What every figure receives: services on the seeded store and the seeded project's slug. */
export interface BenchContext {
  services: Services;
  slug: string;
  /** Answers seeded: participants × waves × items. */
  answers: number;
  /** The seeded SQLite file, for figures measured in a process of their own. */
  databaseFile: string;
}

export type FigureRunner = (context: BenchContext) => Promise<Figure[]>;

/** A module whose figures need no seeded store: it makes what it measures itself. */
export type StandaloneRunner = () => Promise<Figure[]>;

export function figure(name: string, value: number, unit: string, baseline: number | null): Figure {
  // JSON.stringify writes NaN as null and drops undefined: a figure that was not measured must
  // stop the run, not print a line that looks like one.
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`figure "${name}" was not measured (got ${String(value)})`);
  return { name, value, unit, baseline, ratio: baseline === null ? null : value / baseline };
}

/** The line a figure is printed as on stdout: JSON, keys in the order. */
export function figureLine(f: Figure): string {
  return `${JSON.stringify({ name: f.name, value: f.value, unit: f.unit, baseline: f.baseline, ratio: f.ratio })}\n`;
}

/** The median of several timed runs, in ms, after one warm-up run. */
export async function medianMs(runs: number, task: () => Promise<unknown>): Promise<number> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Progress for the person watching; stdout carries only the figures. */
export function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}
