import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  caregiversAndProviders,
  runScenario,
  type CalibrationBase,
  type Scenario,
  type ScenarioTally,
} from '../server/domain/calibration/calibration.js';
import { DEFAULT_MODEL } from '../server/domain/calibration/simulation-model.js';
import { validateInstrument, type Instrument } from '../server/domain/instrument.js';
import { DEFAULT_STATUS_THRESHOLDS, type StatusThresholds } from '../server/domain/statistics/status-rules.js';
import { PACKAGE_ROOT } from '../server/package-root.js';
import { figure, type Figure } from './figure.js';

/** A figure the rules are held to: a share of projects, at most or at least the target. */
export interface CalibrationTarget {
  name: string;
  scenario: Scenario;
  /** How many projects, as a multiple of the run's base count. */
  weight: number;
  measure: (tally: ScenarioTally) => number;
  /** Percent; null for a figure reported without a target. */
  target: number | null;
  direction: 'at most' | 'at least' | null;
}

const trustDrop = (sizeInSd: number) => ({ group: 'caregiver', dimension: 'trust', sizeInSd, fromWave: 3 });
const scenario = (caregivers: number, providers: number, sizeInSd: number | null): Scenario => ({
  groups: caregiversAndProviders(caregivers, providers),
  waves: 4,
  drop: sizeInSd === null ? null : trustDrop(sizeInSd),
});

const NO_CHANGE = scenario(20, 10, null);
const DROP_08 = scenario(20, 10, 0.8);
const DROP_12 = scenario(20, 10, 1.2);
const DROP_15 = scenario(20, 10, 1.5);

/** The issue's targets, in its order; the no-change rates need the most projects to be tight. */
export const TARGETS: readonly CalibrationTarget[] = [
  {
    name: 'no change, 20+10: projects with any co-destruction',
    scenario: NO_CHANGE,
    weight: 3,
    measure: (t) => t.anyCoDestruction,
    target: 5,
    direction: 'at most',
  },
  {
    name: 'no change, 40+20: projects with any co-destruction',
    scenario: scenario(40, 20, null),
    weight: 2,
    measure: (t) => t.anyCoDestruction,
    target: 5,
    direction: 'at most',
  },
  {
    name: 'no change, 6+10: projects with any co-destruction',
    scenario: scenario(6, 10, null),
    weight: 2,
    measure: (t) => t.anyCoDestruction,
    target: 5,
    direction: 'at most',
  },
  {
    name: 'no change, 20+10: projects with any watch or co-destruction',
    scenario: NO_CHANGE,
    weight: 3,
    measure: (t) => t.anyWatchOrCoDestruction,
    target: 20,
    direction: 'at most',
  },
  {
    name: 'no change, 20+10: projects with any co-creation',
    scenario: NO_CHANGE,
    weight: 3,
    measure: (t) => t.anyCoCreation,
    target: 5,
    direction: 'at most',
  },
  {
    name: 'drop 1.2 SD, 20+10: co-destruction on the cell at wave 3',
    scenario: DROP_12,
    weight: 1,
    measure: (t) => t.dropCoDestruction,
    target: 50,
    direction: 'at least',
  },
  {
    name: 'drop 1.2 SD, 20+10: co-destruction on the cell by wave 4',
    scenario: DROP_12,
    weight: 1,
    measure: (t) => t.dropCoDestructionByNext,
    target: 65,
    direction: 'at least',
  },
  {
    name: 'drop 1.5 SD, 20+10: co-destruction on the cell at wave 3',
    scenario: DROP_15,
    weight: 1,
    measure: (t) => t.dropCoDestruction,
    target: 75,
    direction: 'at least',
  },
  {
    name: 'drop 1.5 SD, 20+10: co-destruction on the cell by wave 4',
    scenario: DROP_15,
    weight: 1,
    measure: (t) => t.dropCoDestructionByNext,
    target: 85,
    direction: 'at least',
  },
  {
    name: 'drop 0.8 SD, 20+10: co-destruction or watch on the cell at wave 3',
    scenario: DROP_08,
    weight: 2,
    measure: (t) => t.dropWatchOrCoDestruction,
    target: 40,
    direction: 'at least',
  },
  {
    name: 'drop 0.8 SD, 40+20: co-destruction on the cell at wave 3',
    scenario: scenario(40, 20, 0.8),
    weight: 1,
    measure: (t) => t.dropCoDestruction,
    target: 55,
    direction: 'at least',
  },
  {
    name: 'drop 1.2 SD, 40+20: co-destruction on the cell at wave 3',
    scenario: scenario(40, 20, 1.2),
    weight: 1,
    measure: (t) => t.dropCoDestruction,
    target: 90,
    direction: 'at least',
  },
  {
    name: 'drop 0.8 SD, 20+10: co-destruction on any other cell (spill-over)',
    scenario: DROP_08,
    weight: 2,
    measure: (t) => t.spillOver,
    target: 6,
    direction: 'at most',
  },
  {
    name: 'drop 1.2 SD, 20+10: co-destruction on any other cell (spill-over)',
    scenario: DROP_12,
    weight: 1,
    measure: (t) => t.spillOver,
    target: 6,
    direction: 'at most',
  },
  {
    name: 'drop 1.5 SD, 20+10: co-destruction on any other cell (spill-over)',
    scenario: DROP_15,
    weight: 1,
    measure: (t) => t.spillOver,
    target: 6,
    direction: 'at most',
  },
  {
    name: 'no change, 20+10: wave-group pairs with participation falling',
    scenario: NO_CHANGE,
    weight: 3,
    measure: (t) => t.participationFalling,
    target: null,
    direction: null,
  },
];

export function coreInstrument(): Instrument {
  const result = validateInstrument(
    JSON.parse(readFileSync(join(PACKAGE_ROOT, 'surveys', 'coassess-core.json'), 'utf8')),
  );
  if (!result.ok) throw new Error('surveys/coassess-core.json does not validate');
  return result.instrument;
}

export interface CalibrationResult {
  target: CalibrationTarget;
  figure: Figure;
  projects: number;
  met: boolean | null;
}

/**
 * Runs every scenario once (targets sharing a scenario share its projects) and turns the
 * tallies into figures: percent of projects, or of wave-group pairs for participation.
 */
export function runCalibration(
  projects: number,
  seed: number,
  thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
  onScenario: (text: string) => void = () => {},
): CalibrationResult[] {
  const base: CalibrationBase = { instrument: coreInstrument(), model: DEFAULT_MODEL, thresholds };
  const tallies = new Map<Scenario, { tally: ScenarioTally; projects: number }>();
  for (const target of TARGETS) {
    const count = projects * target.weight;
    const known = tallies.get(target.scenario);
    if (known && known.projects >= count) continue;
    const started = performance.now();
    tallies.set(target.scenario, { tally: runScenario(base, target.scenario, count, seed), projects: count });
    onScenario(`${target.name.split(':')[0]}: ${count} projects in ${Math.round(performance.now() - started)} ms`);
  }
  return TARGETS.map((target) => {
    const { tally, projects: count } = tallies.get(target.scenario)!;
    const denominator = target.direction === null ? tally.participationJudged : count;
    const value = (100 * target.measure(tally)) / Math.max(denominator, 1);
    const met =
      target.target === null ? null : target.direction === 'at most' ? value <= target.target : value >= target.target;
    return {
      target,
      projects: count,
      met,
      figure: figure(
        `${target.name} (${target.direction ?? 'reported'}${target.target === null ? '' : ` ${target.target}%`})`,
        value,
        '%',
        target.target,
      ),
    };
  });
}
