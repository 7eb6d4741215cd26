import type { InvitedCounts } from './analysis-design.js';

export interface InvitationWave {
  id: string;
  /** YYYY-MM-DD, inclusive. */
  closesOn: string;
}

export interface InvitationParticipant {
  id: string;
  group: string;
  status: 'active' | 'withdrawn';
  /** ISO timestamp. */
  createdAt: string;
}

/**
 * Who counts as invited to a wave, per group. STATISTICS.md wants the active participants when
 * the wave opened, but the store keeps no history of status changes, so this approximates:
 * everyone who answered the wave (in the group they answered as, withdrawn or not), plus the
 * participants who are active now, were added on or before the wave's closing date and did not
 * answer (in their current group). A response rate therefore never exceeds 100%, and people
 * who withdrew without answering drop out of every wave's denominator.
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
      if (answered.has(participant.id) || participant.status !== 'active') continue;
      if (participant.createdAt.slice(0, 10) <= wave.closesOn) add(participant.group);
    }
    counts.set(wave.id, perGroup);
  }
  return counts;
}
