import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { authenticate, downloadRoute } from '../../server/http/authenticate.js';
import type { StaffUser } from '../../server/domain/records.js';
import { staffUser } from '../helpers/staff-agent.js';
import { testServices } from '../helpers/test-services.js';

/**
 * authenticate on a tiny app: `x-session-user` stands in for the staff session's userId, and
 * the routes answer with what authenticate left in res.locals. Errors answer with their code.
 */
function appWith(services: ReturnType<typeof testServices>['services']) {
  const app = express();
  app.use((req, _res, next) => {
    const userId = req.headers['x-session-user'];
    if (typeof userId === 'string') (req as unknown as { session: object }).session = { userId };
    next();
  });
  app.use(authenticate(services));
  const whoIsAsking: express.RequestHandler = (_req, res) => {
    res.json({
      staff: res.locals.staff?.id ?? null,
      viaApiToken: res.locals.viaApiToken ?? null,
      downloadRoute: res.locals.downloadRoute ?? null,
    });
  };
  app.get('/download', downloadRoute, whoIsAsking);
  app.all('/', whoIsAsking);
  app.use((error: { code?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(error.code === 'FORBIDDEN' ? 403 : error.code === 'UNAUTHENTICATED' ? 401 : 500).json({
      code: error.code ?? 'INTERNAL',
    });
  });
  return app;
}

describe('authenticate', function () {
  const { services, store } = testServices();
  const app = appWith(services);
  let lead: StaffUser;
  let other: StaffUser;
  let admin: StaffUser;
  let secret: string;

  before(async () => {
    await services.projects.create({ slug: 'p4c', name: 'Place4Carers', instrument: 'coassess-core' }, 'test');
    lead = await staffUser(services, 'lead', 'p4c');
    other = await staffUser(services, 'lead', 'p4c');
    admin = await staffUser(services, 'admin');
    ({ secret } = await services.apiTokens.create(lead, 'exports'));
  });
  after(() => store.close());

  it('lets a personal API token read: GET and HEAD, marked as coming from a token', async function () {
    const res = await request(app).get('/').set('Authorization', `Bearer ${secret}`).expect(200);
    expect(res.body).to.deep.equal({ staff: lead.id, viaApiToken: true, downloadRoute: null });
    await request(app).head('/').set('Authorization', `Bearer ${secret}`).expect(200);
  });

  it('reads the token after "Bearer ", whatever spaces surround it', async function () {
    const res = await request(app).get('/').set('Authorization', `Bearer   ${secret}  `).expect(200);
    expect(res.body.staff).to.equal(lead.id);
  });

  it('refuses a token on anything that changes data, before looking the token up', async function () {
    for (const method of ['post', 'put', 'delete', 'patch'] as const) {
      const valid = await request(app)[method]('/').set('Authorization', `Bearer ${secret}`);
      expect(valid.status, method).to.equal(403);
      expect(valid.body.code, method).to.equal('FORBIDDEN');
      // An unknown token on a POST is refused as a POST, not as an unknown token.
      const unknown = await request(app)[method]('/').set('Authorization', 'Bearer nonsense');
      expect(unknown.body.code, method).to.equal('FORBIDDEN');
    }
    // OPTIONS is not a read either.
    expect((await request(app).options('/').set('Authorization', `Bearer ${secret}`)).status).to.equal(403);
  });

  it('refuses an unknown or empty token as UNAUTHENTICATED, and never falls back to the session', async function () {
    for (const header of ['Bearer coa_nonsense', 'Bearer  -', `Bearer ${secret}x`]) {
      const res = await request(app).get('/').set('Authorization', header).set('x-session-user', other.id);
      expect(res.status, header).to.equal(401);
      expect(res.body.code, header).to.equal('UNAUTHENTICATED');
    }
  });

  it('treats another scheme as no token at all: the session decides', async function () {
    for (const header of [`bearer ${secret}`, `Basic ${secret}`, `Bearer${secret}`]) {
      const res = await request(app).get('/').set('Authorization', header).set('x-session-user', other.id).expect(200);
      expect(res.body, header).to.deep.equal({ staff: other.id, viaApiToken: null, downloadRoute: null });
      // A POST with such a header is not an API call either.
      await request(app).post('/').set('Authorization', header).expect(200);
    }
  });

  it("lets in the session's user, and nobody without a session or with an unknown user", async function () {
    expect((await request(app).get('/').set('x-session-user', admin.id).expect(200)).body).to.deep.equal({
      staff: admin.id,
      viaApiToken: null,
      downloadRoute: null,
    });
    expect((await request(app).post('/').set('x-session-user', admin.id).expect(200)).body.staff).to.equal(admin.id);
    expect((await request(app).get('/').expect(200)).body.staff).to.equal(null);
    expect((await request(app).get('/').set('x-session-user', 'no-such-user').expect(200)).body.staff).to.equal(null);
    expect((await request(app).get('/').set('x-session-user', '').expect(200)).body.staff).to.equal(null);
  });

  it('does not let in a disabled account whose session is met anyway', async function () {
    const leaving = await staffUser(services, 'lead', 'p4c');
    await request(app)
      .get('/')
      .set('x-session-user', leaving.id)
      .expect(200, { staff: leaving.id, viaApiToken: null, downloadRoute: null });
    await services.users.disable(leaving.id, admin.id);
    expect((await request(app).get('/').set('x-session-user', leaving.id).expect(200)).body.staff).to.equal(null);
  });

  it('marks a download route, for the guards and the error handler', async function () {
    expect((await request(app).get('/download').expect(200)).body).to.deep.equal({
      staff: null,
      viaApiToken: null,
      downloadRoute: true,
    });
    const res = await request(app).get('/download').set('Authorization', `Bearer ${secret}`).expect(200);
    expect(res.body).to.deep.equal({ staff: lead.id, viaApiToken: true, downloadRoute: true });
  });
});
