import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { formatAccessCode } from '../../server/domain/access-code.js';
import { allItems } from '../../server/domain/instrument.js';
import type { InstrumentRegistry } from '../../server/services/instrument-registry.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Participant, Wave } from '../../server/domain/records.js';
import { csrfFrom } from '../helpers/forms.js';
import { storeSnapshot } from '../helpers/store-snapshot.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';
import { expectPageOrRedirect, formBody, hostileForm, hostileString, RUNS } from './hostile.js';

describe('hostile input on participant forms', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let instruments: InstrumentRegistry;
  let app: ReturnType<typeof testApp>['app'];
  let wave: Wave;
  let pool: Participant[];
  let agent: ReturnType<typeof request.agent>;
  let csrf: string;
  let nextInPool = 0;

  before(async function () {
    ({ services, store, instruments } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    const seeded = await seededProject(services);
    wave = seeded.wave1;
    const people = Array.from(
      { length: 300 },
      (_, i) => `W-${String(i).padStart(3, '0')},${i % 2 ? 'provider' : 'caregiver'},${i % 3 ? 'en' : 'it'},web`,
    );
    pool = await services.participants.importCsv(
      seeded.project,
      `code,group,language,mode\n${people.join('\n')}\n`,
      'test',
    );
    agent = request.agent(app);
    csrf = csrfFrom((await agent.get('/s').expect(200)).text);
  });
  after(() => store.close());

  const fresh = () => pool[nextInPool++]!;
  const responseOf = (p: Participant) => store.responses.get(p.id, wave.id);
  const post = (path: string, pairs: [string, string][]) => agent.post(path).type('form').send(formBody(csrf, pairs));

  it('access code: only a real code lets anyone in, and trying writes nothing', async function () {
    let runs = 0;
    const real = fc
      .constantFrom(...pool.slice(0, 5).map((p) => p.accessCode))
      .chain((code) =>
        fc.constantFrom(
          code,
          formatAccessCode(code),
          formatAccessCode(code).toLowerCase(),
          ` ${code.slice(0, 4)} ${code.slice(4)} `,
        ),
      );
    await fc.assert(
      fc.asyncProperty(hostileForm({ code: real }), async (pairs) => {
        // Each run from an address of its own, through a trusted proxy: ten wrong codes from one
        // address would otherwise answer 429, the counts living in the store.
        runs += 1;
        const freshApp = createApp({
          services,
          config: {
            baseUrl: 'https://coassess.test',
            sessionSecret: 'x'.repeat(40),
            trustProxy: false,
            proxies: ['loopback'],
          },
          log: () => {},
        });
        const visitor = request.agent(freshApp);
        const token = csrfFrom((await visitor.get('/s').expect(200)).text);
        const before = await storeSnapshot(store);
        const res = await visitor
          .post('/s')
          .set('X-Forwarded-For', `10.0.${runs >> 8}.${runs & 255}`)
          .type('form')
          .send(formBody(token, pairs));
        expectPageOrRedirect(res, /^\/s(\/|$)/);
        expect(res.status).to.be.oneOf([303, 400, 413]);
        if (res.status === 303) {
          const participant = pool.find((p) => res.headers.location === `/s/${p.token}`);
          expect(participant, res.headers.location).to.not.equal(undefined);
        }
        expect(await storeSnapshot(store)).to.equal(before);
      }),
      { ...RUNS, numRuns: 40 },
    );
  });

  it('consent: a draft starts only when consent is "yes"', async function () {
    await fc.assert(
      fc.asyncProperty(hostileForm({ consent: fc.constant('yes') }), async (pairs) => {
        const p = fresh();
        const res = await post(`/s/${p.token}/consent`, pairs);
        expectPageOrRedirect(res, /^\/s(\/|$)/);
        const consented = pairs.filter(([k]) => k === 'consent').map(([, v]) => v);
        const saved = await responseOf(p);
        if (res.status === 303) {
          expect(consented).to.deep.equal(['yes']);
          expect(saved?.status).to.equal('draft');
        } else {
          expect(saved).to.equal(null);
        }
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it('section pages: a refused page changes nothing, a saved page holds only valid answers', async function () {
    const instrument = instruments.latest('coassess-core')!;
    const items = allItems(instrument);
    const plausible = Object.fromEntries(
      items.map((i) => [
        i.id,
        i.type === 'scale' ? fc.constantFrom('', '1', '3', '5', 'NA') : fc.string({ maxLength: 40 }),
      ]),
    );
    const sectionNumber = fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 6 }).map(String), weight: 5 },
      { arbitrary: hostileString, weight: 1 },
    );
    const people = pool.slice(200, 210);
    for (const p of people) {
      await agent.get(`/s/${p.token}`).expect(200);
      await post(`/s/${p.token}/consent`, [['consent', 'yes']]).expect(303);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: people.length - 1 }),
        sectionNumber,
        hostileForm(plausible),
        async (who, n, pairs) => {
          const p = people[who]!;
          const before = await storeSnapshot(store);
          const res = await post(`/s/${p.token}/section/${encodeURIComponent(n)}`, pairs);
          expectPageOrRedirect(res, /^\/s(\/|$)/);
          if (res.status >= 400) expect(await storeSnapshot(store)).to.equal(before);
          const saved = await responseOf(p);
          expect(saved?.status).to.equal('draft');
          for (const [id, value] of Object.entries(saved!.answers)) {
            const item = items.find((i) => i.id === id);
            expect(item, `unknown item ${id} saved`).to.not.equal(undefined);
            if (item!.type === 'scale')
              expect(
                value === 'NA' || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5),
                `${id}=${String(value)}`,
              ).to.equal(true);
            else expect(value).to.be.a('string').with.length.at.most(5000);
          }
        },
      ),
      { ...RUNS, numRuns: 150 },
    );
  });

  it('submit: whatever else the form carries, the draft is submitted exactly as saved', async function () {
    await fc.assert(
      fc.asyncProperty(hostileForm({ trust_1: fc.constant('1'), open_1: hostileString }), async (pairs) => {
        const p = fresh();
        await post(`/s/${p.token}/consent`, [['consent', 'yes']]).expect(303);
        await post(`/s/${p.token}/section/1`, [['trust_1', '4']]).expect(303);
        const res = await post(`/s/${p.token}/submit`, pairs);
        expectPageOrRedirect(res, /^\/s(\/|$)/);
        const saved = await responseOf(p);
        expect(saved?.answers).to.deep.equal({ trust_1: 4 });
        // Too large to read (413): nothing is submitted; otherwise the saved draft is.
        expect(saved?.status).to.equal(res.status === 413 ? 'draft' : 'submitted');
        expect(res.status).to.be.oneOf([303, 413]);
      }),
      { ...RUNS, numRuns: 60 },
    );
  });
});
