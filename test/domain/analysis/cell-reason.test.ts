import { expect } from 'chai';
import { describeCell, type ReasonLabels } from '../../../server/domain/analysis/cell-reason.js';
import type { AnalysisCell } from '../../../server/domain/analysis/project-analysis.js';
import {
  DEFAULT_STATUS_THRESHOLDS,
  type Classification,
  type ScaleRange,
  type StatusThresholds,
} from '../../../server/domain/statistics/status-rules.js';
import { cell, change, type Change } from '../../helpers/reason-cells.js';

const labels: ReasonLabels = {
  dimension: 'Trust',
  group: 'Family caregivers',
  wave: 'Wave 3',
  firstWave: 'Wave 1',
  previousWave: 'Wave 2',
};
const wave2: ReasonLabels = { ...labels, wave: 'Wave 2', previousWave: 'Wave 1' };
const pooledLabels: ReasonLabels = { ...labels, group: null };
const scale = { min: 1, max: 5 };
const thresholds: StatusThresholds = { ...DEFAULT_STATUS_THRESHOLDS };

const tested = (
  c: AnalysisCell,
  classification: Classification,
  t: StatusThresholds = thresholds,
  s: ScaleRange | null = scale,
) => describeCell({ kind: 'tested', cell: c, classification }, labels, t, s);

describe('analysis/cell-reason (English)', function () {
  describe('cells without scores', function () {
    it('says the questionnaire of the wave does not ask the group about the dimension', function () {
      expect(describeCell({ kind: 'missing', missing: 'not-asked', invited: 12 }, labels, thresholds, scale)).to.equal(
        'The Wave 3 questionnaire does not ask family caregivers about Trust, so there is nothing to report.',
      );
    });

    it('says nobody answered, adding how many were invited only when anyone was, in the singular for one', function () {
      const nobody = (invited: number) =>
        describeCell({ kind: 'missing', missing: 'nobody-answered', invited }, labels, thresholds, scale);
      expect(nobody(0)).to.equal(
        'No one among family caregivers answered in Wave 3, so there is nothing to report on Trust.',
      );
      expect(nobody(1)).to.equal(
        'No one among family caregivers answered in Wave 3, so there is nothing to report on Trust. 1 was invited.',
      );
      expect(nobody(14)).to.equal(
        'No one among family caregivers answered in Wave 3, so there is nothing to report on Trust. 14 were invited.',
      );
    });

    it('says nobody answered enough items for a score, and that half are needed', function () {
      expect(
        describeCell({ kind: 'missing', missing: 'too-few-items', invited: 9 }, labels, thresholds, scale),
      ).to.equal(
        'No one among family caregivers answered enough Trust items in Wave 3 for a score (at least half are needed).',
      );
    });

    it('calls the pooled group "all respondents" and keeps names that are not a capitalised word', function () {
      expect(
        describeCell({ kind: 'missing', missing: 'not-asked', invited: 0 }, pooledLabels, thresholds, scale),
      ).to.equal('The Wave 3 questionnaire does not ask all respondents about Trust, so there is nothing to report.');
      expect(
        describeCell(
          { kind: 'missing', missing: 'not-asked', invited: 0 },
          { ...labels, group: 'NHS staff', dimension: 'voice' },
          thresholds,
          scale,
        ),
      ).to.equal('The Wave 3 questionnaire does not ask NHS staff about voice, so there is nothing to report.');
    });

    it('writes English unless Italian is asked for', function () {
      const input = { kind: 'missing', missing: 'not-asked', invited: 0 } as const;
      expect(describeCell(input, labels, thresholds, scale, 'en')).to.equal(
        describeCell(input, labels, thresholds, scale),
      );
      expect(describeCell(input, labels, thresholds, scale, 'it')).to.equal(
        'Il questionario di Wave 3 non ha domande su Trust per family caregivers, quindi non c’è nulla da riportare.',
      );
    });
  });

  describe('pooled cells', function () {
    it('describes the level and the comparison of everyone, and says pooled results are not tested', function () {
      const pooled = cell({ group: 'all', n: 31, mean: 3.26, change: change({ linked: 27, tested: false }) });
      expect(describeCell({ kind: 'pooled', cell: pooled }, pooledLabels, thresholds, scale)).to.equal(
        'Trust among all respondents is at 3.3 in Wave 3, 31 people pooled over every group. ' +
          'The 27 people who answered Wave 3 and an earlier wave scored on average 0.62 points lower than their own average in earlier waves (95% interval: 0.31 to 0.93 points lower). ' +
          'Pooled results are described, not tested: each group is tested on its own.',
      );
    });

    it('speaks of one person, and leaves the comparison out on the first wave', function () {
      const first = cell({ group: 'all', wave: 'Wave 1', waveIndex: 1, n: 1, mean: 4, change: null });
      expect(
        describeCell({ kind: 'pooled', cell: first }, { ...pooledLabels, wave: 'Wave 1' }, thresholds, scale),
      ).to.equal(
        'Trust among all respondents is at 4.0 in Wave 1, 1 person pooled over every group. Pooled results are described, not tested: each group is tested on its own.',
      );
    });

    it('adds which items were compared when the questionnaire changed', function () {
      const pooled = cell({
        group: 'all',
        n: 2,
        change: null,
        itemComparison: { versions: ['1', '2'], sharedItems: ['trust_1', 'trust_3'] },
      });
      expect(describeCell({ kind: 'pooled', cell: pooled }, pooledLabels, thresholds, scale)).to.equal(
        'Trust among all respondents is at 2.9 in Wave 3, 2 people pooled over every group. ' +
          'The questionnaire changed between waves (versions 1 and 2), so the comparison uses only the 2 Trust items asked in every wave (trust_1, trust_3). ' +
          'Pooled results are described, not tested: each group is tested on its own.',
      );
    });
  });

  describe('cells with too few people to test', function () {
    const tooFew = (c: AnalysisCell, t: StatusThresholds = thresholds, l: ReasonLabels = labels) =>
      describeCell({ kind: 'too-few', cell: c }, l, t, scale);

    it('says the first wave has nothing earlier to compare with', function () {
      expect(tooFew(cell({ wave: 'Wave 1', waveIndex: 1, mean: 4.04, change: null }))).to.equal(
        'Trust among family caregivers is at 4.0 in Wave 1, the first wave: there is nothing earlier to compare with yet.',
      );
    });

    it('says how many answered both waves and how many are needed, with no comparison for fewer than two', function () {
      expect(tooFew(cell({ change: null }))).to.equal(
        'Trust among family caregivers is at 2.9 in Wave 3. Only 0 of them answered both Wave 3 and an earlier wave, too few to test a change (at least 5 are needed).',
      );
      expect(tooFew(cell({ change: change({ linked: 1, ciLow: null, ciHigh: null }) }))).to.equal(
        'Trust among family caregivers is at 2.9 in Wave 3. Only 1 of them answered both Wave 3 and an earlier wave, too few to test a change (at least 5 are needed).',
      );
    });

    it('gives the comparison of two to four people who answered both, one short of the minimum included', function () {
      expect(tooFew(cell({ change: change({ linked: 2, meanChange: 0.5, ciLow: -1.2, ciHigh: 2.2 }) }))).to.equal(
        'Trust among family caregivers is at 2.9 in Wave 3. Only 2 of them answered both Wave 3 and an earlier wave, too few to test a change (at least 5 are needed). ' +
          'The 2 people who answered Wave 3 and an earlier wave scored on average 0.50 points higher than their own average in earlier waves (95% interval: from 1.20 points lower to 2.20 points higher).',
      );
      expect(tooFew(cell({ change: change({ linked: 4 }) }))).to.match(
        /^Trust among family caregivers is at 2\.9 in Wave 3\. Only 4 of them answered both .* \(at least 5 are needed\)\. The 4 people who/,
      );
    });

    it('says enough people answered both but the change has no measure of its uncertainty, from minLinked on', function () {
      const noError = change({ linked: 5, ciLow: null, ciHigh: null, pFallAdjusted: null, pRiseAdjusted: null });
      expect(tooFew(cell({ waveIndex: 2, wave: 'Wave 2', change: noError }), thresholds, wave2)).to.equal(
        'Trust among family caregivers is at 2.9 in Wave 2. Too few of their scores go beyond one a person for the change since earlier waves to have a measure of its uncertainty, so it was not tested. ' +
          'The 5 people who answered Wave 2 and an earlier wave scored on average 0.62 points lower than they did in Wave 1.',
      );
      expect(tooFew(cell({ change: noError }), { ...thresholds, minLinked: 6 })).to.match(
        /^Trust among family caregivers is at 2\.9 in Wave 3\. Only 5 of them answered both .* \(at least 6 are needed\)\./,
      );
    });

    it('gives only the level when no item was asked in every wave, and says why', function () {
      const c = cell({ change: null, itemComparison: { versions: ['1', '2'], sharedItems: [] } });
      expect(tooFew(c)).to.equal(
        'Trust among family caregivers is at 2.9 in Wave 3. The questionnaire changed between waves (versions 1 and 2) and no Trust item was asked in every wave, so change could not be measured.',
      );
    });

    it('names the one shared item when the questions changed within one version', function () {
      const c = cell({
        change: change({ linked: 3 }),
        itemComparison: { versions: ['2'], sharedItems: ['trust_1'] },
      });
      expect(tooFew(c)).to.equal(
        'Trust among family caregivers is at 2.9 in Wave 3. Only 3 of them answered both Wave 3 and an earlier wave, too few to test a change (at least 5 are needed). ' +
          'The 3 people who answered Wave 3 and an earlier wave scored on average 0.62 points lower than their own average in earlier waves (95% interval: 0.31 to 0.93 points lower). ' +
          'The questions asked changed between waves, so the comparison uses only the 1 Trust item asked in every wave (trust_1).',
      );
    });
  });

  describe('tested cells', function () {
    it('words co-destruction with the level, the comparison, its interval and the corrected p of a fall', function () {
      expect(tested(cell(), { status: 'co-destruction', signals: ['fall'] })).to.equal(
        'Trust among family caregivers is at 2.9 in Wave 3. ' +
          'The 14 people who answered Wave 3 and an earlier wave scored on average 0.62 points lower than their own average in earlier waves (95% interval: 0.31 to 0.93 points lower). ' +
          'A fall this large is unlikely to be chance, even allowing for every group and topic checked (corrected p = 0.012; under 0.04 counts). This points to co-destruction.',
      );
    });

    it('words co-creation with the corrected p of a rise, against the first wave on wave 2', function () {
      const rise = cell({
        wave: 'Wave 2',
        waveIndex: 2,
        mean: 4.15,
        change: change({ meanChange: 0.71, ciLow: 0.4, ciHigh: 1.02, pFallAdjusted: 1, pRiseAdjusted: 0.0004 }),
      });
      expect(
        describeCell(
          { kind: 'tested', cell: rise, classification: { status: 'co-creation', signals: ['rise'] } },
          wave2,
          thresholds,
          scale,
        ),
      ).to.equal(
        'Trust among family caregivers is at 4.2 in Wave 2. ' +
          'The 14 people who answered Wave 2 and an earlier wave scored on average 0.71 points higher than they did in Wave 1 (95% interval: 0.40 to 1.02 points higher). ' +
          'A rise this large is unlikely to be chance, even allowing for every group and topic checked (corrected p < 0.001; under 0.04 counts). This points to co-creation.',
      );
    });

    it('words watch against the looser watch level', function () {
      const c = cell({ change: change({ meanChange: -0.4, ciLow: -0.85, ciHigh: 0.05, pFallAdjusted: 0.15 }) });
      expect(tested(c, { status: 'watch', signals: ['possible-fall'] })).to.equal(
        'Trust among family caregivers is at 2.9 in Wave 3. ' +
          'The 14 people who answered Wave 3 and an earlier wave scored on average 0.40 points lower than their own average in earlier waves (95% interval: from 0.85 points lower to 0.05 points higher). ' +
          'It could still be chance, but only just (corrected p = 0.150; under 0.21 counts): one to watch.',
      );
    });

    it('words a change that rounds to nothing as no different, and stable within chance', function () {
      const c = cell({
        change: change({ meanChange: 0.004, ciLow: -0.3, ciHigh: 0.31, pFallAdjusted: 1, pRiseAdjusted: 0.9 }),
      });
      expect(tested(c, { status: 'stable', signals: [] })).to.equal(
        'Trust among family caregivers is at 2.9 in Wave 3. ' +
          'The 14 people who answered Wave 3 and an earlier wave scored on average no differently than their own average in earlier waves (95% interval: from 0.30 points lower to 0.31 points higher). ' +
          'A change this size is within what chance alone gives (corrected p = 0.900; under 0.04 counts): stable.',
      );
    });

    it("gives a clear but small change the smallest change that counts on the questionnaire's own scale", function () {
      const c = cell({
        mean: 4.1,
        change: change({ linked: 120, meanChange: -0.2, ciLow: -0.3, ciHigh: -0.1, pFallAdjusted: 0.001 }),
      });
      const small: Classification = { status: 'stable', signals: ['small-change'] };
      const sentence = (s: ScaleRange | null) => tested(c, small, thresholds, s);
      expect(sentence(scale)).to.match(
        / \(corrected p = 0\.001; under 0\.04 counts\) but smaller than 0\.25 points, too small to count: stable\.$/,
      );
      // 0.25 on 1-5 is 0.375 on 1-7.
      expect(sentence({ min: 1, max: 7 })).to.match(/ but smaller than 0\.38 points, too small to count: stable\.$/);
      // Without a known scale the threshold is quoted as set.
      expect(sentence(null)).to.match(/ but smaller than 0\.25 points, too small to count: stable\.$/);
      expect(tested(c, small, { ...thresholds, minChange: 0.1 }, null)).to.match(/ but smaller than 0\.10 points/);
    });

    it('leaves the p out when there is none, and the interval out when either end is missing', function () {
      const c = (o: Partial<Change>) => cell({ change: change(o) });
      const destruction: Classification = { status: 'co-destruction', signals: ['fall'] };
      expect(tested(c({ pFallAdjusted: null }), destruction)).to.match(
        /lower than their own average in earlier waves \(95% interval: 0\.31 to 0\.93 points lower\)\. A fall this large is unlikely to be chance, even allowing for every group and topic checked\. This points to co-destruction\.$/,
      );
      expect(tested(c({ ciLow: null }), destruction)).to.include(
        'scored on average 0.62 points lower than their own average in earlier waves. A fall',
      );
      expect(tested(c({ ciHigh: null }), destruction)).to.include(
        'scored on average 0.62 points lower than their own average in earlier waves. A fall',
      );
    });

    it('speaks of the one person compared when only one was', function () {
      const one = cell({ change: change({ linked: 1, meanChange: -1, ciLow: null, ciHigh: null }) });
      expect(tested(one, { status: 'stable', signals: [] })).to.include(
        'The one person who answered Wave 3 and an earlier wave scored 1.00 points lower than their own average in earlier waves. ',
      );
      expect(
        tested(cell({ change: change({ linked: 1, meanChange: 0 }) }), { status: 'stable', signals: [] }),
      ).to.include(
        'The one person who answered Wave 3 and an earlier wave scored no differently than their own average',
      );
    });

    it('adds the version note between the comparison and the evidence', function () {
      const c = cell({ itemComparison: { versions: ['1', '2', '3'], sharedItems: ['trust_1', 'trust_3'] } });
      expect(tested(c, { status: 'co-destruction', signals: ['fall'] })).to.include(
        '(95% interval: 0.31 to 0.93 points lower). The questionnaire changed between waves (versions 1 and 2 and 3), so the comparison uses only the 2 Trust items asked in every wave (trust_1, trust_3). A fall this large',
      );
    });
  });
});
