import { DomainError, type FieldProblem } from './errors.js';
import {
  DEFAULT_STATUS_THRESHOLDS,
  resolveStatusThresholds,
  THRESHOLD_NAMES,
  type StatusThresholds,
} from './statistics/status-rules.js';
import { fieldProblem } from './field-rules.js';

/** Reminders go out this many days before a wave closes, unless a project says otherwise. */
const DEFAULT_REMINDER_DAYS = 3;
const MAX_REMINDER_DAYS = 60;

/**
 * A project's settings, resolved: every status threshold (defaults where the project set none)
 * and the days before closing when reminders go out. `project.settings` stores only the
 * thresholds that differ from the defaults (storedSettings), under `statusThresholds`, so a
 * recalibrated default reaches every project that did not choose otherwise. Thresholds stored
 * under `flagThresholds` belong to the rules before calibration and are not read: their
 * `alpha` meant something else.
 */
export interface ProjectSettings {
  statusThresholds: StatusThresholds;
  reminderDays: number;
  /** Every paper form keyed twice, by two accounts, and compared before it is stored; off unless a lead turns it on. */
  doubleEntry: boolean;
}

export { THRESHOLD_NAMES };

/** Validates settings as entered; problems name the field (`reminderDays` or a threshold name). */
export function checkProjectSettings(input: {
  statusThresholds?: Partial<StatusThresholds>;
  reminderDays?: number;
  doubleEntry?: boolean;
}): ProjectSettings {
  const problems: FieldProblem[] = [];
  let statusThresholds: StatusThresholds = { ...DEFAULT_STATUS_THRESHOLDS };
  try {
    statusThresholds = resolveStatusThresholds(input.statusThresholds ?? {});
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push(...error.problems);
  }
  const reminderDays = input.reminderDays ?? DEFAULT_REMINDER_DAYS;
  if (!Number.isInteger(reminderDays) || reminderDays < 0 || reminderDays > MAX_REMINDER_DAYS) {
    problems.push(fieldProblem('reminderDays', 'rule.reminderDays', { max: MAX_REMINDER_DAYS }));
  }
  if (problems.length > 0)
    throw new DomainError('VALIDATION', problems.map((p) => `${p.where} ${p.message}`).join('; '), problems);
  return { statusThresholds, reminderDays, doubleEntry: input.doubleEntry === true };
}

/** A project's settings as stored, with defaults for anything missing or unusable. */
export function projectSettingsOf(settings: Record<string, unknown>): ProjectSettings {
  try {
    return checkProjectSettings({
      statusThresholds: (settings.statusThresholds ?? {}) as Partial<StatusThresholds>,
      reminderDays: (settings.reminderDays ?? DEFAULT_REMINDER_DAYS) as number,
      doubleEntry: settings.doubleEntry === true,
    });
  } catch {
    return {
      statusThresholds: { ...DEFAULT_STATUS_THRESHOLDS },
      reminderDays: DEFAULT_REMINDER_DAYS,
      doubleEntry: settings.doubleEntry === true,
    };
  }
}

/** What `project.settings` keeps: the reminder days, double entry, and only the thresholds that differ from the defaults. */
export function storedSettings(settings: ProjectSettings): {
  reminderDays: number;
  doubleEntry: boolean;
  statusThresholds: Partial<StatusThresholds>;
} {
  const overrides: Partial<StatusThresholds> = {};
  for (const name of THRESHOLD_NAMES) {
    if (settings.statusThresholds[name] !== DEFAULT_STATUS_THRESHOLDS[name])
      overrides[name] = settings.statusThresholds[name];
  }
  return { reminderDays: settings.reminderDays, doubleEntry: settings.doubleEntry, statusThresholds: overrides };
}
