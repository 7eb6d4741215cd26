import { isCalendarDate } from '../calendar-date.js';
import { hasControlCharacter, stripControlCharacters } from '../control-characters.js';
import { DomainError, type FieldProblem } from '../errors.js';
import { ACTION_STATUSES, type ActionStatus, type CellActionPatch } from '../records.js';

/** The fields of the action form, as posted. */
export type ActionField =
  'wave' | 'group' | 'dimension' | 'what' | 'owner' | 'due' | 'meeting_on' | 'meeting' | 'status' | 'status_note';

/**
 * What is wrong with a field. The problems carry these codes as their messages: the page words
 * them in the reader's language (server/i18n/evaluator/actions.ts, `error.<rule>`).
 */
export const ACTION_RULES = [
  'required',
  'too-long',
  'not-a-date',
  'control-characters',
  'unknown-choice',
  'due-before-meeting',
] as const;
export type ActionRule = (typeof ACTION_RULES)[number];

/** Long enough for a paragraph, short enough that a page of actions stays a page. */
export const ACTION_TEXT_LIMIT = 2000;
/** Names, roles and meeting names are one line. */
export const ACTION_NAME_LIMIT = 200;

/** The cells an action may be recorded against: closed waves (by 1-based number), stakeholder groups, dimensions. */
export interface ActionCellChoices {
  waves: readonly { index: number; id: string }[];
  groups: readonly string[];
  dimensions: readonly string[];
}

export interface ActionCell {
  waveId: string;
  group: string;
  dimension: string;
}

type Body = Record<string, unknown>;

const textOf = (body: Body, field: ActionField): string => {
  const value = body[field];
  return typeof value === 'string' ? value : '';
};

/**
 * Checks a posted action: with `cells`, the cell it is recorded against too (a new action);
 * without, only what a lead may change later. Every problem is collected, so the form shows them
 * all at once; any problem is a VALIDATION error whose problems name the field and the rule.
 * Multi-line texts keep their lines and lose other control characters, as written answers do;
 * one-line names holding one are refused (ADR 0078).
 */
export function readAction(body: Body, cells: ActionCellChoices): { cell: ActionCell; fields: CellActionPatch };
export function readAction(body: Body, cells: null): { cell: null; fields: CellActionPatch };
export function readAction(
  body: Body,
  cells: ActionCellChoices | null,
): { cell: ActionCell | null; fields: CellActionPatch } {
  const problems: FieldProblem[] = [];
  const fail = (where: ActionField, rule: ActionRule) => {
    if (!problems.some((p) => p.where === where)) problems.push({ where, message: rule });
  };

  let cell: ActionCell | null = null;
  if (cells) {
    const waveText = textOf(body, 'wave').trim();
    const wave = cells.waves.find((w) => String(w.index) === waveText);
    const group = textOf(body, 'group').trim();
    const dimension = textOf(body, 'dimension').trim();
    if (!wave) fail('wave', waveText === '' ? 'required' : 'unknown-choice');
    if (!cells.groups.includes(group)) fail('group', group === '' ? 'required' : 'unknown-choice');
    if (!cells.dimensions.includes(dimension)) fail('dimension', dimension === '' ? 'required' : 'unknown-choice');
    if (wave) cell = { waveId: wave.id, group, dimension };
  }

  const longText = (field: ActionField, required: boolean): string => {
    const text = stripControlCharacters(textOf(body, field)).trim();
    if (required && text === '') fail(field, 'required');
    if (text.length > ACTION_TEXT_LIMIT) fail(field, 'too-long');
    return text;
  };
  const name = (field: ActionField, required: boolean): string => {
    const text = textOf(body, field).trim();
    if (required && text === '') fail(field, 'required');
    if (hasControlCharacter(text)) fail(field, 'control-characters');
    if (text.length > ACTION_NAME_LIMIT) fail(field, 'too-long');
    return text;
  };
  const date = (field: ActionField): string => {
    const text = textOf(body, field).trim();
    if (text === '') fail(field, 'required');
    else if (!isCalendarDate(text)) fail(field, 'not-a-date');
    return text;
  };

  const what = longText('what', true);
  const owner = name('owner', true);
  const dueOn = date('due');
  const meetingOn = date('meeting_on');
  const meeting = name('meeting', false);
  const statusText = textOf(body, 'status').trim();
  const status = (ACTION_STATUSES as readonly string[]).includes(statusText) ? (statusText as ActionStatus) : null;
  if (!status) fail('status', statusText === '' ? 'required' : 'unknown-choice');
  const statusNote = longText('status_note', false);
  if (isCalendarDate(dueOn) && isCalendarDate(meetingOn) && dueOn < meetingOn) fail('due', 'due-before-meeting');

  if (problems.length > 0 || !status || (cells && !cell))
    throw new DomainError('VALIDATION', 'the action cannot be saved as it is', problems);
  return { cell, fields: { what, owner, dueOn, meetingOn, meeting, status, statusNote } };
}
