import { scaleOf, type Instrument, type Item } from './instrument.js';

/** How "does not apply" is written in answers, imports and exports (R reads it as missing). */
export const NOT_APPLICABLE = 'NA';

/** A scale answer is a whole number or NOT_APPLICABLE; a text answer is a string. */
export type AnswerValue = number | string;
export type Answers = Record<string, AnswerValue>;

export const MAX_TEXT_ANSWER_LENGTH = 5000;

export type ParsedAnswer =
  | { ok: true; value: AnswerValue | undefined }
  | { ok: false; reason: 'out_of_scale' | 'not_applicable_not_offered' | 'too_long'; message: string };

/**
 * Reads one answer as typed into a form or a CSV cell. Empty means "no answer", which is never an
 * error: people may skip questions.
 */
export function parseAnswer(instrument: Instrument, item: Item, raw: string): ParsedAnswer {
  const text = raw.trim();
  if (text === '') return { ok: true, value: undefined };
  if (item.type === 'text') {
    if (text.length > MAX_TEXT_ANSWER_LENGTH) {
      return { ok: false, reason: 'too_long', message: `is longer than ${MAX_TEXT_ANSWER_LENGTH} characters` };
    }
    return { ok: true, value: text };
  }
  const scale = scaleOf(instrument, item);
  if (text.toUpperCase() === NOT_APPLICABLE) {
    if (scale.notApplicable) return { ok: true, value: NOT_APPLICABLE };
    return { ok: false, reason: 'not_applicable_not_offered', message: `"${text}" is not allowed: this question has no "does not apply" option (use a number from ${scale.min} to ${scale.max}, or leave it empty)` };
  }
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < scale.min || value > scale.max) {
    return { ok: false, reason: 'out_of_scale', message: `"${raw}" is outside the scale ${scale.min} to ${scale.max}` };
  }
  return { ok: true, value };
}

/** The answer after reverse coding (`min + max - x`), or null when it does not count as answered. */
export function scoredValue(instrument: Instrument, item: Item, value: AnswerValue | undefined): number | null {
  if (item.type !== 'scale' || typeof value !== 'number') return null;
  const scale = scaleOf(instrument, item);
  return item.reverse ? scale.min + scale.max - value : value;
}
