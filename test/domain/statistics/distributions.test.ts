import { expect } from 'chai';
import {
  fCdf,
  fQuantile,
  normalCdf,
  studentTCdf,
  studentTQuantile,
} from '../../../server/domain/statistics/distributions.js';

// Expected values computed with mpmath at 30 significant digits.
function expectRelative(actual: number, expected: number, tolerance = 1e-12): void {
  expect(Math.abs(actual - expected)).to.be.at.most(tolerance * Math.abs(expected));
}

describe('statistics/distributions', () => {
  describe('normalCdf', () => {
    it('matches known values to 1e-12', () => {
      expect(normalCdf(0)).to.equal(0.5);
      expect(normalCdf(1.96)).to.be.closeTo(0.9750021048517795, 1e-15);
      expect(normalCdf(-1.96)).to.be.closeTo(0.024997895148220435, 1e-15);
      expect(normalCdf(3)).to.be.closeTo(0.9986501019683699, 1e-15);
    });

    it('keeps relative accuracy far into the lower tail', () => {
      expectRelative(normalCdf(-5), 2.866515718791939e-7);
      expectRelative(normalCdf(-10), 7.619853024160525e-24);
      expectRelative(normalCdf(-20), 2.7536241186062337e-89);
    });

    it('is symmetric and saturates without NaN', () => {
      for (const z of [0.1, 0.9, 1.2247, 2.5, 6]) expect(normalCdf(z) + normalCdf(-z)).to.be.closeTo(1, 1e-15);
      expect(normalCdf(-40)).to.equal(0);
      expect(normalCdf(40)).to.equal(1);
      expect(normalCdf(-Infinity)).to.equal(0);
      expect(normalCdf(Infinity)).to.equal(1);
    });

    it('rejects NaN', () => {
      expect(() => normalCdf(Number.NaN)).to.throw(RangeError);
    });
  });

  describe('studentTCdf', () => {
    it('matches closed forms for 1 and 2 degrees of freedom', () => {
      expect(studentTCdf(1, 1)).to.be.closeTo(0.75, 1e-15);
      expect(studentTCdf(-1, 1)).to.be.closeTo(0.25, 1e-15);
      expect(studentTCdf(1, 2)).to.be.closeTo(0.5 + 1 / (2 * Math.sqrt(3)), 1e-15);
      expect(studentTCdf(0, 7)).to.equal(0.5);
    });

    it('matches known values, non-integer df included', () => {
      expect(studentTCdf(2.262157162798205, 9)).to.be.closeTo(0.975, 1e-13);
      expect(studentTCdf(-1.860813, 17.77647)).to.be.closeTo(0.03969710633593715, 1e-13);
      expect(studentTCdf(2.5, 1.5)).to.be.closeTo(0.915096748692652, 1e-13);
      expect(studentTCdf(-3, 4.7)).to.be.closeTo(0.01626963698851839, 1e-13);
      expect(studentTCdf(0.4, 30)).to.be.closeTo(0.654004741742904, 1e-13);
    });

    it('approaches the normal for large df', () => {
      expect(studentTCdf(1.96, 1e6)).to.be.closeTo(normalCdf(1.96), 1e-6);
    });

    it('rejects df that is not positive and finite', () => {
      expect(() => studentTCdf(1, 0)).to.throw(RangeError);
      expect(() => studentTCdf(1, -2)).to.throw(RangeError);
      expect(() => studentTCdf(1, Infinity)).to.throw(RangeError);
      expect(() => studentTCdf(Number.NaN, 3)).to.throw(RangeError);
    });
  });

  describe('studentTQuantile', () => {
    it('matches high-precision quantiles to 1e-12', () => {
      expectRelative(studentTQuantile(0.975, 9), 2.262157162798205);
      expectRelative(studentTQuantile(0.025, 9), -2.262157162798205);
      expectRelative(studentTQuantile(0.995, 3), 5.840909309733355);
      expectRelative(studentTQuantile(0.975, 17.77647), 2.102817271782623);
      expectRelative(studentTQuantile(0.9, 0.7), 5.009947959646406);
      expectRelative(studentTQuantile(1e-10, 4), -416.1751403296041);
    });

    it('reads qt(0.975, 9) as 2.262157163, as R prints it', () => {
      expect(studentTQuantile(0.975, 9)).to.be.closeTo(2.262157163, 5e-10);
    });

    it('handles the ends and the centre', () => {
      expect(studentTQuantile(0.5, 4)).to.equal(0);
      expect(studentTQuantile(0, 4)).to.equal(-Infinity);
      expect(studentTQuantile(1, 4)).to.equal(Infinity);
    });

    it('inverts the CDF', () => {
      for (const df of [0.8, 1, 2.5, 9, 17.77647, 120, 5000]) {
        for (const p of [1e-8, 0.01, 0.2, 0.5, 0.7, 0.975, 0.999999]) {
          expect(studentTCdf(studentTQuantile(p, df), df)).to.be.closeTo(p, 1e-12);
        }
      }
    });

    it('rejects probabilities outside [0, 1]', () => {
      expect(() => studentTQuantile(-0.1, 3)).to.throw(RangeError);
      expect(() => studentTQuantile(1.1, 3)).to.throw(RangeError);
      expect(() => studentTQuantile(Number.NaN, 3)).to.throw(RangeError);
    });
  });

  describe('fCdf', () => {
    it('matches closed forms and known values', () => {
      expect(fCdf(1, 1, 1)).to.be.closeTo(0.5, 1e-15);
      expect(fCdf(3, 2, 2)).to.be.closeTo(0.75, 1e-15);
      expect(fCdf(0.5, 7, 21)).to.be.closeTo(0.17604478874323298, 1e-13);
      expect(fCdf(4.2, 3, 11.5)).to.be.closeTo(0.9685471392893581, 1e-13);
      expect(fCdf(2.968630335010686, 7, 21)).to.be.closeTo(0.975, 1e-13);
    });

    it('is 0 at and below 0', () => {
      expect(fCdf(0, 3, 4)).to.equal(0);
      expect(fCdf(-1, 3, 4)).to.equal(0);
    });

    it('rejects invalid degrees of freedom', () => {
      expect(() => fCdf(1, 0, 3)).to.throw(RangeError);
      expect(() => fCdf(1, 3, Number.NaN)).to.throw(RangeError);
    });
  });

  describe('fQuantile', () => {
    it('matches high-precision quantiles to 1e-12', () => {
      expectRelative(fQuantile(0.975, 7, 21), 2.968630335010686);
      expectRelative(fQuantile(0.025, 7, 21), 0.22461600881610597);
      expectRelative(fQuantile(0.95, 3, 11.5), 3.5363577132420474);
      expectRelative(fQuantile(0.001, 2.5, 40), 0.003505034330271326);
      expectRelative(fQuantile(0.5, 1, 1), 1);
      expectRelative(fQuantile(0.75, 2, 2), 3);
    });

    it('handles the ends', () => {
      expect(fQuantile(0, 3, 4)).to.equal(0);
      expect(fQuantile(1, 3, 4)).to.equal(Infinity);
    });

    it('inverts the CDF', () => {
      for (const [df1, df2] of [
        [1, 1],
        [0.7, 3.2],
        [7, 21],
        [50, 30],
        [999, 8991],
      ] as const) {
        for (const p of [1e-8, 0.025, 0.3, 0.5, 0.9, 0.975, 0.999999]) {
          expect(fCdf(fQuantile(p, df1, df2), df1, df2)).to.be.closeTo(p, 1e-12);
        }
      }
    });
  });

  it('keeps 12 digits where the incomplete beta takes its large-parameter path (R 4: pt, pf, qt)', () => {
    const cases: [number, number][] = [
      [studentTCdf(-2.5, 200), 0.0066115863208503975],
      [studentTCdf(-1, 50), 0.16106282255012239],
      [studentTCdf(-3, 1000), 0.001383354522119095],
      [studentTCdf(0.3, 25), 0.61667125317347138],
      [studentTCdf(-40, 3), 1.719034039457927e-5],
      [studentTCdf(-0.001, 15), 0.49960764690691162],
      [fCdf(2, 30, 40), 0.97954599378373131],
      [fCdf(0.7, 12, 60), 0.25488835051454711],
      [studentTQuantile(0.975, 500), 1.9647198374673673],
    ];
    cases.forEach(([actual, expected]) => expectRelative(actual, expected, 1e-11));
  });

  describe('precision where the survey never goes but the formulas must hold', function () {
    it('gives Φ(z) to 1e-15 in the centre, where it sums a series instead of a continued fraction (R: pnorm)', function () {
      expect(normalCdf(0.5)).to.be.closeTo(0.69146246127401301, 1e-15);
      expect(normalCdf(-1)).to.be.closeTo(0.15865525393145705, 1e-15);
      expect(normalCdf(1.5)).to.be.closeTo(0.93319279873114191, 1e-15);
      expect(normalCdf(-0.1)).to.be.closeTo(0.46017216272297101, 1e-15);
    });

    // R's pt switches to a normal approximation above 4e5 df, so these come from pbeta:
    // 0.5 * pbeta(t^2 / (df + t^2), 0.5, df / 2, lower.tail = FALSE).
    it('keeps 10 digits of Student t with tens of millions of degrees of freedom', function () {
      expectRelative(studentTCdf(-1.2, 3e7), 0.11506967495984807, 1e-10);
      expectRelative(studentTCdf(-1, 1e7), 0.15865526602999316, 1e-10);
    });

    it('keeps 10 digits of F with huge degrees of freedom on either side (R: pf)', function () {
      expectRelative(fCdf(1.5, 3, 1e8), 0.78770970561554676, 1e-10);
      expectRelative(fCdf(1.001, 2e6, 2e6), 0.76014011852323415, 1e-10);
    });

    it('keeps 10 digits of F with a vanishingly small degree of freedom (R: pf(2, 3, 2e-5))', function () {
      expectRelative(fCdf(2, 3, 2e-5), 0.0001199712095324467, 1e-10);
    });

    // R: p <- 1 - 1e-12; qf(1 - p, 5, 10, lower.tail = FALSE) reads the same double as p here.
    it('finds F quantiles 1e-12 from either end without losing the tail to rounding (R: qf)', function () {
      expectRelative(fQuantile(1e-12, 5, 10), 8.972139666774126e-6, 1e-10);
      expectRelative(fQuantile(1 - 1e-12, 5, 10), 819.54320819126201, 1e-10);
    });
  });

  describe('what it refuses and says why', function () {
    it('names the argument that is wrong and the value it got', function () {
      expect(() => normalCdf(Number.NaN)).to.throw(RangeError, 'normalCdf needs a number');
      expect(() => studentTCdf(Number.NaN, 3)).to.throw(RangeError, 'studentTCdf needs a number');
      expect(() => studentTCdf(1, 0)).to.throw(RangeError, 'df must be a positive finite number, got 0');
      expect(() => studentTQuantile(0.5, -1)).to.throw(RangeError, 'df must be a positive finite number, got -1');
      expect(() => studentTQuantile(1.5, 4)).to.throw(RangeError, 'probability must lie in [0, 1], got 1.5');
      expect(() => fCdf(Number.NaN, 3, 4)).to.throw(RangeError, 'fCdf needs a number');
      expect(() => fCdf(1, 0, 4)).to.throw(RangeError, 'df1 must be a positive finite number, got 0');
      expect(() => fCdf(1, 3, Infinity)).to.throw(RangeError, 'df2 must be a positive finite number, got Infinity');
      expect(() => fQuantile(0.5, -2, 4)).to.throw(RangeError, 'df1 must be a positive finite number, got -2');
      expect(() => fQuantile(0.5, 3, 0)).to.throw(RangeError, 'df2 must be a positive finite number, got 0');
      expect(() => fQuantile(-0.5, 3, 4)).to.throw(RangeError, 'probability must lie in [0, 1], got -0.5');
    });

    it('gives F probability 0 for any negative value, however far below zero', function () {
      expect(fCdf(-2, 3, 4)).to.equal(0);
      expect(fCdf(-1e6, 3, 4)).to.equal(0);
      expect(fCdf(-Infinity, 3, 4)).to.equal(0);
    });
  });
});
