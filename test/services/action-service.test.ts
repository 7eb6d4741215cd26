import { expect } from 'chai';
import { shownFollowUp } from '../../server/domain/actions/action-follow-up.js';
import type { DomainError } from '../../server/domain/errors.js';
import type { Project } from '../../server/domain/records.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { testServices } from '../helpers/test-services.js';
import { trendProject } from '../helpers/trend-project.js';

const FORM = {
  wave: '1',
  group: 'caregiver',
  dimension: 'trust',
  what: 'Meet monthly',
  owner: 'Coordinator',
  due: '2026-04-30',
  meeting_on: '2026-04-01',
  meeting: '',
  status: 'open',
};

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'no error';
}

describe('ActionService', function () {
  let services: Services;
  let store: SqliteStore;
  let project: Project;
  /** Wave 3 (1 to 21 September) has closed on this day. */
  let today = new Date('2026-10-01T09:00:00Z');

  before(async function () {
    ({ services, store } = testServices(() => today));
    await trendProject(services);
    project = await services.projects.bySlug('p4c');
  });
  after(() => store.close());

  it('records an action with its audit entry, as one change', async function () {
    const action = await services.actions.record(project, FORM, 'lead-1');
    expect(action).to.include({ what: 'Meet monthly', createdBy: 'lead-1', status: 'open', group: 'caregiver' });
    const [entry] = await store.audit.list({ projectId: project.id, limit: 1 });
    expect(entry).to.include({ action: 'action.record', target: action.id, actor: 'lead-1' });
    expect(entry!.details).to.include({ waveId: action.waveId, what: 'Meet monthly', dueOn: '2026-04-30' });
  });

  it('refuses a form with problems, a wave still open or to come, and Everyone, keeping nothing', async function () {
    const before = (await services.actions.list(project)).length;
    expect(await codeOf(services.actions.record(project, { ...FORM, what: '' }, 'lead-1'))).to.equal('VALIDATION');
    expect(await codeOf(services.actions.record(project, { ...FORM, group: 'all' }, 'lead-1'))).to.equal('VALIDATION');
    today = new Date('2026-09-10T09:00:00Z');
    try {
      expect(await codeOf(services.actions.record(project, { ...FORM, wave: '3' }, 'lead-1'))).to.equal('VALIDATION');
      expect((await services.actions.cellOptions(project)).waves.map((w) => w.index)).to.deep.equal([1, 2]);
    } finally {
      today = new Date('2026-10-01T09:00:00Z');
    }
    expect(await services.actions.list(project)).to.have.length(before);
  });

  it('changes an action, auditing each changed field before and after; an unchanged save writes nothing', async function () {
    const action = await services.actions.record(project, FORM, 'lead-1');
    const changed = await services.actions.change(
      project,
      action.id,
      { ...FORM, status: 'done', status_note: 'Held twice' },
      'lead-2',
    );
    expect(changed).to.include({
      status: 'done',
      statusNote: 'Held twice',
      createdBy: 'lead-1',
      waveId: action.waveId,
    });
    const [entry] = await store.audit.list({ projectId: project.id, limit: 1 });
    expect(entry).to.include({ action: 'action.change', target: action.id, actor: 'lead-2' });
    expect(entry!.details).to.deep.equal({
      status: { from: 'open', to: 'done' },
      statusNote: { from: '', to: 'Held twice' },
    });
    await services.actions.change(project, action.id, { ...FORM, status: 'done', status_note: 'Held twice' }, 'lead-2');
    expect((await store.audit.list({ projectId: project.id, limit: 1 }))[0]!.id).to.equal(entry!.id);
  });

  it("answers NOT_FOUND for an unknown action and for another project's", async function () {
    const action = await services.actions.record(project, FORM, 'lead-1');
    await trendProject(services, 'other');
    const other = await services.projects.bySlug('other');
    expect(await codeOf(services.actions.get(other, action.id))).to.equal('NOT_FOUND');
    expect(await codeOf(services.actions.change(other, action.id, FORM, 'lead-1'))).to.equal('NOT_FOUND');
    expect(await codeOf(services.actions.get(project, 'nope'))).to.equal('NOT_FOUND');
  });

  it('follows each action up at the latest later closed wave, among those who answered both, and says which are overdue', async function () {
    const followUps = await services.actions.followUps(project);
    // Both actions were recorded at the clock's one instant, so their order is their ids'.
    const first = followUps.find((f) => f.action.status === 'open')!;
    // Trust of the 12 caregivers: 4 or 5 in waves 1 and 2, then 2 or 3 in wave 3, each person 2 points down.
    expect(first.agreed).to.include({ index: 1, label: 'Wave 1', mean: 4.5, n: 12 });
    expect(first.followedUp).to.include({ index: 3, label: 'Wave 3', mean: 2.5, n: 12 });
    expect(first.change).to.deep.equal({ pairs: 12, change: -2, ciLow: -2, ciHigh: -2 });
    expect(first.overdue).to.equal(true);
    expect(followUps.find((f) => f.action.status === 'done')!.overdue).to.equal(false);
    // A report of wave 2 follows up no further than wave 2.
    const toWave2 = (await services.actions.followUps(project, undefined, 2))[0]!;
    expect(toWave2.followedUp).to.include({ index: 2, mean: 4.5 });
    expect(toWave2.change).to.deep.equal({ pairs: 12, change: 0, ciLow: 0, ciHigh: 0 });
  });

  it('keeps small groups in the numbers; pages hide them (shownFollowUp)', async function () {
    const action = await services.actions.record(project, { ...FORM, group: 'provider' }, 'lead-1');
    const followUp = (await services.actions.followUps(project)).find((f) => f.action.id === action.id)!;
    expect(followUp.change?.pairs).to.equal(3);
    const shown = shownFollowUp(followUp);
    expect(shown).to.include({ agreedHidden: true, followedUpHidden: true, changeHidden: true, change: null });
    expect(shown.agreed.mean).to.equal(null);
    expect(shown.followedUp!.mean).to.equal(null);
  });
});
