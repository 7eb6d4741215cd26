import { expect } from 'chai';
import type { ResponseRevision } from '../../server/domain/records.js';
import { answersAsSubmitted } from '../../server/domain/revisions.js';

const revision = (
  itemId: string,
  from: number | string | null,
  to: number | string | null,
  at: string,
): ResponseRevision => ({
  participantId: 'p-anna',
  waveId: 'w-1',
  itemId,
  from,
  to,
  by: 'u-lead',
  reason: 'typed from the paper form',
  at,
});

describe('answers as submitted', function () {
  it('are the current answers when staff corrected nothing', function () {
    expect(answersAsSubmitted({ q1: 4, q2: 'Più ascolto' }, [])).to.deep.equal({ q1: 4, q2: 'Più ascolto' });
  });

  it('take back the first "from" of an item corrected twice, not the later one', function () {
    const history = [revision('q1', 2, 3, '2026-03-05T10:00:00Z'), revision('q1', 3, 5, '2026-03-06T09:00:00Z')];
    expect(answersAsSubmitted({ q1: 5, q2: 4 }, history)).to.deep.equal({ q1: 2, q2: 4 });
  });

  it('leave out an answer staff added to an item the participant skipped, and restore one staff cleared', function () {
    const history = [
      revision('q3', null, 4, '2026-03-05T10:00:00Z'),
      revision('q4', 'Nessun commento', null, '2026-03-05T10:01:00Z'),
    ];
    expect(answersAsSubmitted({ q1: 1, q3: 4 }, history)).to.deep.equal({ q1: 1, q4: 'Nessun commento' });
  });
});
