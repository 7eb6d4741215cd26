import type { AnalysisDesign, AnalysisResponse } from '../analysis/analysis-design.js';
import { addDays } from '../calendar-date.js';
import type { Answers } from '../answers.js';
import { allItems, type Instrument } from '../instrument.js';
import { isScored } from '../item-types/registry.js';
import { scaleOf, type ScoredItem } from '../item-types/scored-item.js';
import type { SeededRandom } from '../seeded-random.js';

/**
 * The generative model the status rules are calibrated against (docs/methods.md, "Calibration").
 * A person's latent level on a dimension is the group's mean plus a person effect that stays
 * across waves, plus a wave-to-wave wobble; each item is that level plus item noise, rounded
 * onto the 1-5 scale and written reversed for reverse-coded items. Both the person effect and
 * the wobble are partly shared across dimensions, as a person's good or bad season colours
 * every answer.
 */
export interface ModelParameters {
  /** SD of the person effect (latent points). */
  personSd: number;
  /** SD of a person's wave-to-wave wobble. */
  waveSd: number;
  /** SD of the noise on each item. */
  itemSd: number;
  /** Correlation of the person effects across a person's dimensions. */
  personAcrossDimensions: number;
  /** Correlation of the wobbles across a person's dimensions in one wave. */
  waveAcrossDimensions: number;
  /** Chance that someone who answered a wave never answers again. */
  attrition: number;
  /** Of those who stop, the share who formally withdraw (with a date) rather than fall silent. */
  withdrawnShare: number;
  /** Chance of skipping one wave and coming back. */
  skipWave: number;
  /** Each response's share of unanswered items is drawn uniformly from this range. */
  missingItems: [number, number];
  /** New people joining just before wave 2, 3, …, as a share of the group's size. */
  lateJoiners: number[];
}

export const DEFAULT_MODEL: Readonly<ModelParameters> = Object.freeze({
  personSd: 0.6,
  waveSd: 0.45,
  itemSd: 0.6,
  personAcrossDimensions: 0.4,
  waveAcrossDimensions: 0.3,
  attrition: 0.15,
  withdrawnShare: 0.3,
  skipWave: 0.05,
  missingItems: [0.1, 0.25] as [number, number],
  lateJoiners: [0.1, 0.05],
});

/** A true change: from `fromWave` (1-based) on, the group's latent level moves by `shift` points. */
interface TrueChange {
  group: string;
  dimension: string;
  fromWave: number;
  /** Latent points; negative is a fall. See calibrateShift for a shift of so many SDs. */
  shift: number;
}

export interface SimulatedGroup {
  id: string;
  label: string;
  size: number;
  /** Latent mean per dimension id; dimensions not named get 3.5. */
  means: Readonly<Record<string, number>>;
}

export interface SimulationDesign {
  instrument: Instrument;
  groups: readonly SimulatedGroup[];
  waves: number;
  model: ModelParameters;
  changes: readonly TrueChange[];
}

interface SimulatedParticipant {
  id: string;
  group: string;
  status: 'active' | 'withdrawn';
  enrolledOn: string;
  withdrawnOn: string | null;
  createdAt: string;
}

interface SimulatedWave {
  id: string;
  label: string;
  opensOn: string;
  closesOn: string;
}

export interface SimulatedProject {
  design: AnalysisDesign;
  waves: SimulatedWave[];
  participants: SimulatedParticipant[];
  /** In a shuffled order, as a store may hand them over. */
  responses: AnalysisResponse[];
}

const FIRST_WAVE_OPENS = '2026-01-12';
const WAVE_SPACING_DAYS = 91;
const WAVE_OPEN_DAYS = 21;

function simulatedWaves(count: number): SimulatedWave[] {
  return Array.from({ length: count }, (_, i) => {
    const opensOn = addDays(FIRST_WAVE_OPENS, i * WAVE_SPACING_DAYS);
    return { id: `w${i + 1}`, label: `Wave ${i + 1}`, opensOn, closesOn: addDays(opensOn, WAVE_OPEN_DAYS - 1) };
  });
}

/** Two standard normals with correlation rho, one of them shared: shared·√rho + own·√(1-rho). */
function mixed(shared: number, own: number, rho: number): number {
  return shared * Math.sqrt(rho) + own * Math.sqrt(1 - rho);
}

interface DimensionItems {
  id: string;
  items: ScoredItem[];
}

function itemsByDimension(instrument: Instrument, group: string): DimensionItems[] {
  const scoredItems = allItems(instrument)
    .filter(isScored)
    .filter((item) => !item.groups || item.groups.includes(group));
  return instrument.dimensions.map(({ id }) => ({ id, items: scoredItems.filter((item) => item.dimension === id) }));
}

/** Answers of one person in one wave from their latent levels per dimension. */
function answersFor(
  instrument: Instrument,
  dimensions: readonly DimensionItems[],
  levels: readonly number[],
  missingShare: number,
  model: ModelParameters,
  random: SeededRandom,
): Answers {
  const answers: Answers = {};
  dimensions.forEach(({ items }, d) => {
    for (const item of items) {
      const value = levels[d]! + random.normal(0, model.itemSd);
      if (random.next() < missingShare) continue;
      const { min, max } = scaleOf(instrument, item);
      const point = Math.min(max, Math.max(min, Math.round(value)));
      answers[item.id] = item.reverse ? min + max - point : point;
    }
  });
  return answers;
}

/** One project drawn from the model: participants with enrolment dates, waves, responses. */
export function simulateProject(design: SimulationDesign, random: SeededRandom): SimulatedProject {
  const { instrument, model } = design;
  const waves = simulatedWaves(design.waves);
  const participants: SimulatedParticipant[] = [];
  const responses: AnalysisResponse[] = [];
  for (const group of design.groups) {
    const dimensions = itemsByDimension(instrument, group.id);
    const joiners = [group.size, ...model.lateJoiners.map((share) => Math.round(share * group.size))];
    joiners.forEach((count, joinWave) => {
      if (joinWave >= design.waves) return;
      for (let k = 0; k < count; k += 1) {
        const id = `${group.id}-${joinWave + 1}-${k + 1}`;
        const enrolledOn = joinWave === 0 ? addDays(waves[0]!.opensOn, -30) : addDays(waves[joinWave]!.opensOn, -14);
        const person = random.normal();
        const effects = dimensions.map(
          () => mixed(person, random.normal(), model.personAcrossDimensions) * model.personSd,
        );
        let withdrawnOn: string | null = null;
        for (let wave = joinWave; wave < design.waves; wave += 1) {
          const season = random.normal();
          const levels = dimensions.map(({ id }, d) => {
            let level =
              (group.means[id] ?? 3.5) +
              effects[d]! +
              mixed(season, random.normal(), model.waveAcrossDimensions) * model.waveSd;
            for (const change of design.changes) {
              if (change.group === group.id && change.dimension === id && wave + 1 >= change.fromWave)
                level += change.shift;
            }
            return level;
          });
          const missingShare = model.missingItems[0] + random.next() * (model.missingItems[1] - model.missingItems[0]);
          const answers = answersFor(instrument, dimensions, levels, missingShare, model, random);
          if (random.next() >= model.skipWave)
            responses.push({ participantId: id, waveId: waves[wave]!.id, group: group.id, answers });
          if (wave + 1 < design.waves && random.next() < model.attrition) {
            if (random.next() < model.withdrawnShare) withdrawnOn = addDays(waves[wave]!.closesOn, 30);
            break;
          }
        }
        participants.push({
          id,
          group: group.id,
          status: withdrawnOn === null ? 'active' : 'withdrawn',
          enrolledOn,
          withdrawnOn,
          createdAt: '2026-12-01T09:00:00.000Z',
        });
      }
    });
  }
  return {
    design: {
      waves: waves.map(({ id, label }) => ({ id, label, instrument })),
      groups: design.groups.map(({ id, label }) => ({ id, label })),
    },
    waves,
    participants,
    responses: random.shuffle(responses),
  };
}
