import { Writable } from 'node:stream';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { shownFollowUp } from '../../server/domain/actions/action-follow-up.js';
import type { Project } from '../../server/domain/records.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { testServices } from '../helpers/test-services.js';

const TRUST = ['trust_1', 'trust_2', 'trust_3', 'trust_4', 'trust_5'];

/** Each person's trust score in waves 1 and 2 (null: did not answer), every item answered alike. */
const TRUST_SCORES: Record<string, [number, number | null]> = {
  // 4 caregivers answered both waves (CG-005 only the first): 4 pairs.
  'CG-001': [2, 3],
  'CG-002': [3, 3],
  'CG-003': [3, 4],
  'CG-004': [4, 5],
  'CG-005': [3, null],
  // 5 providers answered both: 5 pairs.
  'PR-001': [3, 4],
  'PR-002': [3, 3],
  'PR-003': [4, 4],
  'PR-004': [4, 5],
  'PR-005': [2, 4],
};

async function actionsCsv(services: Services, project: Project): Promise<Record<string, string>[]> {
  let text = '';
  await services.exports.write(
    'actions',
    project,
    new Writable({
      write(chunk, _e, cb) {
        text += chunk.toString();
        cb();
      },
    }),
    'test',
  );
  return parse(text, { columns: true, bom: true }) as Record<string, string>[];
}

/**
 * ADR 0114: actions.csv keeps a follow-up among fewer than 5 pairs, with its n_pairs, as every
 * evaluator export keeps small groups; the pages hide it. At the boundary, 4 and 5 pairs, with
 * the numbers R gives (t.test(wave2, wave1, paired = TRUE)).
 */
describe('actions.csv and small groups (4 and 5 pairs)', function () {
  let services: Services;
  let store: SqliteStore;
  let project: Project;

  before(async function () {
    // Both waves have closed.
    ({ services, store } = testServices(() => new Date('2026-07-01T09:00:00Z')));
    project = await services.projects.create(
      { slug: 'valle', name: 'Caregivers of the valley', instrument: 'coassess-core' },
      'test',
    );
    await services.waves.add({ project, label: 'Spring 2026', opensOn: '2026-03-01', closesOn: '2026-03-21' }, 'test');
    await services.waves.add({ project, label: 'Summer 2026', opensOn: '2026-06-01', closesOn: '2026-06-21' }, 'test');
    const codes = Object.keys(TRUST_SCORES);
    const people = codes.map((code) => `${code},${code.startsWith('CG') ? 'caregiver' : 'provider'}`);
    await services.participants.importCsv(project, `code,group\n${people.join('\n')}\n`, 'test');
    const lines = [`participant,wave,${TRUST.join(',')}`];
    for (const code of codes) {
      const [spring, summer] = TRUST_SCORES[code]!;
      // trust_3 is reverse-coded: its raw answer is 6 - score.
      const answers = (score: number) => TRUST.map((item) => (item === 'trust_3' ? 6 - score : score));
      lines.push([code, 'Spring 2026', ...answers(spring)].join(','));
      if (summer !== null) lines.push([code, 'Summer 2026', ...answers(summer)].join(','));
    }
    await services.responseImports.importCsv(project, `${lines.join('\n')}\n`, 'test');
    for (const group of ['caregiver', 'provider'])
      await services.actions.record(
        project,
        {
          wave: '1',
          group,
          dimension: 'trust',
          what: 'Share the minutes of every partnership meeting within a week',
          owner: 'Project coordinator',
          due: '2026-05-15',
          meeting_on: '2026-04-08',
          meeting: 'Partnership meeting, town library',
          status: 'open',
        },
        'lead-1',
      );
  });
  after(() => store.close());

  it('keeps the change among 4 pairs in actions.csv with n_pairs 4, where the pages hide it', async function () {
    const row = (await actionsCsv(services, project)).find((r) => r.group === 'caregiver')!;
    expect(row).to.include({ wave: 'Spring 2026', followed_up_wave: 'Summer 2026', n_pairs: '4' });
    expect(Number(row.change_since)).to.be.closeTo(0.75, 1e-9);
    expect(Number(row.change_ci_low)).to.be.closeTo(-0.045611576320927, 1e-9);
    expect(Number(row.change_ci_high)).to.be.closeTo(1.545611576320927, 1e-9);

    const followUp = (await services.actions.followUps(project)).find((f) => f.action.group === 'caregiver')!;
    const shown = shownFollowUp(followUp);
    expect(shown).to.include({ changeHidden: true, change: null });
    // The agreed level rests on 5 caregivers, so it is shown; the follow-up level on 4 is not.
    expect(shown).to.include({ agreedHidden: false, followedUpHidden: true });
    expect(shown.agreed).to.include({ mean: 3, n: 5 });
  });

  it('gives the change among 5 pairs alike in actions.csv and on the pages', async function () {
    const row = (await actionsCsv(services, project)).find((r) => r.group === 'provider')!;
    expect(row).to.include({ n_pairs: '5' });
    expect(Number(row.change_since)).to.be.closeTo(0.8, 1e-9);
    expect(Number(row.change_ci_low)).to.be.closeTo(-0.238850633683568, 1e-9);
    expect(Number(row.change_ci_high)).to.be.closeTo(1.838850633683567, 1e-9);

    const followUp = (await services.actions.followUps(project)).find((f) => f.action.group === 'provider')!;
    const shown = shownFollowUp(followUp);
    expect(shown).to.include({ changeHidden: false, agreedHidden: false, followedUpHidden: false });
    expect(shown.change!.pairs).to.equal(5);
    expect(shown.change!.change).to.be.closeTo(0.8, 1e-9);
    expect(shown.change!.ciLow).to.be.closeTo(-0.238850633683568, 1e-9);
  });
});
