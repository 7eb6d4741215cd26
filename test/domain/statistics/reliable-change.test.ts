import { expect } from 'chai';
import { pearsonCorrelation } from '../../../server/domain/statistics/descriptive.js';
import { reliableChange } from '../../../server/domain/statistics/reliable-change.js';

// R's sleep data, group 1 and group 2.
const X1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const X2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('statistics/reliable-change', () => {
  it("takes its error from test-retest stability: R's cor(x1, x2) = 0.795170205833578", () => {
    expect(pearsonCorrelation(X1, X2)).to.be.closeTo(0.795170205833578, 1e-12);
    const result = reliableChange({ before: X1, after: X2, minPairs: 5 });
    if (result.status !== 'computed') throw new Error('expected a computed result');
    expect(result.stability).to.be.closeTo(0.795170205833578, 1e-12);
    // sd(x1) = 1.789010 (R); SE = sd·√(1 - r); S_diff = √2·SE.
    const sd = 1.78900965775916;
    expect(result.standardError).to.be.closeTo(sd * Math.sqrt(1 - 0.795170205833578), 1e-9);
    expect(result.minimumReliableChange).to.be.closeTo(1.96 * Math.SQRT2 * sd * Math.sqrt(1 - 0.795170205833578), 1e-9);
  });

  it('counts people whose change reaches ±1.96·S_diff', () => {
    const before = [1, 2, 3, 4, 5, 6, 7, 8];
    const after = [1.2, 2.1, 3.3, 4.2, 5.1, 2, 7.2, 9.9];
    const result = reliableChange({ before, after, minPairs: 5 });
    if (result.status !== 'computed') throw new Error('expected a computed result');
    // R 4.2.2: r <- cor(b, a) = 0.823071382176408; S_diff = sqrt(2)·sd(b)·sqrt(1 - r) =
    // 1.45710103077416; 1.96·S_diff = 2.85591802031735; RCI = (a - b)/S_diff gives one person
    // at -2.745 (reliably worse) and the largest rise at 1.304 (not reliable).
    expect(result.stability).to.be.closeTo(0.823071382176408, 1e-12);
    expect(result.minimumReliableChange).to.be.closeTo(2.85591802031735, 1e-12);
    expect(result).to.include({ pairs: 8, deteriorated: 1, improved: 0 });
  });

  it('is skipped with too few pairs, without variation, or without positive stability', () => {
    expect(reliableChange({ before: [1, 2, 3, 4], after: [1, 2, 3, 4], minPairs: 5 })).to.include({
      status: 'skipped',
      reason: 'too-few-pairs',
    });
    expect(reliableChange({ before: [3, 3, 3, 3, 3], after: [1, 2, 3, 4, 5], minPairs: 5 })).to.include({
      status: 'skipped',
      reason: 'stability-undefined',
    });
    expect(reliableChange({ before: [1, 2, 3, 4, 5], after: [5, 4, 3, 2, 1], minPairs: 5 })).to.include({
      status: 'skipped',
      reason: 'stability-not-positive',
    });
    expect(reliableChange({ before: [1, 2, 3, 4, 5], after: [2, 3, 4, 5, 6], minPairs: 5 })).to.include({
      status: 'skipped',
      reason: 'stability-perfect',
    });
  });

  it('needs minPairs pairs (never fewer than 3): 4 pairs are too few at 5, 5 and 6 are enough', function () {
    const before = [1, 2, 3, 4, 5, 3];
    const after = [2, 2, 4, 4, 5, 4];
    const at = (pairs: number, minPairs: number) =>
      reliableChange({ before: before.slice(0, pairs), after: after.slice(0, pairs), minPairs });
    expect([4, 5, 6].map((pairs) => at(pairs, 5).status)).to.deep.equal(['skipped', 'computed', 'computed']);
    expect(at(4, 5)).to.include({ reason: 'too-few-pairs', pairs: 4 });
    expect([2, 3, 4].map((pairs) => at(pairs, 2).status)).to.deep.equal(['skipped', 'computed', 'computed']);
    expect(at(2, 2)).to.include({ reason: 'too-few-pairs', pairs: 2 });
  });

  it('skips a stability of exactly 0, and counts reliable improvements as well as deteriorations', () => {
    expect(reliableChange({ before: [1, 2, 3, 4, 5], after: [1, 3, 2, 3, 1], minPairs: 5 })).to.include({
      status: 'skipped',
      reason: 'stability-not-positive',
      stability: 0,
    });
    // R: b <- c(1,2,3,4,5,1,2,3,4,5); a <- b; a[1] <- 4; a[10] <- 2; r = cor(b, a) = 0.4780914,
    // S_diff = sqrt(2) * sd(b) * sqrt(1 - r) = 1.523021: the +3 and the -3 are each beyond 1.96 S_diff.
    const before = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5];
    const after = [4, 2, 3, 4, 5, 1, 2, 3, 4, 2];
    const result = reliableChange({ before, after, minPairs: 5 });
    expect(result).to.include({ status: 'computed', deteriorated: 1, improved: 1 });
    expect((result as { sDiff: number }).sDiff).to.be.closeTo(1.523021, 1e-6);
  });

  it('calls stability undefined when the later scores do not vary, however much the earlier ones do', function () {
    expect(reliableChange({ before: [2.4, 3.1, 4.0, 3.6, 2.8], after: [3, 3, 3, 3, 3], minPairs: 5 })).to.deep.equal({
      status: 'skipped',
      reason: 'stability-undefined',
      pairs: 5,
      stability: null,
    });
  });

  it('counts a person whose change sits exactly on the critical index, in either direction', function () {
    const before = [3.0, 3.0, 3.4, 4.1, 2.2, 3.6, 3.9];
    const after = [3.4, 3.2, 3.0, 4.4, 2.3, 3.9, 4.2];
    const first = reliableChange({ before, after, minPairs: 5 });
    if (first.status !== 'computed') throw new Error('expected a computed reliable change');
    // The first rose from 3.0 to 3.4 and the third fell from 3.4 to 3.0: a critical index of exactly that change / S_diff.
    const onTheEdge = reliableChange({ before, after, minPairs: 5, critical: (3.0 - 3.4) / -first.sDiff });
    expect(onTheEdge).to.include({ deteriorated: 1, improved: 1 });
  });
});
