import { expect } from 'chai';
import request from 'supertest';
import type { ProjectRoleName, StaffUser, Wave } from '../../../server/domain/records.js';
import { staffRoutes } from '../../../server/routes/staff/staff-routes.js';
import { EXPORT_FORMATS, EXPORT_KINDS } from '../../../server/services/export-service.js';
import { SYNTAX_FILES } from '../../../server/services/labels-exports.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFrom } from '../../helpers/forms.js';
import { signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

type Who = 'public' | 'staff' | 'admin' | ProjectRoleName[];

/**
 * Every staff route and who may use it (with a query string where the page needs one). A route added to the staff router without a line here
 * fails the first test below, so no page can ship without its authorization being tested.
 */
const ROUTES: [string, string, Who][] = [
  ['GET', '/setup/:token', 'public'],
  ['POST', '/setup/:token', 'public'],
  ['GET', '/login', 'public'],
  ['POST', '/login', 'public'],
  ['POST', '/logout', 'public'],
  ['GET', '/account', 'staff'],
  ['POST', '/account/password', 'staff'],
  ['POST', '/account/language', 'staff'],
  ['POST', '/account/tokens', 'staff'],
  ['POST', '/account/tokens/:id/revoke', 'staff'],
  ['GET', '/users', 'admin'],
  ['POST', '/users', 'admin'],
  ['POST', '/users/:id/role', 'admin'],
  // :id is the admin's own account, which the admin may not disable (400): nobody is locked out here.
  ['POST', '/users/:id/disable', 'admin'],
  ['POST', '/users/:id/enable', 'admin'],
  ['GET', '/users/:id/sessions', 'admin'],
  ['POST', '/users/:id/sessions/:handle/end', 'admin'],
  ['GET', '/projects', 'staff'],
  ['GET', '/projects/new', 'admin'],
  ['POST', '/projects/new', 'admin'],
  ['POST', '/projects/:slug/archive', 'admin'],
  ['GET', '/projects/:slug', ['lead', 'evaluator', 'data-entry']],
  ['GET', '/projects/:slug/settings', ['lead']],
  ['POST', '/projects/:slug/settings', ['lead']],
  ['GET', '/projects/:slug/consent', ['lead']],
  ['POST', '/projects/:slug/consent', ['lead']],
  ['GET', '/projects/:slug/participants', ['lead']],
  ['POST', '/projects/:slug/participants', ['lead']],
  ['POST', '/projects/:slug/participants/import', ['lead']],
  ['GET', '/projects/:slug/participants/:code', ['lead']],
  ['POST', '/projects/:slug/participants/:code', ['lead']],
  ['POST', '/projects/:slug/participants/:code/withdraw', ['lead']],
  ['POST', '/projects/:slug/participants/:code/erase', ['lead']],
  ['GET', '/projects/:slug/waves', ['lead', 'evaluator']],
  ['POST', '/projects/:slug/waves', ['lead']],
  ['POST', '/projects/:slug/waves/series', ['lead']],
  ['POST', '/projects/:slug/waves/:waveId/closing', ['lead']],
  ['POST', '/projects/:slug/waves/:waveId/close', ['lead']],
  // "You said, we did": writing, previewing and publishing a wave's summary is a lead's alone.
  // An empty post saves an empty draft (303); wave 1 has nothing published, so unpublishing answers 409.
  ['GET', '/projects/:slug/waves/:waveId/summary', ['lead']],
  ['POST', '/projects/:slug/waves/:waveId/summary', ['lead']],
  ['POST', '/projects/:slug/waves/:waveId/summary/unpublish', ['lead']],
  ['GET', '/projects/:slug/monitoring', ['lead', 'evaluator']],
  ['GET', '/audit', 'admin'],
  ['GET', '/projects/:slug/audit', ['lead']],
  ['GET', '/projects/:slug/exports', ['lead', 'evaluator']],
  // Every export as CSV and .xlsx, and the syntax files that label them: downloads for scripts.
  ...EXPORT_KINDS.flatMap((kind) =>
    EXPORT_FORMATS.map((format): [string, string, Who] => [
      'GET',
      `/projects/:slug/exports/${kind}.${format}`,
      ['lead', 'evaluator'],
    ]),
  ),
  ...Object.keys(SYNTAX_FILES).map((file): [string, string, Who] => [
    'GET',
    `/projects/:slug/exports/${file}`,
    ['lead', 'evaluator'],
  ]),
  // Any other file there: 404 to those let in (checked below), 401 to a script without token.
  ['GET', '/projects/:slug/exports/*file', ['lead', 'evaluator']],
  ['GET', '/projects/:slug/contacts', ['lead']],
  ['GET', '/projects/:slug/contacts/letters', ['lead']],
  // Personal links of those to contact by letter, for a mail merge: leads only, like the page.
  ['GET', '/projects/:slug/contacts/contacts.csv', ['lead']],
  ['POST', '/projects/:slug/invitations/send', ['lead']],
  ['GET', '/projects/:slug/paper', ['lead', 'data-entry']],
  ['GET', '/projects/:slug/paper/entry?wave=:waveId&participant=CG-002', ['lead', 'data-entry']],
  ['POST', '/projects/:slug/paper/entry?wave=:waveId&participant=CG-002', ['lead', 'data-entry']],
  ['GET', '/projects/:slug/waves/:waveId/paper-pack', ['lead', 'data-entry']],
  ['GET', '/projects/:slug/paper/pages.css', ['lead', 'data-entry']],
  // CG-001 has no form waiting for reconciliation: those let in get 409, the others 403/404.
  ['GET', '/projects/:slug/paper/reconcile/:code/:waveId', ['lead', 'data-entry']],
  ['POST', '/projects/:slug/paper/reconcile/:code/:waveId', ['lead', 'data-entry']],
  // CG-001's response is from paper, which data-entry staff may correct (a web one only leads).
  ['GET', '/projects/:slug/responses/:code/:waveId', ['lead', 'data-entry']],
  ['POST', '/projects/:slug/responses/:code/:waveId', ['lead', 'data-entry']],
  // Last: it signs each agent that is let in out of every session.
  ['POST', '/account/sign-out-everywhere', 'staff'],
];

const ROLES: ProjectRoleName[] = ['lead', 'evaluator', 'data-entry'];
const DENIED = [401, 403, 404];

function registeredRoutes(services: Services): string[] {
  const router = staffRoutes(services, { secure: false }) as unknown as {
    stack: { route?: { path: string; methods: Record<string, boolean> } }[];
  };
  return router.stack.flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`) : [],
  );
}

describe('staff route authorization', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let wave: Wave;
  let admin: StaffUser;
  const agents = new Map<string, Agent>();

  before(async function () {
    ({ services, store } = testServices());
    ({ app } = testApp(services));
    const seeded = await seededProject(services);
    wave = seeded.wave1;
    // A submitted response for the correction page of CG-001.
    await services.paper.enter(seeded.project, wave.id, 'CG-001', { trust_1: '4' }, 'test');
    await seededProject(services, 'other');
    admin = await staffUser(services, 'admin');
    agents.set('admin', await signIn(app, admin));
    for (const role of ROLES) agents.set(role, await signIn(app, await staffUser(services, role, 'p4c')));
    agents.set('other-lead', await signIn(app, await staffUser(services, 'lead', 'other')));
  });
  after(() => store.close());

  function url(path: string): string {
    return path
      .replace(':slug', 'p4c')
      .replace(':code', 'CG-001')
      .replace(':waveId', wave.id)
      .replace(':id', admin.id)
      .replace(':token', services.auth.setupToken);
  }

  async function call(agent: Agent, method: string, path: string) {
    const account = await agent.get('/account');
    const token = csrfFrom((account.status === 200 ? account : await agent.get('/login')).text);
    return method === 'GET'
      ? agent.get(url(path)).set('Accept', 'text/html')
      : agent.post(url(path)).type('form').send({ _csrf: token });
  }

  it('lists every staff route, and every listed route exists', function () {
    const registered = registeredRoutes(services).sort();
    const listed = ROUTES.map(([m, p]) => `${m} ${p.split('?')[0]}`).sort();
    expect(
      registered.filter((r) => !listed.includes(r)),
      'staff routes missing from ROUTES',
    ).to.deep.equal([]);
    expect(
      listed.filter((r) => !registered.includes(r)),
      'ROUTES entries with no route',
    ).to.deep.equal([]);
  });

  for (const [method, path, who] of ROUTES) {
    if (who === 'public') continue;
    describe(`${method} ${path}`, function () {
      if (path.includes('/exports/')) {
        it('answers 401 with WWW-Authenticate: Bearer to a request without session or token, never a redirect', async function () {
          const res = await call(request.agent(app), method, path);
          expect(res.status).to.equal(401);
          expect(res.headers['www-authenticate']).to.equal('Bearer');
          expect(res.headers.location).to.equal(undefined);
          expect(res.headers['content-type']).to.match(/^text\/plain/);
        });
      } else {
        it('sends an anonymous visitor to /login', async function () {
          const res = await call(request.agent(app), method, path);
          expect(res.status).to.equal(303);
          expect(res.headers.location).to.match(/^\/login/);
        });
      }

      if (Array.isArray(who)) {
        it('answers 404 to a lead of another project', async function () {
          expect((await call(agents.get('other-lead')!, method, path)).status).to.equal(404);
        });
      }

      const allowed = who === 'staff' ? ['admin', ...ROLES] : who === 'admin' ? ['admin'] : ['admin', ...who];
      for (const role of ['admin', ...ROLES]) {
        const ok = allowed.includes(role);
        it(`${ok ? 'lets in' : 'answers 403 to'} ${role === 'admin' ? 'an admin' : `a ${role}`}`, async function () {
          const res = await call(agents.get(role)!, method, path);
          if (ok && path.endsWith('*file')) expect(res.headers['x-error-code']).to.equal('NOT_FOUND');
          else if (ok) expect(res.status, res.text.slice(0, 300)).to.not.be.oneOf([...DENIED, 500]);
          else expect(res.status).to.equal(403);
        });
      }
    });
  }

  it('refuses every staff form post without a CSRF token', async function () {
    const agent = agents.get('admin')!;
    for (const [method, path] of ROUTES) {
      if (method !== 'POST') continue;
      const res = await agent.post(url(path)).type('form').send({});
      expect(res.status, path).to.equal(403);
      expect(res.headers['x-error-code'], path).to.equal('CSRF_INVALID');
    }
  });
});
