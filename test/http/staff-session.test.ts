import { expect } from 'chai';
import express from 'express';
import { MemoryStore, type SessionData } from 'express-session';
import request from 'supertest';
import { sessionCookieName, staffSession } from '../../server/http/staff-session.js';
import type { Services } from '../../server/services/services.js';
import { SESSION_IDLE_MS } from '../../server/store/store.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { csrfFrom } from '../helpers/forms.js';
import { STAFF_PASSWORD, staffUser } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';

const sessionCookies = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).filter((c) => c.startsWith('coassess.sid='));

/** The session id inside the signed cookie value `s:<id>.<signature>`. */
const sidOf = (cookie: string) =>
  /^s:([^.]+)\./.exec(decodeURIComponent(/^coassess\.sid=([^;]+)/.exec(cookie)![1]!))![1]!;

describe('staff session (ADR 0109)', function () {
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];

  beforeEach(async () => {
    ({ services, store } = testServices());
    ({ app } = testApp(services));
    await seededProject(services);
  });
  afterEach(() => store.close());

  async function signIn() {
    const user = await staffUser(services, 'lead', 'p4c');
    const browser = request.agent(app);
    const form = await browser.get('/login').expect(200);
    const signedIn = await browser
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), email: user.email, password: STAFF_PASSWORD })
      .expect(303);
    return { browser, cookies: sessionCookies(signedIn) };
  }

  const stored = (sid: string) =>
    new Promise<SessionData | null | undefined>((resolve, reject) =>
      services.system.sessionStore().get(sid, (error, session) => (error ? reject(error) : resolve(session))),
    );

  it('sends a cookie without an expiry at sign-in, so it ends when the browser closes', async function () {
    const { cookies } = await signIn();
    expect(cookies).to.have.length(1);
    expect(cookies[0])
      .to.match(/; HttpOnly/i)
      .and.match(/; SameSite=Lax/i);
    expect(cookies[0]).not.to.match(/Expires=|Max-Age=/i);
  });

  it('sends no cookie with the pages after sign-in', async function () {
    const { browser } = await signIn();
    for (const path of ['/projects', '/projects/p4c/paper', '/account'])
      expect(sessionCookies(await browser.get(path).expect(200)), path).to.deep.equal([]);
  });

  it('keeps the session for SESSION_IDLE_MS from its last request in the store, and ends one left idle that long', async function () {
    const before = Date.now();
    const { browser, cookies } = await signIn();
    const sid = sidOf(cookies[0]!);
    const user = (await store.sessions.list((await stored(sid))!.userId!)).find((s) => s.sid === sid)!;
    expect(Date.parse(user.expiresAt)).to.be.within(before + SESSION_IDLE_MS, Date.now() + SESSION_IDLE_MS);
    // What the administrators' list of sessions says (ADR 0065): used just now, not at sign-in.
    expect(Date.parse(user.lastUsedAt)).to.be.within(before, Date.now());

    // Idle past its time: the store's row has expired, and the next page asks for sign-in again.
    const session = (await stored(sid))!;
    await new Promise<void>((resolve, reject) =>
      services.system
        .sessionStore()
        .set(
          sid,
          { ...session, cookie: { ...session.cookie, expires: new Date(Date.now() - 1) } } as SessionData,
          (e) => (e ? reject(e) : resolve()),
        ),
    );
    const page = await browser.get('/projects/p4c/paper');
    expect(page.status).to.equal(303);
    expect(page.headers.location).to.match(/^\/login/);
  });
});

/**
 * staffSession on a tiny app with express-session's MemoryStore, counting the store's writes:
 * POST /sign-in puts a user in the session, GET /who reads it.
 */
function sessionApp(secure: boolean, secret = 's'.repeat(40)) {
  const store = new MemoryStore();
  const writes = { set: 0, touch: 0 };
  const set = store.set.bind(store);
  const touch = store.touch.bind(store);
  store.set = (sid, session, callback) => {
    writes.set += 1;
    set(sid, session, callback);
  };
  store.touch = (sid, session, callback) => {
    writes.touch += 1;
    touch(sid, session, callback);
  };
  const app = express();
  // Behind HTTPS, as a proxy says it is.
  app.set('trust proxy', true);
  app.use(staffSession(store, { secret, secure }));
  app.post('/sign-in', (req, res) => {
    req.session.userId = 'u1';
    res.sendStatus(204);
  });
  app.post('/note', (req, res) => {
    req.session.address = '10.0.0.1';
    res.sendStatus(204);
  });
  app.get('/who', (req, res) => {
    res.json({ userId: req.session.userId ?? null });
  });
  return { app, writes };
}

const setCookies = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []);

describe('staff session cookie on requests', function () {
  it('sets no cookie and stores nothing for a visitor who does not sign in', async function () {
    const { app, writes } = sessionApp(false);
    const res = await request(app).get('/who').expect(200, { userId: null });
    expect(setCookies(res)).to.deep.equal([]);
    expect(writes).to.deep.equal({ set: 0, touch: 0 });
  });

  it('sends the cookie once, at sign-in: HttpOnly, SameSite=Lax, for the whole site, without an expiry', async function () {
    const { app } = sessionApp(false);
    const browser = request.agent(app);
    const signedIn = await browser.post('/sign-in').expect(204);
    expect(setCookies(signedIn)).to.have.length(1);
    expect(setCookies(signedIn)[0]).to.match(/^coassess\.sid=s%3A[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(sessionCookieName(false)).to.equal('coassess.sid');
    const page = await browser.get('/who').expect(200, { userId: 'u1' });
    expect(setCookies(page)).to.deep.equal([]);
    // Not even when the session changes later.
    expect(setCookies(await browser.post('/note').expect(204))).to.deep.equal([]);
  });

  it('behind HTTPS, names it with the __Host- prefix and marks it Secure', async function () {
    const { app } = sessionApp(true);
    const signedIn = await request(app).post('/sign-in').set('X-Forwarded-Proto', 'https').expect(204);
    expect(setCookies(signedIn)[0]).to.match(
      /^__Host-coassess\.sid=s%3A[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(sessionCookieName(true)).to.equal('__Host-coassess.sid');
    // Over plain HTTP a Secure cookie is not sent at all.
    expect(setCookies(await request(app).post('/sign-in').expect(204))).to.deep.equal([]);
  });

  it('moves an unchanged session on in the store without writing it again; a change writes it', async function () {
    const { app, writes } = sessionApp(false);
    const browser = request.agent(app);
    await browser.post('/sign-in').expect(204);
    expect(writes).to.deep.equal({ set: 1, touch: 0 });
    await browser.get('/who').expect(200, { userId: 'u1' });
    await browser.get('/who').expect(200, { userId: 'u1' });
    expect(writes).to.deep.equal({ set: 1, touch: 2 });
    await browser.post('/note').expect(204);
    expect(writes.set).to.equal(2);
  });

  it('signs the cookie with the secret: another secret, or a changed id, finds no session', async function () {
    const { app } = sessionApp(false, 'a'.repeat(40));
    const cookie = setCookies(await request(app).post('/sign-in').expect(204))[0]!.split(';')[0]!;
    await request(app).get('/who').set('Cookie', cookie).expect(200, { userId: 'u1' });
    const forged = cookie.replace(/s%3A(.)/, (_m, c: string) => `s%3A${c === 'A' ? 'B' : 'A'}`);
    await request(app).get('/who').set('Cookie', forged).expect(200, { userId: null });
    const other = sessionApp(false, 'b'.repeat(40));
    await request(other.app).get('/who').set('Cookie', cookie).expect(200, { userId: null });
  });
});
