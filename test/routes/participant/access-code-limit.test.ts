import { expect } from 'chai';
import request from 'supertest';
import type { Participant } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { formatAccessCode } from '../../../server/domain/access-code.js';
import { csrfFrom } from '../../helpers/forms.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

type Agent = ReturnType<typeof request.agent>;

/**
 * The access-code limit at its boundary: 10 wrong codes from one address are answered, the 11th
 * attempt is refused. The 10 is written here on purpose: a changed limit must fail this test.
 */
describe('access-code limit of 10 wrong codes', function () {
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let ben: Participant;

  beforeEach(async () => {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    [, ben] = (await seededProject(services)).participants as [Participant, Participant];
  });
  afterEach(() => store.close());

  async function enter(agent: Agent, token: string, code: string): Promise<request.Response> {
    return agent.post('/s').type('form').send({ _csrf: token, code });
  }

  async function wrong(agent: Agent, token: string, times: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < times; i += 1) statuses.push((await enter(agent, token, 'ZZZZ-ZZZZ')).status);
    return statuses;
  }

  it('lets a person in with the right code after 9 wrong ones', async function () {
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get('/s').expect(200)).text);
    expect(await wrong(agent, token, 9)).to.deep.equal(Array(9).fill(400));
    const right = await enter(agent, token, formatAccessCode(ben.accessCode));
    expect(right.status).to.equal(303);
    expect(right.headers.location).to.equal(`/s/${ben.token}`);
  });

  it('answers the 10th wrong code, then refuses the 11th and 12th attempts, even with the right code', async function () {
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get('/s').expect(200)).text);
    expect(await wrong(agent, token, 10)).to.deep.equal(Array(10).fill(400));
    for (let attempt = 11; attempt <= 12; attempt += 1) {
      const blocked = await enter(agent, token, formatAccessCode(ben.accessCode));
      expect(blocked.status, `attempt ${attempt}`).to.equal(429);
      expect(blocked.headers['x-error-code']).to.equal('RATE_LIMITED');
    }
  });
});
