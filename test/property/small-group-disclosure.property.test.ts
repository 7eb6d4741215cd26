import { expect } from 'chai';
import fc from 'fast-check';
import { SeededRandom } from '../../server/domain/seeded-random.js';
import { allItems } from '../../server/domain/instrument.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import {
  meanIntervals,
  possibleCounts,
  seenMeans,
  seenRates,
  type SeenCell,
  type SeenMeans,
} from '../helpers/disclosure-attack.js';
import { signIn, staffUser, type Agent } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { testServices } from '../helpers/test-services.js';
import { RUNS } from './hostile.js';

const GROUP_IDS = ['caregiver', 'provider', 'volunteer', 'coordinator'];
const WAVES = [
  ['Wave 1', '2026-03-01', '2026-03-21'],
  ['Wave 2', '2026-06-01', '2026-06-21'],
  ['Wave 3', '2026-09-01', '2026-09-21'],
] as const;

/** A project as the arbitrary draws it: group sizes, waves, and a seed for who answers what. */
interface Drawn {
  sizes: number[];
  waves: number;
  seed: number;
}

const drawn = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 2, maxLength: 4 }),
  waves: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
});

describe('small groups: no hidden mean or count can be worked out from a results page', function () {
  this.timeout(600_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let admin: Agent;
  let projects = 0;

  before(async function () {
    ({ services, store } = testServices(() => new Date('2027-01-10T09:00:00Z')));
    ({ app } = testApp(services));
    admin = await signIn(app, await staffUser(services, 'admin'));
  });
  after(() => store.close());

  /**
   * Through the real services: each group has its own level, people answer each wave with
   * probability 0.8 and every scale item around their group's level; rows go in shuffled.
   */
  async function seed({ sizes, waves, seed: seedValue }: Drawn) {
    const random = new SeededRandom(seedValue);
    projects += 1;
    const slug = `small-${projects}`;
    const groups = GROUP_IDS.slice(0, sizes.length);
    const project = await services.projects.create(
      { slug, name: `Small ${projects}`, instrument: 'coassess-core', groups },
      'test',
    );
    for (const [label, opensOn, closesOn] of WAVES.slice(0, waves))
      await services.waves.add({ project, label, opensOn, closesOn }, 'test');
    const people = groups.flatMap((group, g) =>
      Array.from({ length: sizes[g]! }, (_, i) => ({ code: `${group.slice(0, 2).toUpperCase()}-${i + 1}`, group })),
    );
    await services.participants.importCsv(
      project,
      `code,group,enrolled_on\n${random
        .shuffle(people)
        .map((p) => `${p.code},${p.group},2026-01-15`)
        .join('\n')}\n`,
      'test',
    );
    const instrument = await services.projects.instrumentFor(project);
    const items = allItems(instrument).filter((item) => item.type === 'scale');
    const levels = groups.map(() => 1 + random.next() * 4);
    const lines: string[] = [];
    for (const [label] of WAVES.slice(0, waves))
      for (const person of people) {
        if (random.next() >= 0.8) continue;
        const level = levels[groups.indexOf(person.group)]!;
        const values = items.map(() => Math.min(5, Math.max(1, Math.round(random.normal(level, 1)))));
        lines.push(`${person.code},${label},${values.join(',')}`);
      }
    const header = `participant,wave,${items.map((item) => item.id).join(',')}`;
    if (lines.length > 0)
      await services.responseImports.importCsv(project, `${header}\n${random.shuffle(lines).join('\n')}\n`, 'test');
    const loaded = await services.analyses.analyse(project);
    return { slug, loaded, sizes, groups };
  }

  /** The true means and counts, as evaluator exports keep them. */
  function truthOf(loaded: Awaited<ReturnType<typeof seed>>['loaded']) {
    const labelOf = new Map([['all', 'Everyone'], ...loaded.analysis.groups.map((g) => [g.id, g.label] as const)]);
    const dimensionOf = new Map(loaded.analysis.dimensions.map((d) => [d.id, d.label]));
    return {
      cell: (dimension: string, group: string, wave: string) =>
        loaded.analysis.cells.find(
          (c) => dimensionOf.get(c.dimension) === dimension && labelOf.get(c.group) === group && c.wave === wave,
        )!,
      participation: (group: string, wave: string) =>
        loaded.analysis.participation.find((p) => labelOf.get(p.group) === group && p.wave === wave)!,
    };
  }

  /** Every hidden mean, attacked through Everyone, must keep an interval of at least a point. */
  function expectNoMeanRecoverable(seen: SeenMeans, truth: ReturnType<typeof truthOf>, where: string) {
    let hiddenMeans = 0;
    for (const [dimension, byGroup] of seen) {
      const waves = [...byGroup.get('Everyone')!.keys()];
      for (const wave of waves) {
        const groups = new Map<string, SeenCell>(
          [...byGroup].filter(([g]) => g !== 'Everyone').map(([g, cells]) => [g, cells.get(wave)!]),
        );
        const intervals = meanIntervals(byGroup.get('Everyone')!.get(wave)!, groups, { min: 1, max: 5 });
        for (const [group, [from, to]] of intervals) {
          const mean = truth.cell(dimension, group, wave).mean;
          if (mean === null) continue;
          hiddenMeans += 1;
          const guess = (from + to) / 2;
          expect(
            Math.abs(guess - mean) >= 0.5 || to - from >= 1,
            `${where}: ${dimension}, ${group}, ${wave}: ${mean} lies in [${from}, ${to}]`,
          ).to.equal(true);
        }
        // Shown numbers are the true ones: the attack reads real figures.
        for (const [group, cell] of [['Everyone', byGroup.get('Everyone')!.get(wave)!] as const, ...groups])
          if ('n' in cell) expect(cell.n, `${where}: n of ${group}`).to.equal(truth.cell(dimension, group, wave).n);
      }
    }
    return hiddenMeans;
  }

  function expectNoCountRecoverable(
    page: string,
    caption: string,
    truth: ReturnType<typeof truthOf>,
    where: string,
  ): number {
    const rates = seenRates(page, caption);
    let hiddenCounts = 0;
    for (const wave of rates.get('Everyone')?.keys() ?? []) {
      const groups = new Map(
        [...rates]
          .filter(([g]) => g !== 'Everyone')
          .map(([g, byWave]) => [g, { rate: byWave.get(wave)!, invited: truth.participation(g, wave).invited }]),
      );
      for (const [group, possible] of possibleCounts(rates.get('Everyone')!.get(wave)!, groups)) {
        hiddenCounts += 1;
        expect(possible.has(truth.participation(group, wave).submitted), `${where}: ${group} ${wave}`).to.equal(true);
        expect(
          possible.size,
          `${where}: ${group}, ${wave}: the count can only be ${[...possible].join(' or ')}`,
        ).to.be.above(1);
      }
    }
    return hiddenCounts;
  }

  it('the attack works: it solves issue 15 providers from the numbers the page used to show', function () {
    const groups = new Map<string, SeenCell>([
      ['Family caregivers', { n: 6, mean: 2.1 }],
      ['Service providers', { hidden: 'fewer than 5' }],
    ]);
    const [from, to] = meanIntervals({ n: 9, mean: 2.76 }, groups, { min: 1, max: 5 }).get('Service providers')!;
    expect(from).to.be.closeTo(4.08, 1e-9);
    expect(to).to.equal(from);
    const counts = possibleCounts(
      75,
      new Map([
        ['Family caregivers', { rate: 100, invited: 6 }],
        ['Service providers', { rate: { hidden: 'fewer than 5' }, invited: 6 }],
      ]),
    );
    expect([...counts.get('Service providers')!]).to.deep.equal([3]);
  });

  it('holds for random projects of 2 to 4 groups of 1 to 30 people on the dashboard and the report', async function () {
    let hiddenMeans = 0;
    let hiddenCounts = 0;
    await fc.assert(
      fc.asyncProperty(drawn, async (project) => {
        const { slug, loaded } = await seed(project);
        const truth = truthOf(loaded);
        const dashboard = (await admin.get(`/projects/${slug}/dashboard`).expect(200)).text;
        const report = (await admin.get(`/projects/${slug}/report`).expect(200)).text;
        hiddenMeans += expectNoMeanRecoverable(seenMeans(dashboard), truth, 'dashboard');
        hiddenMeans += expectNoMeanRecoverable(seenMeans(report), truth, 'report');
        hiddenCounts += expectNoCountRecoverable(
          dashboard,
          'Submitted as a share of those invited',
          truth,
          'dashboard',
        );
        hiddenCounts += expectNoCountRecoverable(report, 'Share of those invited who answered', truth, 'report');
        // The charts' JSON is part of the page: a hidden point has no number in it.
        const data = JSON.parse(
          /<script type="application\/json" id="dashboard-data">([^<]*)<\/script>/.exec(dashboard)![1]!,
        );
        for (const d of data.dimensions)
          for (const s of d.series)
            for (const p of s.points)
              if (p.hidden !== null) expect([p.mean, p.ciLow, p.ciHigh, p.n]).to.deep.equal([null, null, null, null]);
      }),
      { ...RUNS, numRuns: 40 },
    );
    // The property is not vacuous: the random projects did hide means and counts.
    expect(hiddenMeans).to.be.above(100);
    expect(hiddenCounts).to.be.above(20);
  });
});
