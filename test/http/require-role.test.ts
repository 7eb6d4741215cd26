import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { ERROR_CODES, isDomainError } from '../../server/domain/errors.js';
import type { StaffUser } from '../../server/domain/records.js';
import { authenticate, downloadRoute } from '../../server/http/authenticate.js';
import {
  admits,
  requireAccess,
  requireAdmin,
  requireProjectRole,
  requireStaff,
} from '../../server/http/require-role.js';
import { staffUser } from '../helpers/staff-agent.js';
import { testServices } from '../helpers/test-services.js';

describe('route guards', function () {
  const staff = { isAdmin: false } as StaffUser;
  const admin = { isAdmin: true } as StaffUser;

  it('let anyone signed in open a staff page, and only administrators an admin page', function () {
    expect([
      admits('staff', staff),
      admits('staff', admin),
      admits('admin', staff),
      admits('admin', admin),
    ]).to.deep.equal([true, true, false, true]);
  });

  it("let into a project's page the roles it names, and administrators, but no one without a role in it", function () {
    expect([
      admits(['lead', 'data-entry'], staff, 'lead'),
      admits(['lead', 'data-entry'], staff, 'data-entry'),
    ]).to.deep.equal([true, true]);
    expect([admits(['lead', 'data-entry'], staff, 'evaluator'), admits(['lead'], staff)]).to.deep.equal([false, false]);
    expect(admits(['lead'], admin, 'admin')).to.equal(true);
  });
});

/**
 * The guards on a tiny app behind the real authenticate: `x-session-user` stands in for the
 * session's userId. Each route answers with the project and role the guard left in res.locals;
 * errors answer with their status and code.
 */
describe('route guards on requests', function () {
  const { services, store } = testServices();
  const users: Record<'admin' | 'lead' | 'evaluator' | 'dataEntry' | 'elsewhere', StaffUser> = {} as never;
  let leadToken: string;
  const app = express();
  app.use((req, _res, next) => {
    const userId = req.headers['x-session-user'];
    if (typeof userId === 'string') (req as unknown as { session: object }).session = { userId };
    next();
  });
  app.use(authenticate(services));
  const answer: express.RequestHandler = (_req, res) => {
    res.json({ project: res.locals.project?.slug ?? null, role: res.locals.projectRole ?? null });
  };
  app.get('/staff', requireStaff(), answer);
  app.get('/admin', requireAdmin(), answer);
  app.get('/projects/:slug/monitoring', requireProjectRole(services, 'lead', 'evaluator'), answer);
  app.get('/projects/:slug/export.csv', downloadRoute, requireProjectRole(services, 'lead'), answer);
  app.get('/export.csv', downloadRoute, requireStaff(), answer);
  app.get('/access/staff', requireAccess(services, 'staff'), answer);
  app.get('/access/admin', requireAccess(services, 'admin'), answer);
  app.get('/access/:slug/entry', requireAccess(services, ['data-entry']), answer);
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (!isDomainError(error)) throw error;
    res.status(ERROR_CODES[error.code]).json({ code: error.code });
  });

  before(async () => {
    for (const slug of ['p4c', 'other'])
      await services.projects.create({ slug, name: slug, instrument: 'coassess-core' }, 'test');
    users.admin = await staffUser(services, 'admin');
    users.lead = await staffUser(services, 'lead', 'p4c');
    users.evaluator = await staffUser(services, 'evaluator', 'p4c');
    users.dataEntry = await staffUser(services, 'data-entry', 'p4c');
    users.elsewhere = await staffUser(services, 'lead', 'other');
    ({ secret: leadToken } = await services.apiTokens.create(users.lead, 'exports'));
  });
  after(() => store.close());

  const as = (user: StaffUser | null, path: string) => {
    const req = request(app).get(path);
    return user ? req.set('x-session-user', user.id) : req;
  };
  const outcome = async (user: StaffUser | null, path: string) => {
    const res = await as(user, path);
    return res.status === 200 ? res.body : { status: res.status, code: res.body.code };
  };

  it('send anyone anonymous away as UNAUTHENTICATED, from every guard', async function () {
    for (const path of ['/staff', '/admin', '/projects/p4c/monitoring', '/access/staff', '/access/p4c/entry'])
      expect(await outcome(null, path), path).to.deep.equal({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('let anyone signed in past requireStaff, and only an administrator past requireAdmin', async function () {
    expect(await outcome(users.dataEntry, '/staff')).to.deep.equal({ project: null, role: null });
    expect(await outcome(users.admin, '/admin')).to.deep.equal({ project: null, role: null });
    for (const user of [users.lead, users.evaluator, users.dataEntry])
      expect(await outcome(user, '/admin')).to.deep.equal({ status: 403, code: 'FORBIDDEN' });
  });

  it("let the project's named roles in, with the project and their role, and refuse its other roles", async function () {
    expect(await outcome(users.lead, '/projects/p4c/monitoring')).to.deep.equal({ project: 'p4c', role: 'lead' });
    expect(await outcome(users.evaluator, '/projects/p4c/monitoring')).to.deep.equal({
      project: 'p4c',
      role: 'evaluator',
    });
    expect(await outcome(users.dataEntry, '/projects/p4c/monitoring')).to.deep.equal({
      status: 403,
      code: 'FORBIDDEN',
    });
  });

  it('let an administrator into every project as "admin", but not into one that does not exist', async function () {
    for (const slug of ['p4c', 'other'])
      expect(await outcome(users.admin, `/projects/${slug}/monitoring`)).to.deep.equal({
        project: slug,
        role: 'admin',
      });
    expect(await outcome(users.admin, '/projects/nowhere/monitoring')).to.deep.equal({
      status: 404,
      code: 'PROJECT_NOT_FOUND',
    });
  });

  it('say a project someone has no role in does not exist, as one that really does not', async function () {
    expect(await outcome(users.elsewhere, '/projects/p4c/monitoring')).to.deep.equal({
      status: 404,
      code: 'PROJECT_NOT_FOUND',
    });
    expect(await outcome(users.lead, '/projects/nowhere/monitoring')).to.deep.equal({
      status: 404,
      code: 'PROJECT_NOT_FOUND',
    });
  });

  it('keep API tokens to download routes', async function () {
    const token = (path: string) => request(app).get(path).set('Authorization', `Bearer ${leadToken}`);
    for (const path of ['/staff', '/projects/p4c/monitoring', '/access/staff']) {
      const res = await token(path);
      expect({ status: res.status, code: res.body.code }, path).to.deep.equal({ status: 403, code: 'FORBIDDEN' });
    }
    expect((await token('/export.csv').expect(200)).body).to.deep.equal({ project: null, role: null });
    expect((await token('/projects/p4c/export.csv').expect(200)).body).to.deep.equal({ project: 'p4c', role: 'lead' });
    // A session on a download route is let in as on any page.
    expect(await outcome(users.lead, '/projects/p4c/export.csv')).to.deep.equal({ project: 'p4c', role: 'lead' });
  });

  it('make requireAccess the guard its Access names', async function () {
    expect(await outcome(users.dataEntry, '/access/staff')).to.deep.equal({ project: null, role: null });
    expect(await outcome(users.lead, '/access/admin')).to.deep.equal({ status: 403, code: 'FORBIDDEN' });
    expect(await outcome(users.admin, '/access/admin')).to.deep.equal({ project: null, role: null });
    expect(await outcome(users.dataEntry, '/access/p4c/entry')).to.deep.equal({ project: 'p4c', role: 'data-entry' });
    expect(await outcome(users.lead, '/access/p4c/entry')).to.deep.equal({ status: 403, code: 'FORBIDDEN' });
    expect(await outcome(users.elsewhere, '/access/p4c/entry')).to.deep.equal({
      status: 404,
      code: 'PROJECT_NOT_FOUND',
    });
  });
});
