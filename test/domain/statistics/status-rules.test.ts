import { expect } from 'chai';
import { DomainError } from '../../../server/domain/errors.js';
import {
  classifyChange,
  classifyParticipation,
  DEFAULT_STATUS_THRESHOLDS,
  isTestable,
  pointsOnScale,
  resolveStatusThresholds,
  type TestedChange,
} from '../../../server/domain/statistics/status-rules.js';

const FIVE = { min: 1, max: 5 };
// At a round alpha, so the boundaries read plainly; the default is whatever calibration chose.
const T = { ...DEFAULT_STATUS_THRESHOLDS, alpha: 0.05, watchAlpha: 0.2 };
const change = (meanChange: number, pFallAdjusted: number | null, pRiseAdjusted: number | null = 1): TestedChange => ({
  linked: 12,
  meanChange,
  pFallAdjusted,
  pRiseAdjusted,
});

describe('statistics/status-rules', () => {
  describe('classifyChange', () => {
    it('calls a clear fall of at least minChange co-destruction, with the boundary of p excluded', () => {
      expect(classifyChange(change(-0.6, 0.0499), FIVE, T)).to.deep.equal({
        status: 'co-destruction',
        signals: ['fall'],
      });
      expect(classifyChange(change(-0.6, 0.05), FIVE, T)).to.deep.equal({
        status: 'watch',
        signals: ['possible-fall'],
      });
    });

    it('counts a fall of exactly minChange, even reached through floating-point arithmetic', () => {
      expect(classifyChange(change(3.25 - 3.5, 0.01), FIVE, T).status).to.equal('co-destruction');
      expect(classifyChange(change(-0.2499, 0.01), FIVE, T)).to.deep.equal({
        status: 'stable',
        signals: ['small-change'],
      });
    });

    it('watches a fall that passes only the looser level, and only when it is large enough', () => {
      expect(classifyChange(change(-0.3, 0.1999), FIVE, T)).to.deep.equal({
        status: 'watch',
        signals: ['possible-fall'],
      });
      expect(classifyChange(change(-0.3, 0.2), FIVE, T)).to.deep.equal({ status: 'stable', signals: [] });
      expect(classifyChange(change(-0.2, 0.1), FIVE, T)).to.deep.equal({ status: 'stable', signals: [] });
    });

    it('mirrors co-destruction for co-creation, at the same level and size', () => {
      expect(classifyChange(change(0.25, 1, 0.0499), FIVE, T)).to.deep.equal({
        status: 'co-creation',
        signals: ['rise'],
      });
      expect(classifyChange(change(0.25, 1, 0.05), FIVE, T)).to.deep.equal({ status: 'stable', signals: [] });
      expect(classifyChange(change(0.2, 1, 0.001), FIVE, T)).to.deep.equal({
        status: 'stable',
        signals: ['small-change'],
      });
    });

    it("maps minChange onto the questionnaire's own range", () => {
      const sevenPoint = { min: 1, max: 7 };
      expect(pointsOnScale(0.25, sevenPoint)).to.equal(0.375);
      expect(classifyChange(change(-0.3, 0.01), sevenPoint, T).status).to.equal('stable');
      expect(classifyChange(change(-0.375, 0.01), sevenPoint, T).status).to.equal('co-destruction');
    });
  });

  describe('classifyParticipation', () => {
    const rate = (invited: number, submitted: number) => submitted / invited;
    it('finds a drop of exactly the threshold falling, and one just under it not', () => {
      expect(
        classifyParticipation({ invited: 20, rate: rate(20, 11), previousInvited: 20, previousRate: rate(20, 14) }, T),
      ).to.equal('falling');
      expect(classifyParticipation({ invited: 100, rate: 0.61, previousInvited: 100, previousRate: 0.75 }, T)).to.equal(
        'ok',
      );
    });

    it('finds a rate under the floor low, and one exactly on it not', () => {
      expect(classifyParticipation({ invited: 10, rate: 0.4, previousInvited: null, previousRate: null }, T)).to.equal(
        'low',
      );
      expect(classifyParticipation({ invited: 10, rate: 0.5, previousInvited: null, previousRate: null }, T)).to.equal(
        'ok',
      );
    });

    it('does not judge groups under the minimum size, nor falls from one', () => {
      expect(classifyParticipation({ invited: 4, rate: 0.25, previousInvited: 4, previousRate: 1 }, T)).to.equal(
        'too-few',
      );
      expect(classifyParticipation({ invited: 5, rate: 0.6, previousInvited: 4, previousRate: 1 }, T)).to.equal('ok');
      expect(classifyParticipation({ invited: 0, rate: null, previousInvited: null, previousRate: null }, T)).to.equal(
        null,
      );
    });
  });

  describe('resolveStatusThresholds', () => {
    it('applies overrides and ignores names the rules no longer have', () => {
      const resolved = resolveStatusThresholds({ alpha: 0.1, watchAlpha: 0.3, lowMean: 3, gapG: 0.5 });
      expect(resolved).to.deep.equal({ ...DEFAULT_STATUS_THRESHOLDS, alpha: 0.1, watchAlpha: 0.3 });
    });

    it('refuses values the rules cannot use, naming each', () => {
      try {
        resolveStatusThresholds({ alpha: 1, minLinked: 2.5, minChange: -1 });
        expect.fail('should have thrown');
      } catch (error) {
        expect(error).to.be.instanceOf(DomainError);
        expect((error as DomainError).code).to.equal('VALIDATION');
        expect((error as DomainError).problems.map((p) => p.where)).to.deep.equal(['alpha', 'minChange', 'minLinked']);
      }
      expect(() => resolveStatusThresholds({ alpha: 0.1, watchAlpha: 0.05 })).to.throw(DomainError);
      // One linked person leaves nothing to test with; two is the least.
      expect(() => resolveStatusThresholds({ minLinked: 1 })).to.throw(DomainError);
      expect(resolveStatusThresholds({ minLinked: 2 }).minLinked).to.equal(2);
    });
  });

  describe('the default thresholds, each just below, at and just above its value', () => {
    const D = DEFAULT_STATUS_THRESHOLDS;
    it('tests a change from 5 linked people, not 4', () => {
      expect([4, 5, 6].map((linked) => isTestable(linked, D))).to.deep.equal([false, true, true]);
    });

    it('calls a fall clear under a corrected p of 0.04, not at it', () => {
      expect([0.0399, 0.04, 0.0401].map((p) => classifyChange(change(-0.5, p), FIVE, D).status)).to.deep.equal([
        'co-destruction',
        'watch',
        'watch',
      ]);
      expect([0.0399, 0.04, 0.0401].map((p) => classifyChange(change(0.5, 1, p), FIVE, D).status)).to.deep.equal([
        'co-creation',
        'stable',
        'stable',
      ]);
    });

    it('watches a fall under a corrected p of 0.21, not at it', () => {
      expect([0.2099, 0.21, 0.2101].map((p) => classifyChange(change(-0.5, p), FIVE, D).status)).to.deep.equal([
        'watch',
        'stable',
        'stable',
      ]);
    });

    it('counts a change from 0.25 points on a 1-5 scale', () => {
      expect([-0.2499, -0.25, -0.2501].map((m) => classifyChange(change(m, 0.001), FIVE, D))).to.deep.equal([
        { status: 'stable', signals: ['small-change'] },
        { status: 'co-destruction', signals: ['fall'] },
        { status: 'co-destruction', signals: ['fall'] },
      ]);
      expect([0.2499, 0.25, 0.2501].map((m) => classifyChange(change(m, 1, 0.001), FIVE, D).status)).to.deep.equal([
        'stable',
        'co-creation',
        'co-creation',
      ]);
      expect([-0.2499, -0.25].map((m) => classifyChange(change(m, 0.1), FIVE, D).status)).to.deep.equal([
        'stable',
        'watch',
      ]);
    });

    it('finds participation falling from a drop of 0.15, low under a rate of 0.5, judged from 5 invited', () => {
      const drop = (d: number) =>
        classifyParticipation({ invited: 100, rate: 0.8 - d, previousInvited: 100, previousRate: 0.8 }, D);
      expect([0.1499, 0.15, 0.1501].map(drop)).to.deep.equal(['ok', 'falling', 'falling']);
      const floor = (rate: number) =>
        classifyParticipation({ invited: 100, rate, previousInvited: null, previousRate: null }, D);
      expect([0.4999, 0.5, 0.5001].map(floor)).to.deep.equal(['low', 'ok', 'ok']);
      const size = (invited: number) =>
        classifyParticipation({ invited, rate: 0.2, previousInvited: invited, previousRate: 1 }, D);
      expect([4, 5, 6].map(size)).to.deep.equal(['too-few', 'falling', 'falling']);
      const previousSize = (previousInvited: number) =>
        classifyParticipation({ invited: 10, rate: 0.6, previousInvited, previousRate: 1 }, D);
      expect([4, 5, 6].map(previousSize)).to.deep.equal(['ok', 'falling', 'falling']);
    });
  });

  describe('what no test of a cut-off reaches', () => {
    it('classifies a change without a p (no residual variation to test) as stable, whatever its size', () => {
      expect(classifyChange(change(-2, null, null), FIVE, T)).to.deep.equal({ status: 'stable', signals: [] });
      expect(classifyChange(change(2, null, null), FIVE, T)).to.deep.equal({ status: 'stable', signals: [] });
    });

    it('judges no participation without a rate, or with nobody invited', () => {
      expect(classifyParticipation({ invited: 10, rate: null, previousInvited: 10, previousRate: 1 }, T)).to.equal(
        null,
      );
      expect(classifyParticipation({ invited: 0, rate: 0, previousInvited: 10, previousRate: 1 }, T)).to.equal(null);
    });

    it('finds no fall without a previous rate or a previous invited count', () => {
      expect(classifyParticipation({ invited: 10, rate: 0.6, previousInvited: 10, previousRate: null }, T)).to.equal(
        'ok',
      );
      expect(classifyParticipation({ invited: 10, rate: 0.6, previousInvited: null, previousRate: 1 }, T)).to.equal(
        'ok',
      );
    });

    it('accepts each kind of threshold at the ends of its range and refuses just beyond, saying why', () => {
      const problems = (overrides: Record<string, unknown>) => {
        try {
          resolveStatusThresholds(overrides);
          return [];
        } catch (error) {
          return (error as DomainError).problems.map((p) => `${p.where}: ${p.message}`);
        }
      };
      // Probabilities lie strictly between 0 and 1.
      expect(problems({ alpha: 0, watchAlpha: 0.5 })).to.deep.equal(['alpha: must lie between 0 and 1']);
      expect(problems({ alpha: 0.001, watchAlpha: 0.999 })).to.deep.equal([]);
      expect(problems({ watchAlpha: 1 })).to.deep.equal(['watchAlpha: must lie between 0 and 1']);
      // Proportions may be 0 or 1 themselves.
      expect(problems({ responseRateDrop: 0, responseRateFloor: 1 })).to.deep.equal([]);
      expect(problems({ responseRateDrop: -0.01 })).to.deep.equal(['responseRateDrop: must lie between 0 and 1']);
      expect(problems({ responseRateFloor: 1.01 })).to.deep.equal(['responseRateFloor: must lie between 0 and 1']);
      // Counts are whole numbers from 1.
      expect(problems({ followUpWaves: 1, participationMinInvited: 1 })).to.deep.equal([]);
      expect(problems({ followUpWaves: 0 })).to.deep.equal(['followUpWaves: must be a whole number of at least 1']);
      expect(problems({ participationMinInvited: 1.5 })).to.deep.equal([
        'participationMinInvited: must be a whole number of at least 1',
      ]);
      expect(problems({ minLinked: 2.5 })).to.deep.equal(['minLinked: must be a whole number of at least 2']);
      // Points lie from 0 to 4 on the 1-5 scale.
      expect(problems({ minChange: 0 })).to.deep.equal([]);
      expect(problems({ minChange: 4 })).to.deep.equal([]);
      expect(problems({ minChange: 4.01 })).to.deep.equal(['minChange: must lie between 0 and 4 points']);
      expect(problems({ minChange: -0.01 })).to.deep.equal(['minChange: must lie between 0 and 4 points']);
      // Not numbers at all.
      expect(problems({ alpha: Number.NaN, followUpWaves: 'three' })).to.deep.equal([
        'alpha: must be a number',
        'followUpWaves: must be a number',
      ]);
      expect(problems({ minChange: Infinity })).to.deep.equal(['minChange: must be a number']);
      // watch may be as strict as the budget itself, not stricter.
      expect(problems({ alpha: 0.1, watchAlpha: 0.1 })).to.deep.equal([]);
      expect(problems({ alpha: 0.1, watchAlpha: 0.09 })).to.deep.equal(['watchAlpha: must not be below alpha']);
    });

    it('names the refusal as a validation error with a message', () => {
      try {
        resolveStatusThresholds({ alpha: 2 });
        expect.fail('should have thrown');
      } catch (error) {
        expect((error as DomainError).message).to.equal('invalid status thresholds');
      }
    });
  });

  describe('the 1e-9 slack that keeps rounding from moving a cut-off', function () {
    const D = DEFAULT_STATUS_THRESHOLDS;
    it('counts a change short of 0.25 points by no more than the slack, and not one a little further', function () {
      expect(classifyChange(change(-0.249999999, 0.001), FIVE, D).status).to.equal('co-destruction');
      expect(classifyChange(change(-0.249999998, 0.001), FIVE, D).status).to.equal('stable');
      expect(classifyChange(change(0.249999999, 1, 0.001), FIVE, D).status).to.equal('co-creation');
      expect(classifyChange(change(0.249999998, 1, 0.001), FIVE, D).status).to.equal('stable');
    });

    it('finds participation falling at a drop short of 0.15 by no more than the slack', function () {
      // 0.449999999 - 0.3 is 0.149999999 to the last bit, the cut-off less its slack.
      const at = { invited: 20, rate: 0.3, previousInvited: 20, previousRate: 0.449999999 };
      expect(classifyParticipation(at, D)).to.equal('falling');
      expect(classifyParticipation({ ...at, previousRate: 0.449999998 }, D)).to.equal('low');
    });

    it('calls a rate short of 0.5 by no more than the slack not low', function () {
      const at = (rate: number) =>
        classifyParticipation({ invited: 30, rate, previousInvited: null, previousRate: null }, D);
      expect(at(0.499999999)).to.equal('ok');
      expect(at(0.499999998)).to.equal('low');
    });

    it('never finds a group falling without a previous rate, even when any drop would count', function () {
      const anyDrop = { ...D, responseRateDrop: 0 };
      expect(
        classifyParticipation({ invited: 12, rate: 0, previousInvited: 12, previousRate: null }, anyDrop),
      ).to.equal('low');
      expect(
        classifyParticipation({ invited: 12, rate: 0.6, previousInvited: 12, previousRate: 0.6 }, anyDrop),
      ).to.equal('falling');
    });
  });
});
