import { expect } from 'chai';
import { analyseProject } from '../../../server/domain/analysis/project-analysis.js';
import { buildResponseTable } from '../../../server/domain/analysis/response-table.js';
import { dashboardModel } from '../../../server/routes/evaluator/dashboard-model.js';
import { design, invited, responsesFor } from '../../helpers/analysis-fixtures.js';

const SCALES = new Map([
  ['trust', { min: 1, max: 5 }],
  ['voice', { min: 1, max: 5 }],
]);
const AFTER_ONE_WAVE = {
  waves: [{ id: 'w1', label: 'Wave 1', opensOn: '2026-03-01', closesOn: '2026-03-21' }],
  today: '2026-04-01',
};

/** What the dashboard shows of one closed wave with these many caregivers and providers. */
function shown(caregivers: number, providers: number) {
  const levels = (n: number) => Array.from({ length: n }, (_, i) => 2 + (i % 3));
  const analysis = analyseProject(
    buildResponseTable(design(1), [
      ...responsesFor('w1', 'caregiver', 'c', levels(caregivers)),
      ...responsesFor('w1', 'provider', 'p', levels(providers)),
    ]),
    { invited: invited({ w1: { caregiver: 10, provider: 10 } }) },
  );
  const model = dashboardModel(analysis, SCALES, AFTER_ONE_WAVE);
  const point = (group: string) => model.dimensions[0]!.series.find((s) => s.group === group)!.points[0]!;
  const rates = (group: string) => model.responseRates.find((r) => r.group === group)!.rates[0];
  return {
    n: ['all', 'caregiver', 'provider'].map((group) => point(group).n),
    rates: ['caregiver', 'provider'].map(rates),
  };
}

describe('dashboard: a group is shown from 5 people, written out here so a changed threshold fails', function () {
  it('hides a group of 4, with Everyone, means and response rates alike', function () {
    expect(shown(10, 4)).to.deep.equal({ n: [null, 10, null], rates: [1, null] });
  });

  it('shows a group of 5 and of 6, and Everyone with them', function () {
    expect(shown(10, 5)).to.deep.equal({ n: [15, 10, 5], rates: [1, 0.5] });
    expect(shown(10, 6)).to.deep.equal({ n: [16, 10, 6], rates: [1, 0.6] });
  });
});
