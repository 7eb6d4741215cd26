import {
  DEFAULT_FLAG_THRESHOLDS,
  enoughPeople,
  evaluateFlags,
  meetsThreshold,
  onScale,
  type CellEvidence,
  type Flag,
  type FlagCode,
  type FlagThresholds,
} from './flag-rules.js';

export type CoCreationEvidence =
  | { kind: 'significant-improvement'; meanChange: number; pAdjusted: number; pairs: number }
  | { kind: 'reliable-improvement'; improved: number; pairs: number; share: number }
  | { kind: 'held-strength'; previousMean: number; mean: number };

export type CellClassification =
  | { status: 'co-destruction'; flags: Flag[]; rule: 'low-level-with-decline' | 'three-flags' }
  /** decliningBorderline: the mean sits in the watch band and fell since the previous wave. */
  | { status: 'watch'; flags: Flag[]; decliningBorderline: boolean }
  | { status: 'co-creation'; flags: Flag[]; evidence: CoCreationEvidence[] }
  | { status: 'stable'; flags: Flag[] };

export type CellStatus = CellClassification['status'];

function isDecliningBorderline(cell: CellEvidence, thresholds: FlagThresholds): boolean {
  if (cell.isFirstWave || cell.previousMean === null) return false;
  const inBand =
    meetsThreshold(cell.mean, onScale(thresholds.watchBandLow, cell.scale)) &&
    !meetsThreshold(cell.mean, onScale(thresholds.watchBandHigh, cell.scale));
  return inBand && !meetsThreshold(cell.mean, cell.previousMean);
}

/**
 * The grounds for co-creation besides a strong mean. The improvement side mirrors the decline
 * rules (same significance level and pair minimum as F2, same people and share minimums as
 * F3), so a claim of co-creation needs as much evidence as a claim of decline.
 */
function coCreationEvidence(cell: CellEvidence, thresholds: FlagThresholds): CoCreationEvidence[] {
  const strength = onScale(thresholds.strengthMean, cell.scale);
  if (cell.isFirstWave || !meetsThreshold(cell.mean, strength)) return [];
  const evidence: CoCreationEvidence[] = [];
  const { change, reliable, previousMean } = cell;
  if (
    change !== null &&
    change.pAdjusted !== null &&
    change.meanChange > 0 &&
    change.pairs >= thresholds.minPairsForDecline &&
    change.pAdjusted < thresholds.alpha
  ) {
    evidence.push({ kind: 'significant-improvement', meanChange: change.meanChange, pAdjusted: change.pAdjusted, pairs: change.pairs });
  }
  if (reliable !== null && reliable.status === 'computed' && enoughPeople(reliable.improved, reliable.pairs, thresholds)) {
    evidence.push({ kind: 'reliable-improvement', improved: reliable.improved, pairs: reliable.pairs, share: reliable.improved / reliable.pairs });
  }
  if (previousMean !== null && meetsThreshold(previousMean, strength)) {
    evidence.push({ kind: 'held-strength', previousMean, mean: cell.mean });
  }
  return evidence;
}

/** STATISTICS.md classification; the first matching rule wins. */
export function classifyCell(
  cell: CellEvidence,
  thresholds: FlagThresholds = DEFAULT_FLAG_THRESHOLDS,
): CellClassification {
  const flags = evaluateFlags(cell, thresholds);
  const raised = (code: FlagCode): boolean => flags.some((flag) => flag.code === code);

  if (raised('F1') && (raised('F2') || raised('F3'))) {
    return { status: 'co-destruction', flags, rule: 'low-level-with-decline' };
  }
  if (flags.length >= 3) return { status: 'co-destruction', flags, rule: 'three-flags' };

  // "Any single flag" means any one flag is enough; two flags short of rule 1 are a watch too.
  const decliningBorderline = isDecliningBorderline(cell, thresholds);
  if (flags.length > 0 || decliningBorderline) return { status: 'watch', flags, decliningBorderline };

  // No flag is left at this point, which covers co-creation's "none of F2-F4".
  const evidence = coCreationEvidence(cell, thresholds);
  if (evidence.length > 0) return { status: 'co-creation', flags, evidence };
  return { status: 'stable', flags };
}
