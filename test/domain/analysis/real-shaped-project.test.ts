import { expect } from 'chai';
import {
  analyseProject,
  type AnalysisCell,
  type ProjectAnalysis,
} from '../../../server/domain/analysis/project-analysis.js';
import { buildResponseTable } from '../../../server/domain/analysis/response-table.js';
import {
  design,
  invited,
  nonFiniteNumbers,
  peopleResponses,
  REAL_SHAPED_PEOPLE,
} from '../../helpers/analysis-fixtures.js';

function cell(analysis: ProjectAnalysis, wave: number, group: string, dimension = 'trust'): AnalysisCell {
  const found = analysis.cells.find((c) => c.waveIndex === wave && c.group === group && c.dimension === dimension);
  if (!found) throw new Error(`no cell ${wave}/${group}/${dimension}`);
  return found;
}

/**
 * The expected figures come from R 4 on the same people (score = trust level):
 * `lm(score ~ factor(id) + factor(wave))` per group on waves 1..k, the contrast wave k minus the
 * mean of the earlier waves; `cor()` of the people answering both wave k-1 and wave k;
 * `t.test()` (Welch) between the groups; `p.adjust(..., "holm") * 3`.
 */
describe('analyseProject on a project shaped like real data (gaps, late joiners, leavers, shuffled storage)', function () {
  const responses = peopleResponses(REAL_SHAPED_PEOPLE);
  // Computed in each test, so a mutation tool sees which tests reach which code.
  const analyse = (): ProjectAnalysis =>
    analyseProject(buildResponseTable(design(3), responses), {
      invited: invited({
        w1: { caregiver: 12, provider: 8 },
        w2: { caregiver: 12, provider: 8 },
        w3: { caregiver: 12, provider: 8 },
      }),
    });

  it('stores each wave in an order of its own, so position never identifies a person', function () {
    const analysis = analyse();
    const order = (wave: string) => responses.filter((r) => r.waveId === wave).map((r) => r.participantId);
    const inBoth = (a: string[], b: string[]) => a.filter((id) => b.includes(id));
    expect(inBoth(order('w1'), order('w2'))).to.not.deep.equal(inBoth(order('w2'), order('w1')));
    expect(inBoth(order('w2'), order('w3'))).to.not.deep.equal(inBoth(order('w3'), order('w2')));
    expect(nonFiniteNumbers(analysis)).to.deep.equal([]);
  });

  it('counts only the people present in each wave, in groups of unequal size', function () {
    const analysis = analyse();
    expect([1, 2, 3].map((w) => cell(analysis, w, 'caregiver').n)).to.deep.equal([8, 8, 9]);
    expect([1, 2, 3].map((w) => cell(analysis, w, 'provider').n)).to.deep.equal([5, 5, 5]);
    const w3 = cell(analysis, 3, 'caregiver');
    expect(w3.mean).to.be.closeTo(2.8888888888888888, 1e-12);
    expect(w3.sd).to.be.closeTo(0.78173595997057166, 1e-12);
    expect(cell(analysis, 2, 'caregiver').mean).to.be.closeTo(3.875, 1e-12);
  });

  it("links a late joiner from their first wave, a wave-skipper across the gap, and never a person's first answer", function () {
    const analysis = analyse();
    // Wave 2: c8 is new, c3 is missing; wave 3: c10 is new, c9 has left, c3 is back.
    const w2 = cell(analysis, 2, 'caregiver').change!;
    expect(w2.linked).to.equal(7);
    expect(w2.meanChange).to.be.closeTo(0.14285714285714288, 1e-9);
    expect(w2.t!).to.be.closeTo(0.54772255750516596, 1e-9);
    expect(w2.df).to.equal(6);
    expect(w2.pFall!).to.be.closeTo(0.69817747174493183, 1e-9);

    const w3 = cell(analysis, 3, 'caregiver').change!;
    expect(w3.linked).to.equal(8);
    expect(w3.meanChange).to.be.closeTo(-1, 1e-9);
    expect(w3.standardError!).to.be.closeTo(0.19348358440936908, 1e-9);
    expect(w3.t!).to.be.closeTo(-5.168397117784516, 1e-9);
    expect(w3.df).to.equal(13);
    expect(w3.pFall!).to.be.closeTo(9.0386889575886178e-5, 1e-12);
    expect(w3.pRise!).to.be.closeTo(0.99990961311042414, 1e-9);

    const providers = cell(analysis, 3, 'provider').change!;
    expect(providers.linked).to.equal(5);
    expect(providers.meanChange).to.be.closeTo(0.1111111111111118, 1e-9);
    expect(providers.t!).to.be.closeTo(0.46770717334674589, 1e-9);
    expect(providers.df).to.equal(7);
    expect(cell(analysis, 2, 'provider').change).to.include({ linked: 4, df: 3, tested: false });
  });

  it('pairs the previous wave with this one by participant for reliable change', function () {
    const analysis = analyse();
    const w3 = cell(analysis, 3, 'caregiver').reliable!;
    expect(w3.pairs).to.equal(7);
    expect(w3.stability!).to.be.closeTo(0.41833001326703778, 1e-12);
    const w2 = cell(analysis, 2, 'caregiver').reliable!;
    expect(w2.pairs).to.equal(7);
    expect(w2.stability!).to.be.closeTo(0.35355339059327373, 1e-12);
    expect(cell(analysis, 3, 'provider').reliable).to.include({ status: 'skipped', pairs: 4 });
  });

  it('compares unequal groups with Welch and Hedges g', function () {
    const analysis = analyse();
    const [gap] = cell(analysis, 3, 'caregiver').gaps;
    expect(gap!.t!).to.be.closeTo(-1.9883832512038404, 1e-9);
    expect(gap!.df!).to.be.closeTo(11.080728669285529, 1e-9);
    expect(gap!.p!).to.be.closeTo(0.07203744070822192, 1e-9);
    expect(gap!.meanDiff!).to.be.closeTo(-0.71111111111111125, 1e-12);
    expect(gap!.g!).to.be.closeTo(-0.93457440215988208, 1e-12);
  });

  it("flags the caregivers' fall after Holm across the wave's four tested cells", function () {
    const analysis = analyse();
    const trust = cell(analysis, 3, 'caregiver');
    expect(trust.change!.pFallAdjusted!).to.be.closeTo(0.0010846426749106341, 1e-12);
    expect(trust.status).to.equal('co-destruction');
    expect(cell(analysis, 3, 'provider').change!.pFallAdjusted).to.equal(1);
    expect(cell(analysis, 3, 'provider').status).to.equal('stable');
    expect(cell(analysis, 2, 'caregiver').status).to.equal('stable');
  });
});
