import type { AnalysisCell } from '../../server/domain/analysis/project-analysis.js';

export type Change = NonNullable<AnalysisCell['change']>;

/** A tested change as the analysis stores it: a fall of 0.62 among 14 people, clear after correction. */
export function change(overrides: Partial<Change> = {}): Change {
  return {
    linked: 14,
    meanChange: -0.62,
    standardError: 0.15,
    ciLow: -0.93,
    ciHigh: -0.31,
    t: -4.1,
    df: 26,
    pFall: 0.0004,
    pRise: 0.9996,
    tested: true,
    pFallAdjusted: 0.0123,
    pRiseAdjusted: 1,
    ...overrides,
  };
}

/** Caregivers' trust in wave 3, a mean of 2.94 from 16 people; only what the reasons read is varied. */
export function cell(overrides: Partial<AnalysisCell> = {}): AnalysisCell {
  return {
    waveId: 'w3',
    wave: 'Wave 3',
    waveIndex: 3,
    group: 'caregiver',
    dimension: 'trust',
    n: 16,
    mean: 2.94,
    sd: 0.7,
    ciLow: 2.57,
    ciHigh: 3.31,
    alpha: 0.81,
    alphaCiLow: 0.62,
    alphaCiHigh: 0.92,
    alphaCompleteCases: 15,
    submitted: 16,
    invited: 20,
    responseRate: 0.8,
    previousResponseRate: 0.85,
    participation: 'ok',
    previousMean: 3.5,
    change: change(),
    itemComparison: null,
    reliable: null,
    gaps: [],
    signals: [],
    status: null,
    reason: '',
    reasons: { en: '', it: '' },
    ...overrides,
  };
}
