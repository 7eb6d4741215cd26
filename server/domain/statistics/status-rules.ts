import { DomainError, type FieldProblem } from '../errors.js';
import { fieldProblem, type FieldRule } from '../field-rules.js';

/**
 * The one definition of every status rule and its cut-offs. The analysis classifies with it;
 * the dashboard legend, the exports page, the codebook and the reasons are all rendered from
 * it, so a change here changes every place that explains the rules. docs/methods.md says why
 * the rules are what they are; `npm run calibrate` measures them.
 */
export interface StatusThresholds {
  /**
   * False-alarm budget of a project: the chance that a project with no true change gets any
   * co-destruction cell (and, separately, any co-creation cell), spread over followUpWaves.
   */
  alpha: number;
  /** The follow-up waves (after the first) the budget is spread over: each wave gets alpha / followUpWaves. */
  followUpWaves: number;
  /** The looser budget for watch, spread the same way. */
  watchAlpha: number;
  /** Smallest change that counts, in points on a 1-5 scale (mapped onto the instrument's range). */
  minChange: number;
  /** A change is tested only when at least this many people (2 or more) have a score now and earlier. */
  minLinked: number;
  /** Participation is falling when the response rate dropped by at least this (0.15 = 15 points)... */
  responseRateDrop: number;
  /** ...and low when under this. */
  responseRateFloor: number;
  /** Participation is judged only for groups with at least this many invited people in the wave. */
  participationMinInvited: number;
}

export const DEFAULT_STATUS_THRESHOLDS: Readonly<StatusThresholds> = Object.freeze({
  alpha: 0.04,
  followUpWaves: 3,
  watchAlpha: 0.21,
  minChange: 0.25,
  minLinked: 5,
  responseRateDrop: 0.15,
  responseRateFloor: 0.5,
  participationMinInvited: 5,
});

export const THRESHOLD_NAMES = Object.keys(DEFAULT_STATUS_THRESHOLDS) as (keyof StatusThresholds)[];

type ThresholdKind = 'probability' | 'proportion' | 'count' | 'people' | 'points';

const THRESHOLD_KINDS: Readonly<Record<keyof StatusThresholds, ThresholdKind>> = {
  alpha: 'probability',
  followUpWaves: 'count',
  watchAlpha: 'probability',
  minChange: 'points',
  minLinked: 'people',
  responseRateDrop: 'proportion',
  responseRateFloor: 'proportion',
  participationMinInvited: 'count',
};

/** The rule a threshold's value breaks, with the rule's values; null for a usable value. */
function kindProblem(kind: ThresholdKind, value: number): [FieldRule, Record<string, number>?] | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return ['rule.number'];
  switch (kind) {
    case 'probability':
      return value > 0 && value < 1 ? null : ['rule.between', { min: 0, max: 1 }];
    case 'proportion':
      return value >= 0 && value <= 1 ? null : ['rule.between', { min: 0, max: 1 }];
    case 'count':
      return Number.isInteger(value) && value >= 1 ? null : ['rule.wholeAtLeast', { min: 1 }];
    case 'people':
      // One person leaves the model no degrees of freedom: there would be nothing to test.
      return Number.isInteger(value) && value >= 2 ? null : ['rule.wholeAtLeast', { min: 2 }];
    case 'points':
      return value >= 0 && value <= 4 ? null : ['rule.pointsBetween', { min: 0, max: 4 }];
  }
}

/**
 * The defaults with a project's overrides applied. Names the rules no longer have (settings
 * saved before the rules changed) are ignored; values the rules cannot use are refused.
 */
export function resolveStatusThresholds(overrides: Partial<Record<string, unknown>> = {}): StatusThresholds {
  const thresholds: StatusThresholds = { ...DEFAULT_STATUS_THRESHOLDS };
  for (const name of THRESHOLD_NAMES) {
    if (overrides[name] !== undefined) thresholds[name] = overrides[name] as number;
  }
  const problems: FieldProblem[] = [];
  for (const name of THRESHOLD_NAMES) {
    const broken = kindProblem(THRESHOLD_KINDS[name], thresholds[name]);
    if (broken !== null) problems.push(fieldProblem(name, ...broken));
  }
  if (problems.length === 0 && thresholds.watchAlpha < thresholds.alpha) {
    problems.push(fieldProblem('watchAlpha', 'rule.watchAlpha'));
  }
  if (problems.length > 0) throw new DomainError('VALIDATION', 'invalid status thresholds', problems);
  return thresholds;
}

export interface ScaleRange {
  min: number;
  max: number;
}

/** A number of points on the 1-5 scale, on the instrument's own range. */
export function pointsOnScale(pointsOnFivePoint: number, scale: ScaleRange): number {
  return (pointsOnFivePoint * (scale.max - scale.min)) / 4;
}

/** The statuses, worst first. Empty (null) is a cell without a mean. */
export const CELL_STATUSES = ['co-destruction', 'watch', 'stable', 'co-creation', 'too-few'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

/**
 * What raised or held a status, listed in the `flags` column: a clear fall or rise, a possible
 * fall (watch), or a change the test finds clear but that is smaller than minChange.
 */
export const SIGNALS = ['fall', 'possible-fall', 'rise', 'small-change'] as const;
export type Signal = (typeof SIGNALS)[number];

/** The tested change of one (wave, group, dimension) cell. */
export interface TestedChange {
  linked: number;
  meanChange: number;
  /**
   * One-sided p of a fall and of a rise, Holm-adjusted across the wave's tested cells and
   * multiplied by followUpWaves (capped at 1): on this scale they are compared with alpha.
   */
  pFallAdjusted: number | null;
  pRiseAdjusted: number | null;
}

export interface Classification {
  status: CellStatus;
  signals: Signal[];
}

/** Whether a cell's change is tested at all: enough linked people, and not the pooled `all`. */
export function isTestable(linked: number, thresholds: StatusThresholds): boolean {
  return linked >= thresholds.minLinked;
}

/**
 * The status of a tested cell. A fall needs both evidence (the adjusted p under the budget)
 * and size (at least minChange): with many people, a fall too small to matter can be clear.
 */
export function classifyChange(change: TestedChange, scale: ScaleRange, thresholds: StatusThresholds): Classification {
  const minChange = pointsOnScale(thresholds.minChange, scale);
  // Compared with a little slack, so a change of exactly minChange (0.25 reached as 3.25 - 3.5) counts.
  const bigFall = change.meanChange <= -minChange + 1e-9;
  const bigRise = change.meanChange >= minChange - 1e-9;
  const fallP = change.pFallAdjusted;
  const riseP = change.pRiseAdjusted;
  if (fallP !== null && fallP < thresholds.alpha) {
    return bigFall ? { status: 'co-destruction', signals: ['fall'] } : { status: 'stable', signals: ['small-change'] };
  }
  if (riseP !== null && riseP < thresholds.alpha) {
    return bigRise ? { status: 'co-creation', signals: ['rise'] } : { status: 'stable', signals: ['small-change'] };
  }
  if (fallP !== null && fallP < thresholds.watchAlpha && bigFall)
    return { status: 'watch', signals: ['possible-fall'] };
  return { status: 'stable', signals: [] };
}

/** Participation of one (wave, group): reported on its own, never a dimension's status. */
export const PARTICIPATION_STATUSES = ['falling', 'low', 'ok', 'too-few'] as const;
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number];

interface ParticipationEvidence {
  invited: number;
  rate: number | null;
  previousInvited: number | null;
  previousRate: number | null;
}

/** Null when nobody was invited. A fall needs the group large enough in both waves. */
export function classifyParticipation(
  evidence: ParticipationEvidence,
  thresholds: StatusThresholds,
): ParticipationStatus | null {
  const { invited, rate, previousInvited, previousRate } = evidence;
  if (rate === null || invited === 0) return null;
  if (invited < thresholds.participationMinInvited) return 'too-few';
  const comparable =
    previousRate !== null && previousInvited !== null && previousInvited >= thresholds.participationMinInvited;
  if (comparable && previousRate - rate >= thresholds.responseRateDrop - 1e-9) return 'falling';
  if (rate < thresholds.responseRateFloor - 1e-9) return 'low';
  return 'ok';
}
