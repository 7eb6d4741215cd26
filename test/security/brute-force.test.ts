import { expect } from 'chai';
import request from 'supertest';
import { formatAccessCode } from '../../server/domain/access-code.js';
import { LOGIN_ATTEMPTS } from '../../server/routes/staff/auth-routes.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Participant } from '../../server/domain/records.js';
import { csrfFrom } from '../helpers/forms.js';
import { STAFF_PASSWORD, staffUser } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';

/**
 * What test/routes adds to: the limits hold per address, not per browser, so dropping cookies or
 * switching accounts does not reset them; and people who get it right are never counted.
 */
describe('brute-force limits', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];

  beforeEach(() => {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
  });
  afterEach(() => store.close());

  async function tryLogin(email: string, password: string) {
    const browser = request.agent(app);
    const form = await browser.get('/login').expect(200);
    return browser
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), email, password });
  }

  it('counts failed sign-ins per address across fresh browsers and different accounts', async function () {
    const user = await staffUser(services, 'admin');
    for (let i = 0; i < LOGIN_ATTEMPTS; i += 1)
      expect((await tryLogin(i % 2 ? user.email : `guess${i}@example.org`, `wrong ${i}`)).status).to.equal(401);
    const blocked = await tryLogin(user.email, STAFF_PASSWORD);
    expect(blocked.status).to.equal(429);
    expect(blocked.headers['x-error-code']).to.equal('RATE_LIMITED');
    expect(blocked.headers['set-cookie']?.toString() ?? '').to.not.include('coassess.sid=');
  });

  it('never slows down successful sign-ins', async function () {
    const user = await staffUser(services, 'admin');
    for (let i = 0; i < LOGIN_ATTEMPTS + 3; i += 1)
      expect((await tryLogin(user.email, STAFF_PASSWORD)).status).to.equal(303);
  });

  it('counts wrong access codes per address across fresh browsers, then refuses even the right code', async function () {
    const ben = (await seededProject(services)).participants[1] as Participant;
    const attempt = async (code: string) => {
      const browser = request.agent(app);
      const form = await browser.get('/s').expect(200);
      return browser
        .post('/s')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), code });
    };
    expect((await attempt(formatAccessCode(ben.accessCode))).status).to.equal(303);
    for (let i = 0; i < 10; i += 1)
      expect((await attempt(`ZZZZ-ZZ${String(i).padStart(2, 'Z')}`)).status).to.equal(400);
    const blocked = await attempt(formatAccessCode(ben.accessCode));
    expect(blocked.status).to.equal(429);
    expect(blocked.headers['x-error-code']).to.equal('RATE_LIMITED');
    expect(blocked.headers.location).to.equal(undefined);
  });
});
