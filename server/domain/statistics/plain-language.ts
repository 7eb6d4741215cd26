import type { CellClassification, CoCreationEvidence } from './classification.js';
import {
  DEFAULT_FLAG_THRESHOLDS,
  meetsThreshold,
  onScale,
  type CellEvidence,
  type Flag,
  type FlagThresholds,
} from './flag-rules.js';
import type { ReliableChangeSkipped } from './reliable-change.js';

export interface CellLabels {
  dimension: string;
  group: string;
  wave: string;
  /** Null on the first wave. */
  previousWave: string | null;
  /** Display names of the groups in `cell.gaps`, by `otherGroup`; the key itself is shown when missing. */
  otherGroups?: Readonly<Record<string, string>>;
}

/** Fixed decimals without a "-0.0" for values that round to zero. */
function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

/** "p < 0.001" below 0.001, otherwise three decimals. */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${fixed(p, 3)}`;
}

/**
 * One decimal, or more when one decimal would round a mean onto a boundary it is below
 * ("2.97 is below 3.0", not "3.0 is below 3.0").
 */
export function formatMean(mean: number, boundaries: readonly number[] = []): string {
  const crossed = (text: string): number[] =>
    boundaries.filter((boundary) => !meetsThreshold(mean, boundary) && Number(text) >= boundary);
  let text = fixed(mean, 1);
  for (let decimals = 2; decimals <= 3 && crossed(text).length > 0; decimals += 1) text = fixed(mean, decimals);
  const stillCrossed = crossed(text);
  // Within 0.0005 below a boundary even three decimals round onto it; show the step just below.
  return stillCrossed.length === 0 ? text : fixed(Math.min(...stillCrossed) - 0.001, 3);
}

/** Two decimals with an explicit sign on rises. */
export function formatChange(change: number): string {
  const text = fixed(change, 2);
  return Number(text) > 0 ? `+${text}` : text;
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

interface Context {
  cell: CellEvidence;
  labels: CellLabels;
  thresholds: FlagThresholds;
  subject: string;
  previousWave: string;
  /** The band boundaries on the cell's scale: low level, then strength. */
  boundaries: [number, number];
  mean: string;
  previousMean: string | null;
}

function band({ cell, boundaries: [low, strength] }: Context): string {
  if (meetsThreshold(cell.mean, strength)) return 'strength';
  return meetsThreshold(cell.mean, low) ? 'borderline' : 'concern';
}

function changeDetails(pairs: number, meanChange: number, pAdjusted: number): string {
  return `${pairs} people answered both; mean change ${formatChange(meanChange)}; ${formatP(pAdjusted)} after correction`;
}

function movement(context: Context, verb: 'fell' | 'rose'): string {
  const span = `between ${context.previousWave} and ${context.labels.wave}`;
  return context.previousMean === null
    ? `${verb} ${span}`
    : `${verb} from ${context.previousMean} to ${context.mean} ${span}`;
}

/** All English wording of the reasons lives here. */
const SENTENCES = {
  coDestruction: (c: Context, rule: 'low-level-with-decline' | 'three-flags', flagCount: number): string =>
    rule === 'low-level-with-decline'
      ? `${c.subject} points to co-destruction in ${c.labels.wave}: a low level (${c.mean}) together with a decline.`
      : `${c.subject} points to co-destruction in ${c.labels.wave}: ${flagCount} warning signs at once (mean ${c.mean}).`,
  watch: (c: Context): string => `${c.subject} needs watching in ${c.labels.wave} (mean ${c.mean}).`,
  decliningBorderline: (c: Context, previousMean: string): string =>
    `It is in the borderline band and fell from ${previousMean} in ${c.previousWave}.`,
  coCreation: (c: Context): string => `${c.subject} points to co-creation in ${c.labels.wave} (mean ${c.mean}, a strength).`,
  stable: (c: Context): string =>
    c.cell.isFirstWave || c.previousMean === null
      ? `${c.subject} is at ${c.mean} (${band(c)}) in ${c.labels.wave}; no warning sign was raised.`
      : `${c.subject} is stable at ${c.mean} (${band(c)}) in ${c.labels.wave}, against ${c.previousMean} in ${c.previousWave}; no warning sign was raised.`,
  evidence: (c: Context, evidence: CoCreationEvidence): string => {
    switch (evidence.kind) {
      case 'significant-improvement':
        return `It ${movement(c, 'rose')} (${changeDetails(evidence.pairs, evidence.meanChange, evidence.pAdjusted)}).`;
      case 'reliable-improvement':
        return `${evidence.improved} of the ${evidence.pairs} reliably improved.`;
      case 'held-strength':
        return `It has stayed at or above ${fixed(c.boundaries[1], 1)} for two waves (${formatMean(evidence.previousMean, c.boundaries)} in ${c.previousWave}).`;
    }
  },
  flag: (c: Context, flag: Flag): string => {
    switch (flag.code) {
      case 'F1':
        return `The mean of ${c.mean} is below ${fixed(flag.threshold, 1)}, the concern band.`;
      case 'F2':
        return `${c.subject} ${movement(c, 'fell')} (${changeDetails(flag.pairs, flag.meanChange, flag.pAdjusted)}).`;
      case 'F3':
        return `${flag.deteriorated} of the ${flag.pairs} reliably deteriorated.`;
      case 'F4': {
        const gaps = flag.gaps.map(({ otherGroup, g, previousG }) => {
          const other = c.labels.otherGroups?.[otherGroup] ?? otherGroup;
          return previousG === null
            ? `the gap to ${other} is wide (g = ${fixed(g, 2)})`
            : `the gap to ${other} widened to g = ${fixed(g, 2)} from ${fixed(previousG, 2)} in ${c.previousWave}`;
        });
        const text = gaps.join('; ');
        return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
      }
      case 'F5': {
        const floor = `below ${percent(c.thresholds.responseRateFloor)}`;
        if (flag.dropped && flag.previousResponseRate !== null && flag.drop !== null) {
          const fall = `Participation fell from ${percent(flag.previousResponseRate)} to ${percent(flag.responseRate)} (down ${Math.round(flag.drop * 100)} points)`;
          return flag.belowFloor ? `${fall}, ${floor}.` : `${fall}.`;
        }
        return `Only ${percent(flag.responseRate)} of those invited responded, ${floor}.`;
      }
    }
  },
  reliableSkipped: (skipped: ReliableChangeSkipped): string => {
    const because = {
      'alpha-missing': 'the baseline alpha is missing',
      'alpha-below-minimum': `the baseline alpha (${fixed(skipped.baselineAlpha ?? 0, 2)}) is below ${fixed(skipped.minAlpha, 2)}`,
      'alpha-perfect': 'a baseline alpha of 1 leaves no measurement error to judge change against',
      'baseline-sd-missing': 'the baseline standard deviation is missing',
      'baseline-sd-zero': 'the baseline scores did not vary',
    }[skipped.reason];
    return `Reliable change was not assessed: ${because}.`;
  },
};

/**
 * The reason for a classified cell in plain English: a lead sentence for the status, one
 * sentence per raised flag (or per piece of co-creation evidence), and a note when reliable
 * change had to be skipped.
 */
export function describeCell(
  cell: CellEvidence,
  classification: CellClassification,
  labels: CellLabels,
  thresholds: FlagThresholds = DEFAULT_FLAG_THRESHOLDS,
): string {
  const boundaries: [number, number] = [
    onScale(thresholds.lowMean, cell.scale),
    onScale(thresholds.strengthMean, cell.scale),
  ];
  const context: Context = {
    cell,
    labels,
    thresholds,
    boundaries,
    subject: `${labels.dimension} among ${labels.group}`,
    previousWave: labels.previousWave ?? 'the previous wave',
    mean: formatMean(cell.mean, boundaries),
    previousMean: cell.previousMean === null ? null : formatMean(cell.previousMean, boundaries),
  };
  const sentences: string[] = [];
  switch (classification.status) {
    case 'co-destruction':
      sentences.push(SENTENCES.coDestruction(context, classification.rule, classification.flags.length));
      break;
    case 'watch':
      sentences.push(SENTENCES.watch(context));
      if (classification.decliningBorderline && context.previousMean !== null) {
        sentences.push(SENTENCES.decliningBorderline(context, context.previousMean));
      }
      break;
    case 'co-creation':
      sentences.push(SENTENCES.coCreation(context));
      sentences.push(...classification.evidence.map((evidence) => SENTENCES.evidence(context, evidence)));
      break;
    case 'stable':
      sentences.push(SENTENCES.stable(context));
      break;
  }
  sentences.push(...classification.flags.map((flag) => SENTENCES.flag(context, flag)));
  if (!cell.isFirstWave && cell.reliable?.status === 'skipped') sentences.push(SENTENCES.reliableSkipped(cell.reliable));
  return sentences.join(' ');
}
