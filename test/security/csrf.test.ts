import { expect } from 'chai';
import request from 'supertest';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Participant, Wave } from '../../server/domain/records.js';
import { csrfFrom } from '../helpers/forms.js';
import { csrfFor, signIn, STAFF_PASSWORD, staffUser, type Agent } from '../helpers/staff-agent.js';
import { storeSnapshot } from '../helpers/store-snapshot.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';

describe('CSRF on participant and staff forms', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let ben: Participant;
  let wave: Wave;
  let lead: Agent;
  let otherBrowserToken: string;

  before(async function () {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    const seeded = await seededProject(services);
    ben = seeded.participants[1]!;
    wave = seeded.wave1;
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    // A valid token, but issued to another browser (its own coassess.bid cookie).
    otherBrowserToken = csrfFrom((await request.agent(app).get('/s').expect(200)).text);
  });
  after(() => store.close());

  /** Every way a forged post might carry a token: none, made up, another browser's, twice, in the header. */
  function forgeries(own: string): { name: string; body: Record<string, unknown>; header?: string }[] {
    return [
      { name: 'no token', body: {} },
      { name: 'a made-up token', body: { _csrf: 'forged-token' } },
      { name: "another browser's token", body: { _csrf: otherBrowserToken } },
      { name: "another browser's token in the header", body: {}, header: otherBrowserToken },
      { name: 'the token sent twice', body: { _csrf: [own, own] } },
      { name: 'a tampered token', body: { _csrf: `${own.slice(0, -2)}xx` } },
    ];
  }

  async function expectRefused(agent: Agent, path: string, fields: Record<string, string>, own: string) {
    for (const { name, body, header } of forgeries(own)) {
      const before = await storeSnapshot(store);
      const call = agent.post(path).type('form');
      if (header) call.set('x-csrf-token', header);
      const res = await call.send(
        new URLSearchParams(
          Object.entries({ ...fields, ...body }).flatMap(([k, v]) =>
            ([] as string[]).concat(v as string).map((one): [string, string] => [k, one]),
          ),
        ).toString(),
      );
      expect(res.status, `${name} on ${path}`).to.equal(403);
      expect(res.headers['x-error-code'], `${name} on ${path}`).to.equal('CSRF_INVALID');
      expect(await storeSnapshot(store), `${name} on ${path} wrote something`).to.equal(before);
    }
  }

  it('refuses forged participant posts (access code, consent, sections, submit) and writes nothing', async function () {
    const agent = request.agent(app);
    const own = csrfFrom((await agent.get(`/s/${ben.token}`).expect(200)).text);
    await expectRefused(agent, '/s', { code: ben.accessCode }, own);
    await expectRefused(agent, `/s/${ben.token}/consent`, { consent: 'yes' }, own);
    await agent.post(`/s/${ben.token}/consent`).type('form').send({ _csrf: own, consent: 'yes' }).expect(303);
    await agent.post(`/s/${ben.token}/section/1`).type('form').send({ _csrf: own, trust_1: '4' }).expect(303);
    await expectRefused(agent, `/s/${ben.token}/section/1`, { trust_1: '1' }, own);
    await expectRefused(agent, `/s/${ben.token}/submit`, {}, own);
    expect(await store.responses.get(ben.id, wave.id)).to.deep.include({ status: 'draft', answers: { trust_1: 4 } });
  });

  it('refuses forged staff posts from a signed-in browser and writes nothing', async function () {
    const own = await csrfFor(lead);
    const forms: [string, Record<string, string>][] = [
      ['/projects/p4c/waves', { label: 'Forged', opens: '2027-01-01', closes: '2027-01-10' }],
      [
        '/projects/p4c/participants',
        { code: 'FORGED', group: 'caregiver', language: 'en', mode: 'web', enrolledOn: '2026-01-15' },
      ],
      ['/projects/p4c/participants/CG-001/erase', { confirm: 'CG-001' }],
      ['/projects/p4c/participants/CG-001/withdraw', {}],
      ['/projects/p4c/settings', { reminderDays: '1' }],
      [`/projects/p4c/waves/${wave.id}/close`, {}],
      [`/projects/p4c/paper/entry?wave=${wave.id}&participant=CG-001`, { trust_1: '1', _step: 'confirm' }],
      ['/account/tokens', { label: 'forged' }],
      ['/account/password', { current: 'correct horse battery', password: 'attacker chosen password' }],
      ['/logout', {}],
    ];
    for (const [path, fields] of forms) await expectRefused(lead, path, fields, own);
    await lead.get('/account').expect(200);
  });

  it('refuses a staff token once the browser cookie it is bound to is gone, even with the session', async function () {
    const cookieOf = (res: request.Response, name: string) =>
      res
        .get('Set-Cookie')
        ?.map((c) => c.split(';')[0]!)
        .find((c) => c.startsWith(`${name}=`));
    const user = await staffUser(services, 'lead', 'p4c');
    const login = await request(app).get('/login').expect(200);
    const browser = cookieOf(login, 'coassess.bid')!;
    const token = csrfFrom(login.text);
    const signedIn = await request(app)
      .post('/login')
      .set('Cookie', browser)
      .type('form')
      .send({ _csrf: token, email: user.email, password: STAFF_PASSWORD })
      .expect(303);
    const session = cookieOf(signedIn, 'coassess.sid')!;
    expect(browser, 'browser id cookie').to.be.a('string');
    expect(session, 'session cookie').to.be.a('string');
    const wave = (label: string) => ({ _csrf: token, label, opens: '2027-01-01', closes: '2027-01-02' });

    // Both cookies: the form is accepted, so the refusal below is the missing browser id's doing.
    await request(app)
      .post('/projects/p4c/waves')
      .set('Cookie', `${browser}; ${session}`)
      .type('form')
      .send(wave('With both'))
      .expect(303);
    const before = await storeSnapshot(store);
    const res = await request(app)
      .post('/projects/p4c/waves')
      .set('Cookie', session)
      .type('form')
      .send(wave('Session only'));
    expect(res.status).to.equal(403);
    expect(res.headers['x-error-code']).to.equal('CSRF_INVALID');
    expect(await storeSnapshot(store)).to.equal(before);
  });
});
