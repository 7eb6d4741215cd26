import { expect } from 'chai';
import { DomainError } from '../../../server/domain/errors.js';
import {
  classifyChange,
  classifyParticipation,
  DEFAULT_STATUS_THRESHOLDS,
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
});
