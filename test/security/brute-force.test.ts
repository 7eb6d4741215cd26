import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { formatAccessCode } from '../../server/domain/access-code.js';
import { LOGIN_ATTEMPTS } from '../../server/routes/staff/auth-routes.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Participant } from '../../server/domain/records.js';
import { csrfFrom } from '../helpers/forms.js';
import { STAFF_PASSWORD, staffUser } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';

/**
 * What test/routes adds to: the limits hold per address, not per browser, so dropping cookies or
 * switching accounts does not reset them; and people who get it right are never counted.
 */
describe('brute-force limits', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];

  beforeEach(() => {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
  });
  afterEach(() => store.close());

  async function tryLogin(email: string, password: string) {
    const browser = request.agent(app);
    const form = await browser.get('/login').expect(200);
    return browser
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), email, password });
  }

  it('counts failed sign-ins per address across fresh browsers and different accounts', async function () {
    const user = await staffUser(services, 'admin');
    for (let i = 0; i < LOGIN_ATTEMPTS; i += 1)
      expect((await tryLogin(i % 2 ? user.email : `guess${i}@example.org`, `wrong ${i}`)).status).to.equal(401);
    const blocked = await tryLogin(user.email, STAFF_PASSWORD);
    expect(blocked.status).to.equal(429);
    expect(blocked.headers['x-error-code']).to.equal('RATE_LIMITED');
    expect(blocked.headers['set-cookie']?.toString() ?? '').to.not.include('coassess.sid=');
  });

  it('never slows down successful sign-ins', async function () {
    const user = await staffUser(services, 'admin');
    for (let i = 0; i < LOGIN_ATTEMPTS + 3; i += 1)
      expect((await tryLogin(user.email, STAFF_PASSWORD)).status).to.equal(303);
  });

  it('counts wrong access codes per address across fresh browsers, then refuses even the right code', async function () {
    const ben = (await seededProject(services)).participants[1] as Participant;
    const attempt = async (code: string) => {
      const browser = request.agent(app);
      const form = await browser.get('/s').expect(200);
      return browser
        .post('/s')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), code });
    };
    expect((await attempt(formatAccessCode(ben.accessCode))).status).to.equal(303);
    for (let i = 0; i < 10; i += 1)
      expect((await attempt(`ZZZZ-ZZ${String(i).padStart(2, 'Z')}`)).status).to.equal(400);
    const blocked = await attempt(formatAccessCode(ben.accessCode));
    expect(blocked.status).to.equal(429);
    expect(blocked.headers['x-error-code']).to.equal('RATE_LIMITED');
    expect(blocked.headers.location).to.equal(undefined);
  });
});

describe('brute-force limits behind a proxy', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  beforeEach(() => ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z'))));
  afterEach(() => store.close());

  /** The app behind the given TRUST_PROXY list; supertest connects from 127.0.0.1. */
  function behind(proxies: string[]) {
    const app = createApp({
      services,
      config: { baseUrl: 'https://coassess.test', sessionSecret: 'x'.repeat(40), trustProxy: true, proxies },
      log: () => {},
    });
    return async (forwardedFor: string) => {
      const browser = request.agent(app);
      const form = await browser.get('/login').set('X-Forwarded-Proto', 'https').expect(200);
      const cookies = ([] as string[]).concat(form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
      return request(app)
        .post('/login')
        .set('X-Forwarded-Proto', 'https')
        .set('X-Forwarded-For', forwardedFor)
        .set('Cookie', cookies.join('; '))
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: 'guess@example.org', password: 'wrong' });
    };
  }

  it('ignores a rotated X-Forwarded-For from an address that is not a trusted proxy', async function () {
    const tryLogin = behind(['10.9.9.9']);
    for (let i = 0; i < LOGIN_ATTEMPTS; i += 1) expect((await tryLogin(`203.0.113.${i}`)).status).to.equal(401);
    expect((await tryLogin('198.51.100.77')).status).to.equal(429);
  });

  it('believes X-Forwarded-For from a trusted proxy, counting each client on its own', async function () {
    const tryLogin = behind(['loopback']);
    for (let i = 0; i < LOGIN_ATTEMPTS; i += 1) expect((await tryLogin('203.0.113.1')).status).to.equal(401);
    expect((await tryLogin('203.0.113.1')).status).to.equal(429);
    expect((await tryLogin('203.0.113.2')).status).to.equal(401);
  });
});

describe('brute-force limits across processes and restarts', function () {
  this.timeout(120_000);
  let dataDir: string;
  const running: ChildProcess[] = [];

  /** The real server, as `npm start` runs it, on DATA_DIR; resolves with its address once it listens. */
  function startServer(): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    let output = '';
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /CoAssess is running at (\S+)/.exec(output);
        if (match) resolve({ child, url: match[1]! });
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready: ${output}`)));
    });
  }

  async function tryLogin(url: string): Promise<number> {
    const form = await fetch(`${url}/login`);
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const response = await fetch(`${url}/login`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfFrom(await form.text()), email: 'guess@example.org', password: 'x' }),
      redirect: 'manual',
    });
    return response.status;
  }

  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'coassess-limits-'))));
  afterEach(async () => {
    for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts failed sign-ins on two app processes on one SQLite file as one limit, kept across a restart', async function () {
    const [a, b] = await Promise.all([startServer(), startServer()]);
    for (let i = 0; i < LOGIN_ATTEMPTS; i += 1) expect(await tryLogin(i % 2 ? a.url : b.url)).to.equal(401);
    expect(await tryLogin(a.url)).to.equal(429);
    expect(await tryLogin(b.url)).to.equal(429);
    const stopped = new Promise((resolve) => a.child.once('exit', resolve));
    a.child.kill('SIGTERM');
    await stopped;
    expect(await tryLogin((await startServer()).url)).to.equal(429);
  });
});
