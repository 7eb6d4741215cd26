import { expect } from 'chai';
import type { AnalysisResponse } from '../../../server/domain/analysis/analysis-design.js';
import { analyseProject, type AnalysisCell, type ProjectAnalysis } from '../../../server/domain/analysis/project-analysis.js';
import { buildResponseTable } from '../../../server/domain/analysis/response-table.js';
import { summarise } from '../../../server/domain/statistics/descriptive.js';
import { benjaminiHochberg } from '../../../server/domain/statistics/multiple-testing.js';
import { pairedChange } from '../../../server/domain/statistics/paired-change.js';
import { design, invited, nonFiniteNumbers, responsesFor } from '../../helpers/analysis-fixtures.js';

function cell(analysis: ProjectAnalysis, wave: number, group: string, dimension: string): AnalysisCell {
  const found = analysis.cells.find((c) => c.waveIndex === wave && c.group === group && c.dimension === dimension);
  if (!found) throw new Error(`no cell ${wave}/${group}/${dimension}`);
  return found;
}

describe('analyseProject', function () {
  describe('a project where caregivers\' trust collapses in the third wave', function () {
    const caregivers = { w1: [4, 4, 5, 4, 3, 4, 5, 4, 4, 3], w2: [4, 4, 5, 4, 3, 4, 5, 4, 4, 3], w3: [3, 3, 3, 2, 3, 3, 4, 2, 3, 3] };
    const providers = [4, 3, 4, 4, 3, 4, 4, 4, 3, 4];
    const responses = (['w1', 'w2', 'w3'] as const).flatMap((w) => [
      ...responsesFor(w, 'caregiver', 'c', caregivers[w]),
      ...responsesFor(w, 'provider', 'p', providers),
    ]);
    const analysis = analyseProject(buildResponseTable(design(3), responses), {
      invited: invited({ w1: { caregiver: 10, provider: 10 }, w2: { caregiver: 10, provider: 10 }, w3: { caregiver: 14, provider: 10 } }),
    });

    it('has a cell per wave, group (all first) and dimension, with 1-based wave indexes', function () {
      expect(analysis.cells).to.have.length(3 * 3 * 2);
      expect(analysis.cells.slice(0, 6).map((c) => `${c.waveIndex}/${c.group}/${c.dimension}`)).to.deep.equal([
        '1/all/trust', '1/all/voice', '1/caregiver/trust', '1/caregiver/voice', '1/provider/trust', '1/provider/voice',
      ]);
      expect(nonFiniteNumbers(analysis)).to.deep.equal([]);
    });

    it('aggregates scores with their CI, and alpha with its Feldt CI', function () {
      const trust = cell(analysis, 3, 'caregiver', 'trust');
      const expected = summarise(caregivers.w3);
      expect(trust).to.include({ n: 10, mean: expected.mean, sd: expected.sd, ciLow: expected.ciLow, ciHigh: expected.ciHigh });
      expect(trust.mean).to.be.closeTo(2.9, 1e-12);
      expect(trust.alpha).to.be.a('number');
      expect(trust.alphaCiLow!).to.be.below(trust.alpha!);
      expect(trust.alphaCiHigh!).to.be.above(trust.alpha!);
      expect(cell(analysis, 3, 'all', 'trust').n).to.equal(20);
    });

    it('tests change on the same people and corrects p across the wave with BH', function () {
      const trust = cell(analysis, 3, 'caregiver', 'trust');
      const raw = pairedChange(caregivers.w2, caregivers.w3)!;
      expect(trust.change).to.include({ pairs: 10, test: 't', p: raw.p });
      expect(trust.change!.meanChange).to.be.closeTo(-1.1, 1e-12);
      const wave3 = analysis.cells.filter((c) => c.waveIndex === 3);
      const adjusted = benjaminiHochberg(wave3.map((c) => c.change?.p ?? null));
      expect(wave3.map((c) => c.change?.pAdjusted ?? null)).to.deep.equal(adjusted);
    });

    it('classifies the collapse as co-destruction, with F1 and F2 and the numbers in the reason', function () {
      const trust = cell(analysis, 3, 'caregiver', 'trust');
      expect(trust.status).to.equal('co-destruction');
      expect(trust.flags.map((f) => f.code)).to.include.members(['F1', 'F2']);
      expect(trust.reason).to.include('Trust among family caregivers points to co-destruction in Wave 3');
      expect(trust.reason).to.include('fell from 4.0 to 2.9 between Wave 2 and Wave 3 (10 people answered both; mean change -1.10; p = 0.002 after correction)');
    });

    it('counts reliable deterioration against the previous wave\'s SD and alpha', function () {
      const trust = cell(analysis, 3, 'caregiver', 'trust');
      const baseline = cell(analysis, 2, 'caregiver', 'trust');
      expect(trust.reliable).to.include({ status: 'computed', pairs: 10 });
      if (trust.reliable?.status !== 'computed') throw new Error('expected reliable change');
      expect(trust.reliable.minimumReliableChange).to.be.closeTo(1.96 * Math.SQRT2 * baseline.sd! * Math.sqrt(1 - baseline.alpha!), 1e-12);
      // Every fall of a whole point or more exceeds the minimum reliable change (about 0.83).
      expect(trust.reliable.minimumReliableChange).to.be.within(0.5, 1);
      expect(trust.reliable.deteriorated).to.equal(8);
      expect(trust.flags.map((f) => f.code)).to.include('F3');
    });

    it('keeps providers stable until the gap to caregivers widens, then raises F4 on both sides', function () {
      expect(cell(analysis, 2, 'provider', 'trust').status).to.equal('stable');
      expect(cell(analysis, 2, 'provider', 'trust').flags).to.deep.equal([]);
      const provider = cell(analysis, 3, 'provider', 'trust');
      expect(provider.status).to.equal('watch');
      expect(provider.flags.map((f) => f.code)).to.deep.equal(['F4']);
      const [gap] = provider.gaps;
      expect(gap!.otherGroup).to.equal('caregiver');
      expect(gap!.g!).to.be.above(1);
      expect(gap!.previousG).to.equal(cell(analysis, 2, 'provider', 'trust').gaps[0]!.g);
      expect(gap!.g).to.be.closeTo(-cell(analysis, 3, 'caregiver', 'trust').gaps[0]!.g!, 1e-12);
      expect(provider.reason).to.include('The gap to family caregivers widened to g = ');
      expect(cell(analysis, 3, 'all', 'trust').gaps).to.deep.equal([]);
    });

    it('raises F5 when participation falls, with the rates in the reason', function () {
      const trust = cell(analysis, 3, 'caregiver', 'trust');
      expect(trust).to.include({ submitted: 10, invited: 14, previousResponseRate: 1 });
      expect(trust.responseRate).to.be.closeTo(10 / 14, 1e-12);
      expect(trust.flags.map((f) => f.code)).to.include('F5');
      expect(trust.reason).to.include('Participation fell from 100% to 71% (down 29 points)');
      expect(cell(analysis, 3, 'all', 'trust').responseRate).to.be.closeTo(20 / 24, 1e-12);
    });

    it('holds a strength for two waves as co-creation', function () {
      const trust = cell(analysis, 2, 'caregiver', 'trust');
      expect(trust.status).to.equal('co-creation');
      expect(trust.reason).to.include('It has stayed at or above 4.0 for two waves');
    });
  });

  describe('edge cases', function () {
    it('handles a project with no responses: empty statistics and a reason, no NaN', function () {
      const analysis = analyseProject(buildResponseTable(design(2), []), { invited: invited({ w1: { caregiver: 3 } }) });
      expect(analysis.cells).to.have.length(2 * 3 * 2);
      expect(nonFiniteNumbers(analysis)).to.deep.equal([]);
      const first = cell(analysis, 1, 'caregiver', 'trust');
      expect(first).to.include({ n: 0, mean: null, sd: null, alpha: null, status: null, responseRate: 0, change: null });
      expect(first.reason).to.equal('No one among family caregivers answered in Wave 1, so there is nothing to report on Trust. 3 were invited.');
      expect(cell(analysis, 1, 'provider', 'trust').responseRate).to.equal(null);
    });

    it('handles a project with no waves', function () {
      expect(analyseProject(buildResponseTable(design(0), []), { invited: new Map() }).cells).to.deep.equal([]);
    });

    it('tests nothing on a single wave: only F1 and the gap level apply', function () {
      const analysis = analyseProject(buildResponseTable(design(1), [
        ...responsesFor('w1', 'caregiver', 'c', [2, 2, 3, 2, 1, 2]),
        ...responsesFor('w1', 'provider', 'p', [4, 5, 4, 4, 5, 4]),
      ]), { invited: invited({ w1: { caregiver: 20, provider: 6 } }) });
      const trust = cell(analysis, 1, 'caregiver', 'trust');
      expect(trust).to.include({ change: null, reliable: null, previousMean: null });
      expect(trust.flags.map((f) => f.code)).to.deep.equal(['F1', 'F4']);
      expect(trust.status).to.equal('watch');
      expect(nonFiniteNumbers(analysis)).to.deep.equal([]);
    });

    it('reports a group of one without sd, CI, gap or change test', function () {
      const analysis = analyseProject(buildResponseTable(design(2), [
        ...responsesFor('w1', 'caregiver', 'c', [4]), ...responsesFor('w2', 'caregiver', 'c', [2]),
        ...responsesFor('w1', 'provider', 'p', [4, 3, 5]), ...responsesFor('w2', 'provider', 'p', [4, 3, 5]),
      ]), { invited: invited({ w1: { caregiver: 1, provider: 3 }, w2: { caregiver: 1, provider: 3 } }) });
      const lone = cell(analysis, 2, 'caregiver', 'trust');
      expect(lone).to.include({ n: 1, mean: 2, sd: null, ciLow: null, ciHigh: null, alpha: null, change: null });
      expect(lone.gaps[0]).to.include({ g: null, t: null, p: null });
      expect(lone.reliable).to.include({ status: 'skipped', reason: 'alpha-missing' });
      expect(lone.status).to.equal('watch');
      expect(lone.reason).to.include('Fewer than 2 of family caregivers have a score in both Wave 1 and Wave 2, so change was not tested.');
      expect(nonFiniteNumbers(analysis)).to.deep.equal([]);
    });

    it('reports all-identical answers with sd 0, no alpha, no gap and no test', function () {
      const same = (w: string, group: string, prefix: string): AnalysisResponse[] =>
        [1, 2, 3, 4].map((i) => ({ participantId: `${prefix}${i}`, waveId: w, group, answers: { trust_1: 3, trust_2: 3, trust_3: 3, voice_1: 3 } }));
      const analysis = analyseProject(buildResponseTable(design(2), [...same('w1', 'caregiver', 'c'), ...same('w2', 'caregiver', 'c'), ...same('w1', 'provider', 'p'), ...same('w2', 'provider', 'p')]),
        { invited: invited({}) });
      const trust = cell(analysis, 2, 'caregiver', 'trust');
      expect(trust).to.include({ n: 4, mean: 3, sd: 0, ciLow: 3, ciHigh: 3, alpha: null, responseRate: null });
      expect(trust.change).to.include({ pairs: 4, meanChange: 0, p: null, pAdjusted: null, t: null });
      expect(trust.gaps[0]!.g).to.equal(null);
      expect(trust.status).to.equal('stable');
      expect(nonFiniteNumbers(analysis)).to.deep.equal([]);
    });

    it('leaves alpha empty for a dimension with one item and still classifies it', function () {
      const analysis = analyseProject(buildResponseTable(design(1), responsesFor('w1', 'caregiver', 'c', [4, 5, 3, 4])), { invited: invited({}) });
      const voice = cell(analysis, 1, 'caregiver', 'voice');
      expect(voice).to.include({ n: 4, mean: 4, alpha: null, alphaCiLow: null, alphaCompleteCases: 0, status: 'stable' });
    });

    it('compares only the shared items when the questionnaire version changed, and says so', function () {
      // Wave 2 (version 2) drops trust_2 and adds trust_4.
      const w1: AnalysisResponse[] = [5, 4, 4, 3, 5, 4].map((v, i) => ({ participantId: `c${i}`, waveId: 'w1', group: 'caregiver', answers: { trust_1: v, trust_2: 1, trust_3: 6 - v, voice_1: 4 } }));
      const w2: AnalysisResponse[] = [4, 3, 3, 2, 4, 3].map((v, i) => ({ participantId: `c${i}`, waveId: 'w2', group: 'caregiver', answers: { trust_1: v, trust_3: 6 - v, trust_4: 5, voice_1: 4 } }));
      const analysis = analyseProject(buildResponseTable(design(2, ['1', '2']), [...w1, ...w2]), { invited: invited({}) });
      const trust = cell(analysis, 2, 'caregiver', 'trust');
      // On all items the means are (2v + 1)/3 and (2v + 5)/3; on the shared items v itself.
      expect(trust.mean).to.be.closeTo((2 * 19 / 6 + 5) / 3, 1e-12);
      expect(trust.change!.meanChange).to.be.closeTo(-1, 1e-12);
      expect(trust.change!.pairs).to.equal(6);
      expect(trust.itemComparison).to.deep.equal({ previousVersion: '1', version: '2', sharedItems: ['trust_1', 'trust_3'] });
      expect(trust.reason).to.include('Wave 2 used version 2 of the questionnaire and Wave 1 version 1, so the change compares only the 2 Trust items both share (trust_1, trust_3).');
      const voice = cell(analysis, 2, 'caregiver', 'voice');
      expect(voice.itemComparison).to.equal(null);
      expect(voice.reason).to.not.include('version');
    });
  });
});
