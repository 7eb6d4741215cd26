import type { ActionFollowUp } from '../domain/actions/action-follow-up.js';
import type { CsvRow } from '../export/csv-stream.js';

/** actions.csv: one row per action, with its follow-up; the codebook says what each column means. */
export const ACTIONS_COLUMNS = [
  'wave',
  'wave_index',
  'group',
  'dimension',
  'action',
  'owner',
  'due',
  'status',
  'status_note',
  'agreed_at',
  'agreed_meeting',
  'followed_up_wave',
  'change_since',
  'change_ci_low',
  'change_ci_high',
  'n_pairs',
] as const;

/**
 * The rows of actions.csv, oldest action first. As in every evaluator export, small groups are
 * kept (docs/methods.md, "Small groups"): n_pairs says how many people a change rests on.
 */
export function* actionRows(followUps: readonly ActionFollowUp[]): Generator<CsvRow> {
  for (const { action, agreed, followedUp, change } of followUps) {
    yield {
      wave: agreed.label,
      wave_index: agreed.index,
      group: action.group,
      dimension: action.dimension,
      action: action.what,
      owner: action.owner,
      due: action.dueOn,
      status: action.status,
      status_note: action.statusNote === '' ? null : action.statusNote,
      agreed_at: action.meetingOn,
      agreed_meeting: action.meeting === '' ? null : action.meeting,
      followed_up_wave: followedUp?.label ?? null,
      change_since: change?.change ?? null,
      change_ci_low: change?.ciLow ?? null,
      change_ci_high: change?.ciHigh ?? null,
      n_pairs: followedUp ? (change?.pairs ?? 0) : null,
    };
  }
}
