import { Writable } from 'node:stream';
import { expect } from 'chai';
import type { AnalysisCell } from '../../server/domain/analysis/project-analysis.js';
import { demoClock } from '../../server/demo/demo-clock.js';
import { DEMO_PASSWORD, DEMO_PROJECT, DEMO_SIGN_INS, seedDemo } from '../../server/demo/seed-demo.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { testServices, type TestServices } from '../helpers/test-services.js';

const TODAY = new Date('2026-11-23T10:00:00Z');

async function seeded(seed?: number): Promise<TestServices> {
  const clock = demoClock(() => TODAY);
  const world = testServices(clock.now);
  expect(await seedDemo(world.services, clock, seed)).to.deep.equal({ seeded: true });
  return world;
}

async function exportText(services: Services, kind: 'scores' | 'responses'): Promise<string> {
  let text = '';
  await services.exports.write(
    kind,
    await services.projects.bySlug(DEMO_PROJECT),
    new Writable({
      write(chunk, _e, cb) {
        text += chunk.toString();
        cb();
      },
    }),
    'test',
  );
  return text;
}

describe('demo seed', function () {
  this.timeout(60000);
  let services: Services;
  let store: SqliteStore;
  let cells: AnalysisCell[];
  const cell = (wave: number, group: string, dimension: string) =>
    cells.find((c) => c.waveIndex === wave && c.group === group && c.dimension === dimension)!;
  const series = <T>(group: string, dimension: string, pick: (c: AnalysisCell) => T) =>
    [1, 2, 3, 4].map((w) => pick(cell(w, group, dimension)));

  before(async function () {
    ({ services, store } = await seeded());
    cells = (await services.analyses.analyse(await services.projects.bySlug(DEMO_PROJECT))).analysis.cells;
  });
  after(() => store.close());

  it('creates 40 caregivers and 15 providers, four waves all closed before today, and a sign-in per role', async function () {
    const project = await services.projects.bySlug(DEMO_PROJECT);
    const people = await store.participants.list(project.id);
    expect(people.filter((p) => p.group === 'caregiver')).to.have.length(40);
    expect(people.filter((p) => p.group === 'provider')).to.have.length(15);
    expect(new Set(people.map((p) => p.language))).to.deep.equal(new Set(['it', 'en']));
    const timeline = await services.waves.timeline(project);
    expect(timeline.map((w) => w.state)).to.deep.equal(['closed', 'closed', 'closed', 'closed']);
    const signedIn = await Promise.all(
      DEMO_SIGN_INS.map(async (s) => (await services.auth.login(s.email, DEMO_PASSWORD, '127.0.0.1')).email),
    );
    expect(signedIn).to.deep.equal(DEMO_SIGN_INS.map((s) => s.email));
    const roles = await store.roles.list({ projectId: project.id });
    expect(roles.map((r) => r.role).sort()).to.deep.equal(['data-entry', 'evaluator', 'lead']);
  });

  it('enrols most people before wave 1 and a few between waves, imported after they joined, answering no wave before it', async function () {
    const project = await services.projects.bySlug(DEMO_PROJECT);
    const people = await store.participants.list(project.id);
    const waves = await store.waves.list(project.id);
    const late = people.filter((p) => p.enrolledOn >= waves[0]!.opensOn);
    expect(late.map((p) => p.code)).to.deep.equal(['CG-037', 'CG-038', 'CG-039', 'CG-040', 'PR-015']);
    expect(new Set(people.filter((p) => !late.includes(p)).map((p) => p.enrolledOn)).size).to.equal(1);
    for (const p of late) {
      const next = waves.find((w) => w.opensOn > p.enrolledOn)!;
      const previous = waves[waves.indexOf(next) - 1]!;
      expect(
        p.enrolledOn > previous.closesOn &&
          p.createdAt.slice(0, 10) >= p.enrolledOn &&
          p.createdAt.slice(0, 10) < next.opensOn,
        p.code,
      ).to.equal(true);
    }
    const enrolledOn = new Map(people.map((p) => [p.id, p.enrolledOn]));
    const closesOn = new Map(waves.map((w) => [w.id, w.closesOn]));
    for await (const response of store.responses.iterate(project.id)) {
      expect(enrolledOn.get(response.participantId)! <= closesOn.get(response.waveId)!).to.equal(true);
    }
    const progress = await services.monitoring.progress(project);
    expect(progress.map((w) => w.groups.map((g) => g.invited))).to.deep.equal([
      [36, 14],
      [38, 14],
      [40, 15],
      [40, 15],
    ]);
  });

  it('records paper forms as source=paper keyed in by the data-entry user, web answers as source=web, and leaves some drafts', async function () {
    const project = await services.projects.bySlug(DEMO_PROJECT);
    const dataEntry = await store.users.findByEmail('data-entry@place4carers.example');
    const paperPeople = new Set(
      (await store.participants.list(project.id)).filter((p) => p.mode === 'paper').map((p) => p.id),
    );
    const sources = { paper: 0, web: 0, draft: 0 };
    for await (const response of store.responses.iterate(project.id)) {
      if (response.status === 'draft') {
        sources.draft += 1;
        continue;
      }
      expect(response.source).to.equal(paperPeople.has(response.participantId) ? 'paper' : 'web');
      if (response.source === 'paper') expect(response.enteredBy).to.equal(dataEntry!.id);
      sources[response.source as 'paper' | 'web'] += 1;
    }
    expect(sources.paper).to.be.at.least(20);
    expect(sources.web).to.be.at.least(100);
    expect(sources.draft).to.be.at.least(1);
  });

  it('writes Italian open answers for Italian participants', async function () {
    const lines = (await exportText(services, 'responses')).split('\r\n').filter((l) => /,open_\d,/.test(l));
    expect(lines.length).to.be.at.least(10);
    const project = await services.projects.bySlug(DEMO_PROJECT);
    const italian = new Set(
      (await store.participants.list(project.id)).filter((p) => p.language === 'it').map((p) => p.code),
    );
    const italianLines = lines.filter((l) => italian.has(l.split(',')[3]!));
    expect(italianLines.length).to.be.at.least(5);
    expect(italianLines.join('\n')).to.match(/ progetto| incontri| famiglie/);
  });

  it('is reproducible: the same seed gives the same scores, another seed does not', async function () {
    const again = await seeded();
    const other = await seeded(7);
    try {
      const scores = await exportText(services, 'scores');
      expect(scores.split('\r\n').length).to.be.greaterThan(800);
      expect(await exportText(again.services, 'scores')).to.equal(scores);
      expect(await exportText(other.services, 'scores')).to.not.equal(scores);
    } finally {
      await again.store.close();
      await other.store.close();
    }
  });

  it('does nothing the second time, so restarting the demo keeps what was done in it', async function () {
    const clock = demoClock(() => TODAY);
    expect(await seedDemo(services, clock)).to.deep.equal({ seeded: false });
    const project = await services.projects.bySlug(DEMO_PROJECT);
    expect(await store.participants.list(project.id)).to.have.length(55);
  });

  it("shows caregivers' trust turning to co-destruction at wave 3, and nothing else as co-destruction", async function () {
    const caregivers = cell(3, 'caregiver', 'trust');
    expect(caregivers.status).to.equal('co-destruction');
    expect(caregivers.signals).to.deep.equal(['fall']);
    expect(series('caregiver', 'trust', (c) => c.status).slice(0, 2)).to.not.include('co-destruction');
    const providers = cell(3, 'provider', 'trust');
    expect(providers.mean).to.be.at.least(4);
    expect(providers.status).to.not.equal('co-destruction');
    // The collapse may still read as co-destruction at wave 4, where it holds; no other cell may.
    const destroyed = cells
      .filter((c) => c.status === 'co-destruction')
      .map((c) => `${c.waveIndex}/${c.group}/${c.dimension}`);
    expect(destroyed).to.include('3/caregiver/trust');
    expect(destroyed.filter((key) => !/^[34]\/caregiver\/trust$/.test(key))).to.deep.equal([]);
  });

  it('shows engagement sagging with the response rate, and cohesion growing', async function () {
    const rates = series('all', 'engagement', (c) => c.responseRate ?? Number.NaN);
    const engagement = series('all', 'engagement', (c) => c.mean ?? Number.NaN);
    const cohesion = series('all', 'cohesion', (c) => c.mean ?? Number.NaN);
    for (let w = 1; w < 4; w += 1) {
      expect(rates[w], `response rate at wave ${w + 1}`).to.be.below(rates[w - 1]!);
      expect(engagement[w], `engagement at wave ${w + 1}`).to.be.below(engagement[w - 1]!);
      expect(cohesion[w], `cohesion at wave ${w + 1}`).to.be.above(cohesion[w - 1]!);
    }
    expect(rates[0]! - rates[3]!).to.be.at.least(0.25);
    // Participation is its own signal, and cohesion's growth reads as co-creation somewhere.
    const participation = [2, 3, 4].map((w) => cell(w, 'caregiver', 'trust').participation);
    expect(participation).to.include('falling');
    expect(series('caregiver', 'cohesion', (c) => c.status)).to.include('co-creation');
  });
});
