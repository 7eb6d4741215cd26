import { expect } from 'chai';
import type { Participant, Project, Wave } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { testServices } from '../../helpers/test-services.js';

/** Staff pages show times local to the project and formatted, never a raw UTC timestamp. */
describe('staff pages show local times', function () {
  this.timeout(30_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let project: Project;
  let wave: Wave;
  let ben: Participant;
  let now: Date;

  beforeEach(async () => {
    now = new Date('2026-05-31T22:30:00Z'); // 00:30 on 1 June in Rome
    ({ services, store } = testServices(() => now, 'Europe/Rome'));
    ({ app } = testApp(services));
    project = await services.projects.create({ slug: 'valle', name: 'Valle', instrument: 'coassess-core' }, 'test');
    wave = await services.waves.add(
      { project, label: 'Wave 1', opensOn: '2026-05-01', closesOn: '2026-06-21' },
      'test',
    );
    [ben] = (await services.participants.importCsv(
      project,
      'code,group,language,mode\nCG-002,caregiver,en,web\n',
      'test',
    )) as [Participant];
    const visit = await services.questionnaires.visit(ben.token);
    await services.questionnaires.consent(visit);
    await services.questionnaires.submit(await services.questionnaires.visit(ben.token));
  });
  afterEach(() => store.close());

  const lead = async (): Promise<Agent> => signIn(app, await staffUser(services, 'lead', 'valle'));

  it("names the zone in the audit log's heading and gives each entry's local time", async function () {
    const text = (await (await lead()).get('/projects/valle/audit').expect(200)).text;
    // The store stamps audit entries with the real clock, so the expected cell is worked out from it.
    const [latest] = await store.audit.list({ projectId: project.id });
    const rome = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Rome',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(latest!.at));
    expect(text).to.include('<th scope="col">When (Europe/Rome)</th>').and.include(`<td>${rome}</td>`);
    expect(text).to.not.include(latest!.at.slice(0, 16).replace('T', ' ')).and.not.include('(UTC)');
  });

  it('says when a response already keyed or answered arrived, in local time, on the paper entry page', async function () {
    const text = (
      await (await lead()).get(`/projects/valle/paper/entry?wave=${wave.id}&participant=CG-002`).expect(200)
    ).text;
    expect(text).to.include('CG-002 already has a submitted response for Wave 1 (web, 01/06/2026, 00:30)');
    expect(text).to.not.include('2026-05-31T22:30');
  });

  it('gives the response page its local times and zone', async function () {
    const text = (await (await lead()).get(`/projects/valle/responses/CG-002/${wave.id}`).expect(200)).text;
    expect(text).to.include('submitted 1 June 2026 at 00:30 (Europe/Rome).');
  });

  it('shows the wave days on the monitoring page as a sentence writes them', async function () {
    const text = (await (await lead()).get('/projects/valle/monitoring').expect(200)).text;
    expect(text).to.include('(open, 1 May 2026 to 21 June 2026)');
  });

  it('says the local day a project was archived, not the UTC day before', async function () {
    await services.projects.archive(project, 'test');
    const text = (await (await lead()).get('/projects/valle').expect(200)).text;
    expect(text).to.include('This project was archived on 1 June 2026.');
  });
});
