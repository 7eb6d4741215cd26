import { expect } from 'chai';
import fc from 'fast-check';
import { analyseProject, type ProjectAnalysis } from '../../server/domain/analysis/project-analysis.js';
import { buildResponseTable } from '../../server/domain/analysis/response-table.js';
import { withinPersonChange, type Observation } from '../../server/domain/statistics/within-person-model.js';
import { design, invited, peopleResponses, storageOrder, type FixturePerson } from '../helpers/analysis-fixtures.js';
import { RUNS } from './hostile.js';

const WAVES = 3;
const INVITED = invited({
  w1: { caregiver: 9, provider: 7 },
  w2: { caregiver: 9, provider: 7 },
  w3: { caregiver: 9, provider: 7 },
});

/** Groups of unequal size whose people skip waves, join late and leave: any level may be missing. */
const people: fc.Arbitrary<FixturePerson[]> = fc
  .tuple(
    fc.array(
      fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), { minLength: WAVES, maxLength: WAVES }),
      {
        minLength: 1,
        maxLength: 9,
      },
    ),
    fc.array(
      fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), { minLength: WAVES, maxLength: WAVES }),
      {
        minLength: 1,
        maxLength: 7,
      },
    ),
  )
  .map(([caregivers, providers]) => [
    ...caregivers.map((levels, i) => ({ id: `c${i + 1}`, group: 'caregiver', levels })),
    ...providers.map((levels, i) => ({ id: `p${i + 1}`, group: 'provider', levels })),
  ]);

function analyse(responses: ReturnType<typeof peopleResponses>): ProjectAnalysis {
  return analyseProject(buildResponseTable(design(WAVES), responses), { invited: INVITED });
}

/** Everything but the numbers must be equal; numbers equal up to rounding in a different summation order. */
function sameUpToRounding(actual: unknown, expected: unknown, path = '$'): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected))
      ? []
      : [`${path}: ${actual} ≠ ${expected}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length !== expected.length) return [`${path}: length ${actual.length} ≠ ${expected.length}`];
    return expected.flatMap((entry, i) => sameUpToRounding(actual[i], entry, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((key) =>
      sameUpToRounding(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      ),
    );
  }
  return Object.is(actual, expected) ? [] : [`${path}: ${String(actual)} ≠ ${String(expected)}`];
}

describe('analysis: the order rows were stored in changes nothing, and pairs are formed by participant only', function () {
  it('gives every statistic the same whatever order the responses come in', function () {
    fc.assert(
      fc.property(people, fc.integer(), fc.integer(), (drawn, first, second) => {
        const responses = peopleResponses(drawn, `order ${first}`);
        // The second order mixes the waves too, as a store returning rows by insertion time would.
        const reordered = storageOrder(peopleResponses(drawn, `order ${second}`), `mixed ${second}`);
        expect(sameUpToRounding(analyse(reordered), analyse(responses))).to.deep.equal([]);
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it("links each person's answers to their own earlier ones and no one else's", function () {
    fc.assert(
      fc.property(people, fc.integer(), (drawn, seed) => {
        const analysis = analyse(peopleResponses(drawn, `order ${seed}`));
        for (const group of ['caregiver', 'provider']) {
          const members = drawn.filter((person) => person.group === group);
          for (let wave = 1; wave < WAVES; wave += 1) {
            const cell = analysis.cells.find(
              (c) => c.waveIndex === wave + 1 && c.group === group && c.dimension === 'trust',
            )!;
            const present = members.filter((person) => person.levels[wave] !== null);
            const linked = present.filter((person) => person.levels.slice(0, wave).some((level) => level !== null));
            const paired = present.filter((person) => person.levels[wave - 1] !== null);
            if (present.length === 0) {
              expect(cell.change).to.equal(null);
              continue;
            }
            // The reference fit gets each person's scores with their identity spelled out.
            const observations: Observation[] = members.flatMap((person, index) =>
              person.levels
                .slice(0, wave + 1)
                .flatMap((level, w) => (level === null ? [] : [{ person: index, wave: w, score: level }])),
            );
            const expected = withinPersonChange(observations, wave);
            if (expected === null) expect(cell.change).to.equal(null);
            else {
              expect(cell.change!.linked).to.equal(linked.length);
              expect(
                sameUpToRounding(
                  { ...cell.change, tested: undefined, pFallAdjusted: undefined, pRiseAdjusted: undefined },
                  {
                    ...expected,
                    tested: undefined,
                    pFallAdjusted: undefined,
                    pRiseAdjusted: undefined,
                  },
                ),
              ).to.deep.equal([]);
            }
            expect(cell.reliable?.pairs ?? 0).to.equal(paired.length);
          }
        }
      }),
      { ...RUNS, numRuns: 60 },
    );
  });
});
