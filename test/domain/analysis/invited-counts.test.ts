import { expect } from 'chai';
import { countInvited } from '../../../server/domain/analysis/invited-counts.js';

describe('countInvited', function () {
  const waves = [{ id: 'w1', closesOn: '2026-03-21' }, { id: 'w2', closesOn: '2026-06-21' }];
  const participants = [
    { id: 'a', group: 'caregiver', status: 'active' as const, createdAt: '2026-02-01T10:00:00.000Z' },
    { id: 'b', group: 'caregiver', status: 'withdrawn' as const, createdAt: '2026-02-01T10:00:00.000Z' },
    { id: 'c', group: 'provider', status: 'active' as const, createdAt: '2026-03-21T23:00:00.000Z' },
    { id: 'd', group: 'provider', status: 'active' as const, createdAt: '2026-05-01T10:00:00.000Z' },
  ];

  it('counts respondents in the group they answered as, and active non-respondents added by the close date', function () {
    const respondents: Record<string, Map<string, string>> = {
      w1: new Map([['b', 'caregiver']]),
      w2: new Map([['c', 'caregiver']]),
    };
    const counts = countInvited(waves, participants, (id) => respondents[id] ?? new Map());
    expect(Object.fromEntries(counts.get('w1')!)).to.deep.equal({ caregiver: 2, provider: 1 });
    // b withdrew without answering w2; c answered w2 as a caregiver; d joined before w2 closed.
    expect(Object.fromEntries(counts.get('w2')!)).to.deep.equal({ caregiver: 2, provider: 1 });
  });
});
