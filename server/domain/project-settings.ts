import { DomainError, type FieldProblem } from './errors.js';
import { DEFAULT_STATUS_THRESHOLDS, resolveStatusThresholds, THRESHOLD_NAMES, type StatusThresholds } from './statistics/status-rules.js';

/** Reminders go out this many days before a wave closes, unless a project says otherwise. */
export const DEFAULT_REMINDER_DAYS = 3;
export const MAX_REMINDER_DAYS = 60;

/**
 * What a project keeps in `project.settings`: the flag thresholds (all of them, so the analysis
 * reads one complete set) and the days before closing when reminders go out.
 */
export interface ProjectSettings {
  flagThresholds: StatusThresholds;
  reminderDays: number;
}

export { THRESHOLD_NAMES };

/** Validates settings as entered; problems name the field (`reminderDays` or a threshold name). */
export function checkProjectSettings(input: { flagThresholds?: Partial<StatusThresholds>; reminderDays?: number }): ProjectSettings {
  const problems: FieldProblem[] = [];
  let flagThresholds: StatusThresholds = { ...DEFAULT_STATUS_THRESHOLDS };
  try {
    flagThresholds = resolveStatusThresholds(input.flagThresholds ?? {});
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push(...error.problems);
  }
  const reminderDays = input.reminderDays ?? DEFAULT_REMINDER_DAYS;
  if (!Number.isInteger(reminderDays) || reminderDays < 0 || reminderDays > MAX_REMINDER_DAYS) {
    problems.push({ where: 'reminderDays', message: `must be a whole number of days from 0 (no reminder) to ${MAX_REMINDER_DAYS}` });
  }
  if (problems.length > 0) throw new DomainError('VALIDATION', problems.map((p) => `${p.where} ${p.message}`).join('; '), problems);
  return { flagThresholds, reminderDays };
}

/** A project's settings as stored, with defaults for anything missing or unusable. */
export function projectSettingsOf(settings: Record<string, unknown>): ProjectSettings {
  try {
    return checkProjectSettings({
      flagThresholds: (settings.flagThresholds ?? {}) as Partial<StatusThresholds>,
      reminderDays: (settings.reminderDays ?? DEFAULT_REMINDER_DAYS) as number,
    });
  } catch {
    return { flagThresholds: { ...DEFAULT_STATUS_THRESHOLDS }, reminderDays: DEFAULT_REMINDER_DAYS };
  }
}
