import { expect } from 'chai';
import type { AnalysisResponse } from '../../../server/domain/analysis/analysis-design.js';
import { analyseProject, type ProjectAnalysis } from '../../../server/domain/analysis/project-analysis.js';
import { buildResponseTable } from '../../../server/domain/analysis/response-table.js';
import { DEFAULT_STATUS_THRESHOLDS, type StatusThresholds } from '../../../server/domain/statistics/status-rules.js';
import { dashboardModel } from '../../../server/routes/evaluator/dashboard-model.js';
import { design, invited, responsesFor } from '../../helpers/analysis-fixtures.js';

const SCALES = new Map([
  ['trust', { min: 1, max: 5 }],
  ['voice', { min: 1, max: 5 }],
]);

/** Three waves a quarter apart, each answered for three weeks. */
const WAVES = [
  { id: 'w1', label: 'Wave 1', opensOn: '2026-03-01', closesOn: '2026-03-21' },
  { id: 'w2', label: 'Wave 2', opensOn: '2026-06-01', closesOn: '2026-06-21' },
  { id: 'w3', label: 'Wave 3', opensOn: '2026-09-01', closesOn: '2026-09-21' },
];
const AFTER_ALL = { waves: WAVES, today: '2026-10-01' };

/** Rows in the order a store might give them: not grouped by wave or person. */
function shuffled<T>(rows: readonly T[]): T[] {
  return rows
    .map((row, i) => ({ row, key: (i * 7919) % 101 }))
    .sort((a, b) => a.key - b.key)
    .map(({ row }) => row);
}

function analysisOf(
  responses: AnalysisResponse[],
  counts: Record<string, Record<string, number>>,
  thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
): ProjectAnalysis {
  return analyseProject(buildResponseTable(design(3), shuffled(responses)), { invited: invited(counts), thresholds });
}

/** Every number anywhere in a value, as the page's JSON block carries it. */
function numbersIn(value: unknown): number[] {
  const found: number[] = [];
  JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number') found.push(v);
    return v;
  });
  return found;
}

describe('dashboardModel', function () {
  describe('6 caregivers and 3 providers, as in issue 15', function () {
    // One caregiver skipped wave 2; providers answered every wave.
    const caregivers = { w1: [2, 2, 3, 2, 2, 2], w2: [2, 3, 2, 3, 2], w3: [2, 2, 2, 3, 2, 2] };
    const providers = [4, 4, 5];
    const responses = (['w1', 'w2', 'w3'] as const).flatMap((w) => [
      ...responsesFor(w, 'caregiver', 'c', caregivers[w]),
      ...responsesFor(w, 'provider', 'p', providers),
    ]);
    const counts = { caregiver: 6, provider: 3 };
    const analysis = analysisOf(responses, { w1: counts, w2: counts, w3: counts });
    const model = dashboardModel(analysis, SCALES, AFTER_ALL);
    const series = (group: string) => model.dimensions[0]!.series.find((s) => s.group === group)!;

    it('hides the providers and Everyone, whose difference from the caregivers would give the providers back', function () {
      for (const dimension of model.dimensions) {
        const by = (group: string) => dimension.series.find((s) => s.group === group)!.points;
        expect(by('provider').map((p) => p.hidden)).to.deep.equal(Array(3).fill('fewer-than-5'));
        expect(by('all').map((p) => p.hidden)).to.deep.equal(Array(3).fill('reveals-a-small-group'));
        expect(by('caregiver').map((p) => p.hidden)).to.deep.equal([null, null, null]);
      }
      expect(series('caregiver').points.map((p) => p.n)).to.deep.equal([6, 5, 6]);
    });

    it('carries no number of a hidden cell anywhere in what the page gets, not even its n', function () {
      // Every number in the model must be a shown cell's, or a wave number, scale end or count.
      const caregiverCells = analysis.cells.filter((c) => c.group === 'caregiver');
      const allowed = new Set<number>([
        ...caregiverCells.flatMap((c) => [c.mean!, c.ciLow!, c.ciHigh!, c.n, c.responseRate!]),
        1,
        2,
        3,
        5,
        ...Object.values(model.latest!.counts),
      ]);
      const unexplained = numbersIn(model).filter((n) => !allowed.has(n));
      expect(unexplained).to.deep.equal([]);
      // The check above could fail: no hidden mean happens to be a number the model may hold.
      const hiddenMeans = analysis.cells.filter((c) => c.group !== 'caregiver').map((c) => c.mean!);
      expect(hiddenMeans.filter((m) => allowed.has(m))).to.deep.equal([]);
    });

    it('hides the response rates of the providers and of Everyone, and judges no participation for them', function () {
      const rates = (group: string) => model.responseRates.find((r) => r.group === group)!;
      expect(rates('provider').rates).to.deep.equal([null, null, null]);
      expect(rates('provider').hidden).to.deep.equal(Array(3).fill('fewer-than-5'));
      expect(rates('provider').participation).to.deep.equal([null, null, null]);
      expect(rates('all').rates).to.deep.equal([null, null, null]);
      expect(rates('all').hidden).to.deep.equal(Array(3).fill('reveals-a-small-group'));
      expect(rates('caregiver').rates).to.deep.equal([1, 5 / 6, 1]);
    });

    it('gives hidden cells no status, signals or reason, and no shown reason names the providers', function () {
      const hidden = model.statuses.filter((s) => s.group !== 'Family caregivers');
      expect(hidden.every((s) => s.hidden !== null && s.status === null && s.reason === '' && s.flags === '')).to.equal(
        true,
      );
      const shown = model.statuses.filter((s) => s.group === 'Family caregivers');
      expect(shown).to.have.length(6);
      for (const s of shown)
        expect(s.reason)
          .to.match(/among family caregivers/)
          .and.not.match(/provider|all respondents/i);
      expect(model.gap!.dimensions.every((d) => d.g.every((g) => g === null))).to.equal(true);
    });
  });

  it('shows a group of exactly 5 and Everyone with it, and hides one of 4 (the boundary)', function () {
    const five = analysisOf(
      [
        ...responsesFor('w1', 'caregiver', 'c', [2, 2, 3, 2, 2, 2]),
        ...responsesFor('w1', 'provider', 'p', [4, 4, 5, 4, 3]),
      ],
      { w1: { caregiver: 6, provider: 5 } },
    );
    const shownFive = dashboardModel(five, SCALES, AFTER_ALL).dimensions[0]!.series;
    expect(shownFive.map((s) => [s.group, s.points[0]!.hidden, s.points[0]!.n])).to.deep.equal([
      ['all', null, 11],
      ['caregiver', null, 6],
      ['provider', null, 5],
    ]);
    const four = analysisOf(
      [
        ...responsesFor('w1', 'caregiver', 'c', [2, 2, 3, 2, 2, 2]),
        ...responsesFor('w1', 'provider', 'p', [4, 4, 5, 4]),
      ],
      { w1: { caregiver: 6, provider: 5 } },
    );
    const model = dashboardModel(four, SCALES, AFTER_ALL);
    expect(model.dimensions[0]!.series.map((s) => [s.group, s.points[0]!.hidden, s.points[0]!.n])).to.deep.equal([
      ['all', 'reveals-a-small-group', null],
      ['caregiver', null, 6],
      ['provider', 'fewer-than-5', null],
    ]);
    // Four of five invited providers answered: the rate would be a hidden group's count.
    expect(model.responseRates.map((r) => r.hidden[0])).to.deep.equal(['reveals-a-small-group', null, 'fewer-than-5']);
  });

  describe('what needs attention', function () {
    // Caregivers drift down in wave 2 (a watch under this project's looser 0.3) and fall in
    // wave 3; providers fall in wave 2 and stay down.
    const caregivers = {
      w1: [4, 4, 5, 4, 3, 4, 5, 4, 4, 3],
      w2: [4, 3, 5, 4, 3, 3, 5, 4, 3, 3],
      w3: [3, 3, 3, 2, 3, 3, 4, 2, 3, 3],
    };
    const providers = {
      w1: [4, 3, 4, 4, 3, 4, 4, 4, 3, 4],
      w2: [3, 3, 3, 3, 2, 3, 3, 3, 2, 3],
      w3: [3, 3, 3, 3, 2, 3, 3, 3, 2, 3],
    };
    const responses = (['w1', 'w2', 'w3'] as const).flatMap((w) => [
      ...responsesFor(w, 'caregiver', 'c', caregivers[w]),
      ...responsesFor(w, 'provider', 'p', providers[w]),
    ]);
    const counts = { caregiver: 10, provider: 10 };
    const analysis = analysisOf(
      responses,
      { w1: counts, w2: counts, w3: counts },
      { ...DEFAULT_STATUS_THRESHOLDS, watchAlpha: 0.3 },
    );

    it('lists every co-destruction and watch of every wave, latest wave first, co-destruction before watch', function () {
      const model = dashboardModel(analysis, SCALES, AFTER_ALL);
      expect(model.attention.map((c) => `${c.wave} ${c.group} ${c.dimension} ${c.status}`)).to.deep.equal([
        'Wave 3 Family caregivers Trust co-destruction',
        'Wave 3 Family caregivers Voice co-destruction',
        'Wave 3 Service providers Trust co-destruction',
        'Wave 3 Service providers Voice co-destruction',
        'Wave 2 Service providers Trust co-destruction',
        'Wave 2 Service providers Voice co-destruction',
        'Wave 2 Family caregivers Trust watch',
        'Wave 2 Family caregivers Voice watch',
      ]);
    });

    it('gives each its reason and links to its chart and to its row of the status table', function () {
      const model = dashboardModel(analysis, SCALES, AFTER_ALL);
      const watch = model.attention.find((c) => c.status === 'watch' && c.dimension === 'Trust')!;
      expect(watch.reason)
        .to.match(/^Trust among family caregivers is at 3\.7 in Wave 2\./)
        .and.match(/: one to watch\.$/);
      expect(watch.chart).to.equal('chart-trust');
      const row = model.statuses.find((s) => s.anchor === watch.row)!;
      expect([row.wave, row.group, row.dimension, row.status]).to.deep.equal([
        'Wave 2',
        'Family caregivers',
        'Trust',
        'watch',
      ]);
      expect(new Set(model.statuses.map((s) => s.anchor)).size).to.equal(model.statuses.length);
    });

    it('summarises the wave asked for, with only the waves up to it, when a report picks one', function () {
      const model = dashboardModel(analysis, SCALES, AFTER_ALL, 2);
      expect(model.waves).to.deep.equal(['Wave 1', 'Wave 2']);
      expect(model.latest!.wave).to.equal('Wave 2');
      expect(model.latest!.counts).to.deep.equal({ 'co-destruction': 2, watch: 2 });
      expect(model.latest!.concerns.map((c) => c.status)).to.deep.equal([
        'co-destruction',
        'co-destruction',
        'watch',
        'watch',
      ]);
      expect(model.wavesWithResults.map((w) => w.label)).to.deep.equal(['Wave 1', 'Wave 2', 'Wave 3']);
    });
  });

  describe('while a wave is open', function () {
    // Wave 2 closed with only 4 caregivers and 2 providers answering; wave 3 is open with its
    // first answers, which are low; a fourth wave is scheduled.
    const waves = [...WAVES, { id: 'w4', label: 'Wave 4', opensOn: '2026-12-01', closesOn: '2026-12-21' }];
    const responses = [
      ...responsesFor('w1', 'caregiver', 'c', [4, 4, 5, 4, 3, 4, 5, 4, 4, 3]),
      ...responsesFor('w1', 'provider', 'p', [4, 3, 4, 4, 3, 4]),
      ...responsesFor('w2', 'caregiver', 'c', [4, 4, 5, 4]),
      ...responsesFor('w2', 'provider', 'p', [4, 3]),
      ...responsesFor('w3', 'caregiver', 'c', [2, 1, 2, 2, 1, 2]),
      ...responsesFor('w3', 'provider', 'p', [2]),
    ];
    const counts = { caregiver: 10, provider: 6 };
    const analysis = analyseProject(buildResponseTable(design(4), shuffled(responses)), {
      invited: invited({ w1: counts, w2: counts, w3: counts, w4: counts }),
    });
    const model = dashboardModel(analysis, SCALES, { waves, today: '2026-09-10' });

    it('summarises the latest closed wave with results, skipping one where too few answered', function () {
      expect(model.latest!.wave).to.equal('Wave 1');
      expect(model.wavesWithResults.map((w) => w.label)).to.deep.equal(['Wave 1']);
    });

    it('shows the open wave as progress and leaves out the wave not yet open', function () {
      expect(model.waves).to.deep.equal(['Wave 1', 'Wave 2', 'Wave 3']);
      expect(model.open).to.deep.equal({ wave: 'Wave 3', until: '21 September 2026', submitted: 7, invited: 16 });
      expect(model.progress).to.deep.equal([null, null, model.open]);
    });

    it('never shows the open wave as a fall: no mean, rate, status or concern from it', function () {
      for (const d of model.dimensions)
        for (const s of d.series) expect(s.points[2]).to.deep.include({ mean: null, n: null, hidden: 'in-progress' });
      for (const r of model.responseRates) {
        expect(r.rates[2]).to.equal(null);
        expect(r.hidden[2]).to.equal('in-progress');
        expect(r.participation[2]).to.equal(null);
      }
      expect(model.statuses.some((s) => s.wave === 'Wave 3')).to.equal(false);
      expect(model.attention).to.deep.equal([]);
      expect(model.gap!.dimensions.every((d) => d.g[2] === null)).to.equal(true);
    });

    it('says "fewer than 5" of an open wave while 4 have answered, and 5 once 5 have', function () {
      const progress = (levels: number[]) =>
        dashboardModel(
          analyseProject(buildResponseTable(design(4), responsesFor('w3', 'caregiver', 'c', levels)), {
            invited: invited({ w3: counts }),
          }),
          SCALES,
          { waves, today: '2026-09-21' },
        ).open;
      expect(progress([2, 1, 2, 2])).to.deep.equal({
        wave: 'Wave 3',
        until: '21 September 2026',
        submitted: null,
        invited: 16,
      });
      expect(progress([2, 1, 2, 2, 3])!.submitted).to.equal(5);
    });
  });
});
