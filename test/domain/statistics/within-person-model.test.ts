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
