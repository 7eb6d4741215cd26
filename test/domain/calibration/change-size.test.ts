import { expect } from 'chai';
import { coreInstrument } from '../../../bench/calibration.js';
import { changeSize } from '../../../server/domain/calibration/change-size.js';
import {
  DEFAULT_MODEL,
  type ModelParameters,
  type SimulatedGroup,
  type SimulationDesign,
} from '../../../server/domain/calibration/simulation-model.js';

describe('calibration/change-size', function () {
  this.timeout(60_000);
  const instrument = coreInstrument();
  const caregivers = (means: SimulatedGroup['means']): SimulatedGroup => ({
    id: 'caregiver',
    label: 'Caregiver familiari',
    size: 20,
    means,
  });
  const design = (
    model: Partial<ModelParameters>,
    groups: SimulatedGroup[] = [caregivers({ trust: 3 })],
  ): SimulationDesign => ({ instrument, groups, waves: 4, model: { ...DEFAULT_MODEL, ...model }, changes: [] });

  it('measures the default model as docs/methods.md states it: within-person SD about 0.52, ICC about 0.53', function () {
    const size = changeSize(design({}, [caregivers({ trust: 3.7 })]), 'caregiver', 'trust', -0.8, 20261202);
    expect(size.withinPersonSd).to.be.closeTo(0.52, 0.015);
    expect(size.icc).to.be.closeTo(0.53, 0.025);
    // 0.8 SD is about 0.42 points, and the latent fall has to be a little larger than the observed one.
    expect(size.observedShift).to.be.closeTo(-0.8 * size.withinPersonSd, 1e-3);
    expect(size.latentShift).to.be.within(-0.5, size.observedShift);
  });

  it('finds no between-person share when people differ only from wave to wave', function () {
    // Scores are round(3 + 0.5 z) on every item: their SD is 0.5705 (from the normal distribution).
    const still = { personSd: 0, itemSd: 0, missingItems: [0, 0] as [number, number], waveSd: 0.5 };
    const size = changeSize(design(still), 'caregiver', 'trust', -1, 3);
    expect(size.withinPersonSd).to.be.closeTo(0.5705, 0.01);
    expect(size.icc).to.be.below(0.03);
    expect(size.observedShift).to.be.closeTo(-size.withinPersonSd, 1e-3);
  });

  it('has nothing to size a change by when people never vary from wave to wave', function () {
    const steady = { waveSd: 0, itemSd: 0, missingItems: [0, 0] as [number, number], personSd: 1 };
    expect(changeSize(design(steady), 'caregiver', 'trust', -1, 3)).to.deep.equal({
      withinPersonSd: 0,
      icc: 1,
      latentShift: 0,
      observedShift: 0,
    });
  });

  it('makes a score noisier when more of its items go unanswered', function () {
    // Item noise only: five answered items of round(3 + 0.8 z) give a score SD of about 0.378.
    const items = { personSd: 0, waveSd: 0, itemSd: 0.8 };
    const complete = changeSize(design({ ...items, missingItems: [0, 0] }), 'caregiver', 'trust', -1, 3);
    expect(complete.withinPersonSd).to.be.closeTo(0.378, 0.01);
    // 10-70% unanswered leaves about three or four of five items, and a score needs three.
    const gappy = changeSize(design({ ...items, missingItems: [0.1, 0.7] }), 'caregiver', 'trust', -1, 3);
    expect(gappy.withinPersonSd).to.be.within(0.42, 0.46);
  });

  it('leaves out people with no usable score, when most answer too few items in most waves', function () {
    // With 70% of items unanswered, a usable score mostly rests on three items: SD about 0.378 x sqrt(5/3) = 0.488.
    const sparse = { personSd: 0, waveSd: 0, itemSd: 0.8, missingItems: [0.7, 0.7] as [number, number] };
    const size = changeSize(design(sparse), 'caregiver', 'trust', -1, 3);
    expect(size.withinPersonSd).to.be.closeTo(0.488, 0.015);
    expect(size.observedShift).to.be.closeTo(-size.withinPersonSd, 1e-3);
  });

  it("sizes a change at the chosen group's own level: a rise near the top of the scale needs a larger latent move", function () {
    const groups = [
      caregivers({ trust: 3 }),
      { id: 'provider', label: 'Service providers', size: 10, means: { trust: 4.6 } },
    ];
    const midScale = changeSize(design({}, groups), 'caregiver', 'trust', 1, 5);
    const nearTop = changeSize(design({}, groups), 'provider', 'trust', 1, 5);
    expect(midScale.latentShift).to.be.within(midScale.observedShift, midScale.observedShift + 0.1);
    expect(nearTop.latentShift).to.be.above(midScale.latentShift + 0.2);
    expect(nearTop.observedShift).to.be.closeTo(nearTop.withinPersonSd, 1e-3);
  });

  it('puts a dimension the group names no mean for at 3.5', function () {
    const unnamed = changeSize(design({}, [caregivers({})]), 'caregiver', 'trust', -1, 6);
    const named = changeSize(design({}, [caregivers({ trust: 3.5 })]), 'caregiver', 'trust', -1, 6);
    expect(unnamed).to.deep.equal(named);
  });

  it('does not move a latent level for a change of size 0', function () {
    const size = changeSize(design({}), 'caregiver', 'trust', 0, 4);
    expect(size.latentShift).to.equal(0);
    expect(size.observedShift).to.equal(0);
  });

  it('refuses a group the design does not have', function () {
    expect(() => changeSize(design({}), 'volontari', 'trust', -1, 1)).to.throw(
      RangeError,
      'no group volontari in the design',
    );
  });
});
