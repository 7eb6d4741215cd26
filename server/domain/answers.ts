/** How "does not apply" is written in answers, imports and exports (R reads it as missing). */
export const NOT_APPLICABLE = 'NA';

/** A scale answer is a whole number or NOT_APPLICABLE; a text answer is a string. */
export type AnswerValue = number | string;
export type Answers = Record<string, AnswerValue>;

export const MAX_TEXT_ANSWER_LENGTH = 5000;

/** What an item's type makes of one answer as typed: item-types/registry.ts reads it. */
export type ParsedAnswer =
  | { ok: true; value: AnswerValue | undefined }
  | {
      ok: false;
      reason: 'out_of_scale' | 'not_applicable_not_offered' | 'too_long';
      /** In English, for the command line and the log. */
      message: string;
      /** The values the message names (what was typed, the scale's ends, a length), for a page to word it in its own language. */
      params: Record<string, string>;
    };
