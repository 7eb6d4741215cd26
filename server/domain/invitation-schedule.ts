import { addDays } from './calendar-date.js';
import { waveState, type ScheduledWave } from './wave-schedule.js';

type MessageKind = 'invitation' | 'reminder';

/**
 * What a participant who has not answered should get today: the invitation once the wave is
 * open, and the reminder from `reminderDays` before closing (0 = never). Someone never invited
 * gets the invitation, not a reminder of something they never received.
 */
export function messageDue(
  wave: ScheduledWave,
  today: string,
  reminderDays: number,
  already: { invited: boolean; reminded: boolean },
): MessageKind | null {
  if (waveState(wave, today) !== 'open') return null;
  if (!already.invited) return 'invitation';
  if (reminderDays > 0 && !already.reminded && today >= addDays(wave.closesOn, -reminderDays)) return 'reminder';
  return null;
}
