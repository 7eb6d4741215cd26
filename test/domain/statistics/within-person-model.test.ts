import { expect } from 'chai';
import {
  rowsByPerson,
  withinPersonChange,
  withinPersonChangeOf,
  type Observation,
} from '../../../server/domain/statistics/within-person-model.js';

/** An unbalanced panel: people skip waves, join late, answer once. Rows in wave-then-person order. */
const PANEL: [person: number, wave: number, score: number][] = [
  [1, 0, 4],
  [1, 1, 4.2],
  [1, 2, 3.4],
  [2, 0, 3.6],
  [2, 1, 3.8],
  [2, 2, 3.0],
  [3, 0, 4.4],
  [3, 2, 3.6],
  [4, 0, 2.8],
  [4, 1, 3.2],
  [4, 2, 2.6],
  [5, 1, 3.8],
  [5, 2, 3.4],
  [6, 0, 4.0],
  [6, 1, 3.6],
  [6, 2, 3.8],
  [7, 2, 3.0],
  [8, 0, 3.2],
  [8, 1, 3.4],
];
const observations = (rows: typeof PANEL): Observation[] =>
  rows.map(([person, wave, score]) => ({ person, wave, score }));

describe('statistics/within-person-model', () => {
  // R 4.2.2: m <- lm(score ~ factor(person) + factor(wave)); L = wave2 - wave1/2 (wave 0 is the
  // reference); est = sum(L*coef(m)), se = sqrt(t(L) %*% vcov(m) %*% L), df.residual(m) = 9.
  it("reproduces R's two-way least-squares contrast of the current wave against the earlier ones", () => {
    const change = withinPersonChange(observations(PANEL), 2)!;
    expect(change.linked).to.equal(6);
    expect(change.df).to.equal(9);
    expect(change.meanChange).to.be.closeTo(-0.49090909090909, 1e-12);
    expect(change.standardError).to.be.closeTo(0.120832739620466, 1e-12);
    expect(change.t).to.be.closeTo(-4.0627158868617, 1e-10);
    expect(change.pFall).to.be.closeTo(0.00141519589993751, 1e-12);
    expect(change.pRise).to.be.closeTo(0.998584804100062, 1e-12);
    expect(change.ciLow).to.be.closeTo(-0.764251738342058, 1e-10);
    expect(change.ciHigh).to.be.closeTo(-0.217566443476123, 1e-10);
  });

  it('is the paired t-test when there are two waves (R: t.test(x2, x1, paired = TRUE, alternative = "less"))', () => {
    const change = withinPersonChange(observations(PANEL.filter(([, wave]) => wave < 2)), 1)!;
    expect(change.linked).to.equal(5);
    expect(change.df).to.equal(4);
    expect(change.meanChange).to.be.closeTo(0.12, 1e-12);
    expect(change.t).to.be.closeTo(0.8846517369294, 1e-10);
    expect(change.pFall).to.be.closeTo(0.78684139603, 1e-10);
  });

  it('gives the same figures to the last bit whatever order the rows come in (ResponseTable numbers people by their answers)', () => {
    const reference = withinPersonChange(observations(PANEL), 2);
    const shuffled = [...PANEL].reverse();
    shuffled.push(shuffled.shift()!);
    expect(withinPersonChange(observations(shuffled), 2)).to.deep.equal(reference);
  });

  it('fits one group of a shared table, reading only the rows up to the current wave', () => {
    const rows = observations(PANEL);
    const other = rows.map((o) => ({ ...o, person: o.person + 50 }));
    const both = [...rows, ...other];
    const table = {
      length: both.length,
      person: both.map((o) => o.person),
      wave: both.map((o) => o.wave),
      score: both.map((o) => o.score),
      group: both.map((_, i) => (i < rows.length ? 0 : 1)),
    };
    expect(withinPersonChangeOf(table, 2, 0)).to.deep.equal(withinPersonChange(rows, 2));
  });

  it('gives the same fit when the table knows its rows by person, for every wave and group', () => {
    const rows = observations([...PANEL].sort((a, b) => a[1] - b[1]));
    const table = {
      length: rows.length,
      person: rows.map((o) => o.person),
      wave: rows.map((o) => o.wave),
      score: rows.map((o) => o.score),
      group: rows.map((o) => o.person % 2),
    };
    const indexed = { ...table, byPerson: rowsByPerson(table, 9) };
    for (const current of [1, 2])
      for (const group of [-1, 0, 1])
        expect(withinPersonChangeOf(indexed, current, group)).to.deep.equal(
          withinPersonChangeOf(table, current, group),
        );
    expect(() => rowsByPerson({ ...table, wave: [...table.wave].reverse() }, 9)).to.throw(RangeError);
  });

  it("ignores later waves, so a wave's result never changes when the next one comes in", () => {
    const later: typeof PANEL = [
      [1, 3, 1],
      [2, 3, 5],
      [4, 3, 1],
    ];
    expect(withinPersonChange(observations([...PANEL, ...later]), 2)).to.deep.equal(
      withinPersonChange(observations(PANEL), 2),
    );
  });

  it('is null without a linked person in the current wave, and untested without residual degrees of freedom', () => {
    expect(
      withinPersonChange(
        observations([
          [1, 0, 3],
          [2, 1, 4],
        ]),
        1,
      ),
    ).to.equal(null);
    expect(withinPersonChange([], 1)).to.equal(null);
    const single = withinPersonChange(
      observations([
        [1, 0, 3],
        [1, 1, 4],
      ]),
      1,
    )!;
    expect(single).to.include({ linked: 1, meanChange: 1, df: 0, t: null, pFall: null, pRise: null });
  });

  it('treats a change every person shares exactly as certain, in its direction only', () => {
    const fall = withinPersonChange(
      observations([
        [1, 0, 4],
        [1, 1, 3],
        [2, 0, 3],
        [2, 1, 2],
        [3, 0, 5],
        [3, 1, 4],
      ]),
      1,
    )!;
    expect(fall).to.include({ linked: 3, meanChange: -1, pFall: 0, pRise: 1, ciLow: -1, ciHigh: -1 });
    const none = withinPersonChange(
      observations([
        [1, 0, 4],
        [1, 1, 4],
        [2, 0, 3],
        [2, 1, 3],
      ]),
      1,
    )!;
    expect(none).to.include({ pFall: 1, pRise: 1 });
  });

  it('treats a rise every person shares as certain upward, with the residual degrees of freedom of the fit', () => {
    const rise = withinPersonChange(
      observations([
        [1, 0, 3],
        [1, 1, 4],
        [2, 0, 2],
        [2, 1, 3],
        [3, 0, 4],
        [3, 1, 5],
      ]),
      1,
    )!;
    // 6 scores, 3 person terms and 1 wave term: 2 residual degrees of freedom.
    expect(rise).to.include({ linked: 3, meanChange: 1, pFall: 1, pRise: 0, df: 2 });
  });

  it('refuses a score that is not a finite number', () => {
    expect(() =>
      withinPersonChange(
        [
          { person: 0, wave: 0, score: 3 },
          { person: 0, wave: 1, score: Number.NaN },
        ],
        1,
      ),
    ).to.throw(RangeError, 'statistics need finite numbers');
  });

  it('reads every row when no group is asked for, whatever group the rows carry', () => {
    const rows = observations(PANEL);
    const columns = {
      length: rows.length,
      person: rows.map((o) => o.person),
      wave: rows.map((o) => o.wave),
      score: rows.map((o) => o.score),
      group: rows.map((_, i) => i % 2),
    };
    expect(withinPersonChangeOf(columns, 2)).to.deep.equal(withinPersonChange(rows, 2));
  });

  it('refuses to index rows by person when they are not in wave order', () => {
    const columns = { length: 2, person: [0, 0], wave: [1, 0], score: [3, 4] };
    expect(() => rowsByPerson(columns, 1)).to.throw(RangeError, 'rowsByPerson needs rows in wave order');
  });
});

describe('statistics/within-person-model, panels as projects have them', function () {
  const fit = (rows: [person: number, wave: number, score: number][], current: number) =>
    withinPersonChange(
      rows.map(([person, wave, score]) => ({ person, wave, score })),
      current,
    );

  it('counts person 0 like anyone else (ResponseTable numbers people from 0)', function () {
    const change = fit(
      PANEL.map(([person, wave, score]) => [person - 1, wave, score]),
      2,
    )!;
    expect(change.linked).to.equal(6);
    expect(change.df).to.equal(9);
    expect(change.meanChange).to.be.closeTo(-0.49090909090909, 1e-12);
    expect(change.standardError).to.be.closeTo(0.120832739620466, 1e-12);
  });

  it('has no result when nobody answering this wave answered an earlier one, even if others answered twice before', function () {
    const rows: [number, number, number][] = [
      [0, 0, 3.2],
      [0, 1, 3.6],
      [1, 0, 4.0],
      [1, 1, 3.8],
      [2, 2, 2.8],
      [3, 2, 4.4],
    ];
    expect(fit(rows, 2)).to.equal(null);
  });

  it('has no result when two cohorts never share a wave, so their waves cannot be compared', function () {
    // Carers answered the first two waves, a new intake the last two: no person links them.
    const rows: [number, number, number][] = [
      [0, 0, 3.2],
      [0, 1, 3.6],
      [1, 0, 4.0],
      [1, 1, 3.8],
      [2, 0, 2.6],
      [2, 1, 3.0],
      [3, 2, 2.8],
      [3, 3, 3.4],
      [4, 2, 4.4],
      [4, 3, 4.0],
      [5, 2, 3.0],
      [5, 3, 3.8],
    ];
    expect(fit(rows, 3)).to.equal(null);
  });

  it('leaves out a wave the group skipped: the fit is the one with that wave never held', function () {
    const skipped: [number, number, number][] = [
      [0, 0, 3.4],
      [0, 2, 2.8],
      [1, 0, 4.0],
      [1, 2, 3.6],
      [2, 0, 3.0],
      [2, 2, 3.2],
      [3, 0, 4.6],
      [3, 2, 3.8],
    ];
    const change = fit(skipped, 2)!;
    expect(change).to.deep.equal(
      fit(
        skipped.map(([person, wave, score]) => [person, wave === 2 ? 1 : 0, score]),
        1,
      ),
    );
    // R: t.test(c(2.8, 3.6, 3.2, 3.8), c(3.4, 4.0, 3.0, 4.6), paired = TRUE): mean difference -0.4, df 3.
    expect(change.meanChange).to.be.closeTo(-0.4, 1e-12);
    expect(change.df).to.equal(3);
  });

  it('fits weekly waves past week 52 as it fits the same waves numbered without gaps', function () {
    // Answer patterns whose wave sets would coincide if read as sums of powers of two, or as
    // wave numbers written one after the other: {0, 1, 53} and {2, 53}; {1, 2, 53} and {12, 53}.
    const weekly: [number, number, number][] = [
      [0, 0, 3.4],
      [0, 1, 3.6],
      [0, 53, 2.8],
      [1, 2, 4.0],
      [1, 53, 3.4],
      [2, 1, 3.0],
      [2, 2, 3.4],
      [2, 53, 3.2],
      [3, 12, 4.2],
      [3, 53, 3.6],
      [4, 0, 2.6],
      [4, 12, 3.0],
      [5, 0, 3.8],
      [5, 1, 4.0],
      [5, 2, 3.6],
      [5, 12, 3.8],
      [6, 2, 3.2],
      [6, 12, 3.0],
      [6, 53, 2.4],
    ];
    const renumbered = new Map([
      [0, 0],
      [1, 1],
      [2, 2],
      [12, 3],
      [53, 4],
    ]);
    const change = fit(weekly, 53)!;
    expect(change.linked).to.equal(5);
    expect(change).to.deep.equal(
      fit(
        weekly.map(([person, wave, score]) => [person, renumbered.get(wave)!, score]),
        4,
      ),
    );
  });

  it('treats a residual spread under a ten-billionth of the largest score as rounding, and a larger one as variation', function () {
    const shared = (lastScore: number): [number, number, number][] => [
      [0, 0, 4.0],
      [0, 1, 3.0],
      [1, 0, 3.5],
      [1, 1, 2.5],
      [2, 0, 4.5],
      [2, 1, 3.5],
      [3, 0, 3.0],
      [3, 1, lastScore],
    ];
    // Residual spread about 2e-10 against a largest score of 4.5: residue, so the fall is certain.
    expect(fit(shared(2 + 6e-10), 1)).to.include({ standardError: 0, pFall: 0, pRise: 1, t: null });
    // Residual spread about 2e-8: a real, if tiny, variation that the t-test weighs.
    const varied = fit(shared(2 + 6e-8), 1)!;
    expect(varied.standardError).to.be.greaterThan(0);
    expect(varied.t).to.be.lessThan(-1e6);
  });

  it('calls a change made only of rounding residue no change at all', function () {
    // 1.1 * 3 is 3.3000000000000003: the same answers scored along another path.
    const same = fit(
      [
        [0, 0, 3.3],
        [0, 1, 3.3000000000000003],
        [1, 0, 3.3],
        [1, 1, 3.3000000000000003],
        [2, 0, 3.3],
        [2, 1, 3.3000000000000003],
      ],
      1,
    )!;
    expect(same).to.include({ linked: 3, standardError: 0, pFall: 1, pRise: 1 });
    expect(same.meanChange).to.be.closeTo(0, 1e-15);
  });

  // R 4: lm(score ~ factor(person) + factor(wave)); L = wave3 - (wave1 + wave2) / 3 on the coefficients.
  it('links waves through people who each answered two in a row, as a rolling panel does', function () {
    const rolling: [number, number, number][] = [
      [0, 0, 3.4],
      [0, 1, 3.6],
      [1, 0, 4.0],
      [1, 1, 4.4],
      [2, 1, 2.8],
      [2, 2, 3.0],
      [3, 1, 3.6],
      [3, 2, 3.4],
      [4, 2, 4.2],
      [4, 3, 3.6],
      [5, 2, 3.0],
      [5, 3, 2.2],
    ];
    const change = fit(rolling, 3)!;
    expect(change.linked).to.equal(2);
    expect(change.df).to.equal(3);
    expect(change.meanChange).to.be.closeTo(-0.6, 1e-12);
    expect(change.standardError).to.be.closeTo(0.1763834207376395, 1e-12);
    expect(change.t).to.be.closeTo(-3.4016802570830431, 1e-10);
    expect(change.pFall).to.be.closeTo(0.0212044633835623, 1e-12);
  });
});
