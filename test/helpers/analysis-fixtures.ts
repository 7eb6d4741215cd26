import type { AnalysisDesign, AnalysisResponse, InvitedCounts } from '../../server/domain/analysis/analysis-design.js';
import type { Answers } from '../../server/domain/answers.js';
import type { Instrument } from '../../server/domain/instrument.js';
import type { ScaleItem } from '../../server/domain/item-types/scale.js';
import { SeededRandom } from '../../server/domain/seeded-random.js';

const text = (en: string) => ({ en });

function scaleItem(id: string, dimension: string, reverse = false): ScaleItem {
  return { id, type: 'scale', scale: 'agree5', dimension, reverse, text: text(`Statement ${id}`) };
}

/**
 * A small questionnaire: trust with three items (trust_3 reverse-coded), voice with one item.
 * Version 2 drops trust_2 and adds trust_4, to exercise comparisons across versions.
 */
export function miniInstrument(version: '1' | '2' = '1'): Instrument {
  const trust =
    version === '1'
      ? [scaleItem('trust_1', 'trust'), scaleItem('trust_2', 'trust'), scaleItem('trust_3', 'trust', true)]
      : [scaleItem('trust_1', 'trust'), scaleItem('trust_3', 'trust', true), scaleItem('trust_4', 'trust')];
  return {
    id: 'mini',
    version,
    languages: ['en'],
    title: text('Mini'),
    scales: { agree5: { min: 1, max: 5, labels: { en: ['1', '2', '3', '4', '5'] } } },
    dimensions: [
      { id: 'trust', label: text('Trust') },
      { id: 'voice', label: text('Voice') },
    ],
    sections: [
      {
        id: 's',
        title: text('S'),
        items: [...trust, scaleItem('voice_1', 'voice'), { id: 'open_1', type: 'text', text: text('Anything else?') }],
      },
    ],
  };
}

export const GROUPS = [
  { id: 'caregiver', label: 'Family caregivers' },
  { id: 'provider', label: 'Service providers' },
];

export function design(waveCount: number, versions: ('1' | '2')[] = []): AnalysisDesign {
  return {
    waves: Array.from({ length: waveCount }, (_, i) => ({
      id: `w${i + 1}`,
      label: `Wave ${i + 1}`,
      instrument: miniInstrument(versions[i] ?? '1'),
    })),
    groups: GROUPS,
  };
}

/**
 * Answers whose trust score is exactly `level`: the three items spread around it where the
 * scale allows (so items vary and alpha stays below 1), reverse-coding undone on trust_3.
 */
export function trustAnswers(level: number, spread: boolean, voice = level): Answers {
  const [a, b, c] = spread && level > 1 && level < 5 ? [level - 1, level, level + 1] : [level, level, level];
  return { trust_1: a, trust_2: b, trust_3: 6 - c, voice_1: voice };
}

/** A seed from a string, so each wave (and group) gets its own storage order, the same on every run. */
function seedOf(key: string): number {
  let hash = 2166136261;
  for (const char of key) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}

/**
 * The items in a shuffled order drawn from `key` (Fisher-Yates): a store returns rows in
 * whatever order it kept them, and that order differs from wave to wave.
 */
export function storageOrder<T>(items: readonly T[], key: string): T[] {
  const random = new SeededRandom(seedOf(key));
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * One response per level, participant `${prefix}${i + 1}` answering levels[i], stored in an
 * order of their own for this wave and group: code that pairs rows by position instead of by
 * participant gets different numbers.
 */
export function responsesFor(
  waveId: string,
  group: string,
  prefix: string,
  levels: readonly number[],
): AnalysisResponse[] {
  const responses = levels.map((level, i) => ({
    participantId: `${prefix}${i + 1}`,
    waveId,
    group,
    answers: trustAnswers(level, i % 2 === 0),
  }));
  return storageOrder(responses, `${waveId}/${group}/${prefix}`);
}

/** A person's trust level in each wave, null for a wave they did not answer. */
export interface FixturePerson {
  id: string;
  group: string;
  levels: readonly (number | null)[];
}

/**
 * A three-wave project shaped like real data: groups of unequal size (10 caregivers, 6
 * providers); c3 and p3 skip wave 2; c8 and p5 join late; c9 and p6 leave after wave 2; c10
 * answers only wave 3 and so is linked to nothing. Caregivers' trust falls in wave 3.
 */
export const REAL_SHAPED_PEOPLE: readonly FixturePerson[] = [
  { id: 'c1', group: 'caregiver', levels: [4, 4, 3] },
  { id: 'c2', group: 'caregiver', levels: [4, 5, 3] },
  { id: 'c3', group: 'caregiver', levels: [5, null, 4] },
  { id: 'c4', group: 'caregiver', levels: [3, 3, 2] },
  { id: 'c5', group: 'caregiver', levels: [4, 4, 3] },
  { id: 'c6', group: 'caregiver', levels: [3, 4, 2] },
  { id: 'c7', group: 'caregiver', levels: [4, 4, 4] },
  { id: 'c8', group: 'caregiver', levels: [null, 4, 3] },
  { id: 'c9', group: 'caregiver', levels: [4, 3, null] },
  { id: 'c10', group: 'caregiver', levels: [null, null, 2] },
  { id: 'p1', group: 'provider', levels: [4, 4, 4] },
  { id: 'p2', group: 'provider', levels: [3, 3, 4] },
  { id: 'p3', group: 'provider', levels: [4, null, 4] },
  { id: 'p4', group: 'provider', levels: [3, 4, 3] },
  { id: 'p5', group: 'provider', levels: [null, 3, 3] },
  { id: 'p6', group: 'provider', levels: [4, 4, null] },
];

/**
 * The responses of these people, wave by wave, each wave stored in its own order (`key` picks
 * the orders). Items spread around the level on every other person, so alpha stays below 1.
 */
export function peopleResponses(people: readonly FixturePerson[], key = 'default'): AnalysisResponse[] {
  const waves = Math.max(0, ...people.map((person) => person.levels.length));
  return Array.from({ length: waves }, (_, w) => {
    const wave: AnalysisResponse[] = [];
    people.forEach((person, i) => {
      const level = person.levels[w];
      if (level === null || level === undefined) return;
      wave.push({
        participantId: person.id,
        waveId: `w${w + 1}`,
        group: person.group,
        answers: trustAnswers(level, i % 2 === 0),
      });
    });
    return storageOrder(wave, `${key}/w${w + 1}`);
  }).flat();
}

export function invited(perWave: Record<string, Record<string, number>>): InvitedCounts {
  return new Map(Object.entries(perWave).map(([wave, groups]) => [wave, new Map(Object.entries(groups))]));
}

/** Every number in a result, however deeply nested, must be finite: undefined statistics are null. */
export function nonFiniteNumbers(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((entry, i) => nonFiniteNumbers(entry, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, entry]) => nonFiniteNumbers(entry, `${path}.${key}`));
  }
  return [];
}
