import { expect } from 'chai';
import { followUpActions, shownFollowUp } from '../../../server/domain/actions/action-follow-up.js';
import { analyseProject, type ProjectAnalysis } from '../../../server/domain/analysis/project-analysis.js';
import { buildResponseTable, type ResponseTable } from '../../../server/domain/analysis/response-table.js';
import type { CellAction } from '../../../server/domain/records.js';
import { design, invited, responsesFor } from '../../helpers/analysis-fixtures.js';

let table: ResponseTable;
let analysis: ProjectAnalysis;
const waves = [
  { id: 'w1', label: 'Wave 1', opensOn: '2026-03-01', closesOn: '2026-03-21' },
  { id: 'w2', label: 'Wave 2', opensOn: '2026-06-01', closesOn: '2026-06-21' },
  { id: 'w3', label: 'Wave 3', opensOn: '2026-09-01', closesOn: '2026-09-21' },
];
const action = (extra: Partial<CellAction> = {}): CellAction => ({
  id: 'a1',
  projectId: 'p',
  waveId: 'w1',
  group: 'caregiver',
  dimension: 'trust',
  what: 'Meet monthly',
  owner: 'Coordinator',
  dueOn: '2026-07-01',
  meetingOn: '2026-04-01',
  meeting: '',
  status: 'open',
  statusNote: '',
  createdBy: 'u',
  createdAt: '2026-04-02T09:00:00.000Z',
  updatedAt: '2026-04-02T09:00:00.000Z',
  ...extra,
});

describe('actions/action-follow-up', function () {
  // Built for each test rather than on loading, so a mutation tool sees which tests reach which code.
  beforeEach(function () {
    // Six caregivers at trust 4 in wave 1, 3 in wave 2 and 5 in wave 3; c6 skips wave 3.
    table = buildResponseTable(design(3), [
      ...responsesFor('w1', 'caregiver', 'c', [4, 4, 4, 4, 4, 4]),
      ...responsesFor('w2', 'caregiver', 'c', [3, 3, 3, 3, 3, 3]),
      ...responsesFor('w3', 'caregiver', 'c', [5, 5, 5, 5, 5]),
    ]);
    analysis = analyseProject(table, { invited: invited({}) });
  });

  it('follows up at the latest later wave that has closed, among the pairs', function () {
    const [during] = followUpActions([action()], analysis, table, { waves, today: '2026-09-10' });
    expect(during!.agreed).to.deep.equal({ id: 'w1', index: 1, label: 'Wave 1', mean: 4, n: 6 });
    expect(during!.followedUp).to.deep.include({ index: 2, mean: 3, n: 6 });
    expect(during!.change).to.deep.equal({ pairs: 6, change: -1, ciLow: -1, ciHigh: -1 });
    const [after] = followUpActions([action()], analysis, table, { waves, today: '2026-09-22' });
    expect(after!.followedUp).to.deep.include({ index: 3, mean: 5, n: 5 });
    expect(after!.change).to.deep.include({ pairs: 5, change: 1 });
    const [until] = followUpActions([action()], analysis, table, { waves, today: '2026-09-22', until: 2 });
    expect(until!.followedUp?.index).to.equal(2);
  });

  it('has no follow-up before a later wave closes, and none for a group nobody answered', function () {
    const [early] = followUpActions([action()], analysis, table, { waves, today: '2026-06-21' });
    expect(early).to.deep.include({ followedUp: null, change: null });
    const [providers] = followUpActions([action({ group: 'provider' })], analysis, table, {
      waves,
      today: '2026-09-22',
    });
    expect(providers!.agreed).to.deep.include({ mean: null, n: 0 });
    expect(providers!.change).to.equal(null);
    expect(shownFollowUp(providers!)).to.include({ agreedHidden: true, followedUpHidden: true, changeHidden: false });
  });

  it('is overdue only while open and past its due date', function () {
    const at = (dueOn: string, status: CellAction['status']) =>
      followUpActions([action({ dueOn, status })], analysis, table, { waves, today: '2026-07-01' })[0]!.overdue;
    expect(at('2026-06-30', 'open')).to.equal(true);
    expect(at('2026-07-01', 'open')).to.equal(false);
    expect(at('2026-06-30', 'done')).to.equal(false);
    expect(at('2026-06-30', 'dropped')).to.equal(false);
  });

  it('hides a change among 4 pairs on pages, and shows one among 5', function () {
    const [five] = followUpActions([action()], analysis, table, { waves, today: '2026-09-22' });
    expect(shownFollowUp(five!).changeHidden).to.equal(false);
    const four = { ...five!, change: { ...five!.change!, pairs: 4 } };
    expect(shownFollowUp(four)).to.include({ changeHidden: true, change: null });
  });

  it('leaves out an action whose wave is no longer in the analysis', function () {
    const followUps = followUpActions([action({ id: 'gone', waveId: 'w9' }), action({ id: 'kept' })], analysis, table, {
      waves,
      today: '2026-09-22',
    });
    expect(followUps.map((f) => f.action.id)).to.deep.equal(['kept']);
  });

  it('follows up only at waves whose dates are known, closed and after the agreed wave', function () {
    const [unscheduled] = followUpActions([action()], analysis, table, {
      waves: waves.filter((w) => w.id !== 'w3'),
      today: '2026-12-01',
    });
    expect(unscheduled!.followedUp!.index).to.equal(2);
    // On its closing day a wave is still open.
    const [closing] = followUpActions([action()], analysis, table, { waves, today: '2026-09-21' });
    expect(closing!.followedUp!.index).to.equal(2);
    const [fromLast] = followUpActions([action({ waveId: 'w3' })], analysis, table, { waves, today: '2026-12-01' });
    expect(fromLast).to.deep.include({ followedUp: null, change: null });
    expect(fromLast!.agreed).to.deep.equal({ id: 'w3', index: 3, label: 'Wave 3', mean: 5, n: 5 });
  });

  it('follows up a report of an earlier wave only up to that wave', function () {
    const upTo = (until: number) =>
      followUpActions([action()], analysis, table, { waves, today: '2026-12-01', until })[0]!.followedUp;
    expect(upTo(1)).to.equal(null);
    expect(upTo(2)!.index).to.equal(2);
    expect(upTo(3)!.index).to.equal(3);
  });

  it('skips a later wave in which nobody answered the dimension', function () {
    // Wave 3 of this project asks trust but not one person answered enough of it.
    const skipped = buildResponseTable(design(3), [
      ...responsesFor('w1', 'caregiver', 'c', [4, 4, 4, 4, 4, 4]),
      ...responsesFor('w2', 'caregiver', 'c', [3, 3, 3, 3, 3, 3]),
      ...['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((participantId) => ({
        participantId,
        waveId: 'w3',
        group: 'caregiver',
        answers: { trust_1: 5, voice_1: 4 },
      })),
    ]);
    const skippedAnalysis = analyseProject(skipped, { invited: invited({}) });
    const [trust, voice] = followUpActions(
      [action(), action({ id: 'a2', dimension: 'voice' })],
      skippedAnalysis,
      skipped,
      { waves, today: '2026-12-01' },
    );
    expect(trust!.followedUp).to.deep.include({ index: 2, mean: 3, n: 6 });
    expect(trust!.change).to.deep.include({ pairs: 6, change: -1 });
    expect(voice!.followedUp).to.deep.include({ index: 3, mean: 4, n: 6 });
    expect(voice!.change).to.deep.include({ pairs: 6, change: 0 });
  });

  it('has levels but no change for an action on a group the responses no longer know', function () {
    const [renamed] = followUpActions([action({ group: 'volunteers' })], analysis, table, {
      waves,
      today: '2026-09-22',
    });
    expect(renamed!.agreed).to.deep.include({ mean: null, n: 0 });
    expect(renamed!.followedUp).to.deep.include({ index: 3, mean: null, n: 0 });
    expect(renamed!.change).to.equal(null);
  });

  it('hides on pages a level from fewer than 5 people, and shows one from 5', function () {
    const [followUp] = followUpActions([action()], analysis, table, { waves, today: '2026-09-22' });
    const shown = shownFollowUp(followUp!);
    expect(shown).to.include({ agreedHidden: false, followedUpHidden: false, changeHidden: false });
    expect(shown.agreed).to.deep.equal({ id: 'w1', index: 1, label: 'Wave 1', mean: 4, n: 6 });
    expect(shown.followedUp).to.deep.equal({ id: 'w3', index: 3, label: 'Wave 3', mean: 5, n: 5 });
    const four = shownFollowUp({ ...followUp!, followedUp: { ...followUp!.followedUp!, n: 4 } });
    expect(four.followedUpHidden).to.equal(true);
    expect(four.followedUp).to.deep.equal({ id: 'w3', index: 3, label: 'Wave 3', mean: null, n: 0 });
    expect(four.agreed.mean).to.equal(4);
    const none = shownFollowUp({ ...followUp!, followedUp: null, change: null });
    expect(none).to.include({ followedUp: null, followedUpHidden: false, change: null, changeHidden: false });
  });

  it('has no follow-up for an action on a dimension the questionnaire does not measure', function () {
    const [strain] = followUpActions([action({ dimension: 'strain' })], analysis, table, {
      waves,
      today: '2026-12-01',
    });
    expect(strain).to.deep.include({ followedUp: null, change: null });
    expect(strain!.agreed).to.deep.include({ mean: null, n: 0 });
  });
});
