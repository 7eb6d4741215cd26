import { expect } from 'chai';
import { classifyCell } from '../../../server/domain/statistics/classification.js';
import { resolveFlagThresholds } from '../../../server/domain/statistics/flag-rules.js';
import { cell } from '../../helpers/cell-evidence.js';

const SIGNIFICANT_DECLINE = { pairs: 20, meanChange: -0.8, pAdjusted: 0.001 };
const SIGNIFICANT_RISE = { pairs: 20, meanChange: 0.6, pAdjusted: 0.01 };
const WIDENING = [{ otherGroup: 'providers', g: 0.9, previousG: 0.3 }];

function computed(deteriorated: number, pairs: number, improved = 0) {
  return { status: 'computed' as const, deteriorated, improved, pairs };
}

describe('statistics/classification', () => {
  describe('co-destruction', () => {
    it('F1 with F2', () => {
      const result = classifyCell(cell({ mean: 2.6, previousMean: 3.4, change: SIGNIFICANT_DECLINE }));
      expect(result).to.include({ status: 'co-destruction', rule: 'low-level-with-decline' });
      expect(result.flags.map((flag) => flag.code)).to.deep.equal(['F1', 'F2']);
    });

    it('F1 with F3', () => {
      const result = classifyCell(cell({ mean: 2.6, reliable: computed(4, 20) }));
      expect(result).to.include({ status: 'co-destruction', rule: 'low-level-with-decline' });
    });

    it('any three flags, F1 not needed', () => {
      const result = classifyCell(
        cell({ mean: 3.6, change: SIGNIFICANT_DECLINE, gaps: WIDENING, responseRate: 0.4, previousResponseRate: 0.7 }),
      );
      expect(result).to.include({ status: 'co-destruction', rule: 'three-flags' });
      expect(result.flags.map((flag) => flag.code)).to.deep.equal(['F2', 'F4', 'F5']);
    });
  });

  describe('watch', () => {
    it('a single flag', () => {
      expect(classifyCell(cell({ change: SIGNIFICANT_DECLINE }))).to.include({ status: 'watch', decliningBorderline: false });
      expect(classifyCell(cell({ mean: 4.5, previousMean: 4.5, responseRate: 0.3 })).status).to.equal('watch');
    });

    it('two flags that do not make co-destruction', () => {
      const result = classifyCell(cell({ mean: 2.8, gaps: WIDENING }));
      expect(result.status).to.equal('watch');
      expect(result.flags.map((flag) => flag.code)).to.deep.equal(['F1', 'F4']);
    });

    it('a mean in 3.0-3.49 that declined, without any flag', () => {
      const result = classifyCell(cell({ mean: 3.4, previousMean: 3.6 }));
      expect(result).to.deep.equal({ status: 'watch', flags: [], decliningBorderline: true });
      expect(classifyCell(cell({ mean: 3.0, previousMean: 3.2 })).status).to.equal('watch');
    });

    it('not for a band mean that held or rose, or a declining mean from 3.5 up', () => {
      expect(classifyCell(cell({ mean: 3.4, previousMean: 3.4 })).status).to.equal('stable');
      expect(classifyCell(cell({ mean: 3.4, previousMean: 3.2 })).status).to.equal('stable');
      expect(classifyCell(cell({ mean: 3.5, previousMean: 3.9 })).status).to.equal('stable');
      expect(classifyCell(cell({ mean: 3.4, previousMean: null })).status).to.equal('stable');
    });
  });

  describe('co-creation', () => {
    it('mean ≥ 4.0 with a significant improvement', () => {
      const result = classifyCell(cell({ mean: 4.2, previousMean: 3.6, change: SIGNIFICANT_RISE }));
      expect(result).to.deep.equal({
        status: 'co-creation',
        flags: [],
        evidence: [{ kind: 'significant-improvement', meanChange: 0.6, pAdjusted: 0.01, pairs: 20 }],
      });
    });

    it('mean ≥ 4.0 with a reliable improvement', () => {
      const result = classifyCell(cell({ mean: 4.0, previousMean: 3.7, reliable: computed(0, 10, 2) }));
      expect(result).to.deep.equal({
        status: 'co-creation',
        flags: [],
        evidence: [{ kind: 'reliable-improvement', improved: 2, pairs: 10, share: 0.2 }],
      });
    });

    it('4.0 or more held for two waves', () => {
      const result = classifyCell(cell({ mean: 4.1, previousMean: 4.0 }));
      expect(result).to.deep.equal({
        status: 'co-creation',
        flags: [],
        evidence: [{ kind: 'held-strength', previousMean: 4.0, mean: 4.1 }],
      });
    });

    it('needs the same evidence as a decline would', () => {
      expect(classifyCell(cell({ mean: 4.2, previousMean: 3.6, change: { ...SIGNIFICANT_RISE, pAdjusted: 0.05 } })).status).to.equal('stable');
      expect(classifyCell(cell({ mean: 4.2, previousMean: 3.6, change: { ...SIGNIFICANT_RISE, pairs: 4 } })).status).to.equal('stable');
      expect(classifyCell(cell({ mean: 4.2, previousMean: 3.6, reliable: computed(0, 11, 2) })).status).to.equal('stable');
      expect(classifyCell(cell({ mean: 4.2, previousMean: 3.6, reliable: computed(0, 3, 1) })).status).to.equal('stable');
    });

    it('not below 4.0, whatever the improvement', () => {
      expect(classifyCell(cell({ mean: 3.9, previousMean: 3.2, change: SIGNIFICANT_RISE })).status).to.equal('stable');
      expect(classifyCell(cell({ mean: 3.99, previousMean: 4.5 })).status).to.equal('stable');
    });

    it('not with any flag raised', () => {
      expect(classifyCell(cell({ mean: 4.5, previousMean: 4.5, gaps: WIDENING })).status).to.equal('watch');
    });
  });

  describe('stable', () => {
    it('everything else', () => {
      expect(classifyCell(cell())).to.deep.equal({ status: 'stable', flags: [] });
      expect(classifyCell(cell({ mean: 4.0, previousMean: 3.9 })).status).to.equal('stable');
    });
  });

  describe('the first wave', () => {
    const first = { isFirstWave: true, previousMean: null, previousResponseRate: null };

    it('cannot be co-creation: there is nothing to improve on or hold', () => {
      expect(classifyCell(cell({ ...first, mean: 4.6 }))).to.deep.equal({ status: 'stable', flags: [] });
    });

    it('ignores change evidence and participation', () => {
      const result = classifyCell(
        cell({ ...first, mean: 2.5, change: SIGNIFICANT_DECLINE, reliable: computed(9, 20), responseRate: 0.2 }),
      );
      expect(result.status).to.equal('watch');
      expect(result.flags.map((flag) => flag.code)).to.deep.equal(['F1']);
    });

    it('watches a wide gap', () => {
      expect(classifyCell(cell({ ...first, gaps: [{ otherGroup: 'p', g: -0.5, previousG: null }] })).status).to.equal('watch');
    });
  });

  it('follows per-project thresholds', () => {
    const thresholds = resolveFlagThresholds({ strengthMean: 4.5, watchBandHigh: 3.9 });
    expect(classifyCell(cell({ mean: 4.2, previousMean: 4.2 }), thresholds).status).to.equal('stable');
    expect(classifyCell(cell({ mean: 4.6, previousMean: 4.5 }), thresholds).status).to.equal('co-creation');
    expect(classifyCell(cell({ mean: 3.8, previousMean: 3.85 }), thresholds)).to.include({ status: 'watch', decliningBorderline: true });
  });

  it('works on other scales', () => {
    const zeroToTen = { min: 0, max: 10 };
    expect(classifyCell(cell({ scale: zeroToTen, mean: 7.6, previousMean: 7.5 })).status).to.equal('co-creation');
    expect(classifyCell(cell({ scale: zeroToTen, mean: 5.5, previousMean: 6 })).status).to.equal('watch');
    expect(classifyCell(cell({ scale: zeroToTen, mean: 7.4, previousMean: 8 })).status).to.equal('stable');
  });
});
