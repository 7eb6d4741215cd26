import type { AnalysisDesign, AnalysisResponse, InvitedCounts } from '../../server/domain/analysis/analysis-design.js';
import type { Answers } from '../../server/domain/answers.js';
import type { Instrument } from '../../server/domain/instrument.js';
import type { ScaleItem } from '../../server/domain/item-types/scale.js';

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

export function responsesFor(
  waveId: string,
  group: string,
  prefix: string,
  levels: readonly number[],
): AnalysisResponse[] {
  return levels.map((level, i) => ({
    participantId: `${prefix}${i + 1}`,
    waveId,
    group,
    answers: trustAnswers(level, i % 2 === 0),
  }));
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
