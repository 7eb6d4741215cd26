import { expect } from 'chai';
import request from 'supertest';
import type { Participant, Project } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFrom } from '../../helpers/forms.js';
import { testApp } from '../../helpers/test-app.js';
import { testServices } from '../../helpers/test-services.js';

/**
 * A participant's page follows the project's clock: the wave opens at local 00:00 and closes after
 * local 23:59:59, and the receipt says when the answers arrived in local time. The wave opens on
 * 29 March 2026, the day Rome's clocks go forward, and closes on 25 October, the day they go back.
 */
describe('participant pages in the project time zone', function () {
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let project: Project;
  let anna: Participant; // Italian
  let ben: Participant; // English
  let now: Date;

  const at = (iso: string) => {
    now = new Date(iso);
  };
  const page = async (p: Participant) => (await request(app).get(`/s/${p.token}`).expect(200)).text;

  beforeEach(async () => {
    now = new Date('2026-03-01T12:00:00Z');
    ({ services, store } = testServices(() => now));
    ({ app } = testApp(services));
    project = await services.projects.create(
      { slug: 'valle', name: 'Valle', instrument: 'coassess-core', timeZone: 'Europe/Rome' },
      'test',
    );
    await services.waves.add({ project, label: 'Wave 1', opensOn: '2026-03-29', closesOn: '2026-10-25' }, 'test');
    [anna, ben] = (await services.participants.importCsv(
      project,
      'code,group,language,mode\nCG-001,caregiver,it,web\nCG-002,caregiver,en,web\n',
      'test',
    )) as [Participant, Participant];
  });
  afterEach(() => store.close());

  async function submit(p: Participant): Promise<ReturnType<typeof request.agent>> {
    const agent = request.agent(app);
    const first = await agent.get(`/s/${p.token}`).expect(200);
    await agent
      .post(`/s/${p.token}/consent`)
      .type('form')
      .send({ _csrf: csrfFrom(first.text), consent: 'yes' })
      .expect(303);
    const check = await agent.get(`/s/${p.token}/check`).expect(200);
    await agent
      .post(`/s/${p.token}/submit`)
      .type('form')
      .send({ _csrf: csrfFrom(check.text) })
      .expect(303);
    return agent;
  }

  it('opens at local midnight, 23:00 UTC the evening before, and not a second earlier', async function () {
    at('2026-03-28T22:59:59Z'); // 23:59:59 on 28 March in Rome
    expect(await page(ben))
      .to.include('There is nothing to answer right now')
      .and.include('The next questionnaire opens on 29 March 2026.');
    expect(await page(anna)).to.include('Il prossimo questionario si apre il 29 marzo 2026.');
    at('2026-03-28T23:00:00Z'); // 00:00:00 on 29 March in Rome
    expect(await page(ben)).to.include('Before you start');
  });

  it('closes after local 23:59:59 on its closing day, an hour later in UTC once the clocks went back', async function () {
    at('2026-10-25T22:59:59Z'); // 23:59:59 on 25 October in Rome, on winter time again
    expect(await page(ben)).to.include('Before you start');
    at('2026-10-25T23:00:00Z'); // 00:00:00 on 26 October in Rome
    expect(await page(ben)).to.include('The questionnaires for this project have ended.');
  });

  it('says when the answers arrived in local time, in the receipt and in the notice that they had already been sent', async function () {
    at('2026-05-31T22:30:00Z'); // 00:30 on 1 June in Rome; still 31 May in UTC
    const agent = await submit(ben);
    const done = (await agent.get(`/s/${ben.token}/done`).expect(200)).text;
    expect(done).to.include('Your answers for Wave 1 were received on 1 June 2026 at 00:30.');
    const again = (await agent.get(`/s/${ben.token}/done?again=1`).expect(200)).text;
    expect(again).to.include('Your answers had already been sent, on 1 June 2026 at 00:30.');
    expect(again).to.not.include('2026-05-31').and.not.include('31 May');

    const italian = await submit(anna);
    const ricevuta = (await italian.get(`/s/${anna.token}/done?again=1`).expect(200)).text;
    expect(ricevuta)
      .to.include('Le risposte erano già state inviate, il 1 giugno 2026 alle ore 00:30.')
      .and.include('Le risposte per «Wave 1» sono arrivate il 1 giugno 2026 alle ore 00:30.');
  });

  it('follows a change of the project zone at once: New York opens five hours after UTC midnight', async function () {
    await services.projects.updateSettings(project, { timeZone: 'America/New_York' }, 'test');
    at('2026-03-29T03:59:59Z'); // 23:59:59 on 28 March in New York (summer time since 8 March)
    expect(await page(ben)).to.include('The next questionnaire opens on 29 March 2026.');
    at('2026-03-29T04:00:00Z');
    expect(await page(ben)).to.include('Before you start');
  });
});
