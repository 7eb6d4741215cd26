import { DomainError, type FieldProblem } from '../errors.js';
import type { ReliableChangeCounts, ReliableChangeSkipped } from './reliable-change.js';

/**
 * Every cut-off of the flag rules and the classification, in one place so the UI can show
 * them (STATISTICS.md: F3-F5 are judgement, not literature). Levels are given on a 1-5 scale
 * and mapped linearly onto the instrument's own range by `onScale`.
 */
export interface FlagThresholds {
  /** F1: a mean below this (1-5 scale) is a low level, the "concern" band of the Wilder inventory. */
  lowMean: number;
  /** A mean at or above this (1-5 scale) is a strength, the precondition for co-creation. */
  strengthMean: number;
  /** Significance level for BH-adjusted p; not Cronbach's alpha. */
  alpha: number;
  /** F2 needs at least this many pairs; so does a significant improvement. */
  minPairsForDecline: number;
  /** |RCI| at or beyond this is reliable change. */
  rciCritical: number;
  /** Reliable change is skipped when the baseline Cronbach's alpha is below this. */
  rciMinAlpha: number;
  /** F3: at least this many people reliably deteriorated (mirrored for reliable improvement)... */
  reliableDeteriorationMinPeople: number;
  /** ...and at least this share of the pairs. */
  reliableDeteriorationMinShare: number;
  /** F4: |Hedges' g| between two groups at least this... */
  gapG: number;
  /** ...and |g| grown by at least this since the previous wave. */
  gapGrowth: number;
  /** F5: response rate down by at least this (0.15 = 15 points)... */
  responseRateDrop: number;
  /** ...or below this. */
  responseRateFloor: number;
  /** Watch: a declining mean in [watchBandLow, watchBandHigh) (1-5 scale). */
  watchBandLow: number;
  watchBandHigh: number;
}

export const DEFAULT_FLAG_THRESHOLDS: Readonly<FlagThresholds> = Object.freeze({
  lowMean: 3.0,
  strengthMean: 4.0,
  alpha: 0.05,
  minPairsForDecline: 5,
  rciCritical: 1.96,
  rciMinAlpha: 0.7,
  reliableDeteriorationMinPeople: 2,
  reliableDeteriorationMinShare: 0.2,
  gapG: 0.5,
  gapGrowth: 0.2,
  responseRateDrop: 0.15,
  responseRateFloor: 0.5,
  watchBandLow: 3.0,
  watchBandHigh: 3.5,
});

type ThresholdKind = 'level' | 'probability' | 'proportion' | 'count' | 'positive' | 'non-negative';

const THRESHOLD_KINDS: Readonly<Record<keyof FlagThresholds, ThresholdKind>> = {
  lowMean: 'level',
  strengthMean: 'level',
  alpha: 'probability',
  minPairsForDecline: 'count',
  rciCritical: 'positive',
  rciMinAlpha: 'proportion',
  reliableDeteriorationMinPeople: 'count',
  reliableDeteriorationMinShare: 'proportion',
  gapG: 'positive',
  gapGrowth: 'non-negative',
  responseRateDrop: 'proportion',
  responseRateFloor: 'proportion',
  watchBandLow: 'level',
  watchBandHigh: 'level',
};

function kindProblem(kind: ThresholdKind, value: number): string | null {
  if (!Number.isFinite(value)) return 'must be a number';
  switch (kind) {
    case 'level':
      return value >= 1 && value <= 5 ? null : 'must lie on the 1-5 scale';
    case 'probability':
      return value > 0 && value < 1 ? null : 'must lie between 0 and 1';
    case 'proportion':
      return value >= 0 && value <= 1 ? null : 'must lie between 0 and 1';
    case 'count':
      return Number.isInteger(value) && value >= 1 ? null : 'must be a whole number of at least 1';
    case 'positive':
      return value > 0 ? null : 'must be greater than 0';
    case 'non-negative':
      return value >= 0 ? null : 'must not be negative';
  }
}

/** The defaults with a project's overrides applied; rejects values the rules cannot use. */
export function resolveFlagThresholds(overrides: Partial<FlagThresholds> = {}): FlagThresholds {
  const thresholds: FlagThresholds = { ...DEFAULT_FLAG_THRESHOLDS, ...overrides };
  const problems: FieldProblem[] = [];
  for (const [name, kind] of Object.entries(THRESHOLD_KINDS) as [keyof FlagThresholds, ThresholdKind][]) {
    const message = kindProblem(kind, thresholds[name]);
    if (message !== null) problems.push({ where: name, message });
  }
  if (problems.length === 0 && thresholds.watchBandLow >= thresholds.watchBandHigh) {
    problems.push({ where: 'watchBandHigh', message: 'must be above watchBandLow' });
  }
  if (problems.length === 0 && thresholds.lowMean > thresholds.strengthMean) {
    problems.push({ where: 'strengthMean', message: 'must not be below lowMean' });
  }
  if (problems.length > 0) throw new DomainError('VALIDATION', 'invalid flag thresholds', problems);
  return thresholds;
}

export interface ScaleRange {
  min: number;
  max: number;
}

/** A level given on the 1-5 scale, mapped linearly onto [min, max]. */
export function onScale(levelOnFivePoint: number, scale: ScaleRange): number {
  return scale.min + ((levelOnFivePoint - 1) * (scale.max - scale.min)) / 4;
}

/**
 * value ≥ threshold, forgiving floating-point residue: 0.60 - 0.45 lands just under 0.15,
 * and a value that is on the boundary must count as reaching it.
 */
export function meetsThreshold(value: number, threshold: number): boolean {
  return value >= threshold - 1e-9;
}

export interface ChangeEvidence {
  /** People who answered in both waves. */
  pairs: number;
  /** Mean of (this wave - previous wave) over the pairs. */
  meanChange: number;
  /** BH-adjusted p of the paired test; null when the test was undefined. */
  pAdjusted: number | null;
}

/** Hedges' g of this group minus another group in the same wave and dimension. */
export interface GapObservation {
  otherGroup: string;
  g: number;
  /** The same gap in the previous wave; null when it was not computed. */
  previousG: number | null;
}

/** Everything the rules look at for one (wave, group, dimension). */
export interface CellEvidence {
  /** On the first wave nothing is compared with a previous wave. */
  isFirstWave: boolean;
  scale: ScaleRange;
  mean: number;
  previousMean: number | null;
  change: ChangeEvidence | null;
  reliable: ReliableChangeCounts | ReliableChangeSkipped | null;
  gaps: readonly GapObservation[];
  /** submitted / invited, 0-1; null when nobody was invited. */
  responseRate: number | null;
  previousResponseRate: number | null;
}

export interface WideningGap {
  otherGroup: string;
  g: number;
  previousG: number | null;
  /** |g| - |previous g|; null on the first wave. */
  growth: number | null;
}

/** A raised flag with the numbers that raised it. */
export type Flag =
  | { code: 'F1'; mean: number; threshold: number }
  | { code: 'F2'; meanChange: number; pAdjusted: number; pairs: number }
  | { code: 'F3'; deteriorated: number; pairs: number; share: number }
  | { code: 'F4'; gaps: WideningGap[] }
  | {
      code: 'F5';
      responseRate: number;
      previousResponseRate: number | null;
      /** previous - current, in proportion points; null without a previous rate. */
      drop: number | null;
      dropped: boolean;
      belowFloor: boolean;
    };

export type FlagCode = Flag['code'];

function lowLevel(cell: CellEvidence, thresholds: FlagThresholds): Flag | null {
  const threshold = onScale(thresholds.lowMean, cell.scale);
  return meetsThreshold(cell.mean, threshold) ? null : { code: 'F1', mean: cell.mean, threshold };
}

function significantDecline(cell: CellEvidence, thresholds: FlagThresholds): Flag | null {
  const { change } = cell;
  if (change === null || change.pAdjusted === null) return null;
  if (change.pairs < thresholds.minPairsForDecline || !(change.meanChange < 0)) return null;
  if (!(change.pAdjusted < thresholds.alpha)) return null;
  return { code: 'F2', meanChange: change.meanChange, pAdjusted: change.pAdjusted, pairs: change.pairs };
}

/** At least the minimum number of people and the minimum share of the pairs. */
export function enoughPeople(people: number, pairs: number, thresholds: FlagThresholds): boolean {
  return (
    pairs > 0 &&
    people >= thresholds.reliableDeteriorationMinPeople &&
    meetsThreshold(people / pairs, thresholds.reliableDeteriorationMinShare)
  );
}

function reliableDeterioration(cell: CellEvidence, thresholds: FlagThresholds): Flag | null {
  const { reliable } = cell;
  if (reliable === null || reliable.status !== 'computed') return null;
  if (!enoughPeople(reliable.deteriorated, reliable.pairs, thresholds)) return null;
  return {
    code: 'F3',
    deteriorated: reliable.deteriorated,
    pairs: reliable.pairs,
    share: reliable.deteriorated / reliable.pairs,
  };
}

/**
 * F4. On the first wave there is no previous gap to have grown from, and STATISTICS.md keeps
 * only "F4's level part" there: we read that as |g| ≥ gapG alone raising F4. On later waves a
 * gap whose previous value is unknown cannot be shown to widen, so it raises nothing.
 */
function wideningGap(cell: CellEvidence, thresholds: FlagThresholds): Flag | null {
  const widening: WideningGap[] = [];
  for (const { otherGroup, g, previousG } of cell.gaps) {
    if (!meetsThreshold(Math.abs(g), thresholds.gapG)) continue;
    if (cell.isFirstWave) {
      widening.push({ otherGroup, g, previousG: null, growth: null });
      continue;
    }
    if (previousG === null) continue;
    const growth = Math.abs(g) - Math.abs(previousG);
    if (meetsThreshold(growth, thresholds.gapGrowth)) widening.push({ otherGroup, g, previousG, growth });
  }
  return widening.length === 0 ? null : { code: 'F4', gaps: widening };
}

function fallingParticipation(cell: CellEvidence, thresholds: FlagThresholds): Flag | null {
  const { responseRate, previousResponseRate } = cell;
  if (responseRate === null) return null;
  const drop = previousResponseRate === null ? null : previousResponseRate - responseRate;
  const dropped = drop !== null && meetsThreshold(drop, thresholds.responseRateDrop);
  const belowFloor = !meetsThreshold(responseRate, thresholds.responseRateFloor);
  if (!dropped && !belowFloor) return null;
  return { code: 'F5', responseRate, previousResponseRate, drop, dropped, belowFloor };
}

/**
 * The flags raised for one cell, in code order. The first wave has no change tests, so only
 * F1 and F4's level part apply; F5 is left out there too, as STATISTICS.md lists only those two.
 */
export function evaluateFlags(cell: CellEvidence, thresholds: FlagThresholds = DEFAULT_FLAG_THRESHOLDS): Flag[] {
  if (!(cell.scale.max > cell.scale.min)) throw new RangeError('a scale needs max above min');
  const rules = cell.isFirstWave
    ? [lowLevel, wideningGap]
    : [lowLevel, significantDecline, reliableDeterioration, wideningGap, fallingParticipation];
  return rules.map((rule) => rule(cell, thresholds)).filter((flag): flag is Flag => flag !== null);
}
