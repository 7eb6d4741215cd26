import { expect } from 'chai';
import type { ActionFollowUp } from '../../../server/domain/actions/action-follow-up.js';
import type { CellAction } from '../../../server/domain/records.js';
import { defineCatalogue } from '../../../server/i18n/catalogue.js';
import { en, it as italian } from '../../../server/i18n/evaluator/actions.js';
import { actionRow, recordHref } from '../../../server/routes/evaluator/actions-model.js';

const catalogue = defineCatalogue(en, { it: italian });
const labels = {
  group: (id: string) => ({ caregiver: 'Family caregivers', provider: 'Service providers' })[id] ?? id,
  dimension: (id: string) => ({ trust: 'Trust' })[id] ?? id,
};
const action: CellAction = {
  id: 'a1',
  projectId: 'p',
  waveId: 'w3',
  group: 'caregiver',
  dimension: 'trust',
  what: 'Meet monthly',
  owner: 'Coordinator',
  dueOn: '2026-12-10',
  meetingOn: '2026-11-20',
  meeting: '',
  status: 'open',
  statusNote: '',
  createdBy: 'u',
  createdAt: '2026-11-21T09:00:00.000Z',
  updatedAt: '2026-11-21T09:00:00.000Z',
};
const followUp = (extra: Partial<ActionFollowUp>): ActionFollowUp => ({
  action,
  agreed: { id: 'w3', index: 3, label: 'Wave 3', mean: 2.6649, n: 27 },
  followedUp: { id: 'w4', index: 4, label: 'Wave 4', mean: 3.1, n: 22 },
  change: { pairs: 21, change: 0.4412, ciLow: 0.1234, ciHigh: 0.7589 },
  overdue: false,
  ...extra,
});
const row = (f: ActionFollowUp, locale: 'en' | 'it' = 'en') =>
  actionRow(catalogue.translator(locale), locale, labels, f);

describe('evaluator/actions-model', function () {
  it("words a follow-up as the issue's example, and in Italian with its own decimal comma", function () {
    const english = row(followUp({}));
    expect(`${english.agreed} ${english.since}`).to.equal(
      'Agreed after Wave 3 (trust, family caregivers, 2.66). Wave 4: 3.10, up 0.44 (95% CI 0.12 to 0.76) among the 21 who answered both.',
    );
    const it = row(
      followUp({
        action: { ...action, group: 'provider' },
        change: { pairs: 5, change: -0.3, ciLow: -0.61, ciHigh: 0.004 },
      }),
      'it',
    );
    expect(it.since).to.equal(
      'Wave 4: 3,10, in calo di 0,30 (IC 95% da \u22120,61 a 0,00) tra i 5 che hanno risposto a entrambe.',
    );
    expect(it.due).to.equal('10 dicembre 2026');
  });

  it('says unchanged when the change rounds to 0.00, and gives no interval without one', function () {
    expect(row(followUp({ change: { pairs: 8, change: -0.004, ciLow: null, ciHigh: null } })).since).to.equal(
      'Wave 4: 3.10, unchanged (no interval) among the 8 who answered both.',
    );
  });

  it('hides levels from fewer than 5 people and changes among fewer than 5 pairs, at the boundary', function () {
    expect(row(followUp({ agreed: { id: 'w3', index: 3, label: 'Wave 3', mean: 2.5, n: 4 } })).agreed).to.equal(
      'Agreed after Wave 3 (trust, family caregivers, fewer than 5 people: not shown).',
    );
    expect(row(followUp({ agreed: { id: 'w3', index: 3, label: 'Wave 3', mean: 2.5, n: 5 } })).agreed).to.include(
      '2.50',
    );
    const four = row(followUp({ change: { pairs: 4, change: 0.5, ciLow: 0.1, ciHigh: 0.9 } })).since;
    expect(four).to.equal('Wave 4: 3.10; fewer than 5 people answered both waves, so the change is not shown.');
    expect(four).to.not.match(/0\.50|0\.10|0\.90/);
    expect(row(followUp({ change: { pairs: 5, change: 0.5, ciLow: 0.1, ciHigh: 0.9 } })).since).to.include('up 0.50');
    expect(
      row(followUp({ followedUp: { id: 'w4', index: 4, label: 'Wave 4', mean: 3.1, n: 3 }, change: null })).since,
    ).to.equal('Wave 4: fewer than 5 people, not shown.');
  });

  it('says when there is no later wave yet, or nobody answered both', function () {
    expect(row(followUp({ followedUp: null, change: null })).since).to.equal('No later wave has results yet.');
    expect(row(followUp({ change: null })).since).to.equal('Wave 4: 3.10; nobody answered both waves.');
  });

  it('links a cell to the actions form with that cell chosen, the slug and ids encoded', function () {
    expect(recordHref('p4c', 3, 'caregiver', 'trust')).to.equal(
      '/projects/p4c/actions?wave=3&group=caregiver&dimension=trust#record',
    );
    expect(recordHref('p4c', 2, 'a&b', 'x y')).to.equal(
      '/projects/p4c/actions?wave=2&group=a%26b&dimension=x+y#record',
    );
  });
});
