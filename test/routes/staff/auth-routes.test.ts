import { expect } from 'chai';
import request from 'supertest';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { LOGIN_ATTEMPTS } from '../../../server/routes/staff/auth-routes.js';
import { csrfFrom } from '../../helpers/forms.js';
import { postForm, signIn, STAFF_PASSWORD, staffUser } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

function sessionCookie(res: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((c) => c.startsWith('coassess.sid='));
}

describe('staff accounts and access', function () {
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];

  beforeEach(() => {
    ({ services, store } = testServices());
    ({ app } = testApp(services));
  });
  afterEach(() => store.close());

  describe('first-admin setup', function () {
    it('works once with the printed token, then answers 404', async function () {
      const agent = request.agent(app);
      const path = `/setup/${services.auth.setupToken}`;
      const form = await agent.get(path).expect(200);
      await agent
        .post(path)
        .type('form')
        .send({ _csrf: csrfFrom(form.text), name: 'Ada', email: 'ada@example.org', password: 'short' })
        .expect(400);
      const again = await agent.get(path).expect(200);
      await agent
        .post(path)
        .type('form')
        .send({ _csrf: csrfFrom(again.text), name: 'Ada', email: 'ada@example.org', password: STAFF_PASSWORD })
        .expect(303)
        .expect('Location', '/projects');
      const admin = await store.users.findByEmail('ada@example.org');
      expect(admin?.isAdmin).to.equal(true);
      await agent.get('/account').expect(200);
      await agent.get(path).expect(404);
      await agent
        .post(path)
        .type('form')
        .send({ _csrf: csrfFrom(again.text), name: 'Eve', email: 'eve@example.org', password: STAFF_PASSWORD })
        .expect(404);
      expect(await store.users.count()).to.equal(1);
    });

    it('refuses a wrong token, and refuses setup once any account exists', async function () {
      await request(app).get('/setup/not-the-token').expect(404);
      await staffUser(services, 'admin');
      await request(app).get(`/setup/${services.auth.setupToken}`).expect(404);
    });

    it('lets only one of two concurrent setups through', async function () {
      const results = await Promise.allSettled([
        services.auth.completeSetup(services.auth.setupToken, {
          name: 'A',
          email: 'a@example.org',
          password: STAFF_PASSWORD,
        }),
        services.auth.completeSetup(services.auth.setupToken, {
          name: 'B',
          email: 'b@example.org',
          password: STAFF_PASSWORD,
        }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect(await store.users.count()).to.equal(1);
    });
  });

  describe('sign-in', function () {
    it('rotates the session id at sign-in and sets a HttpOnly, SameSite=Lax cookie', async function () {
      const user = await staffUser(services, 'admin');
      const agent = request.agent(app);
      const form = await agent.get('/login').expect(200);
      const failed = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: user.email, password: 'wrong password' })
        .expect(401);
      expect(failed.headers['x-error-code']).to.equal(undefined);
      const ok = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: user.email, password: STAFF_PASSWORD, next: '/account' })
        .expect(303)
        .expect('Location', '/account');
      const cookie = sessionCookie(ok);
      expect(cookie)
        .to.match(/HttpOnly/i)
        .and.match(/SameSite=Lax/i)
        .and.not.match(/Secure/i);
      const first = /^coassess\.sid=([^;]+)/.exec(cookie ?? '')?.[1];
      // Signing in over an existing session (as over one planted by an attacker) gives a new id.
      const form2 = await agent.get('/account').expect(200);
      const again = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(form2.text), email: user.email, password: STAFF_PASSWORD })
        .expect(303);
      const second = /^coassess\.sid=([^;]+)/.exec(sessionCookie(again) ?? '')?.[1];
      expect(first).to.be.a('string');
      expect(second).to.be.a('string').and.not.equal(first);
      const audit = await store.audit.list({});
      expect(audit.map((e) => e.action))
        .to.include('login.success')
        .and.include('login.failure');
    });

    it('marks the cookie Secure behind an HTTPS proxy', async function () {
      const { createApp } = await import('../../../server/app.js');
      const secureApp = createApp({
        services,
        config: { baseUrl: 'https://coassess.test', sessionSecret: 'x'.repeat(40), trustProxy: true },
        log: () => {},
      });
      const user = await staffUser(services, 'admin');
      // The test client speaks plain HTTP, so it would not send Secure cookies back: pass them by hand.
      const form = await request(secureApp).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
      const jar = ([] as string[])
        .concat(form.headers['set-cookie'] ?? [])
        .map((c) => c.split(';')[0])
        .join('; ');
      const ok = await request(secureApp)
        .post('/login')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', jar)
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: user.email, password: STAFF_PASSWORD })
        .expect(303);
      const cookie = ([] as string[])
        .concat(ok.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('__Host-coassess.sid='));
      expect(cookie)
        .to.match(/Secure/)
        .and.match(/HttpOnly/i)
        .and.match(/SameSite=Lax/i);
    });

    it('keeps the email and shows the message beside the field when a form is incomplete', async function () {
      const agent = request.agent(app);
      const form = await agent.get('/login').expect(200);
      const res = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: 'kept@example.org', password: '' })
        .expect(400);
      expect(res.text).to.include('value="kept@example.org"').and.include('id="f-password-error"');
    });

    it('never answers 500 to malformed sign-in bodies', async function () {
      const agent = request.agent(app);
      const form = await agent.get('/login').expect(200);
      const token = csrfFrom(form.text);
      for (const body of [
        `_csrf=${token}&email=a&email=b&password=x`,
        `_csrf=${token}`,
        `_csrf=${token}&next=//evil.example&email=x@y.z&password=p`,
      ]) {
        const res = await agent.post('/login').type('form').send(body);
        expect(res.status).to.be.oneOf([400, 401]);
      }
    });

    it('refuses a sign-in without a valid CSRF token', async function () {
      const user = await staffUser(services, 'admin');
      const res = await request(app)
        .post('/login')
        .type('form')
        .send({ email: user.email, password: STAFF_PASSWORD })
        .expect(403);
      expect(res.headers['x-error-code']).to.equal('CSRF_INVALID');
    });

    it(`answers 429 after ${LOGIN_ATTEMPTS} failed attempts, even with the right password`, async function () {
      this.timeout(60_000);
      const user = await staffUser(services, 'admin');
      const agent = request.agent(app);
      const token = csrfFrom((await agent.get('/login').expect(200)).text);
      for (let i = 0; i < LOGIN_ATTEMPTS; i += 1) {
        await agent
          .post('/login')
          .type('form')
          .send({ _csrf: token, email: user.email, password: `wrong ${i}` })
          .expect(401);
      }
      const blocked = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: token, email: user.email, password: STAFF_PASSWORD })
        .expect(429);
      expect(blocked.headers['x-error-code']).to.equal('RATE_LIMITED');
    });

    it('only follows same-site "next" addresses', async function () {
      const user = await staffUser(services, 'admin');
      const agent = request.agent(app);
      const form = await agent.get('/login').expect(200);
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: user.email, password: STAFF_PASSWORD, next: '//evil.example/x' })
        .expect(303)
        .expect('Location', '/projects');
    });
  });

  describe('signed-in', function () {
    it('sends an anonymous visitor to /login and back', async function () {
      const res = await request(app).get('/account').expect(303);
      expect(res.headers.location).to.equal('/login?next=%2Faccount');
      await request(app).get('/account').set('Accept', 'application/json').expect(401);
    });

    it('signs out: the old session no longer works', async function () {
      const agent = await signIn(app, await staffUser(services, 'admin'));
      await agent.get('/account').expect(200);
      expect((await postForm(agent, '/logout', {}, 303)).headers.location).to.equal('/login');
      await agent.get('/account').expect(303);
    });

    it('changes the password: the old one stops working, the new one works', async function () {
      const user = await staffUser(services, 'admin');
      const agent = await signIn(app, user);
      const wrong = await postForm(
        agent,
        '/account/password',
        { current: 'not it at all', password: 'a brand new password' },
        400,
      );
      expect(wrong.text).to.include('id="f-current-error"');
      await postForm(agent, '/account/password', { current: STAFF_PASSWORD, password: 'a brand new password' }, 303);
      const fresh = request.agent(app);
      const form = await fresh.get('/login').expect(200);
      await fresh
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: user.email, password: STAFF_PASSWORD })
        .expect(401);
      await signIn(app, user, 'a brand new password');
    });
  });

  describe('ending sessions', function () {
    const tokenOf = async (agent: Awaited<ReturnType<typeof signIn>>) => {
      const created = await postForm(agent, '/account/tokens', { label: 'R script' }, 201);
      return /<p class="secret">([^<]+)<\/p>/.exec(created.text)?.[1] ?? '';
    };
    const download = (secret: string) =>
      request(app).get('/projects/p4c/exports/scores.csv').set('Authorization', `Bearer ${secret}`);

    it("a password change signs every other session out and revokes the account's tokens, and says so", async function () {
      await seededProject(services);
      const user = await staffUser(services, 'lead', 'p4c');
      const here = await signIn(app, user);
      const laptop = await signIn(app, user);
      const phone = await signIn(app, user);
      const secret = await tokenOf(here);
      await download(secret).expect(200);
      const before = (await here.get('/account').expect(200)).text;
      expect(before)
        .to.include('signs your account out everywhere else')
        .and.include('revokes all your personal API tokens');

      const changed = await postForm(
        here,
        '/account/password',
        { current: STAFF_PASSWORD, password: 'a brand new password' },
        303,
      );
      expect(changed.headers.location).to.equal('/account?done=password&ended=2&revoked=1');

      const page = await here.get(changed.headers.location as string).expect(200);
      expect(page.text)
        .to.include('2 other sessions of your account were signed out')
        .and.include('1 API token was revoked');
      for (const other of [laptop, phone]) {
        const res = await other.get('/account').expect(303);
        expect(res.headers.location).to.match(/^\/login/);
      }
      await download(secret).expect(401);
      const [entry] = await store.audit.list({ limit: 1 });
      expect(entry).to.deep.include({ action: 'user.password', details: { otherSessionsEnded: 2, tokensRevoked: 1 } });
    });

    it('"sign out everywhere" ends every session of the account, this one too, and nobody else\'s', async function () {
      const user = await staffUser(services, 'admin');
      const someoneElse = await signIn(app, await staffUser(services, 'admin'));
      const here = await signIn(app, user);
      const there = await signIn(app, user);
      const res = await postForm(here, '/account/sign-out-everywhere', {}, 303);
      expect(res.headers.location).to.equal('/login?done=everywhere');
      expect((await here.get(res.headers.location as string).expect(200)).text).to.include('signed out everywhere');
      await here.get('/account').expect(303);
      await there.get('/account').expect(303);
      await someoneElse.get('/account').expect(200);
      expect((await store.audit.list({ limit: 1 }))[0]).to.deep.include({
        action: 'session.end-all',
        details: { sessions: 2 },
      });
    });

    it('a disabled account is signed out at once, its tokens refused, and its sign-in refused with a clear message until it is enabled', async function () {
      await seededProject(services);
      const admin = await signIn(app, await staffUser(services, 'admin'));
      const user = await staffUser(services, 'lead', 'p4c');
      const agent = await signIn(app, user);
      const secret = await tokenOf(agent);

      const disabled = await postForm(admin, `/users/${user.id}/disable`, {}, 303, '/users');
      expect(decodeURIComponent(disabled.headers.location as string)).to.include(
        '1 session ended and 1 API token revoked',
      );
      await agent.get('/account').expect(303);
      await download(secret).expect(401);
      const users = (await admin.get('/users').expect(200)).text;
      expect(users).to.include('disabled on ');

      const fresh = request.agent(app);
      const form = await fresh.get('/login').expect(200);
      const refused = await fresh
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: user.email, password: STAFF_PASSWORD })
        .expect(403);
      expect(refused.text).to.include('This account has been disabled');
      expect(sessionCookie(refused)).to.equal(undefined);
      // The wrong password is refused as any wrong password: the account's state is told only to its holder.
      const wrong = await fresh
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: user.email, password: 'not the password' })
        .expect(401);
      expect(wrong.text).to.not.include('disabled');

      await postForm(admin, `/users/${user.id}/enable`, {}, 303, '/users');
      const back = await signIn(app, user);
      await back.get('/account').expect(200);
      await download(secret).expect(401);
    });

    it('an administrator cannot disable their own account', async function () {
      const user = await staffUser(services, 'admin');
      const admin = await signIn(app, user);
      const res = await postForm(admin, `/users/${user.id}/disable`, {}, 400, '/users');
      expect(res.text).to.include('You cannot disable your own account');
      await admin.get('/account').expect(200);
    });

    it("an administrator sees an account's sessions (signed in, last used, address) and ends one", async function () {
      const admin = await signIn(app, await staffUser(services, 'admin'));
      const user = await staffUser(services, 'admin');
      const first = await signIn(app, user);
      const second = await signIn(app, user);
      const page = await admin.get(`/users/${user.id}/sessions`).expect(200);
      const ends = [...page.text.matchAll(/action="(\/users\/[^/]+\/sessions\/[0-9a-f]{16}\/end)"/g)].map((m) => m[1]!);
      expect(ends).to.have.length(2);
      expect(page.text).to.match(
        /<td>\d\d\/\d\d\/\d{4}, \d\d:\d\d<\/td><td>\d\d\/\d\d\/\d{4}, \d\d:\d\d<\/td><td>(::ffff:)?127\.0\.0\.1<\/td>/,
      );
      const sids = (await store.sessions.list(user.id)).map((s) => s.sid);
      for (const sid of sids) expect(page.text).to.not.include(sid);

      const token = csrfFrom(page.text);
      const ended = await admin.post(ends[0]!).type('form').send({ _csrf: token }).expect(303);
      expect(decodeURIComponent(ended.headers.location as string)).to.include('session ended');
      const statuses = [(await first.get('/account')).status, (await second.get('/account')).status].sort();
      expect(statuses).to.deep.equal([200, 303]);
      const again = await admin.post(ends[0]!).type('form').send({ _csrf: token }).expect(303);
      expect(decodeURIComponent(again.headers.location as string)).to.include('already ended');
      expect((await admin.get(`/users/${user.id}/sessions`).expect(200)).text.match(/\/end"/g)).to.have.length(1);
      await admin.get('/users/nobody/sessions').expect(404);
    });
  });

  describe('personal API tokens', function () {
    it('download exports with Bearer under the same rules as the web, and only read', async function () {
      await seededProject(services);
      await seededProject(services, 'other');
      const evaluator = await staffUser(services, 'evaluator', 'p4c');
      const agent = await signIn(app, evaluator);
      const created = await postForm(agent, '/account/tokens', { label: 'R script' }, 201);
      const secret = /<p class="secret">([^<]+)<\/p>/.exec(created.text)?.[1] ?? '';
      expect(secret).to.match(/^coa_/);
      const csv = await request(app)
        .get('/projects/p4c/exports/scores.csv')
        .set('Authorization', `Bearer ${secret}`)
        .expect(200);
      expect(csv.headers['content-type']).to.include('text/csv');
      expect(csv.text.split('\r\n')[0]).to.equal(
        'participant,group,wave,wave_index,wave_opens,dimension,score,items_answered',
      );
      await request(app).get('/projects/other/exports/scores.csv').set('Authorization', `Bearer ${secret}`).expect(404);
      await request(app).post('/projects/p4c/participants').set('Authorization', `Bearer ${secret}`).expect(403);
      await request(app).get('/projects/p4c/exports/scores.csv').set('Authorization', 'Bearer coa_forged').expect(401);
      const audit = await store.audit.list({});
      expect(audit.some((e) => e.action === 'export' && e.actor === evaluator.id)).to.equal(true);
      const tokens = await services.apiTokens.list(evaluator);
      await postForm(agent, `/account/tokens/${tokens[0]!.id}/revoke`, {}, 303);
      await request(app).get('/projects/p4c/exports/scores.csv').set('Authorization', `Bearer ${secret}`).expect(401);
    });
  });
});
