import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { smtpMailer } from '../../server/services/mailer.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { StaffUser } from '../../server/domain/records.js';
import { csrfFrom } from '../helpers/forms.js';
import { startSmtp } from '../helpers/smtp-server.js';
import { csrfFor, signIn, staffUser, type Agent } from '../helpers/staff-agent.js';
import { storeSnapshot } from '../helpers/store-snapshot.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';
import { expectPageOrRedirect, formBody, hostileString, NASTY_KEYS, RUNS } from './hostile.js';

type Res = request.Response;

/** express.urlencoded's limit in server/app.ts ('100kb'): a larger body is refused with 413 before any route runs. */
const FORM_LIMIT = 100 * 1024;

/** The clock of testServices(): 2026-03-10, so a wave from 03-01 is open and closing it now makes it end on 03-09. */
const TODAY = '2026-03-10';
const YESTERDAY = '2026-03-09';

/** A path segment as a browser sends it: every UTF-8 byte outside the unreserved set percent-encoded. */
function pathSegment(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** An id, code or slug in the path that names nothing: hostile text (short enough for a URL), or broken percent-encoding. */
const hostileSegment = fc.oneof(
  { arbitrary: hostileString.map((s) => pathSegment(s.slice(0, 300)) || 'x'), weight: 4 },
  { arbitrary: fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%00', '%2F', '%2E%2E', 'undefined', 'null'), weight: 1 },
);

/**
 * What a hostile client might add to a form that is only a button: prototype-polluting names,
 * names the route reads from its path (as if they could override it), any text at all, and now
 * and then a second `_csrf`, which makes the token an array and must be refused.
 */
const extraKey = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_KEYS), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      'code',
      'slug',
      'waveId',
      'id',
      'project',
      'role',
      'isAdmin',
      'status',
      'confirm',
      'closesOn',
      'next',
      '_method',
      'userId',
    ),
    weight: 3,
  },
  { arbitrary: hostileString, weight: 2 },
  { arbitrary: fc.constant('_csrf'), weight: 1 },
);
const extras = fc.array(fc.tuple(extraKey, hostileString), { maxLength: 5 });

/** Mostly null (press the real button), sometimes a path segment that names nothing. */
const orWrong = fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: hostileSegment, weight: 1 });

describe('hostile input on staff buttons (forms with no fields of their own)', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let adminUser: StaffUser;
  let leadUser: StaffUser;
  let admin: Agent;
  let lead: Agent;
  const tokens = new Map<Agent, string>();
  let next = 0;
  const fresh = () => (next += 1);

  before(async function () {
    ({ services, store } = testServices());
    ({ app } = testApp(services));
    await seededProject(services);
    adminUser = await staffUser(services, 'admin');
    leadUser = await staffUser(services, 'lead', 'p4c');
    admin = await signIn(app, adminUser);
    lead = await signIn(app, leadUser);
    for (const agent of [admin, lead]) tokens.set(agent, await csrfFor(agent));
  });
  after(() => store.close());

  /**
   * Presses the button with hostile extra fields. Extra fields are ignored, so the only refusals
   * allowed are the two that come before any route: a body over the size limit (413) and a
   * doubled CSRF token (403). Then, and on any other 4xx, the store must be exactly as it was.
   * Returns the response when the route was reached, null when it was rightly refused.
   */
  async function press(
    agent: Agent,
    path: string,
    more: [string, string][],
    csrf = tokens.get(agent)!,
  ): Promise<Res | null> {
    const body = formBody(csrf, more);
    const before = await storeSnapshot(store);
    const res = await agent.post(path).type('form').send(body);
    expectPageOrRedirect(res);
    if (res.status >= 400)
      expect(await storeSnapshot(store), `${res.status} on ${path} wrote something`).to.equal(before);
    const refusal = Buffer.byteLength(body) > FORM_LIMIT ? 413 : more.some(([k]) => k === '_csrf') ? 403 : null;
    if (refusal !== null) {
      expect(res.status, `${path} should have been refused before the route`).to.equal(refusal);
      return null;
    }
    return res;
  }

  /** The store's whole state, to compare a press on a path that names nothing. */
  async function pressNothing(agent: Agent, path: string, more: [string, string][]): Promise<void> {
    const before = await storeSnapshot(store);
    const res = await press(agent, path, more);
    expect(await storeSnapshot(store), `${res?.status ?? 'refused'} on ${path} wrote something`).to.equal(before);
    if (res) expect(res.status, `${path} names nothing, yet was not refused`).to.be.within(400, 499);
  }

  it('withdrawing a participant: that participant and no other, whatever else is posted', async function () {
    const project = await services.projects.bySlug('p4c');
    await fc.assert(
      fc.asyncProperty(orWrong, extras, async (wrongCode, more) => {
        if (wrongCode !== null) return pressNothing(lead, `/projects/p4c/participants/${wrongCode}/withdraw`, more);
        const code = `WD-${fresh()}`;
        const [created] = await services.participants.importCsv(project, `code,group\n${code},caregiver\n`, 'test');
        const before = await store.participants.list(project.id);
        const res = await press(lead, `/projects/p4c/participants/${code}/withdraw`, more);
        const after = await store.participants.list(project.id);
        if (!res) {
          expect(after).to.deep.equal(before);
          return;
        }
        expect(res.status).to.equal(303);
        expect(res.headers.location).to.equal(`/projects/p4c/participants?done=withdrew%20${code}`);
        expect(after).to.deep.equal(
          before.map((p) => (p.id === created!.id ? { ...p, status: 'withdrawn', withdrawnOn: '2026-03-10' } : p)),
        );
      }),
      { ...RUNS, numRuns: 30 },
    );
  });

  it('closing a wave early: it ends yesterday, once; pressing again changes nothing', async function () {
    await fc.assert(
      fc.asyncProperty(orWrong, extras, extras, async (wrongWave, more, again) => {
        if (wrongWave !== null) return pressNothing(lead, `/projects/p4c/waves/${wrongWave}/close`, more);
        // A project of its own per run: waves in one project cannot overlap, and each run needs an open one.
        const slug = `cw-${fresh()}`;
        const project = await services.projects.create({ slug, name: 'Close me', instrument: 'coassess-core' }, 'test');
        await services.users.setRole(leadUser.id, slug, 'lead', 'test');
        const wave = await services.waves.add(
          { project, label: 'Wave 1', opensOn: '2026-03-01', closesOn: '2026-03-21' },
          'test',
        );
        const res = await press(lead, `/projects/${slug}/waves/${wave.id}/close`, more);
        if (!res) {
          expect(await store.waves.get(wave.id)).to.deep.equal(wave);
          return;
        }
        expect(res.status).to.equal(303);
        expect(res.headers.location).to.equal(`/projects/${slug}/waves?done=closed`);
        expect(await store.waves.get(wave.id)).to.deep.equal({ ...wave, closesOn: YESTERDAY });
        // A second press (a double click, a replayed form) finds the wave closed: refused, nothing written.
        const second = await press(lead, `/projects/${slug}/waves/${wave.id}/close`, again);
        if (second) expect(second.status).to.equal(400);
        expect((await store.waves.get(wave.id))!.closesOn).to.equal(YESTERDAY);
      }),
      { ...RUNS, numRuns: 25 },
    );
  });

  it('archiving a project: archived now, once; pressing again changes nothing', async function () {
    await fc.assert(
      fc.asyncProperty(orWrong, extras, extras, async (wrongSlug, more, again) => {
        if (wrongSlug !== null) return pressNothing(admin, `/projects/${wrongSlug}/archive`, more);
        const slug = `ar-${fresh()}`;
        const project = await services.projects.create(
          { slug, name: 'Archive me', instrument: 'coassess-core' },
          'test',
        );
        const res = await press(admin, `/projects/${slug}/archive`, more);
        if (!res) {
          expect((await store.projects.getBySlug(slug))!.archivedAt).to.equal(project.archivedAt);
          return;
        }
        expect(res.status).to.equal(303);
        expect(res.headers.location).to.equal('/projects?done=archived');
        const archived = await store.projects.getBySlug(slug);
        expect(archived).to.deep.equal({ ...project, archivedAt: `${TODAY}T09:00:00.000Z` });
        const before = await storeSnapshot(store);
        const second = await press(admin, `/projects/${slug}/archive`, again);
        if (second) expect(second.status).to.equal(303);
        expect(await storeSnapshot(store)).to.equal(before);
      }),
      { ...RUNS, numRuns: 25 },
    );
  });

  it('sending invitations without SMTP: a redirect to the list for manual contact, nothing written', async function () {
    await fc.assert(
      fc.asyncProperty(extras, async (more) => {
        const before = await storeSnapshot(store);
        const res = await press(lead, '/projects/p4c/invitations/send', more);
        expect(await storeSnapshot(store)).to.equal(before);
        if (!res) return;
        expect(res.status).to.equal(303);
        expect(res.headers.location).to.equal('/projects/p4c/contacts');
      }),
      { ...RUNS, numRuns: 25 },
    );
  });

  it('sending invitations with SMTP: the report is what was sent, and nobody is invited twice however often it is pressed', async function () {
    // A real SMTP server on loopback that accepts every address but one, which it always refuses
    // (as a full mailbox would).
    let refused = 0;
    const smtp = await startSmtp({
      refuse: (address) => {
        if (!address.startsWith('full@')) return false;
        refused += 1;
        return true;
      },
    });
    try {
      const mailer = smtpMailer(smtp.url, 'CoAssess <noreply@coassess.test>');
      const accepted = () => smtp.received.flatMap((m) => m.to);
      const smtpApp = createApp({
        services,
        config: { baseUrl: 'https://coassess.test', sessionSecret: 'x'.repeat(40), trustProxy: false },
        log: () => {},
        mailer,
      });
      const project = await services.projects.create(
        { slug: 'inv', name: 'Invitations', instrument: 'coassess-core' },
        'test',
      );
      await services.waves.add({ project, label: 'Wave 1', opensOn: '2026-03-01', closesOn: '2026-03-31' }, 'test');
      await services.participants.importCsv(
        project,
        'code,group,email\nIN-1,caregiver,one@example.org\nIN-2,provider,two@example.org\nIN-3,caregiver,full@example.org\nIN-4,caregiver,\n',
        'test',
      );
      const invLead = await staffUser(services, 'lead', 'inv');
      const agent = await signIn(smtpApp, invLead);
      const csrf = await csrfFor(agent);
      await fc.assert(
        fc.asyncProperty(extras, async (more) => {
          const [sentBefore, refusedBefore] = [accepted().length, refused];
          const res = await press(agent, '/projects/inv/invitations/send', more, csrf);
          if (!res) {
            expect([accepted().length, refused]).to.deep.equal([sentBefore, refusedBefore]);
            return;
          }
          expect(res.status).to.equal(303);
          expect(res.headers.location).to.equal(
            `/projects/inv/contacts?sent=${accepted().length - sentBefore}&failed=${refused - refusedBefore}&unaudited=0`,
          );
          expect(new Set(accepted()).size, `an address was invited twice: ${accepted().join(', ')}`).to.equal(
            accepted().length,
          );
        }),
        { ...RUNS, numRuns: 25 },
      );
      // Not vacuous: the two reachable addresses did get their invitation, and the full one was tried.
      expect(accepted().sort()).to.deep.equal(['one@example.org', 'two@example.org']);
      expect(refused).to.be.above(0);
    } finally {
      await smtp.close();
    }
  });

  it("revoking an API token: only one's own token goes; another's id or a made-up one changes nothing", async function () {
    const { token: adminToken } = await services.apiTokens.create(adminUser, 'admin script');
    const target = fc.oneof(
      { arbitrary: fc.constant('own' as const), weight: 3 },
      { arbitrary: fc.constant('admin' as const), weight: 1 },
      { arbitrary: hostileSegment, weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(target, extras, async (which, more) => {
        const { token: own } = await services.apiTokens.create(leadUser, `script ${fresh()}`);
        const id = which === 'own' ? own.id : which === 'admin' ? adminToken.id : which;
        const [mine, theirs] = [await store.apiTokens.list(leadUser.id), await store.apiTokens.list(adminUser.id)];
        const before = await storeSnapshot(store);
        const res = await press(lead, `/account/tokens/${id}/revoke`, more);
        if (res && res.status < 400) {
          expect(res.status).to.equal(303);
          expect(res.headers.location).to.equal('/account');
        }
        if (which === 'own' && res) {
          expect(await store.apiTokens.list(leadUser.id)).to.deep.equal(mine.filter((t) => t.id !== own.id));
          expect(await store.apiTokens.list(adminUser.id)).to.deep.equal(theirs);
        } else {
          expect(await storeSnapshot(store), 'a token was revoked by someone other than its owner').to.equal(before);
        }
      }),
      { ...RUNS, numRuns: 30 },
    );
    expect(await store.apiTokens.list(adminUser.id)).to.have.length(1);
  });

  it('signing out: the session ends whatever else is posted, and signing out when signed out is harmless', async function () {
    const evaluator = await staffUser(services, 'evaluator', 'p4c');
    await fc.assert(
      fc.asyncProperty(fc.boolean(), extras, async (signedIn, more) => {
        const user = signedIn ? evaluator : null;
        const agent = user ? await signIn(app, user) : request.agent(app);
        const csrf = csrfFrom((await agent.get(user ? '/account' : '/login').expect(200)).text);
        const res = await press(agent, '/logout', more, csrf);
        if (!res) {
          // Refused before the route: still signed in (or still not).
          await agent.get('/account').expect(user ? 200 : 303);
          return;
        }
        expect(res.status).to.equal(303);
        expect(res.headers.location).to.equal('/login');
        const account = await agent.get('/account').expect(303);
        expect(account.headers.location).to.match(/^\/login/);
        if (user)
          expect((await store.audit.list({ limit: 5 }))[0]).to.include({
            action: 'logout',
            actor: user.id,
            target: user.id,
          });
      }),
      { ...RUNS, numRuns: 20 },
    );
  });
});
