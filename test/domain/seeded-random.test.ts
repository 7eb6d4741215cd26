import { expect } from 'chai';
import { SeededRandom } from '../../server/domain/seeded-random.js';

function draws<T>(count: number, draw: () => T): T[] {
  return Array.from({ length: count }, draw);
}

function meanOf(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function sdOf(values: readonly number[]): number {
  const centre = meanOf(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - centre) ** 2, 0) / (values.length - 1));
}

describe('seeded random (mulberry32)', function () {
  // The demo data and the calibration figures are only reproducible on other machines if the
  // stream is mulberry32's own: these values come from the reference implementation.
  it('gives the published mulberry32 stream for seed 1', function () {
    const random = new SeededRandom(1);
    expect(draws(4, () => random.next())).to.deep.equal([
      0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741,
    ]);
  });

  it('gives the same stream for the calibration seed on every run, and a different one for another seed', function () {
    const a = new SeededRandom(20261202);
    const b = new SeededRandom(20261202);
    expect(draws(3, () => a.next())).to.deep.equal([0.8743481677956879, 0.8708755387924612, 0.30782697279937565]);
    expect(draws(3, () => b.next())).to.deep.equal([0.8743481677956879, 0.8708755387924612, 0.30782697279937565]);
    const zero = new SeededRandom(0);
    expect(draws(2, () => zero.next())).to.deep.equal([0.26642920868471265, 0.0003297457005828619]);
  });

  it('treats a seed as a 32-bit unsigned number, so -1 and 4294967295 are the same seed', function () {
    const negative = new SeededRandom(-1);
    const unsigned = new SeededRandom(4294967295);
    expect(draws(5, () => negative.next())).to.deep.equal(draws(5, () => unsigned.next()));
  });

  it('draws uniformly in [0, 1): mean about 1/2, variance about 1/12, never 1', function () {
    const random = new SeededRandom(99);
    const values = draws(4000, () => random.next());
    expect(Math.min(...values)).to.be.at.least(0);
    expect(Math.max(...values)).to.be.below(1);
    expect(meanOf(values)).to.be.closeTo(0.5, 0.02);
    expect(sdOf(values) ** 2).to.be.closeTo(1 / 12, 0.005);
  });

  it('rolls a die with int(1, 6): both ends included, nothing outside them', function () {
    expect(
      draws(
        12,
        (
          (random) => () =>
            random.int(1, 6)
        )(new SeededRandom(42)),
      ),
    ).to.deep.equal([4, 3, 6, 5, 2, 4, 2, 4, 6, 3, 2, 6]);
    const random = new SeededRandom(8);
    const rolls = draws(3000, () => random.int(1, 6));
    const counts = [1, 2, 3, 4, 5, 6].map((face) => rolls.filter((roll) => roll === face).length);
    expect(rolls.every((roll) => Number.isInteger(roll) && roll >= 1 && roll <= 6)).to.equal(true);
    // 500 expected per face; 400-600 is over four standard deviations either side.
    for (const count of counts) expect(count).to.be.within(400, 600);
  });

  it('draws whole numbers across zero with int(-2, 2), and always the one value of int(3, 3)', function () {
    const random = new SeededRandom(3);
    expect(draws(10, () => random.int(-2, 2))).to.deep.equal([1, -2, 0, -2, 1, 0, 0, -2, -1, 0]);
    const fixed = new SeededRandom(3);
    expect(draws(20, () => fixed.int(3, 3)).every((value) => value === 3)).to.equal(true);
  });

  it('draws a Box-Muller normal from two uniforms, shifted and scaled by mean and sd', function () {
    expect(new SeededRandom(5).normal()).to.equal(0.21789461927371653);
    expect(new SeededRandom(5).normal(10, 2)).to.equal(10.435789238547432);
  });

  it('has the mean and SD it is asked for over a few thousand draws, and is never infinite', function () {
    const random = new SeededRandom(2026);
    const standard = draws(4000, () => random.normal());
    expect(standard.every(Number.isFinite)).to.equal(true);
    expect(meanOf(standard)).to.be.closeTo(0, 0.06);
    expect(sdOf(standard)).to.be.closeTo(1, 0.04);
    const scores = draws(4000, () => random.normal(3.5, 0.6));
    expect(meanOf(scores)).to.be.closeTo(3.5, 0.04);
    expect(sdOf(scores)).to.be.closeTo(0.6, 0.03);
    // About 95% of a normal lies within 1.96 SD of its mean.
    const inside = standard.filter((value) => Math.abs(value) < 1.96).length / standard.length;
    expect(inside).to.be.closeTo(0.95, 0.015);
  });

  it('picks any element of a list, and only elements of it', function () {
    const dimensions = ['Fiducia', 'Coinvolgimento', 'Coesione'];
    const random = new SeededRandom(11);
    expect(draws(8, () => random.pick(dimensions))).to.deep.equal([
      'Coinvolgimento',
      'Coinvolgimento',
      'Coinvolgimento',
      'Coinvolgimento',
      'Coesione',
      'Coinvolgimento',
      'Fiducia',
      'Coinvolgimento',
    ]);
    const many = draws(300, () => random.pick(dimensions));
    expect(new Set(many)).to.deep.equal(new Set(dimensions));
    expect(new SeededRandom(1).pick(['only one'])).to.equal('only one');
  });

  it('shuffles a copy (Fisher-Yates), leaving the list it was given as it was', function () {
    const rows = ['a', 'b', 'c', 'd', 'e', 'f'];
    const shuffled = new SeededRandom(7).shuffle(rows);
    expect(shuffled).to.deep.equal(['e', 'b', 'c', 'd', 'f', 'a']);
    expect(rows).to.deep.equal(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(new SeededRandom(7).shuffle([])).to.deep.equal([]);
    expect(new SeededRandom(7).shuffle(['solo'])).to.deep.equal(['solo']);
  });

  it('uses one draw per swap, so whatever is drawn after a shuffle is reproducible', function () {
    const random = new SeededRandom(7);
    random.shuffle(['a', 'b', 'c', 'd', 'e', 'f']);
    // Five swaps for six items: the next draw is the stream's sixth value.
    expect(random.next()).to.equal(0.4055216880515218);
  });

  it('puts every item in every position about equally often', function () {
    const random = new SeededRandom(12);
    const firsts = new Map<string, number>();
    const lasts = new Map<string, number>();
    for (let i = 0; i < 1200; i += 1) {
      const order = random.shuffle(['a', 'b', 'c', 'd']);
      firsts.set(order[0]!, (firsts.get(order[0]!) ?? 0) + 1);
      lasts.set(order[3]!, (lasts.get(order[3]!) ?? 0) + 1);
    }
    for (const letter of ['a', 'b', 'c', 'd']) {
      // 300 expected in each position.
      expect(firsts.get(letter)).to.be.within(240, 360);
      expect(lasts.get(letter)).to.be.within(240, 360);
    }
  });
});
