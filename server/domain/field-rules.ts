/**
 * The rules a value typed into a staff form can break, named (ADR 0116). A service refuses a
 * field with `fieldProblem(where, rule, params)`: the problem's message is the rule's English,
 * for the command line, scripts and the log; its `text` names the rule, which the staff
 * catalogue words in every language (server/i18n/staff/rules.ts), so a page shows the same rule
 * in the reader's language and no reader meets a general sentence where the English is precise.
 */
import { CONTROL_CHARACTER_MESSAGE } from './control-characters.js';
import { MAX_TEXT_ANSWER_LENGTH, type ParsedAnswer } from './answers.js';
import type { FieldProblem } from './errors.js';

export const FIELD_RULES = {
  'rule.length': 'must be {min} to {max} characters',
  'rule.atMost': 'must be at most {max} characters',
  'rule.atLeast': 'must be at least {min} characters',
  'rule.controlCharacters': CONTROL_CHARACTER_MESSAGE,
  'rule.controlCharactersButLines':
    'must not contain control characters (line breaks apart, such as tab or escape) or bidirectional overrides',
  'rule.email': 'is not an email address',
  'rule.oneOf': 'must be one of {choices}',
  'rule.projectGroup': "is not one of the project's groups",
  'rule.mode': 'must be web or paper',
  'rule.projectForRole': 'is required for the {role} role',
  'rule.noProjectForAdmin': 'must be left out for an admin, who manages every project',
  'rule.slug': 'must be lower-case letters, digits and dashes, at most 63 characters, such as "place4carers"',
  'rule.groupId': '"{id}" is not a usable group id (lower-case letters, digits, "_" or "-"; "all" is reserved)',
  'rule.groupTwice': 'a group is listed twice',
  'rule.groupLabel': 'the group "{id}" needs a label of 1 to 100 characters in "{language}"',
  'rule.groupLabelControl': `the label of group "{id}" ${CONTROL_CHARACTER_MESSAGE}`,
  'rule.instrument': '"{ref}" is not an available questionnaire (available: {offered})',
  'rule.date': '"{typed}" is not a date in the form YYYY-MM-DD',
  'rule.closesAfterOpens': 'must be on or after the opening date',
  'rule.wholeNumber': 'must be a whole number from {min} to {max}',
  'rule.wholeMonths': 'must be a whole number of months from {min} to {max}',
  'rule.wholeDays': 'must be a whole number of days from {min} to {max}',
  'rule.reminderDays': 'must be a whole number of days from 0 (no reminder) to {max}',
  'rule.number': 'must be a number',
  'rule.between': 'must lie between {min} and {max}',
  'rule.pointsBetween': 'must lie between {min} and {max} points',
  'rule.wholeAtLeast': 'must be a whole number of at least {min}',
  'rule.watchAlpha': 'must not be below alpha',
  'rule.timeZone': 'must be a time zone name such as Europe/Rome, America/New_York or UTC',
  'rule.answerOutOfScale': 'Enter one of the values of the scale, NA, or leave it empty.',
  'rule.answerNoNotApplicable': '"Does not apply" (NA) is not offered for this question.',
  'rule.answerTooLong': 'This answer is longer than {max} characters.',
} as const;

export type FieldRule = keyof typeof FIELD_RULES;

/** A refused field: the rule's English as its message, the rule and its values as its `text`. */
export function fieldProblem(where: string, rule: FieldRule, params?: Record<string, string | number>): FieldProblem {
  const values = params ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) : undefined;
  const message = FIELD_RULES[rule].replace(/\{(\w+)\}/g, (whole, name: string) => values?.[name] ?? whole);
  return { where, message, text: { key: rule, ...(values ? { params: values } : {}) } };
}

type AnswerRefusal = Extract<ParsedAnswer, { ok: false }>['reason'];

/** An answer typed by staff (a correction) that its question cannot take, by the parser's reason. */
export function answerProblem(where: string, reason: AnswerRefusal): FieldProblem {
  switch (reason) {
    case 'out_of_scale':
      return fieldProblem(where, 'rule.answerOutOfScale');
    case 'not_applicable_not_offered':
      return fieldProblem(where, 'rule.answerNoNotApplicable');
    case 'too_long':
      return fieldProblem(where, 'rule.answerTooLong', { max: MAX_TEXT_ANSWER_LENGTH });
  }
}
