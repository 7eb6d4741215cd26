import { countInvited } from '../analysis/invited-counts.js';
import { analyseProject, type ProjectAnalysis } from '../analysis/project-analysis.js';
import { buildResponseTable } from '../analysis/response-table.js';
import type { Instrument } from '../instrument.js';
import { SeededRandom } from '../seeded-random.js';
import type { StatusThresholds } from '../statistics/status-rules.js';
import { changeSize, type ChangeSize } from './change-size.js';
import {
  simulateProject,
  type ModelParameters,
  type SimulatedGroup,
  type SimulatedProject,
  type SimulationDesign,
} from './simulation-model.js';

/** A true fall of `sizeInSd` within-person SDs from `fromWave` on, held to the end. */
interface TrueDrop {
  group: string;
  dimension: string;
  sizeInSd: number;
  fromWave: number;
}

export interface Scenario {
  groups: readonly SimulatedGroup[];
  waves: number;
  drop: TrueDrop | null;
}

/** What a scenario's projects showed, as counts of projects (or of wave-group pairs). */
export interface ScenarioTally {
  projects: number;
  anyCoDestruction: number;
  anyWatchOrCoDestruction: number;
  anyCoCreation: number;
  /** With a drop: co-destruction on the dropped cell at its first wave, and by the one after. */
  dropCoDestruction: number;
  dropCoDestructionByNext: number;
  dropWatchOrCoDestruction: number;
  /** With a drop: projects with co-destruction on any cell but the dropped one from its drop on. */
  spillOver: number;
  /** Wave-group pairs judged for participation, and those found falling. */
  participationJudged: number;
  participationFalling: number;
  /** The drop's size, when there is one. */
  size: ChangeSize | null;
}

/** The real pipeline, as the app runs it: scored table, invited counts, analysis. */
function analyseSimulated(project: SimulatedProject, thresholds: StatusThresholds): ProjectAnalysis {
  const table = buildResponseTable(project.design, project.responses);
  const invited = countInvited(project.waves, project.participants, (waveId) => table.respondents(waveId));
  return analyseProject(table, { invited, thresholds });
}

/** A stable number per scenario, so each scenario draws its own projects whatever runs before it. */
function scenarioSeed(seed: number, scenario: Scenario): number {
  const text = JSON.stringify(scenario);
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

export interface CalibrationBase {
  instrument: Instrument;
  model: ModelParameters;
  thresholds: StatusThresholds;
}

/**
 * Runs `projects` projects of a scenario through the pipeline and counts what they showed.
 * Deterministic for a seed: project i always draws from the same stream.
 */
export function runScenario(base: CalibrationBase, scenario: Scenario, projects: number, seed: number): ScenarioTally {
  const own = scenarioSeed(seed, scenario);
  const size =
    scenario.drop === null
      ? null
      : changeSize(
          {
            instrument: base.instrument,
            groups: scenario.groups,
            waves: scenario.waves,
            model: base.model,
            changes: [],
          },
          scenario.drop.group,
          scenario.drop.dimension,
          -scenario.drop.sizeInSd,
          own,
        );
  const design: SimulationDesign = {
    instrument: base.instrument,
    groups: scenario.groups,
    waves: scenario.waves,
    model: base.model,
    changes:
      scenario.drop === null || size === null
        ? []
        : [
            {
              group: scenario.drop.group,
              dimension: scenario.drop.dimension,
              fromWave: scenario.drop.fromWave,
              shift: size.latentShift,
            },
          ],
  };
  const tally: ScenarioTally = {
    projects,
    anyCoDestruction: 0,
    anyWatchOrCoDestruction: 0,
    anyCoCreation: 0,
    dropCoDestruction: 0,
    dropCoDestructionByNext: 0,
    dropWatchOrCoDestruction: 0,
    spillOver: 0,
    participationJudged: 0,
    participationFalling: 0,
    size,
  };
  for (let i = 0; i < projects; i += 1) {
    const random = new SeededRandom((own + Math.imul(i + 1, 0x9e3779b1)) >>> 0);
    const analysis = analyseSimulated(simulateProject(design, random), base.thresholds);
    const statuses = analysis.cells.filter((cell) => cell.status !== null);
    if (statuses.some((cell) => cell.status === 'co-destruction')) tally.anyCoDestruction += 1;
    if (statuses.some((cell) => cell.status === 'co-destruction' || cell.status === 'watch'))
      tally.anyWatchOrCoDestruction += 1;
    if (statuses.some((cell) => cell.status === 'co-creation')) tally.anyCoCreation += 1;
    for (const row of analysis.participation) {
      if (row.status === null || row.status === 'too-few' || row.waveIndex === 1) continue;
      tally.participationJudged += 1;
      if (row.status === 'falling') tally.participationFalling += 1;
    }
    const { drop } = scenario;
    if (drop === null) continue;
    const onDrop = (wave: number) =>
      statuses.find(
        (cell) => cell.waveIndex === wave && cell.group === drop.group && cell.dimension === drop.dimension,
      );
    const first = onDrop(drop.fromWave)?.status;
    const next = onDrop(drop.fromWave + 1)?.status;
    if (first === 'co-destruction') tally.dropCoDestruction += 1;
    if (first === 'co-destruction' || next === 'co-destruction') tally.dropCoDestructionByNext += 1;
    if (first === 'co-destruction' || first === 'watch') tally.dropWatchOrCoDestruction += 1;
    // The dropped cell from the drop on is a true change; before it, and every other cell, is not.
    const trulyChanged = (cell: { group: string; dimension: string; waveIndex: number }) =>
      cell.group === drop.group && cell.dimension === drop.dimension && cell.waveIndex >= drop.fromWave;
    if (statuses.some((cell) => cell.status === 'co-destruction' && !trulyChanged(cell))) tally.spillOver += 1;
  }
  return tally;
}

/** Latent means of the calibration's two groups: mid-scale, providers a little higher. */
const CAREGIVER_MEANS = { trust: 3.7, engagement: 3.5, cohesion: 3.4, reciprocity: 3.6, strain: 3.0 };
const PROVIDER_MEANS = { trust: 3.9, engagement: 3.7, cohesion: 3.6, reciprocity: 3.5, strain: 3.3 };

export function caregiversAndProviders(caregivers: number, providers: number): SimulatedGroup[] {
  return [
    { id: 'caregiver', label: 'Family caregivers', size: caregivers, means: CAREGIVER_MEANS },
    { id: 'provider', label: 'Service providers', size: providers, means: PROVIDER_MEANS },
  ];
}

/** What the settings page shows: the harness's false-alarm rates for a project's own design. */
export interface FalseAlarmEstimate {
  projects: number;
  /** Shares (0-1) of simulated no-change projects with any such cell, over every wave. */
  coDestruction: number;
  watchOrCoDestruction: number;
  coCreation: number;
}

/**
 * The false-alarm rates of the rules for a project's own group sizes and number of waves,
 * under no true change, from the calibration model. Mid-scale means, since a project's own
 * levels are what is being judged.
 */
export function estimateFalseAlarms(
  instrument: Instrument,
  model: ModelParameters,
  thresholds: StatusThresholds,
  groups: readonly { id: string; label: string; size: number }[],
  waves: number,
  projects: number,
  seed: number,
): FalseAlarmEstimate {
  const scenario: Scenario = { groups: groups.map((group) => ({ ...group, means: {} })), waves, drop: null };
  const tally = runScenario({ instrument, model, thresholds }, scenario, projects, seed);
  return {
    projects,
    coDestruction: tally.anyCoDestruction / projects,
    watchOrCoDestruction: tally.anyWatchOrCoDestruction / projects,
    coCreation: tally.anyCoCreation / projects,
  };
}
