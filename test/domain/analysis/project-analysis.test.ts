import { expect } from 'chai';
import type { AnalysisDesign, AnalysisResponse } from '../../../server/domain/analysis/analysis-design.js';
import {
  analyseProject,
  type AnalysisCell,
  type ProjectAnalysis,
} from '../../../server/domain/analysis/project-analysis.js';
import { buildResponseTable } from '../../../server/domain/analysis/response-table.js';
import type { Answers } from '../../../server/domain/answers.js';
import type { Instrument } from '../../../server/domain/instrument.js';
import { summarise } from '../../../server/domain/statistics/descriptive.js';
import { holm } from '../../../server/domain/statistics/multiple-testing.js';
import { cronbachAlpha } from '../../../server/domain/statistics/reliability.js';
import { reliableChange } from '../../../server/domain/statistics/reliable-change.js';
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
      const risesAdjusted = holm(wave3.map((c) => c.change!.pRise)).map((p) =>
        Math.min(1, p! * DEFAULT_STATUS_THRESHOLDS.followUpWaves),
      );
      expect(wave3.map((c) => c.change!.pRiseAdjusted)).to.deep.equal(risesAdjusted);
      // A fall of 1.10 points leaves no doubt that it is not a rise.
      expect(trust.change!.pRiseAdjusted).to.equal(1);
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
      expect(pooled.signals).to.deep.equal([]);
      expect(pooled.reason).to.include(
        'Trust among all respondents is at 3.3 in Wave 3, 20 people pooled over every group.',
      );
      expect(pooled.reason).to.include('Pooled results are described, not tested: each group is tested on its own.');
    });

    it('calls the first wave too few to test, and says it is the baseline', function () {
      const analysis = analyse();
      const first = cell(analysis, 1, 'caregiver', 'trust');
      expect(first).to.include({ status: 'too-few', change: null });
      expect(first.signals).to.deep.equal([]);
      expect(first.reason).to.equal(
        'Trust among family caregivers is at 4.0 in Wave 1, the first wave: there is nothing earlier to compare with yet.',
      );
    });

    it('lists the waves with their 1-based numbers and the questionnaire version each used', function () {
      expect(analyse().waves).to.deep.equal([
        { id: 'w1', label: 'Wave 1', index: 1, instrumentVersion: '1' },
        { id: 'w2', label: 'Wave 2', index: 2, instrumentVersion: '1' },
        { id: 'w3', label: 'Wave 3', index: 3, instrumentVersion: '1' },
      ]);
    });

    it('gives each wave and group its participation once, with the rate of the wave before', function () {
      const rows = analyse().participation.map((p) => [
        p.wave,
        p.group,
        p.invited,
        p.submitted,
        p.previousRate,
        p.status,
      ]);
      expect(rows).to.deep.equal([
        ['Wave 1', 'caregiver', 10, 10, null, 'ok'],
        ['Wave 1', 'provider', 10, 10, null, 'ok'],
        ['Wave 2', 'caregiver', 10, 10, 1, 'ok'],
        ['Wave 2', 'provider', 10, 10, 1, 'ok'],
        ['Wave 3', 'caregiver', 14, 10, 1, 'falling'],
        ['Wave 3', 'provider', 10, 10, 1, 'ok'],
      ]);
    });

    it("carries each cell's previous mean and response rate from the wave before, none on the first", function () {
      const analysis = analyse();
      const trust = cell(analysis, 3, 'caregiver', 'trust');
      expect(trust.previousMean).to.be.closeTo(4, 1e-12);
      expect(trust.previousResponseRate).to.equal(1);
      expect(trust.responseRate).to.be.closeTo(10 / 14, 1e-12);
      expect(cell(analysis, 3, 'all', 'trust').previousMean).to.be.closeTo(3.85, 1e-12);
      expect(cell(analysis, 3, 'all', 'trust').previousResponseRate).to.equal(1);
      expect(cell(analysis, 1, 'caregiver', 'trust')).to.include({ previousMean: null, previousResponseRate: null });
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
      expect(trust.change).to.include({
        linked: 2,
        df: 0,
        pFall: null,
        tested: true,
        pFallAdjusted: null,
        pRiseAdjusted: null,
      });
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

/** Items a partnership questionnaire may ask; trust_3 and the burden items are for caregivers only. */
const CATALOGUE: Record<string, { dimension: string; reverse?: boolean; groups?: string[]; scale?: string }> = {
  trust_1: { dimension: 'trust' },
  trust_2: { dimension: 'trust', reverse: true },
  trust_3: { dimension: 'trust', groups: ['caregiver'] },
  burden_1: { dimension: 'burden', groups: ['caregiver'] },
  burden_2: { dimension: 'burden', groups: ['caregiver'] },
  voice_1: { dimension: 'voice', scale: 'seven' },
};
const DIMENSIONS = [
  { id: 'trust', label: { en: 'Trust', it: 'Fiducia' } },
  { id: 'burden', label: { en: 'Burden', it: 'Carico' } },
  { id: 'voice', label: { en: 'Voice', it: 'Voce' } },
];

function partnership(version: string, items: string[]): Instrument {
  const asked = items.map((id) => ({ id, ...CATALOGUE[id]! }));
  return {
    id: 'partnership',
    version,
    languages: ['en', 'it'],
    title: { en: 'Partnership', it: 'Partenariato' },
    scales: {
      agree5: { min: 1, max: 5, labels: { en: ['1', '2', '3', '4', '5'], it: ['1', '2', '3', '4', '5'] } },
      seven: { min: 1, max: 7, labels: { en: ['1', '7'], it: ['1', '7'] } },
    },
    dimensions: DIMENSIONS.filter((d) => asked.some((item) => item.dimension === d.id)),
    sections: [
      {
        id: 'main',
        title: { en: 'Working together', it: 'Lavorare insieme' },
        items: asked.map(({ id, dimension, reverse, groups, scale }) => ({
          id,
          type: 'scale',
          scale: scale ?? 'agree5',
          dimension,
          reverse: reverse ?? false,
          ...(groups ? { groups } : {}),
          text: { en: `Statement ${id}`, it: `Affermazione ${id}` },
        })),
      },
    ],
  } as Instrument;
}

function partnershipDesign(...waves: Instrument[]): AnalysisDesign {
  return {
    waves: waves.map((instrument, i) => ({ id: `w${i + 1}`, label: `Wave ${i + 1}`, instrument })),
    groups: [
      { id: 'caregiver', label: 'Family caregivers', names: { en: 'Family caregivers', it: 'Familiari caregiver' } },
      { id: 'provider', label: 'Service providers', names: { en: 'Service providers', it: 'Operatori dei servizi' } },
    ],
  };
}

/** Trust answered so that trust_1 and trust_2 both score `level` (trust_2 is reverse-coded). */
const trustAt = (level: number, extra: Answers = {}): Answers => ({ trust_1: level, trust_2: 6 - level, ...extra });

function answered(participantId: string, waveId: string, group: string, answers: Answers): AnalysisResponse {
  return { participantId, waveId, group, answers };
}

const ALL_ITEMS = ['trust_1', 'trust_2', 'trust_3', 'burden_1', 'burden_2', 'voice_1'];

describe('analyseProject on a questionnaire that differs between groups and waves', function () {
  it('takes alpha over the items each group is asked, the pooled alpha over those every group is asked, complete cases only', function () {
    const design = partnershipDesign(partnership('1', ALL_ITEMS));
    const caregivers: Answers[] = [
      { trust_1: 4, trust_2: 2, trust_3: 5 },
      { trust_1: 3, trust_2: 3, trust_3: 3 },
      { trust_1: 5, trust_2: 2, trust_3: 4 },
      { trust_1: 2, trust_2: 4, trust_3: 2 },
      // Skipped trust_3: no complete case for caregivers, one for everyone.
      { trust_1: 4, trust_2: 1 },
    ];
    const providers: Answers[] = [
      { trust_1: 3, trust_2: 2 },
      { trust_1: 4, trust_2: 3 },
      { trust_1: 2, trust_2: 3 },
      // Answered half the items: scored, but not a complete case.
      { trust_1: 5 },
    ];
    const analysis = analyseProject(
      buildResponseTable(design, [
        ...caregivers.map((a, i) => answered(`c${i + 1}`, 'w1', 'caregiver', a)),
        ...providers.map((a, i) => answered(`p${i + 1}`, 'w1', 'provider', a)),
      ]),
      { invited: invited({}) },
    );
    const caregiverTrust = cell(analysis, 1, 'caregiver', 'trust');
    expect(caregiverTrust.alphaCompleteCases).to.equal(4);
    expect(caregiverTrust.alpha).to.equal(
      cronbachAlpha([
        [4, 4, 5],
        [3, 3, 3],
        [5, 4, 4],
        [2, 2, 2],
      ])!.alpha,
    );
    const providerTrust = cell(analysis, 1, 'provider', 'trust');
    expect(providerTrust.n).to.equal(4);
    expect(providerTrust.alphaCompleteCases).to.equal(3);
    expect(providerTrust.alpha).to.be.closeTo(
      cronbachAlpha([
        [3, 4],
        [4, 3],
        [2, 3],
      ])!.alpha!,
      1e-12,
    );
    const pooled = cell(analysis, 1, 'all', 'trust');
    expect(pooled.alphaCompleteCases).to.equal(8);
    expect(pooled.alpha).to.be.closeTo(
      cronbachAlpha([
        [4, 4],
        [3, 3],
        [5, 4],
        [2, 2],
        [4, 5],
        [3, 4],
        [4, 3],
        [2, 3],
      ])!.alpha!,
      1e-12,
    );
  });

  it('says a group is not asked about a dimension, and pools only the groups that are', function () {
    const design = partnershipDesign(partnership('1', ALL_ITEMS));
    const analysis = analyseProject(
      buildResponseTable(design, [
        answered('c1', 'w1', 'caregiver', trustAt(4, { burden_1: 2, burden_2: 3 })),
        answered('c2', 'w1', 'caregiver', trustAt(3, { burden_1: 4, burden_2: 4 })),
        answered('p1', 'w1', 'provider', trustAt(4)),
      ]),
      { invited: invited({ w1: { caregiver: 2, provider: 1 } }) },
    );
    const provider = cell(analysis, 1, 'provider', 'burden');
    expect(provider).to.include({ n: 0, mean: null, status: null, submitted: 1 });
    expect(provider.reason).to.equal(
      'The Wave 1 questionnaire does not ask service providers about Burden, so there is nothing to report.',
    );
    expect(provider.reasons.it).to.equal(
      'Il questionario di Wave 1 non ha domande su Carico per operatori dei servizi, quindi non c’è nulla da riportare.',
    );
    const pooled = cell(analysis, 1, 'all', 'burden');
    expect(pooled.n).to.equal(2);
    expect(pooled.mean).to.equal(3.25);
    expect(pooled.reason).to.match(/^Burden among all respondents is at 3\.3 in Wave 1, 2 people pooled/);
  });

  it('says nobody answered enough items when everyone skipped most of them', function () {
    const design = partnershipDesign(partnership('1', ALL_ITEMS));
    const analysis = analyseProject(
      buildResponseTable(design, [
        answered('c1', 'w1', 'caregiver', { trust_1: 4, burden_1: 3, voice_1: 6 }),
        answered('c2', 'w1', 'caregiver', { trust_3: 2, burden_2: 2, voice_1: 5 }),
      ]),
      { invited: invited({}) },
    );
    const trust = cell(analysis, 1, 'caregiver', 'trust');
    expect(trust).to.include({ n: 0, mean: null, submitted: 2 });
    expect(trust.reason).to.equal(
      'No one among family caregivers answered enough Trust items in Wave 1 for a score (at least half are needed).',
    );
    expect(cell(analysis, 1, 'all', 'trust').reason).to.equal(
      'No one among all respondents answered enough Trust items in Wave 1 for a score (at least half are needed).',
    );
    // One of two burden items is half: that is enough.
    expect(cell(analysis, 1, 'caregiver', 'burden').mean).to.equal(2.5);
  });

  it('says nothing is asked of anyone about a dimension the wave leaves out', function () {
    const design = partnershipDesign(
      partnership('1', ['trust_1', 'trust_2', 'voice_1']),
      partnership('2', ['trust_1', 'trust_2']),
    );
    const analysis = analyseProject(
      buildResponseTable(design, [
        answered('c1', 'w1', 'caregiver', trustAt(4, { voice_1: 6 })),
        answered('c1', 'w2', 'caregiver', trustAt(4)),
      ]),
      { invited: invited({}) },
    );
    expect(cell(analysis, 2, 'all', 'voice').reason).to.equal(
      'The Wave 2 questionnaire does not ask all respondents about Voice, so there is nothing to report.',
    );
    expect(cell(analysis, 2, 'caregiver', 'voice').reason).to.equal(
      'The Wave 2 questionnaire does not ask family caregivers about Voice, so there is nothing to report.',
    );
  });

  describe('when a caregivers-only item is dropped after the first wave', function () {
    // Caregivers' trust_1 and trust_2 fall by 1 on average; the dropped trust_3 was 1 for everyone.
    const caregiversBefore = [4, 4, 3, 5, 4];
    const caregiversAfter = [3, 4, 2, 4, 2];
    const providers = [3, 4, 3];
    const responses = (waves: number) => [
      ...caregiversBefore.map((level, i) => answered(`c${i + 1}`, 'w1', 'caregiver', trustAt(level, { trust_3: 1 }))),
      ...providers.map((level, i) => answered(`p${i + 1}`, 'w1', 'provider', trustAt(level))),
      ...Array.from({ length: waves - 1 }, (_, w) => [
        ...caregiversAfter.map((level, i) => answered(`c${i + 1}`, `w${w + 2}`, 'caregiver', trustAt(level))),
        ...providers.map((level, i) => answered(`p${i + 1}`, `w${w + 2}`, 'provider', trustAt(level))),
      ]).flat(),
    ];
    const first = partnership('1', ['trust_1', 'trust_2', 'trust_3']);
    const second = partnership('2', ['trust_1', 'trust_2']);

    it("compares caregivers on the items both waves ask them, and leaves providers' comparison as it was", function () {
      const analysis = analyseProject(buildResponseTable(partnershipDesign(first, second), responses(2)), {
        invited: invited({}),
      });
      const caregivers = cell(analysis, 2, 'caregiver', 'trust');
      expect(caregivers.change!.linked).to.equal(5);
      expect(caregivers.change!.meanChange).to.be.closeTo(-1, 1e-12);
      expect(caregivers.itemComparison).to.deep.equal({ versions: ['1', '2'], sharedItems: ['trust_1', 'trust_2'] });
      expect(caregivers.reason).to.include(
        'The questionnaire changed between waves (versions 1 and 2), so the comparison uses only the 2 Trust items asked in every wave (trust_1, trust_2).',
      );
      const providerCell = cell(analysis, 2, 'provider', 'trust');
      expect(providerCell.itemComparison).to.equal(null);
      expect(providerCell.change!.meanChange).to.be.closeTo(0, 1e-12);
      const pooled = cell(analysis, 2, 'all', 'trust');
      expect(pooled.itemComparison).to.deep.equal({ versions: ['1', '2'], sharedItems: ['trust_1', 'trust_2'] });
      // Five caregivers' falls and three providers' zeros.
      expect(pooled.change!.meanChange).to.be.closeTo(-5 / 8, 1e-12);
    });

    it('gives reliable change of the pooled cell and of each group large enough, without its working', function () {
      const analysis = analyseProject(buildResponseTable(partnershipDesign(first, second), responses(2)), {
        invited: invited({}),
      });
      const expected = (before: number[], after: number[]) => {
        const result = reliableChange({ before, after, minPairs: DEFAULT_STATUS_THRESHOLDS.minLinked });
        if (result.status !== 'computed') throw new Error('expected a computed reliable change');
        const { pairs, stability, minimumReliableChange, deteriorated, improved } = result;
        return { status: 'computed', pairs, stability, minimumReliableChange, deteriorated, improved };
      };
      expect(cell(analysis, 2, 'caregiver', 'trust').reliable).to.deep.equal(
        expected(caregiversBefore, caregiversAfter),
      );
      expect(cell(analysis, 2, 'all', 'trust').reliable).to.deep.equal(
        expected([...caregiversBefore, ...providers], [...caregiversAfter, ...providers]),
      );
      expect(cell(analysis, 2, 'provider', 'trust').reliable).to.include({ status: 'skipped', pairs: 3 });
    });

    it('names only the versions up to the wave, however many come later', function () {
      const third = partnership('3', ['trust_1', 'trust_2']);
      const analysis = analyseProject(buildResponseTable(partnershipDesign(first, second, third), responses(3)), {
        invited: invited({}),
      });
      expect(cell(analysis, 2, 'caregiver', 'trust').itemComparison!.versions).to.deep.equal(['1', '2']);
      expect(cell(analysis, 3, 'caregiver', 'trust').itemComparison!.versions).to.deep.equal(['1', '2', '3']);
    });

    it('does not mark earlier waves as compared on fewer items because of a later change', function () {
      const analysis = analyseProject(buildResponseTable(partnershipDesign(first, first, second), responses(3)), {
        invited: invited({}),
      });
      expect(cell(analysis, 2, 'caregiver', 'trust').itemComparison).to.equal(null);
      expect(cell(analysis, 2, 'all', 'trust').itemComparison).to.equal(null);
      expect(cell(analysis, 3, 'caregiver', 'trust').itemComparison).to.deep.equal({
        versions: ['1', '2'],
        sharedItems: ['trust_1', 'trust_2'],
      });
    });
  });

  it('leaves out people without a score, and pairs for reliable change only those with a score in both waves', function () {
    const design = partnershipDesign(partnership('1', ALL_ITEMS), partnership('1', ALL_ITEMS));
    const before = [4, 3, 4, 5, 3, 4];
    const after = [3, 3, 2, 4, 2, 3];
    const analysis = analyseProject(
      buildResponseTable(design, [
        ...before.map((level, i) => answered(`c${i + 1}`, 'w1', 'caregiver', trustAt(level, { trust_3: level }))),
        ...after.map((level, i) => answered(`c${i + 1}`, 'w2', 'caregiver', trustAt(level, { trust_3: level }))),
        // Gianni answered one trust item of three in wave 1; Lucia joined in wave 2.
        answered('gianni', 'w1', 'caregiver', { trust_1: 1, voice_1: 4 }),
        answered('gianni', 'w2', 'caregiver', trustAt(5, { trust_3: 5 })),
        answered('lucia', 'w2', 'caregiver', trustAt(4, { trust_3: 4 })),
      ]),
      { invited: invited({}) },
    );
    const first = cell(analysis, 1, 'caregiver', 'trust');
    expect(first).to.include({ n: 6, submitted: 7 });
    expect(first.mean).to.be.closeTo(23 / 6, 1e-12);
    const second = cell(analysis, 2, 'caregiver', 'trust');
    expect(second.n).to.equal(8);
    expect(second.change!.linked).to.equal(6);
    expect(second.change!.meanChange).to.be.closeTo(-1, 1e-12);
    expect(second.reliable).to.include({ status: 'computed', pairs: 6 });
    expect(second.reliable!.stability).to.equal(reliableChange({ before, after, minPairs: 5 }).stability);
  });

  it('has a change but no reliable change for people who skipped the wave before', function () {
    const design = partnershipDesign(...[1, 2, 3].map(() => partnership('1', ALL_ITEMS)));
    const levels = [4, 3, 4, 5, 3, 4];
    const analysis = analyseProject(
      buildResponseTable(design, [
        ...levels.map((level, i) => answered(`c${i + 1}`, 'w1', 'caregiver', trustAt(level, { trust_3: level }))),
        ...levels.map((level, i) =>
          answered(`c${i + 1}`, 'w3', 'caregiver', trustAt(level - 1, { trust_3: level - 1 })),
        ),
        ...levels.map((level, i) => answered(`p${i + 1}`, 'w2', 'provider', trustAt(level))),
      ]),
      { invited: invited({}) },
    );
    const third = cell(analysis, 3, 'caregiver', 'trust');
    expect(third.change!.linked).to.equal(6);
    expect(third.change!.meanChange).to.be.closeTo(-1, 1e-12);
    expect(third.reliable).to.equal(null);
  });

  it("measures the smallest change that counts on the dimension's own 1-7 scale, and says so in the reason", function () {
    const design = partnershipDesign(
      partnership('1', ['trust_1', 'trust_2', 'voice_1']),
      partnership('1', ['trust_1', 'trust_2', 'voice_1']),
    );
    // 24 caregivers at 5; in wave 2 six of them say 4: a clear fall of 0.25 points, which would
    // count on a 1-5 scale but is under 0.25 × 6 / 4 = 0.375 on a 1-7 one.
    const people = Array.from({ length: 24 }, (_, i) => `c${i + 1}`);
    const analysis = analyseProject(
      buildResponseTable(design, [
        ...people.map((id) => answered(id, 'w1', 'caregiver', { voice_1: 5 })),
        ...people.map((id, i) => answered(id, 'w2', 'caregiver', { voice_1: i < 6 ? 4 : 5 })),
      ]),
      { invited: invited({}) },
    );
    const voice = cell(analysis, 2, 'caregiver', 'voice');
    expect(voice.change!.meanChange).to.be.closeTo(-0.25, 1e-12);
    expect(voice.change!.pFallAdjusted!).to.be.below(0.04);
    expect(voice.status).to.equal('stable');
    expect(voice.signals).to.deep.equal(['small-change']);
    expect(voice.reason).to.match(/ but smaller than 0\.38 points, too small to count: stable\.$/);
    expect(voice.reasons.it).to.match(/ ma inferiore a 0,38 punti, troppo piccolo per contare: stabile\.$/);
  });
});
