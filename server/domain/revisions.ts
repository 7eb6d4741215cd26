import type { AnswerValue, Answers } from './answers.js';
import { mergeAnswers } from './answer-form.js';
import type { ResponseRevision } from './records.js';

/**
 * The answers as they were submitted, before any staff correction: each corrected item takes the
 * "from" of its first revision. What the participant's receipt shows, whatever staff changed later.
 */
export function answersAsSubmitted(current: Answers, history: readonly ResponseRevision[]): Answers {
  const original: Record<string, AnswerValue | null> = {};
  for (const revision of history) if (!(revision.itemId in original)) original[revision.itemId] = revision.from;
  return mergeAnswers(current, original);
}
