import { expect } from 'chai';
import type { SessionData } from 'express-session';
import request from 'supertest';
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
