import type { CellEvidence } from '../../server/domain/statistics/flag-rules.js';

/** A later-wave cell that raises nothing: borderline level, no tests, steady participation. */
export function cell(overrides: Partial<CellEvidence> = {}): CellEvidence {
  return {
    isFirstWave: false,
    scale: { min: 1, max: 5 },
    mean: 3.8,
    previousMean: 3.8,
    change: null,
    reliable: null,
    gaps: [],
    responseRate: 0.8,
    previousResponseRate: 0.8,
    ...overrides,
  };
}
