import { expect } from 'chai';
import request from 'supertest';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { csrfFrom } from '../helpers/forms.js';
import { STAFF_PASSWORD, staffUser } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';

function sid(res: request.Response): string | undefined {
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('coassess.sid='));
  return cookie ? /^coassess\.sid=([^;]+)/.exec(cookie)?.[1] : undefined;
}

describe('session fixation', function () {
  this.timeout(30_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];

  beforeEach(() => {
    ({ services, store } = testServices());
    ({ app } = testApp(services));
  });
  afterEach(() => store.close());

  /** Signs in from a browser whose session cookie was planted by someone else. */
  async function signInWithPlanted(planted: string, email: string) {
    const browser = request.agent(app);
    // The sign-in page itself redirects a signed-in session, so take the browser's CSRF token from /s.
    const form = await browser.get('/s').set('Cookie', `coassess.sid=${planted}`).expect(200);
    const bid = ([] as string[])
      .concat(form.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await request(app)
      .post('/login')
      .set('Cookie', `${bid}; coassess.sid=${planted}`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), email, password: STAFF_PASSWORD })
      .expect(303);
    return sid(res);
  }

  it('gives no session cookie before sign-in, so there is nothing to fix in advance', async function () {
    const res = await request(app).get('/login').expect(200);
    expect(sid(res)).to.equal(undefined);
    expect(sid(await request(app).get('/s').expect(200))).to.equal(undefined);
  });

  it("replaces an attacker's own signed-in session id at the victim's sign-in, and the attacker's id never becomes the victim's", async function () {
    await seededProject(services);
    const attacker = await staffUser(services, 'evaluator', 'p4c');
    const victim = await staffUser(services, 'admin');
    const attackerBrowser = request.agent(app);
    const form = await attackerBrowser.get('/login');
    const planted = sid(
      await attackerBrowser
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: attacker.email, password: STAFF_PASSWORD })
        .expect(303),
    )!;
    expect(planted).to.be.a('string');

    const after = await signInWithPlanted(planted, victim.email);
    expect(after).to.be.a('string').and.not.equal(planted);
    // The planted id is not the admin's session: it does not open admin pages.
    const withPlanted = await request(app).get('/users').set('Cookie', `coassess.sid=${planted}`);
    expect(withPlanted.status).to.not.equal(200);
    await request(app).get('/users').set('Cookie', `coassess.sid=${after}`).expect(200);
  });

  it('ignores a made-up session cookie and issues a fresh one at sign-in', async function () {
    const victim = await staffUser(services, 'admin');
    const planted = 's%3Afixed-by-attacker.c2lnbmF0dXJl';
    const after = await signInWithPlanted(planted, victim.email);
    expect(after).to.be.a('string').and.not.equal(planted);
    await request(app).get('/account').set('Cookie', `coassess.sid=${planted}`).expect(303);
  });

  it('ends the old session at sign-out: a copied cookie stops working', async function () {
    const user = await staffUser(services, 'admin');
    const agent = request.agent(app);
    const form = await agent.get('/login');
    const copied = sid(
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: user.email, password: STAFF_PASSWORD })
        .expect(303),
    )!;
    await request(app).get('/account').set('Cookie', `coassess.sid=${copied}`).expect(200);
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFrom(form.text) })
      .expect(303);
    await request(app).get('/account').set('Cookie', `coassess.sid=${copied}`).expect(303);
  });
});
