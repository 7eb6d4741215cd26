import { isInvited } from '../domain/analysis/invited-counts.js';
import { allItems, type Instrument } from '../domain/instrument.js';
import { isFreeText } from '../domain/item-types/registry.js';
import type { Participant, SurveyResponse, Wave } from '../domain/records.js';
import type { CsvRow } from '../export/csv-stream.js';

/** Followed by one column per item id, in questionnaire order (every version in use, oldest first). */
export const ITEMS_WIDE_LEADING_COLUMNS = [
  'participant',
  'group',
  'wave',
  'wave_index',
  'source',
  'submitted_at',
] as const;
export const OPEN_ANSWERS_COLUMNS = [
  'participant',
  'group',
  'wave',
  'wave_index',
  'language',
  'item',
  'question',
  'answer',
] as const;
export const PARTICIPATION_COLUMNS = [
  'participant',
  'group',
  'wave',
  'wave_index',
  'invited',
  'answered',
  'source',
  'submitted_at',
  'enrolled_on',
  'withdrawn_on',
] as const;

/** A submitted response with what the item exports write beside it. */
export interface ResponseInWave {
  response: SurveyResponse;
  participant: Participant;
  wave: Wave;
  /** Position of the wave in the schedule, 1 for the first. */
  waveIndex: number;
  instrument: Instrument;
}

/**
 * The item columns of items-wide.csv: every item of every questionnaire version in use, each once,
 * in the order the versions (oldest first) and their sections ask them.
 */
export function itemColumns(instruments: readonly Instrument[]): string[] {
  return [...new Set(instruments.flatMap((instrument) => allItems(instrument).map((item) => item.id)))];
}

/**
 * One row of items-wide.csv: each item's raw answer (a scale point, NA for "does not apply", or
 * the words of an open answer); empty when not answered or not asked.
 */
export function itemsWideRow({ response, participant, wave, waveIndex }: ResponseInWave): CsvRow {
  return {
    ...response.answers,
    participant: participant.code,
    group: response.group,
    wave: wave.label,
    wave_index: waveIndex,
    source: response.source,
    submitted_at: response.submittedAt,
  };
}

/**
 * The rows of open-answers.csv for one response: each non-empty answer to a free-text item, with
 * the question in the participant's language (the questionnaire's first when it lacks theirs).
 */
export function openAnswerRows({ response, participant, wave, waveIndex, instrument }: ResponseInWave): CsvRow[] {
  const language = instrument.languages.includes(participant.language)
    ? participant.language
    : (instrument.languages[0] ?? participant.language);
  const rows: CsvRow[] = [];
  for (const item of allItems(instrument)) {
    const answer = response.answers[item.id];
    if (!isFreeText(item) || answer === undefined || String(answer).trim() === '') continue;
    rows.push({
      participant: participant.code,
      group: response.group,
      wave: wave.label,
      wave_index: waveIndex,
      language,
      item: item.id,
      question: item.text[language] ?? null,
      answer: String(answer),
    });
  }
  return rows;
}

/**
 * The rows of participation.csv for one wave: one per participant of the project, in the order given.
 * `invited` follows the response rate's denominator (docs/methods.md): invited by their dates, or
 * answered whatever their dates say; `group` is the group they answered as, else their current one.
 */
export function participationRows(
  wave: Wave,
  waveIndex: number,
  participants: readonly Participant[],
  submitted: ReadonlyMap<string, SurveyResponse>,
): CsvRow[] {
  return participants.map((participant) => {
    const response = submitted.get(participant.id);
    return {
      participant: participant.code,
      group: response?.group ?? participant.group,
      wave: wave.label,
      wave_index: waveIndex,
      invited: response || isInvited(participant, wave) ? 1 : 0,
      answered: response ? 1 : 0,
      source: response?.source ?? null,
      submitted_at: response?.submittedAt ?? null,
      enrolled_on: participant.enrolledOn,
      withdrawn_on: participant.withdrawnOn,
    };
  });
}
