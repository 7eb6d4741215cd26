import { expect } from 'chai';
import { DomainError } from '../../../server/domain/errors.js';
import {
  DEFAULT_FLAG_THRESHOLDS,
  evaluateFlags,
  meetsThreshold,
  onScale,
  resolveFlagThresholds,
  type CellEvidence,
  type FlagCode,
} from '../../../server/domain/statistics/flag-rules.js';
import { cell } from '../../helpers/cell-evidence.js';


function codes(evidence: CellEvidence, thresholds = DEFAULT_FLAG_THRESHOLDS): FlagCode[] {
  return evaluateFlags(evidence, thresholds).map((flag) => flag.code);
}

function computed(deteriorated: number, pairs: number, improved = 0) {
  return { status: 'computed' as const, deteriorated, improved, pairs };
}

describe('statistics/flag-rules', () => {
  it('keeps every default threshold in one frozen object', () => {
    expect(DEFAULT_FLAG_THRESHOLDS).to.deep.equal({
      lowMean: 3.0,
      strengthMean: 4.0,
      alpha: 0.05,
      minPairsForDecline: 5,
      rciCritical: 1.96,
      rciMinAlpha: 0.7,
      reliableDeteriorationMinPeople: 2,
      reliableDeteriorationMinShare: 0.2,
      gapG: 0.5,
      gapGrowth: 0.2,
      responseRateDrop: 0.15,
      responseRateFloor: 0.5,
      watchBandLow: 3.0,
      watchBandHigh: 3.5,
    });
    expect(Object.isFrozen(DEFAULT_FLAG_THRESHOLDS)).to.equal(true);
  });

  it('raises nothing for a quiet cell', () => {
    expect(evaluateFlags(cell())).to.deep.equal([]);
  });

  describe('F1 low level', () => {
    it('is raised below 3.0 and not at 3.0', () => {
      expect(evaluateFlags(cell({ mean: 2.99 }))).to.deep.equal([{ code: 'F1', mean: 2.99, threshold: 3 }]);
      expect(codes(cell({ mean: 3.0 }))).to.deep.equal([]);
    });

    it('does not fire on floating-point residue just under the boundary', () => {
      expect(codes(cell({ mean: 3 - 4e-16 }))).to.deep.equal([]);
    });

    it('rescales 3.0 on a 1-5 scale onto other ranges', () => {
      expect(onScale(3, { min: 1, max: 5 })).to.equal(3);
      expect(onScale(3, { min: 0, max: 10 })).to.equal(5);
      expect(onScale(3, { min: 1, max: 7 })).to.equal(4);
      expect(codes(cell({ scale: { min: 0, max: 10 }, mean: 4.99 }))).to.include('F1');
      expect(codes(cell({ scale: { min: 0, max: 10 }, mean: 5 }))).to.not.include('F1');
      expect(codes(cell({ scale: { min: 1, max: 7 }, mean: 3.99 }))).to.include('F1');
    });

    it('rejects a scale without range', () => {
      expect(() => evaluateFlags(cell({ scale: { min: 5, max: 5 } }))).to.throw(RangeError);
    });
  });

  describe('F2 significant decline', () => {
    const decline = { pairs: 5, meanChange: -0.5, pAdjusted: 0.049 };

    it('is raised by a decline with adjusted p < 0.05 on at least 5 pairs, with its numbers', () => {
      expect(evaluateFlags(cell({ change: decline }))).to.deep.equal([
        { code: 'F2', meanChange: -0.5, pAdjusted: 0.049, pairs: 5 },
      ]);
    });

    it('is not raised at p = 0.05, below 5 pairs, for a rise, or without a p', () => {
      expect(codes(cell({ change: { ...decline, pAdjusted: 0.05 } }))).to.deep.equal([]);
      expect(codes(cell({ change: { ...decline, pairs: 4 } }))).to.deep.equal([]);
      expect(codes(cell({ change: { ...decline, meanChange: 0.5 } }))).to.deep.equal([]);
      expect(codes(cell({ change: { ...decline, meanChange: 0 } }))).to.deep.equal([]);
      expect(codes(cell({ change: { ...decline, pAdjusted: null } }))).to.deep.equal([]);
    });
  });

  describe('F3 reliable deterioration', () => {
    it('is raised by at least 2 people and at least 20% of pairs', () => {
      expect(evaluateFlags(cell({ reliable: computed(2, 10) }))).to.deep.equal([
        { code: 'F3', deteriorated: 2, pairs: 10, share: 0.2 },
      ]);
      expect(codes(cell({ reliable: computed(3, 15) }))).to.deep.equal(['F3']);
    });

    it('is not raised by one person, by under 20%, or when skipped', () => {
      expect(codes(cell({ reliable: computed(1, 3) }))).to.deep.equal([]);
      expect(codes(cell({ reliable: computed(2, 11) }))).to.deep.equal([]);
      expect(codes(cell({ reliable: computed(0, 0) }))).to.deep.equal([]);
      const skipped = { status: 'skipped' as const, reason: 'alpha-below-minimum' as const, baselineAlpha: 0.6, minAlpha: 0.7 };
      expect(codes(cell({ reliable: skipped }))).to.deep.equal([]);
    });
  });

  describe('F4 widening gap', () => {
    it('is raised when |g| ≥ 0.5 and grew by ≥ 0.2, boundaries included', () => {
      // 0.7 - 0.5 is 0.19999999999999996 in binary floating point.
      const flags = evaluateFlags(cell({ gaps: [{ otherGroup: 'providers', g: 0.7, previousG: 0.5 }] }));
      expect(flags).to.have.length(1);
      const flag = flags[0]!;
      if (flag.code !== 'F4') throw new Error('expected F4');
      expect(flag.gaps[0]).to.include({ otherGroup: 'providers', g: 0.7, previousG: 0.5 });
      expect(flag.gaps[0]!.growth).to.be.closeTo(0.2, 1e-12);
      expect(codes(cell({ gaps: [{ otherGroup: 'p', g: 0.5, previousG: 0.3 }] }))).to.deep.equal(['F4']);
    });

    it('uses |g|, so a gap in either direction counts', () => {
      expect(codes(cell({ gaps: [{ otherGroup: 'p', g: -0.8, previousG: -0.5 }] }))).to.deep.equal(['F4']);
      expect(codes(cell({ gaps: [{ otherGroup: 'p', g: 0.8, previousG: -0.5 }] }))).to.deep.equal(['F4']);
    });

    it('is not raised below 0.5, with growth under 0.2, or without a previous gap', () => {
      expect(codes(cell({ gaps: [{ otherGroup: 'p', g: 0.49, previousG: 0.1 }] }))).to.deep.equal([]);
      expect(codes(cell({ gaps: [{ otherGroup: 'p', g: 0.69, previousG: 0.5 }] }))).to.deep.equal([]);
      expect(codes(cell({ gaps: [{ otherGroup: 'p', g: -0.9, previousG: 0.8 }] }))).to.deep.equal([]);
      expect(codes(cell({ gaps: [{ otherGroup: 'p', g: 0.9, previousG: null }] }))).to.deep.equal([]);
    });

    it('carries every widening gap and leaves the others out', () => {
      const flags = evaluateFlags(
        cell({
          gaps: [
            { otherGroup: 'a', g: 0.9, previousG: 0.2 },
            { otherGroup: 'b', g: 0.9, previousG: 0.85 },
            { otherGroup: 'c', g: -0.6, previousG: 0.1 },
          ],
        }),
      );
      const flag = flags[0]!;
      if (flag.code !== 'F4') throw new Error('expected F4');
      expect(flag.gaps.map((gap) => gap.otherGroup)).to.deep.equal(['a', 'c']);
    });
  });

  describe('F5 falling participation', () => {
    it('is raised by a drop of 15 points, boundary included', () => {
      // 0.60 - 0.45 is 0.14999999999999997 in binary floating point.
      const flags = evaluateFlags(cell({ previousResponseRate: 0.6, responseRate: 0.45 }));
      expect(flags).to.have.length(1);
      expect(flags[0]).to.include({ code: 'F5', responseRate: 0.45, previousResponseRate: 0.6, dropped: true, belowFloor: true });
      expect(evaluateFlags(cell({ previousResponseRate: 0.9, responseRate: 0.75 }))[0]).to.include({
        code: 'F5',
        dropped: true,
        belowFloor: false,
      });
    });

    it('is raised below 50% without a drop, and not at 50%', () => {
      expect(evaluateFlags(cell({ previousResponseRate: null, responseRate: 0.49 }))).to.deep.equal([
        { code: 'F5', responseRate: 0.49, previousResponseRate: null, drop: null, dropped: false, belowFloor: true },
      ]);
      expect(codes(cell({ previousResponseRate: 0.5, responseRate: 0.5 }))).to.deep.equal([]);
    });

    it('is not raised by a drop under 15 points or without a rate', () => {
      expect(codes(cell({ previousResponseRate: 0.9, responseRate: 0.76 }))).to.deep.equal([]);
      expect(codes(cell({ previousResponseRate: 0.9, responseRate: null }))).to.deep.equal([]);
    });
  });

  describe('the first wave', () => {
    it('applies only F1 and the level part of F4', () => {
      const firstWave = cell({
        isFirstWave: true,
        mean: 2.5,
        previousMean: null,
        change: { pairs: 30, meanChange: -1, pAdjusted: 0.001 },
        reliable: computed(10, 30),
        gaps: [{ otherGroup: 'p', g: 0.5, previousG: null }],
        responseRate: 0.2,
        previousResponseRate: null,
      });
      const flags = evaluateFlags(firstWave);
      expect(flags.map((flag) => flag.code)).to.deep.equal(['F1', 'F4']);
      expect(flags[1]).to.deep.equal({ code: 'F4', gaps: [{ otherGroup: 'p', g: 0.5, previousG: null, growth: null }] });
    });

    it('does not raise F4 below 0.5', () => {
      expect(codes(cell({ isFirstWave: true, gaps: [{ otherGroup: 'p', g: 0.49, previousG: null }] }))).to.deep.equal([]);
    });
  });

  describe('per-project thresholds', () => {
    it('overrides only what is given', () => {
      const thresholds = resolveFlagThresholds({ lowMean: 3.5, responseRateFloor: 0.3 });
      expect(thresholds).to.deep.equal({ ...DEFAULT_FLAG_THRESHOLDS, lowMean: 3.5, responseRateFloor: 0.3 });
      expect(codes(cell({ mean: 3.4, responseRate: 0.45, previousResponseRate: 0.45 }), thresholds)).to.deep.equal(['F1']);
      expect(resolveFlagThresholds()).to.deep.equal(DEFAULT_FLAG_THRESHOLDS);
    });

    it('changes where each rule fires', () => {
      const strict = resolveFlagThresholds({ minPairsForDecline: 10, alpha: 0.01, gapG: 0.8, responseRateDrop: 0.3 });
      expect(codes(cell({ change: { pairs: 9, meanChange: -1, pAdjusted: 0.001 } }), strict)).to.deep.equal([]);
      expect(codes(cell({ change: { pairs: 10, meanChange: -1, pAdjusted: 0.02 } }), strict)).to.deep.equal([]);
      expect(codes(cell({ gaps: [{ otherGroup: 'p', g: 0.7, previousG: 0.1 }] }), strict)).to.deep.equal([]);
      expect(codes(cell({ previousResponseRate: 0.9, responseRate: 0.65 }), strict)).to.deep.equal([]);
    });

    it('rejects unusable values with a VALIDATION error naming each field', () => {
      try {
        resolveFlagThresholds({ alpha: 1.5, minPairsForDecline: 2.5, lowMean: 0, gapGrowth: -1 });
        expect.fail('expected a DomainError');
      } catch (error) {
        expect(error).to.be.instanceOf(DomainError);
        const domainError = error as DomainError;
        expect(domainError.code).to.equal('VALIDATION');
        expect(domainError.problems.map((problem) => problem.where)).to.have.members([
          'alpha',
          'minPairsForDecline',
          'lowMean',
          'gapGrowth',
        ]);
      }
      expect(() => resolveFlagThresholds({ watchBandLow: 3.5, watchBandHigh: 3.5 })).to.throw(DomainError);
      expect(() => resolveFlagThresholds({ lowMean: 4.5 })).to.throw(DomainError);
      expect(() => resolveFlagThresholds({ gapG: Number.NaN })).to.throw(DomainError);
    });
  });

  it('meetsThreshold forgives rounding residue only', () => {
    expect(meetsThreshold(0.6 - 0.45, 0.15)).to.equal(true);
    expect(meetsThreshold(0.149, 0.15)).to.equal(false);
  });
});
