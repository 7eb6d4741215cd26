import { expect } from 'chai';
import request from 'supertest';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Participant, ProjectRoleName, Wave } from '../../server/domain/records.js';
import { csrfFrom } from '../helpers/forms.js';
import { csrfFor, postForm, signIn, staffUser, type Agent } from '../helpers/staff-agent.js';
import { storeSnapshot } from '../helpers/store-snapshot.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';

const ROLES: ProjectRoleName[] = ['lead', 'evaluator', 'data-entry'];

describe('cross-project and cross-participant access (IDOR)', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let waveA: Wave;
  let waveB: Wave;
  let todayB: Wave;
  let onlyB: Participant;
  const agents = new Map<ProjectRoleName, Agent>();

  before(async function () {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    ({ wave1: waveA } = await seededProject(services, 'alpha'));
    const beta = await seededProject(services, 'beta');
    waveB = beta.wave1;
    // A wave of B that opened today: closing it early is refused for a reason that must not leak to A.
    todayB = await services.waves.add(
      { project: beta.project, label: 'Today', opensOn: '2026-03-22', closesOn: '2026-03-30' },
      'test',
    );
    await store.waves.update(todayB.id, { opensOn: '2026-03-10' });
    [onlyB] = (await services.participants.importCsv(
      beta.project,
      'code,group,mode\nB-ONLY,caregiver,paper\n',
      'test',
    )) as [Participant];
    await services.paper.enter(beta.project, waveB.id, 'B-ONLY', { trust_1: '2', open_1: 'secret of B' }, 'test');
    for (const role of ROLES) agents.set(role, await signIn(app, await staffUser(services, role, 'alpha')));
  });
  after(() => store.close());

  /** Project B's ids and codes put under project A's slug. */
  const underA = (): [string, string][] => [
    ['GET', `/projects/alpha/waves/${waveB.id}/paper-pack`],
    ['GET', `/projects/alpha/waves/${waveB.id}/paper-pack?participant=B-ONLY`],
    ['GET', `/projects/alpha/paper/entry?wave=${waveB.id}&participant=CG-001`],
    ['GET', `/projects/alpha/paper/entry?wave=${waveA.id}&participant=B-ONLY`],
    ['GET', `/projects/alpha/waves/${waveA.id}/paper-pack?participant=B-ONLY`],
    ['GET', '/projects/alpha/participants/B-ONLY'],
    ['POST', `/projects/alpha/paper/entry?wave=${waveB.id}&participant=CG-001`],
    ['POST', `/projects/alpha/paper/entry?wave=${waveA.id}&participant=B-ONLY`],
    ['POST', '/projects/alpha/participants/B-ONLY'],
    ['POST', '/projects/alpha/participants/B-ONLY/withdraw'],
    ['POST', '/projects/alpha/participants/B-ONLY/erase'],
    ['POST', `/projects/alpha/waves/${waveB.id}/closing`],
    ['POST', `/projects/alpha/waves/${waveB.id}/close`],
    ['POST', `/projects/alpha/waves/${todayB.id}/close`],
  ];

  it("answers 404 to a lead of A for B's waves and participants under A's slug, and changes nothing", async function () {
    const lead = agents.get('lead')!;
    const token = await csrfFor(lead);
    const before = await storeSnapshot(store);
    for (const [method, path] of underA()) {
      const res =
        method === 'GET'
          ? await lead.get(path)
          : await lead.post(path).type('form').send({
              _csrf: token,
              trust_1: '5',
              group: 'provider',
              language: 'en',
              mode: 'web',
              confirm: 'B-ONLY',
              closesOn: '2026-12-31',
            });
      expect(res.status, `${method} ${path}`).to.equal(404);
      expect(res.text, `${method} ${path}`).to.not.include('secret of B').and.not.include(onlyB.token);
    }
    expect(await storeSnapshot(store)).to.equal(before);
  });

  it("answers 404 to every role of A on every page of B, and B's data never shows", async function () {
    const pages = [
      '',
      '/dashboard',
      '/report',
      '/codebook',
      '/monitoring',
      '/waves',
      '/participants',
      '/participants/B-ONLY',
      '/paper',
      '/audit',
      '/settings',
      '/exports',
      '/exports/responses.csv',
      '/exports/scores.csv',
      '/exports/trends.csv',
      '/exports/flags.csv',
      '/exports/wide.csv',
      '/exports/codebook.csv',
      `/waves/${waveB.id}/paper-pack`,
      `/paper/entry?wave=${waveB.id}&participant=B-ONLY`,
      '/contacts',
      '/contacts/letters',
      '/contacts/contacts.csv',
    ];
    for (const role of ROLES) {
      for (const page of pages) {
        const res = await agents.get(role)!.get(`/projects/beta${page}`);
        expect(res.status, `${role} on /projects/beta${page}`).to.equal(404);
        expect(res.text).to.not.include('secret of B');
      }
    }
  });

  it("refuses A's personal API token on B, and on A's pages its owner may not open", async function () {
    const evaluator = await staffUser(services, 'evaluator', 'alpha');
    const agent = await signIn(app, evaluator);
    const created = await postForm(agent, '/account/tokens', { label: 'script' }, 201);
    const secret = /<p class="secret">([^<]+)<\/p>/.exec(created.text)?.[1] ?? '';
    const bearer = (path: string) => request(app).get(path).set('Authorization', `Bearer ${secret}`);
    await bearer('/projects/alpha/exports/responses.csv').expect(200);
    for (const kind of ['responses', 'scores', 'trends', 'flags', 'wide', 'codebook']) {
      const res = await bearer(`/projects/beta/exports/${kind}.csv`);
      expect(res.status, kind).to.equal(404);
      expect(res.text).to.not.include('secret of B');
    }
    for (const path of [
      '/projects/beta/dashboard',
      `/projects/beta/waves/${waveB.id}/paper-pack`,
      `/projects/alpha/waves/${waveB.id}/paper-pack`,
    ]) {
      expect((await bearer(path)).status, path).to.be.oneOf([403, 404]);
    }
    await bearer('/projects/alpha/participants').expect(403);
    const post = await request(app)
      .post('/projects/alpha/waves')
      .set('Authorization', `Bearer ${secret}`)
      .type('form')
      .send({ label: 'x', opens: '2027-01-01', closes: '2027-01-02' });
    expect(post.status).to.equal(403);
  });

  it("keeps one participant's link from reading or writing another's answers", async function () {
    const [p1, p2] = (await services.participants.importCsv(
      await services.projects.bySlug('alpha'),
      'code,group\nP-1,caregiver\nP-2,caregiver\n',
      'test',
    )) as [Participant, Participant];
    const second = request.agent(app);
    const page2 = await second.get(`/s/${p2.token}`).expect(200);
    await second
      .post(`/s/${p2.token}/consent`)
      .type('form')
      .send({ _csrf: csrfFrom(page2.text), consent: 'yes' })
      .expect(303);
    await second
      .post(`/s/${p2.token}/section/6`)
      .type('form')
      .send({ _csrf: csrfFrom(page2.text), open_1: 'private words of P2' })
      .expect(303);
    const p2Before = await store.responses.get(p2.id, waveA.id);

    const first = request.agent(app);
    const page1 = await first.get(`/s/${p1.token}`).expect(200);
    const csrf = csrfFrom(page1.text);
    await first.post(`/s/${p1.token}/consent`).type('form').send({ _csrf: csrf, consent: 'yes' }).expect(303);
    // Ids of P2 smuggled into P1's own form are just unknown fields.
    await first
      .post(`/s/${p1.token}/section/6`)
      .type('form')
      .send({
        _csrf: csrf,
        open_1: 'P1 words',
        participant: p2.id,
        participantId: p2.id,
        token: p2.token,
        waveId: waveB.id,
        code: 'P-2',
      })
      .expect(303);
    await first
      .post(`/s/${p1.token}/submit`)
      .type('form')
      .send({ _csrf: csrf, participantId: p2.id, token: p2.token })
      .expect(303);
    expect(await store.responses.get(p2.id, waveA.id)).to.deep.equal(p2Before);
    expect((await store.responses.get(p1.id, waveA.id))?.answers).to.deep.equal({ open_1: 'P1 words' });

    // P1's pages never carry P2's answers, and a near-miss of P2's token finds nothing.
    for (const path of ['', '/done', '/check', '/print.css'])
      expect((await first.get(`/s/${p1.token}${path}`)).text).to.not.include('private words of P2');
    const nearMiss = `${p2.token.slice(0, -1)}${p2.token.endsWith('A') ? 'B' : 'A'}`;
    await first.get(`/s/${nearMiss}`).expect(404);
    await first.post(`/s/${nearMiss}/section/6`).type('form').send({ _csrf: csrf, open_1: 'overwrite' }).expect(404);
    expect(await store.responses.get(p2.id, waveA.id)).to.deep.equal(p2Before);
  });
});
