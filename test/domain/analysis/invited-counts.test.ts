import { expect } from 'chai';
import { countInvited, isInvited, type InvitationParticipant } from '../../../server/domain/analysis/invited-counts.js';

describe('countInvited', function () {
  // Out of schedule order on purpose: nothing may depend on the order of waves or people.
  const waves = [
    { id: 'w2', opensOn: '2026-06-01', closesOn: '2026-06-21' },
    { id: 'w1', opensOn: '2026-03-01', closesOn: '2026-03-21' },
  ];
  const person = (
    id: string,
    group: string,
    enrolledOn: string,
    withdrawnOn: string | null = null,
    status: 'active' | 'withdrawn' = withdrawnOn ? 'withdrawn' : 'active',
  ): InvitationParticipant => ({ id, group, status, enrolledOn, withdrawnOn });
  const none = new Map<string, string>();
  const counted = (participants: InvitationParticipant[], respondents: Record<string, Map<string, string>> = {}) => {
    const counts = countInvited(waves, participants, (id) => respondents[id] ?? none);
    return { w1: Object.fromEntries(counts.get('w1')!), w2: Object.fromEntries(counts.get('w2')!) };
  };

  it('counts someone enrolled on the closing day, and not someone enrolled the day after', function () {
    expect(
      counted([person('onClose', 'caregiver', '2026-03-21'), person('after', 'provider', '2026-03-22')]),
    ).to.deep.equal({
      w1: { caregiver: 1 },
      w2: { caregiver: 1, provider: 1 },
    });
  });

  it('counts someone withdrawn on the opening day, and not someone withdrawn the day before', function () {
    expect(
      counted([
        person('onOpen', 'caregiver', '2026-02-01', '2026-06-01'),
        person('before', 'provider', '2026-02-01', '2026-05-31'),
      ]),
    ).to.deep.equal({
      w1: { caregiver: 1, provider: 1 },
      w2: { caregiver: 1 },
    });
  });

  it('counts a respondent in the group they answered as, even when enrolled later or withdrawn before', function () {
    const participants = [
      person('late', 'provider', '2026-05-10'),
      person('left', 'caregiver', '2026-02-01', '2026-04-01'),
      person('moved', 'provider', '2026-02-01'),
    ];
    const respondents = {
      w1: new Map([
        ['late', 'caregiver'],
        ['moved', 'caregiver'],
      ]),
      w2: new Map([['left', 'caregiver']]),
    };
    expect(counted(participants, respondents)).to.deep.equal({
      // late answered before their (mis-keyed) enrolment date; left withdrew during neither wave.
      w1: { caregiver: 3 },
      w2: { caregiver: 1, provider: 2 },
    });
  });

  it('keeps the old rule for a withdrawal without a date: counted only for the waves answered', function () {
    const undated = person('undated', 'caregiver', '2026-02-01', null, 'withdrawn');
    expect(counted([undated], { w2: new Map([['undated', 'caregiver']]) })).to.deep.equal({
      w1: {},
      w2: { caregiver: 1 },
    });
  });

  it('gives the same counts whatever the order, with people skipping waves', function () {
    const participants = [
      person('a', 'caregiver', '2026-01-10'),
      person('b', 'caregiver', '2026-02-15', '2026-03-10'),
      person('c', 'provider', '2026-04-01'),
      person('d', 'provider', '2026-01-10'),
      person('e', 'caregiver', '2026-06-22'),
    ];
    // a skips w1, d skips w2, b answered w1 and withdrew while it ran, c joined between the waves.
    const respondents = {
      w1: new Map([
        ['d', 'provider'],
        ['b', 'caregiver'],
      ]),
      w2: new Map([
        ['c', 'provider'],
        ['a', 'caregiver'],
      ]),
    };
    const expected = { w1: { caregiver: 2, provider: 1 }, w2: { caregiver: 1, provider: 2 } };
    expect(counted(participants, respondents)).to.deep.equal(expected);
    expect(counted([...participants].reverse(), respondents)).to.deep.equal(expected);
    expect(
      counted([participants[3]!, participants[0]!, participants[4]!, participants[2]!, participants[1]!], respondents),
    ).to.deep.equal(expected);
  });
});

describe('isInvited', function () {
  const wave = { id: 'w1', opensOn: '2026-03-01', closesOn: '2026-03-21' };
  const base: InvitationParticipant = {
    id: 'p',
    group: 'caregiver',
    status: 'active',
    enrolledOn: '2026-02-01',
    withdrawnOn: null,
  };

  it('is enrolled by the closing day and not withdrawn before the opening day', function () {
    expect(isInvited(base, wave)).to.equal(true);
    expect(isInvited({ ...base, enrolledOn: '2026-03-21' }, wave)).to.equal(true);
    expect(isInvited({ ...base, enrolledOn: '2026-03-22' }, wave)).to.equal(false);
    expect(isInvited({ ...base, status: 'withdrawn', withdrawnOn: '2026-03-01' }, wave)).to.equal(true);
    expect(isInvited({ ...base, status: 'withdrawn', withdrawnOn: '2026-02-28' }, wave)).to.equal(false);
    expect(isInvited({ ...base, status: 'withdrawn', withdrawnOn: null }, wave)).to.equal(false);
  });
});
