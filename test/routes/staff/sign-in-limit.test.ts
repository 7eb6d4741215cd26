import { expect } from 'chai';
import request from 'supertest';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFrom } from '../../helpers/forms.js';
import { STAFF_PASSWORD, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { testServices } from '../../helpers/test-services.js';

/**
 * The sign-in limit at its boundary: 10 failed sign-ins from one address are answered, the
 * 11th attempt is refused. The 10 is written here on purpose: a changed limit must fail this test.
 */
describe('sign-in limit of 10 failed attempts', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];

  beforeEach(() => {
    ({ services, store } = testServices());
    ({ app } = testApp(services));
  });
  afterEach(() => store.close());

  async function fail(agent: Agent, token: string, email: string, times: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < times; i += 1) {
      const res = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: token, email, password: `wrong ${i}` });
      statuses.push(res.status);
    }
    return statuses;
  }

  it('lets a person in with the right password after 9 failed attempts', async function () {
    const user = await staffUser(services, 'admin');
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get('/login').expect(200)).text);
    expect(await fail(agent, token, user.email, 9)).to.deep.equal(Array(9).fill(401));
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, email: user.email, password: STAFF_PASSWORD })
      .expect(303);
  });

  it('answers the 10th failed attempt, then refuses the 11th and 12th, even with the right password', async function () {
    const user = await staffUser(services, 'admin');
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get('/login').expect(200)).text);
    expect(await fail(agent, token, user.email, 10)).to.deep.equal(Array(10).fill(401));
    for (let attempt = 11; attempt <= 12; attempt += 1) {
      const blocked = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: token, email: user.email, password: STAFF_PASSWORD });
      expect(blocked.status, `attempt ${attempt}`).to.equal(429);
      expect(blocked.headers['x-error-code']).to.equal('RATE_LIMITED');
    }
  });
});
