import { expect } from 'chai';
import type { AnalysisResponse } from '../../../server/domain/analysis/analysis-design.js';
import {
  analyseProject,
  type AnalysisCell,
  type ProjectAnalysis,
} from '../../../server/domain/analysis/project-analysis.js';
import { buildResponseTable } from '../../../server/domain/analysis/response-table.js';
import { summarise } from '../../../server/domain/statistics/descriptive.js';
import { holm } from '../../../server/domain/statistics/multiple-testing.js';
import { DEFAULT_STATUS_THRESHOLDS } from '../../../server/domain/statistics/status-rules.js';
import { withinPersonChange } from '../../../server/domain/statistics/within-person-model.js';
import { design, invited, nonFiniteNumbers, responsesFor } from '../../helpers/analysis-fixtures.js';

function cell(analysis: ProjectAnalysis, wave: number, group: string, dimension: string): AnalysisCell {
  const found = analysis.cells.find((c) => c.waveIndex === wave && c.group === group && c.dimension === dimension);
  if (!found) throw new Error(`no cell ${wave}/${group}/${dimension}`);
  return found;
}

describe('analyseProject', function () {
  describe("a project where caregivers' trust collapses in the third wave", function () {
    const caregivers = {
      w1: [4, 4, 5, 4, 3, 4, 5, 4, 4, 3],
      w2: [4, 4, 5, 4, 3, 4, 5, 4, 4, 3],
      w3: [3, 3, 3, 2, 3, 3, 4, 2, 3, 3],
    };
    const providers = [4, 3, 4, 4, 3, 4, 4, 4, 3, 4];
    const responses = (['w1', 'w2', 'w3'] as const).flatMap((w) => [
      ...responsesFor(w, 'caregiver', 'c', caregivers[w]),
      ...responsesFor(w, 'provider', 'p', providers),
    ]);
    // Computed in each test, so a mutation tool sees which tests reach which code.
    const analyse = (): ProjectAnalysis =>
      analyseProject(buildResponseTable(design(3), responses), {
        invited: invited({
          w1: { caregiver: 10, provider: 10 },
          w2: { caregiver: 10, provider: 10 },
          w3: { caregiver: 14, provider: 10 },
        }),
      });

    it('has a cell per wave, group (all first) and dimension, with 1-based wave indexes', function () {
      const analysis = analyse();
      expect(analysis.cells).to.have.length(3 * 3 * 2);
      expect(analysis.cells.slice(0, 6).map((c) => `${c.waveIndex}/${c.group}/${c.dimension}`)).to.deep.equal([
        '1/all/trust',
        '1/all/voice',
        '1/caregiver/trust',
        '1/caregiver/voice',
        '1/provider/trust',
        '1/provider/voice',
      ]);
      expect(nonFiniteNumbers(analysis)).to.deep.equal([]);
    });

    it('aggregates scores with their CI, and alpha with its Feldt CI', function () {
      const analysis = analyse();
      const trust = cell(analysis, 3, 'caregiver', 'trust');
      const expected = summarise(caregivers.w3);
      expect(trust).to.include({
        n: 10,
        mean: expected.mean,
        sd: expected.sd,
        ciLow: expected.ciLow,
        ciHigh: expected.ciHigh,
      });
      expect(trust.mean).to.be.closeTo(2.9, 1e-12);
      expect(trust.alpha).to.be.a('number');
      expect(trust.alphaCiLow!).to.be.below(trust.alpha!);
      expect(trust.alphaCiHigh!).to.be.above(trust.alpha!);
      expect(cell(analysis, 3, 'all', 'trust').n).to.equal(20);
    });

    it("tests each person against their own earlier average within persons, Holm across the wave's group cells only", function () {
      const analysis = analyse();
      const trust = cell(analysis, 3, 'caregiver', 'trust');
      const observations = (['w1', 'w2', 'w3'] as const).flatMap((w, wave) =>
        caregivers[w].map((score, person) => ({ person, wave, score })),
      );
      const expected = withinPersonChange(observations, 2)!;
      expect(trust.change).to.include({
        linked: 10,
        meanChange: expected.meanChange,
        t: expected.t,
        df: expected.df,
        pFall: expected.pFall,
        tested: true,
      });
      expect(trust.change!.meanChange).to.be.closeTo(-1.1, 1e-12);
      const wave3 = analysis.cells.filter((c) => c.waveIndex === 3 && c.group !== 'all');
      const adjusted = holm(wave3.map((c) => c.change!.pFall)).map((p) =>
        Math.min(1, p! * DEFAULT_STATUS_THRESHOLDS.followUpWaves),
      );
      expect(wave3.map((c) => c.change!.pFallAdjusted)).to.deep.equal(adjusted);
      expect(cell(analysis, 3, 'all', 'trust').change).to.include({
        tested: false,
        pFallAdjusted: null,
        pRiseAdjusted: null,
      });
    });

    it('classifies the collapse as co-destruction, with the comparison, its size, interval and people in the reason', function () {
      const analysis = analyse();
      const trust = cell(analysis, 3, 'caregiver', 'trust');
      expect(trust.status).to.equal('co-destruction');
      expect(trust.signals).to.deep.equal(['fall']);
      expect(trust.reason).to.match(
        /^Trust among family caregivers is at 2\.9 in Wave 3\. The 10 people who answered Wave 3 and an earlier wave scored on average 1\.10 points lower than their own average in earlier waves \(95% interval: \d\.\d\d to \d\.\d\d points lower\)\. A fall this large is unlikely to be chance, even allowing for every group and topic checked \(corrected p (<|=) 0\.\d+; under 0\.04 counts\)\. This points to co-destruction\.$/,
      );
    });

    it("keeps providers stable while caregivers fall: one group's fall never flags the other", function () {
      const analysis = analyse();
      for (const dimension of ['trust', 'voice']) {
        expect(cell(analysis, 3, 'provider', dimension).status).to.equal('stable');
        expect(cell(analysis, 2, 'provider', dimension).status).to.equal('stable');
      }
      const [gap] = cell(analysis, 3, 'provider', 'trust').gaps;
      expect(gap!.otherGroup).to.equal('caregiver');
      expect(gap!.g!).to.be.above(1);
      expect(cell(analysis, 3, 'all', 'trust').gaps).to.deep.equal([]);
    });

    it('reports falling participation once per wave and group, without touching a status', function () {
      const analysis = analyse();
      const row = analysis.participation.find((p) => p.waveIndex === 3 && p.group === 'caregiver')!;
      expect(row).to.include({ invited: 14, submitted: 10, previousRate: 1, status: 'falling' });
      expect(row.rate).to.be.closeTo(10 / 14, 1e-12);
      expect(analysis.participation.filter((p) => p.waveIndex === 3).map((p) => p.status)).to.deep.equal([
        'falling',
        'ok',
      ]);
      expect(cell(analysis, 3, 'caregiver', 'trust').participation).to.equal('falling');
      expect(cell(analysis, 3, 'all', 'trust').participation).to.equal(null);
      expect(cell(analysis, 3, 'all', 'trust').responseRate).to.be.closeTo(20 / 24, 1e-12);
    });

    it('describes the pooled cells without a status', function () {
      const analysis = analyse();
      const pooled = cell(analysis, 3, 'all', 'trust');
      expect(pooled.status).to.equal(null);
      expect(pooled.reason).to.include(
        'Trust among all respondents is at 3.3 in Wave 3, 20 people pooled over every group.',
      );
      expect(pooled.reason).to.include('Pooled results are described, not tested: each group is tested on its own.');
    });

    it('calls the first wave too few to test, and says it is the baseline', function () {
      const analysis = analyse();
      const first = cell(analysis, 1, 'caregiver', 'trust');
      expect(first).to.include({ status: 'too-few', change: null });
      expect(first.reason).to.equal(
        'Trust among family caregivers is at 4.0 in Wave 1, the first wave: there is nothing earlier to compare with yet.',
      );
    });

    it('writes the same reasons whatever order the responses were stored in, and whatever their ids', function () {
      const analysis = analyse();
      const reversed = [...responses].reverse().map((r) => ({ ...r, participantId: `x-${r.participantId}` }));
      const again = analyseProject(buildResponseTable(design(3), reversed), {
        invited: invited({
          w1: { caregiver: 10, provider: 10 },
          w2: { caregiver: 10, provider: 10 },
          w3: { caregiver: 14, provider: 10 },
        }),
      });
      expect(again.cells.map((c) => c.reason)).to.deep.equal(analysis.cells.map((c) => c.reason));
      expect(again.cells.map((c) => c.status)).to.deep.equal(analysis.cells.map((c) => c.status));
    });
  });

  describe('edge cases', function () {
    it('handles a project with no responses: empty statistics and a reason, no NaN', function () {
      const analysis = analyseProject(buildResponseTable(design(2), []), {
        invited: invited({ w1: { caregiver: 3 } }),
      });
      expect(analysis.cells).to.have.length(2 * 3 * 2);
      expect(nonFiniteNumbers(analysis)).to.deep.equal([]);
      const first = cell(analysis, 1, 'caregiver', 'trust');
      expect(first).to.include({
        n: 0,
        mean: null,
        sd: null,
        alpha: null,
        status: null,
        responseRate: 0,
        change: null,
      });
      expect(first.reason).to.equal(
        'No one among family caregivers answered in Wave 1, so there is nothing to report on Trust. 3 were invited.',
      );
      expect(cell(analysis, 1, 'provider', 'trust').responseRate).to.equal(null);
    });

    it('handles a project with no waves', function () {
      expect(analyseProject(buildResponseTable(design(0), []), { invited: new Map() }).cells).to.deep.equal([]);
    });

    it('tests nothing on a single wave', function () {
      const analysis = analyseProject(
        buildResponseTable(design(1), [
          ...responsesFor('w1', 'caregiver', 'c', [2, 2, 3, 2, 1, 2]),
          ...responsesFor('w1', 'provider', 'p', [4, 5, 4, 4, 5, 4]),
        ]),
        { invited: invited({ w1: { caregiver: 20, provider: 6 } }) },
      );
      const trust = cell(analysis, 1, 'caregiver', 'trust');
      expect(trust).to.include({ change: null, reliable: null, previousMean: null });
      expect(trust.status).to.equal('too-few');
      expect(nonFiniteNumbers(analysis)).to.deep.equal([]);
    });

    it('reports a group of one without sd, CI, gap or change test', function () {
      const analysis = analyseProject(
        buildResponseTable(design(2), [
          ...responsesFor('w1', 'caregiver', 'c', [4]),
          ...responsesFor('w2', 'caregiver', 'c', [2]),
          ...responsesFor('w1', 'provider', 'p', [4, 3, 5]),
          ...responsesFor('w2', 'provider', 'p', [4, 3, 5]),
        ]),
        { invited: invited({ w1: { caregiver: 1, provider: 3 }, w2: { caregiver: 1, provider: 3 } }) },
      );
      const lone = cell(analysis, 2, 'caregiver', 'trust');
      expect(lone).to.include({ n: 1, mean: 2, sd: null, ciLow: null, ciHigh: null, alpha: null });
      expect(lone.change).to.include({ linked: 1, meanChange: -2, tested: false, t: null });
      expect(lone.gaps[0]).to.include({ g: null, t: null, p: null });
      expect(lone.reliable).to.include({ status: 'skipped', reason: 'too-few-pairs' });
      expect(lone.status).to.equal('too-few');
      expect(lone.reason).to.equal(
        'Trust among family caregivers is at 2.0 in Wave 2. Only 1 of them answered both Wave 2 and an earlier wave, too few to test a change (at least 5 are needed).',
      );
      expect(nonFiniteNumbers(analysis)).to.deep.equal([]);
    });

    it('reports all-identical answers with sd 0, no alpha, no gap and no test', function () {
      const same = (w: string, group: string, prefix: string): AnalysisResponse[] =>
        [1, 2, 3, 4].map((i) => ({
          participantId: `${prefix}${i}`,
          waveId: w,
          group,
          answers: { trust_1: 3, trust_2: 3, trust_3: 3, voice_1: 3 },
        }));
      const analysis = analyseProject(
        buildResponseTable(design(2), [
          ...same('w1', 'caregiver', 'c'),
          ...same('w2', 'caregiver', 'c'),
          ...same('w1', 'provider', 'p'),
          ...same('w2', 'provider', 'p'),
        ]),
        { invited: invited({}) },
      );
      const trust = cell(analysis, 2, 'caregiver', 'trust');
      expect(trust).to.include({ n: 4, mean: 3, sd: 0, ciLow: 3, ciHigh: 3, alpha: null, responseRate: null });
      expect(trust.change).to.include({ linked: 4, meanChange: 0, t: null, tested: false });
      expect(trust.gaps[0]!.g).to.equal(null);
      expect(trust.status).to.equal('too-few');
      expect(nonFiniteNumbers(analysis)).to.deep.equal([]);
    });

    it('calls a change without residual degrees of freedom too few to test, and says why', function () {
      // Two people linked to wave 3, one from wave 1 and one from wave 2: the fit has no error left.
      const answer = (participantId: string, waveId: string, level: number): AnalysisResponse => ({
        participantId,
        waveId,
        group: 'caregiver',
        answers: { trust_1: level, trust_2: level, trust_3: 6 - level, voice_1: level },
      });
      const analysis = analyseProject(
        buildResponseTable(design(3), [
          answer('a', 'w1', 4),
          answer('a', 'w3', 2),
          answer('b', 'w2', 5),
          answer('b', 'w3', 3),
        ]),
        {
          invited: invited({}),
          thresholds: { ...DEFAULT_STATUS_THRESHOLDS, minLinked: 2 },
        },
      );
      const trust = cell(analysis, 3, 'caregiver', 'trust');
      expect(trust.change).to.include({ linked: 2, df: 0, pFall: null, tested: true });
      expect(trust.status).to.equal('too-few');
      expect(trust.reason).to.include('Too few of their scores go beyond one a person');
      expect(nonFiniteNumbers(analysis)).to.deep.equal([]);
    });

    it('leaves alpha empty for a dimension with one item and still classifies it', function () {
      const analysis = analyseProject(
        buildResponseTable(design(1), responsesFor('w1', 'caregiver', 'c', [4, 5, 3, 4])),
        { invited: invited({}) },
      );
      const voice = cell(analysis, 1, 'caregiver', 'voice');
      expect(voice).to.include({
        n: 4,
        mean: 4,
        alpha: null,
        alphaCiLow: null,
        alphaCompleteCases: 0,
        status: 'too-few',
      });
    });

    it('compares only the shared items when the questionnaire version changed, and says so', function () {
      // Wave 2 (version 2) drops trust_2 and adds trust_4.
      const w1: AnalysisResponse[] = [5, 4, 4, 3, 5, 4].map((v, i) => ({
        participantId: `c${i}`,
        waveId: 'w1',
        group: 'caregiver',
        answers: { trust_1: v, trust_2: 1, trust_3: 6 - v, voice_1: 4 },
      }));
      const w2: AnalysisResponse[] = [4, 3, 3, 2, 4, 3].map((v, i) => ({
        participantId: `c${i}`,
        waveId: 'w2',
        group: 'caregiver',
        answers: { trust_1: v, trust_3: 6 - v, trust_4: 5, voice_1: 4 },
      }));
      const analysis = analyseProject(buildResponseTable(design(2, ['1', '2']), [...w1, ...w2]), {
        invited: invited({}),
      });
      const trust = cell(analysis, 2, 'caregiver', 'trust');
      // On all items the means are (2v + 1)/3 and (2v + 5)/3; on the shared items v itself.
      expect(trust.mean).to.be.closeTo(((2 * 19) / 6 + 5) / 3, 1e-12);
      expect(trust.change!.meanChange).to.be.closeTo(-1, 1e-12);
      expect(trust.change!.linked).to.equal(6);
      expect(trust.status).to.equal('co-destruction');
      expect(trust.itemComparison).to.deep.equal({ versions: ['1', '2'], sharedItems: ['trust_1', 'trust_3'] });
      expect(trust.reason).to.include(
        'The questionnaire changed between waves (versions 1 and 2), so the comparison uses only the 2 Trust items asked in every wave (trust_1, trust_3).',
      );
      const voice = cell(analysis, 2, 'caregiver', 'voice');
      expect(voice.itemComparison).to.equal(null);
      expect(voice.reason).to.not.include('version');
    });
  });
});
