import type { InvitedCounts } from './analysis-design.js';

interface InvitationWave {
  id: string;
  /** YYYY-MM-DD, both inclusive. */
  opensOn: string;
  closesOn: string;
}

export interface InvitationParticipant {
  id: string;
  group: string;
  status: 'active' | 'withdrawn';
  /** YYYY-MM-DD. */
  enrolledOn: string;
  /** YYYY-MM-DD; null while active, and for withdrawals made before their dates were kept. */
  withdrawnOn: string | null;
}

/**
 * Whether a wave invited this participant, answered or not: enrolled on or before its closing
 * day and not withdrawn before its opening day (withdrawing while it was open still counts).
 * A withdrawal without a date cannot be placed, so it excludes the participant from every wave.
 */
export function isInvited(participant: InvitationParticipant, wave: InvitationWave): boolean {
  if (participant.enrolledOn > wave.closesOn) return false;
  if (participant.withdrawnOn !== null) return participant.withdrawnOn >= wave.opensOn;
  return participant.status === 'active';
}

/**
 * Who counts as invited to a wave, per group, as docs/methods.md defines it (see isInvited).
 * Everyone who answered the wave counts, in the group they answered as, whatever their dates say:
 * a mis-keyed enrolment date can then never push a response rate above 100%. The others count in
 * their current group when isInvited says so.
 */
export function countInvited(
  waves: readonly InvitationWave[],
  participants: readonly InvitationParticipant[],
  respondents: (waveId: string) => ReadonlyMap<string, string>,
): InvitedCounts {
  const counts = new Map<string, Map<string, number>>();
  for (const wave of waves) {
    const perGroup = new Map<string, number>();
    const answered = respondents(wave.id);
    const add = (group: string): void => {
      perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
    };
    for (const group of answered.values()) add(group);
    for (const participant of participants) {
      if (!answered.has(participant.id) && isInvited(participant, wave)) add(participant.group);
    }
    counts.set(wave.id, perGroup);
  }
  return counts;
}
