import { expect } from 'chai';
import { classifyCell } from '../../../server/domain/statistics/classification.js';
import type { CellEvidence } from '../../../server/domain/statistics/flag-rules.js';
import {
  describeCell,
  formatChange,
  formatMean,
  formatP,
  type CellLabels,
} from '../../../server/domain/statistics/plain-language.js';
import { cell } from '../../helpers/cell-evidence.js';


const LABELS: CellLabels = {
  dimension: 'Trust',
  group: 'family caregivers',
  wave: 'Wave 3',
  previousWave: 'Wave 2',
  otherGroups: { providers: 'service providers' },
};

function reason(evidence: CellEvidence, labels: CellLabels = LABELS): string {
  return describeCell(evidence, classifyCell(evidence), labels);
}

describe('statistics/plain-language', () => {
  describe('formatting', () => {
    it('writes p below 0.001 as "p < 0.001", otherwise with 3 decimals', () => {
      expect(formatP(0.0002)).to.equal('p < 0.001');
      expect(formatP(0.000999)).to.equal('p < 0.001');
      expect(formatP(0.001)).to.equal('p = 0.001');
      expect(formatP(0.0123)).to.equal('p = 0.012');
      expect(formatP(1)).to.equal('p = 1.000');
    });

    it('writes means with 1 decimal, more only to stay on the right side of a boundary', () => {
      expect(formatMean(4.04)).to.equal('4.0');
      expect(formatMean(2.97, [3])).to.equal('2.97');
      expect(formatMean(2.996, [3])).to.equal('2.996');
      expect(formatMean(2.9999, [3, 4])).to.equal('2.999');
      expect(formatMean(3.04, [3])).to.equal('3.0');
      expect(formatMean(-0.04)).to.equal('0.0');
    });

    it('writes changes with 2 decimals and a sign on rises', () => {
      expect(formatChange(-1.14)).to.equal('-1.14');
      expect(formatChange(0.405)).to.equal('+0.41');
      expect(formatChange(0)).to.equal('0.00');
      expect(formatChange(-0.001)).to.equal('0.00');
    });
  });

  it('explains co-destruction with the numbers of each flag', () => {
    const text = reason(
      cell({
        mean: 2.9,
        previousMean: 4.0,
        change: { pairs: 30, meanChange: -1.14, pAdjusted: 0.0002 },
        reliable: { status: 'computed', deteriorated: 12, improved: 0, pairs: 30 },
      }),
    );
    expect(text).to.match(/^Trust among family caregivers points to co-destruction in Wave 3/);
    expect(text).to.contain('The mean of 2.9 is below 3.0');
    expect(text).to.contain(
      'Trust among family caregivers fell from 4.0 to 2.9 between Wave 2 and Wave 3 ' +
        '(30 people answered both; mean change -1.14; p < 0.001 after correction). 12 of the 30 reliably deteriorated.',
    );
  });

  it('writes one sentence per flag, gaps and participation included', () => {
    const text = reason(
      cell({
        mean: 3.6,
        change: { pairs: 30, meanChange: -0.4, pAdjusted: 0.02 },
        gaps: [{ otherGroup: 'providers', g: -0.82, previousG: -0.45 }],
        responseRate: 0.45,
        previousResponseRate: 0.6,
      }),
    );
    expect(text).to.contain('3 warning signs at once (mean 3.6)');
    expect(text).to.contain('mean change -0.40; p = 0.020 after correction');
    expect(text).to.contain('The gap to service providers widened to g = -0.82 from -0.45 in Wave 2.');
    expect(text).to.contain('Participation fell from 60% to 45% (down 15 points), below 50%.');
    expect(text.match(/\.(\s|$)/g)).to.have.length(4);
  });

  it('explains a declining borderline mean and says when reliable change was skipped', () => {
    const text = reason(
      cell({
        mean: 3.4,
        previousMean: 3.6,
        reliable: { status: 'skipped', reason: 'alpha-below-minimum', baselineAlpha: 0.62, minAlpha: 0.7 },
      }),
    );
    expect(text).to.equal(
      'Trust among family caregivers needs watching in Wave 3 (mean 3.4). It is in the borderline band and fell ' +
        'from 3.6 in Wave 2. Reliable change was not assessed: the baseline alpha (0.62) is below 0.70.',
    );
  });

  it('explains co-creation with its evidence', () => {
    const improved = reason(
      cell({
        mean: 4.3,
        previousMean: 3.9,
        change: { pairs: 12, meanChange: 0.41, pAdjusted: 0.012 },
        reliable: { status: 'computed', deteriorated: 0, improved: 5, pairs: 12 },
      }),
    );
    expect(improved).to.contain('points to co-creation in Wave 3 (mean 4.3, a strength)');
    expect(improved).to.contain('It rose from 3.9 to 4.3 between Wave 2 and Wave 3 (12 people answered both; mean change +0.41; p = 0.012 after correction).');
    expect(improved).to.contain('5 of the 12 reliably improved.');

    const held = reason(cell({ mean: 4.2, previousMean: 4.1 }));
    expect(held).to.contain('It has stayed at or above 4.0 for two waves (4.1 in Wave 2).');
  });

  it('gives stable cells a reason too', () => {
    expect(reason(cell({ mean: 3.97, previousMean: 3.8 }))).to.equal(
      'Trust among family caregivers is stable at 3.97 (borderline) in Wave 3, against 3.8 in Wave 2; no warning sign was raised.',
    );
    const firstWave = { ...LABELS, wave: 'Wave 1', previousWave: null };
    expect(reason(cell({ isFirstWave: true, mean: 4.2, previousMean: null }), firstWave)).to.equal(
      'Trust among family caregivers is at 4.2 (strength) in Wave 1; no warning sign was raised.',
    );
  });

  it('words first-wave gaps as a level, falling back to the group key without a label', () => {
    const firstWave = { ...LABELS, wave: 'Wave 1', previousWave: null };
    const text = reason(cell({ isFirstWave: true, previousMean: null, gaps: [{ otherGroup: 'volunteers', g: 0.55, previousG: null }] }), firstWave);
    expect(text).to.contain('The gap to volunteers is wide (g = 0.55).');
  });

  it('words participation below the floor without a drop', () => {
    const text = reason(cell({ mean: 2.97, previousMean: 3.1, responseRate: 0.4, previousResponseRate: null }));
    expect(text).to.contain('The mean of 2.97 is below 3.0, the concern band.');
    expect(text).to.contain('Only 40% of those invited responded, below 50%.');
  });
});
