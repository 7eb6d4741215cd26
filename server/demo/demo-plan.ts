import { sectionsForGroup } from '../domain/answer-form.js';
import { NOT_APPLICABLE } from '../domain/answers.js';
import { addDays } from '../domain/calendar-date.js';
import type { Instrument, Section } from '../domain/instrument.js';
import { isScored } from '../domain/item-types/registry.js';
import { instantOfWallTime } from '../domain/local-time.js';
import { scaleOf } from '../domain/item-types/scored-item.js';
import { DEMO_COMMENTS, type DemoPhase, type OpenItem } from './demo-comments.js';
import { SeededRandom } from '../domain/seeded-random.js';

/**
 * The demo project's story, decided before anything is written: who takes part, when each wave
 * runs, who answers, and what. A pure function of the seed and today's date, so the same seed
 * tells the same story.
 */

type Group = 'caregiver' | 'provider';
type Dimension = 'trust' | 'engagement' | 'cohesion' | 'reciprocity' | 'strain';

/** The valley is in Italy: the demo's days, office hours and waves are Rome's. */
export const DEMO_TIME_ZONE = 'Europe/Rome';
const DEMO_WAVE_COUNT = 4;
/** Each wave is open three weeks; one opens every 13 weeks. */
const OPEN_DAYS = 21;
const WAVE_GAP_DAYS = 91;
/** The last wave closed a month ago, so all four are complete whenever the demo is started. */
const LAST_CLOSED_DAYS_AGO = 30;
/** Most participants were enrolled three weeks before the first wave. */
const ENROLMENT_DAYS_BEFORE = 21;
/**
 * How many of each group joined in the gap before each wave (none before wave 1: that is the
 * first cohort). Codes follow the order of joining, so late joiners hold the highest codes. Each
 * joined on a day of their own; the lead imported them together a week before the next wave.
 */
const LATE_JOINERS: Record<Group, readonly number[]> = { caregiver: [0, 2, 2, 0], provider: [0, 0, 1, 0] };
const JOINED_DAYS_AFTER_CLOSE = 14;
const DAYS_BETWEEN_JOINERS = 10;
const JOINERS_IMPORTED_DAYS_BEFORE = 7;

const GROUP_SIZE: Record<Group, number> = { caregiver: 40, provider: 15 };
/**
 * Fewer caregivers answer each wave as engagement sags; providers drift down more gently. Each is
 * at most the group's size at that wave, late joiners included.
 */
const RESPONDENTS: Record<Group, readonly number[]> = { caregiver: [34, 33, 27, 22], provider: [14, 13, 12, 11] };
const ENGLISH_SPEAKERS: Record<Group, number> = { caregiver: 6, provider: 3 };
/** The oldest caregivers answer on paper, all in Italian. */
const PAPER_CAREGIVERS = 10;
const WITH_EMAIL = 0.75;

/**
 * Mean dimension score (after reverse coding, higher is better) per group and wave. Caregivers'
 * trust breaks at wave 3 (decisions moved away from them) while providers stay confident;
 * engagement sags for everyone, but by less than a quarter point against each wave's earlier
 * average, so the rules see a drift and not a collapse; reciprocity and strain hold; cohesion
 * grows as families lean on each other. Only the trust collapse is co-destruction.
 */
const LEVELS: Record<Group, Record<Dimension, readonly number[]>> = {
  caregiver: {
    trust: [4.0, 3.9, 2.6, 2.7],
    engagement: [3.9, 3.78, 3.66, 3.54],
    cohesion: [3.1, 3.4, 3.7, 4.0],
    reciprocity: [3.6, 3.6, 3.65, 3.6],
    strain: [3.4, 3.4, 3.35, 3.35],
  },
  provider: {
    trust: [4.2, 4.2, 4.25, 4.2],
    engagement: [4.0, 3.88, 3.76, 3.64],
    cohesion: [3.3, 3.6, 3.9, 4.2],
    reciprocity: [3.9, 3.9, 3.8, 3.8],
    strain: [3.8, 3.7, 3.6, 3.6],
  },
};
/** How far one person sits from their group, how much they vary per wave and per item. */
const PERSON_SD = 0.35;
const OCCASION_SD = 0.15;
const ITEM_SD = 0.55;
const SKIPPED_ITEM = 0.02;
const NOT_APPLICABLE_ITEM = 0.01;
const OPEN_ANSWER = 0.3;
/** Some who do not answer a wave still open it and save a page: drafts, as in real use. */
const STARTED_NOT_FINISHED = 0.25;

interface DemoParticipant {
  code: string;
  group: Group;
  language: 'it' | 'en';
  mode: 'web' | 'paper';
  email: string;
  /** YYYY-MM-DD. */
  enrolledOn: string;
}

interface DemoWave {
  label: string;
  opensOn: string;
  closesOn: string;
}

type DemoVisit =
  /** Answered: on the web page by page, or on paper keyed in by data-entry staff. */
  | { kind: 'answered'; code: string; at: Date; sections: Record<string, string>[] }
  /** Gave consent and saved the first page, then stopped. */
  | { kind: 'started'; code: string; at: Date; firstSection: Record<string, string> };

/** One participant list as the lead imports it. */
export interface DemoEnrolment {
  at: Date;
  participants: DemoParticipant[];
}

export interface DemoPlan {
  /** The first list, before wave 1: the staff and the waves are set up then too. */
  enrolment: DemoEnrolment;
  /** The late joiners who first take part in a wave, imported before it opens; null when none. */
  waves: (DemoWave & { joiners: DemoEnrolment | null; visits: DemoVisit[] })[];
}

const pad = (n: number) => String(n).padStart(3, '0');

/** The day each member of a group joined, in code order: the first cohort together, then the late joiners. */
function enrolmentDays(group: Group, waves: DemoWave[], firstDay: string): string[] {
  const late = waves.flatMap((wave, w) =>
    Array.from({ length: LATE_JOINERS[group][w]! }, (_, k) =>
      addDays(waves[w - 1]!.closesOn, JOINED_DAYS_AFTER_CLOSE + k * DAYS_BETWEEN_JOINERS),
    ),
  );
  return [...Array.from({ length: GROUP_SIZE[group] - late.length }, () => firstDay), ...late];
}

function planParticipants(random: SeededRandom, waves: DemoWave[], firstDay: string): DemoParticipant[] {
  const people: DemoParticipant[] = [];
  for (const group of ['caregiver', 'provider'] as const) {
    const prefix = group === 'caregiver' ? 'CG' : 'PR';
    const indices = random.shuffle(Array.from({ length: GROUP_SIZE[group] }, (_, i) => i));
    const english = new Set(indices.slice(0, ENGLISH_SPEAKERS[group]));
    const paper = new Set(
      group === 'caregiver' ? indices.slice(ENGLISH_SPEAKERS[group], ENGLISH_SPEAKERS[group] + PAPER_CAREGIVERS) : [],
    );
    const enrolledOn = enrolmentDays(group, waves, firstDay);
    for (let i = 0; i < GROUP_SIZE[group]; i += 1) {
      const code = `${prefix}-${pad(i + 1)}`;
      const mode = paper.has(i) ? 'paper' : 'web';
      const email = mode === 'web' && random.next() < WITH_EMAIL ? `${code.toLowerCase()}@example.org` : '';
      people.push({ code, group, language: english.has(i) ? 'en' : 'it', mode, email, enrolledOn: enrolledOn[i]! });
    }
  }
  return people;
}

function planWaves(today: string): DemoWave[] {
  return Array.from({ length: DEMO_WAVE_COUNT }, (_, i) => {
    const opensOn = addDays(today, -LAST_CLOSED_DAYS_AGO - (OPEN_DAYS - 1) - (DEMO_WAVE_COUNT - 1 - i) * WAVE_GAP_DAYS);
    return { label: `Wave ${i + 1}`, opensOn, closesOn: addDays(opensOn, OPEN_DAYS - 1) };
  });
}

/** 09:00 in the valley on a day. */
function morningOf(day: string): Date {
  return instantOfWallTime(`${day}T09:00:00`, DEMO_TIME_ZONE);
}

/** A moment during the valley's office hours on one of the wave's days. */
function momentIn(random: SeededRandom, wave: DemoWave): Date {
  const day = addDays(wave.opensOn, random.int(0, OPEN_DAYS - 1));
  return instantOfWallTime(
    `${day}T${String(random.int(8, 19)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00`,
    DEMO_TIME_ZONE,
  );
}

/** One person's answers to one wave, page by page, as they would be typed or ticked. */
function answerSections(
  random: SeededRandom,
  instrument: Instrument,
  sections: Section[],
  person: DemoParticipant,
  offsets: Record<Dimension, number>,
  wave: number,
): Record<string, string>[] {
  const occasion = random.normal(0, OCCASION_SD);
  const phase: DemoPhase = wave < 2 ? 'early' : 'late';
  const writes = random.next() < OPEN_ANSWER;
  return sections.map((section) => {
    const form: Record<string, string> = {};
    for (const item of section.items) {
      // Scored items are ticked from the person's levels; the others are open questions, answered from the demo's comments.
      if (!isScored(item)) {
        const options = DEMO_COMMENTS[person.language][person.group][phase][item.id as OpenItem];
        form[item.id] = writes && options && random.next() < 0.6 ? random.pick(options) : '';
        continue;
      }
      const roll = random.next();
      const scale = scaleOf(instrument, item);
      if (roll < SKIPPED_ITEM) {
        form[item.id] = '';
      } else if (roll < SKIPPED_ITEM + NOT_APPLICABLE_ITEM && scale.notApplicable) {
        form[item.id] = NOT_APPLICABLE;
      } else {
        const dimension = item.dimension as Dimension;
        const level =
          LEVELS[person.group][dimension][wave]! + offsets[dimension] + occasion + random.normal(0, ITEM_SD);
        const scored = Math.min(scale.max, Math.max(scale.min, Math.round(level)));
        // A negatively worded item is ticked the other way round from what it scores.
        form[item.id] = String(item.reverse ? scale.min + scale.max - scored : scored);
      }
    }
    return form;
  });
}

export function planDemo(seed: number, today: string, instrument: Instrument): DemoPlan {
  const random = new SeededRandom(seed);
  const waves = planWaves(today);
  const firstDay = addDays(waves[0]!.opensOn, -ENROLMENT_DAYS_BEFORE);
  const participants = planParticipants(random, waves, firstDay);
  const dimensions = Object.keys(LEVELS.caregiver) as Dimension[];
  const offsets = new Map(
    participants.map((p) => [
      p.code,
      Object.fromEntries(dimensions.map((d) => [d, random.normal(0, PERSON_SD)])) as Record<Dimension, number>,
    ]),
  );
  const willingness = new Map(participants.map((p) => [p.code, random.next()]));

  const planned = waves.map((wave, w) => {
    const visits: DemoVisit[] = [];
    for (const group of ['caregiver', 'provider'] as const) {
      // Nobody answers a wave before they joined.
      const members = participants.filter((p) => p.group === group && p.enrolledOn <= wave.closesOn);
      // The most willing answer, with a little chance in who is willing this time.
      const ranked = members
        .map((p) => ({ p, score: willingness.get(p.code)! + random.normal(0, 0.15) }))
        .sort((a, b) => b.score - a.score);
      ranked.forEach(({ p }, rank) => {
        const sections = sectionsForGroup(instrument, p.group);
        if (rank < RESPONDENTS[group][w]!) {
          visits.push({
            kind: 'answered',
            code: p.code,
            at: momentIn(random, wave),
            sections: answerSections(random, instrument, sections, p, offsets.get(p.code)!, w),
          });
        } else if (p.mode === 'web' && random.next() < STARTED_NOT_FINISHED) {
          const [first] = answerSections(random, instrument, sections.slice(0, 1), p, offsets.get(p.code)!, w);
          visits.push({ kind: 'started', code: p.code, at: momentIn(random, wave), firstSection: first! });
        }
      });
    }
    visits.sort((a, b) => a.at.getTime() - b.at.getTime() || a.code.localeCompare(b.code));
    const joiners =
      w === 0 ? [] : participants.filter((p) => p.enrolledOn > waves[w - 1]!.closesOn && p.enrolledOn < wave.opensOn);
    const importedAt = morningOf(addDays(wave.opensOn, -JOINERS_IMPORTED_DAYS_BEFORE));
    return { ...wave, joiners: joiners.length > 0 ? { at: importedAt, participants: joiners } : null, visits };
  });
  return {
    enrolment: {
      at: morningOf(firstDay),
      participants: participants.filter((p) => p.enrolledOn === firstDay),
    },
    waves: planned,
  };
}
