import { expect } from 'chai';
import {
  pairedChange,
  pairedDifferences,
  pairedTTest,
  wilcoxonSignedRank,
} from '../../../server/domain/statistics/paired-change.js';

// R's `sleep`: extra hours of sleep under drug 1 (x1) and drug 2 (x2), same ten patients.
const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

// The reference tests x1 - x2; with d = after - before that is before = x2, after = x1.
describe('statistics/paired-change', () => {
  describe('pairedTTest', () => {
    it('reproduces sleep: t -4.062128, df 9, p 0.00283289, d_z -1.284558', () => {
      const result = pairedTTest(SLEEP_2, SLEEP_1)!;
      expect(result.t).to.be.closeTo(-4.062128, 5e-7);
      expect(result.df).to.equal(9);
      expect(result.p).to.be.closeTo(0.00283289, 5e-9);
      expect(result.dz).to.be.closeTo(-1.284558, 5e-7);
      expect(result.meanDiff).to.be.closeTo(-1.58, 1e-12);
      expect(result.pairs).to.equal(10);
    });

    it('is null with fewer than 2 pairs', () => {
      expect(pairedTTest([], [])).to.equal(null);
      expect(pairedTTest([3], [4])).to.equal(null);
    });

    it('leaves t, p and d_z null when the differences do not vary', () => {
      expect(pairedTTest([1, 2, 3], [2, 3, 4])).to.deep.equal({
        pairs: 3,
        df: 2,
        meanDiff: 1,
        sdDiff: 0,
        t: null,
        p: null,
        dz: null,
      });
    });

    it('rejects pairs of unequal length', () => {
      expect(() => pairedTTest([1, 2], [1])).to.throw(RangeError);
      expect(() => pairedDifferences([1], [1, 2])).to.throw(RangeError);
    });
  });

  describe('wilcoxonSignedRank', () => {
    it('reproduces sleep (one zero, ties): V 0, p 0.009090698', () => {
      const result = wilcoxonSignedRank(SLEEP_2, SLEEP_1)!;
      expect(result.v).to.equal(0);
      expect(result.p).to.be.closeTo(0.009090698, 5e-10);
      expect(result.pairs).to.equal(10);
      expect(result.nonZero).to.equal(9);
    });

    it('reproduces the second reference: V 40, p 0.04401098', () => {
      const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
      const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
      const result = wilcoxonSignedRank(y, x)!;
      expect(result.v).to.equal(40);
      expect(result.p).to.be.closeTo(0.04401098, 5e-9);
    });

    it('gives p = 1 when V sits on its expectation', () => {
      const result = wilcoxonSignedRank([0, 0], [1, -1])!;
      expect(result.v).to.equal(1.5);
      expect(result.z).to.equal(0);
      expect(result.p).to.equal(1);
    });

    it('is null with fewer than 2 pairs or only zero differences', () => {
      expect(wilcoxonSignedRank([1], [2])).to.equal(null);
      expect(wilcoxonSignedRank([1, 2, 3], [1, 2, 3])).to.equal(null);
    });
  });

  describe('pairedChange', () => {
    it('uses the t-test from 10 pairs on', () => {
      const result = pairedChange(SLEEP_2, SLEEP_1)!;
      expect(result.test).to.equal('t');
      expect(result.p).to.equal(result.tTest.p);
      expect(result.meanChange).to.be.closeTo(-1.58, 1e-12);
      expect(result.wilcoxon!.v).to.equal(0);
    });

    it('prefers Wilcoxon below 10 pairs', () => {
      const result = pairedChange(SLEEP_2.slice(0, 9), SLEEP_1.slice(0, 9))!;
      expect(result.pairs).to.equal(9);
      expect(result.test).to.equal('wilcoxon');
      expect(result.p).to.equal(result.wilcoxon!.p);
    });

    it('falls back to Wilcoxon when every pair changed by the same amount', () => {
      const before = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2];
      const result = pairedChange(before, before.map((value) => value - 0.5))!;
      expect(result.tTest.p).to.equal(null);
      expect(result.test).to.equal('wilcoxon');
      expect(result.p).to.be.a('number').and.lessThan(0.01);
    });

    it('has a null p when nobody changed, and is null below 2 pairs', () => {
      expect(pairedChange([2, 3], [2, 3])!.p).to.equal(null);
      expect(pairedChange([2], [3])).to.equal(null);
    });
  });
});
