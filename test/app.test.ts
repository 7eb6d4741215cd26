import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { CookieJar } from '../bench/bench-server.js';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createHttpServer } from '../server/http/http-server.js';
import { InstrumentRegistry } from '../server/services/instrument-registry.js';
import { createServices, type Services } from '../server/services/services.js';
import { SQLITE_FILE } from '../server/store/open-store.js';
import type { Participant } from '../server/domain/records.js';
import { CROSS_CONNECTION_CHECK_MS, SqliteStore } from '../server/store/sqlite/sqlite-store.js';
import { csrfFrom } from './helpers/forms.js';
import { STAFF_PASSWORD, staffUser } from './helpers/staff-agent.js';
import { testApp } from './helpers/test-app.js';
import { failCall } from './helpers/store-faults.js';
import { seededProject, SURVEYS_DIR, testServices as testServicesWithStore } from './helpers/test-services.js';

describe('app', function () {
  it('answers /healthz with the store status, and nothing of its internals', async function () {
    const { app, services } = testApp();
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
    await services.system.close();
    const down = await request(app).get('/healthz').expect(503);
    expect(down.body).to.deep.equal({ status: 'unavailable', problem: 'store not reachable' });
  });

  it('answers /healthz 503 "store not writable" while every write fails, though reads still work', async function () {
    const { services, store } = testServicesWithStore();
    const logged: string[] = [];
    const app = createApp({
      services,
      config: { baseUrl: 'https://coassess.test', sessionSecret: 'x'.repeat(40), trustProxy: false },
      log: (m) => logged.push(m),
    });
    await request(app).get('/healthz').expect(200);
    // Every write refused, as on a full disk or a read-only file.
    (store as unknown as { db: { pragma(p: string): unknown } }).db.pragma('query_only = ON');
    const res = await request(app).get('/healthz').expect(503);
    expect(res.body).to.deep.equal({ status: 'unavailable', problem: 'store not writable' });
    expect(res.text).to.not.match(/schema|journal|wal|readonly/i);
    // The operator finds the details in the log.
    expect(logged.join('\n')).to.include('store not writable').and.include('schema v');
    (store as unknown as { db: { pragma(p: string): unknown } }).db.pragma('query_only = OFF');
    await request(app).get('/healthz').expect(200);
    store.close();
  });

  it('signs in while the audit log cannot be written, and /healthz says how many entries were lost', async function () {
    const { services, store } = testServicesWithStore();
    const { app } = testApp(services);
    const user = await staffUser(services, 'admin');
    failCall(store.audit, 'append', new Error('database or disk is full'));
    const agent = request.agent(app);
    const form = await agent.get('/login').expect(200);
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), email: user.email, password: STAFF_PASSWORD })
      .expect(303);
    await agent.get('/account').expect(200);
    const health = await request(app).get('/healthz').expect(200);
    expect(health.body).to.include({ status: 'ok', auditEntriesNotWritten: 1 });
    expect(health.body.lastAuditEntryNotWrittenAt).to.match(/^\d{4}-\d\d-\d\dT/);
    store.close();
  });

  it('sends security headers with a strict Content-Security-Policy', async function () {
    const { app } = testApp();
    const res = await request(app).get('/').expect(200);
    expect(res.headers['content-security-policy']).to.include("script-src 'self'").and.include("default-src 'self'");
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['x-powered-by']).to.equal(undefined);
  });

  it('shows a plain 404 page with its code, never a stack trace', async function () {
    const { app } = testApp();
    const res = await request(app).get('/no/such/page').set('Accept', 'text/html').expect(404);
    expect(res.headers['x-error-code']).to.equal('HTTP_404');
    expect(res.text).to.include('Page not found').and.not.include(' at ');
  });

  it('serves Chart.js from our own origin', async function () {
    const { app } = testApp();
    const res = await request(app).get('/static/vendor/chart.js/chart.umd.min.js').expect(200);
    expect(res.headers['content-type']).to.include('javascript');
  });
});

describe('app with every performance device off (ADR 0013)', function () {
  // Two apps on one SQLite file, each served as server/main.ts serves it: one with every device
  // on, one with the configuration DEVICE_*=off gives. One browser, whose cookies go to both, and
  // one secret: both render the same CSRF token and know the same staff session, so every page
  // can be compared byte for byte.
  let dir: string;
  let on: { url: string; server: Server; services: Services };
  let off: { url: string; server: Server; services: Services };
  let participants: Participant[];

  const listen = (server: Server) =>
    new Promise<string>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
    );

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-devices-'));
    const devices = loadConfig(
      { DEVICE_SERVER: 'off', DEVICE_VIEW_RENDERER: 'off', DEVICE_READ_CACHE: 'off', DEVICE_CSRF_CACHE: 'off' },
      dir,
    ).devices;
    expect(Object.values(devices)).to.deep.equal([false, false, false, false]);
    const file = join(dir, SQLITE_FILE);
    const instruments = InstrumentRegistry.fromDirectory(SURVEYS_DIR);
    const servicesOf = (store: SqliteStore) =>
      createServices({
        store,
        instruments,
        baseUrl: 'https://coassess.test',
        now: () => new Date('2026-03-10T09:00:00Z'),
      });
    const config = { baseUrl: 'https://coassess.test', sessionSecret: 'x'.repeat(40), trustProxy: false };
    const onServices = servicesOf(SqliteStore.open(file));
    const onServer = createHttpServer(createApp({ services: onServices, config, log: () => {} }));
    on = { url: await listen(onServer), server: onServer, services: onServices };
    const offServices = servicesOf(SqliteStore.open(file, { readCache: devices.readCache }));
    const offServer = createServer(createApp({ services: offServices, config: { ...config, devices }, log: () => {} }));
    off = { url: await listen(offServer), server: offServer, services: offServices };
    ({ participants } = await seededProject(off.services));
  });
  after(async () => {
    for (const side of [on, off]) {
      side.server.close();
      await side.services.system.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** One browser, whose cookies go to both apps. */
  class Browser {
    private readonly jar = new CookieJar();

    /** GETs a page from the app with its devices off, and the same page from the other: they must be the same. */
    async page(path: string, status = 200): Promise<string> {
      const plain = await this.jar.fetch(`${off.url}${path}`);
      const html = await plain.text();
      expect(plain.status, `${path}: ${html}`).to.equal(status);
      const fast = await this.jar.fetch(`${on.url}${path}`);
      expect(fast.status, path).to.equal(status);
      expect(plain.headers.get('content-type'), path).to.equal(fast.headers.get('content-type'));
      expect(html, path).to.equal(await fast.text());
      return html;
    }

    /** Posts a form to the app with its devices off, with the CSRF token of the page it is on. */
    async post(path: string, fields: Record<string, string>, page: string): Promise<string | null> {
      const response = await this.jar.fetch(`${off.url}${path}`, { form: { _csrf: csrfFrom(page), ...fields } });
      expect(response.status, `${path}: ${await response.text()}`).to.equal(303);
      // The other app keeps what it read for up to this long when another connection writes.
      await new Promise((resolve) => setTimeout(resolve, CROSS_CONNECTION_CHECK_MS + 10));
      return response.headers.get('location');
    }
  }

  it('serves a participant the whole journey, every page as with the devices on', async function () {
    const browser = new Browser();
    const [anna, ben] = participants as [Participant, Participant];
    await browser.page('/');
    await browser.page('/s');
    expect(await browser.page(`/s/${anna.token}`)).to.include('<html lang="it">');
    const consent = await browser.page(`/s/${ben.token}`);
    expect(await browser.post(`/s/${ben.token}/consent`, { consent: 'yes' }, consent)).to.equal(
      `/s/${ben.token}/section/1`,
    );
    let section = await browser.page(`/s/${ben.token}/section/1`);
    expect(section).to.include('<fieldset');
    await browser.post(
      `/s/${ben.token}/section/1`,
      { trust_1: '4', trust_2: '5', trust_3: '2', trust_4: 'NA', trust_5: '3' },
      section,
    );
    expect(await browser.page(`/s/${ben.token}/section/1`)).to.include('value="4" checked');
    for (let n = 2; n <= 6; n += 1) {
      section = await browser.page(`/s/${ben.token}/section/${n}`);
      await browser.post(
        `/s/${ben.token}/section/${n}`,
        n === 6 ? { open_1: 'Useful <meetings> & "talks"' } : {},
        section,
      );
    }
    const check = await browser.page(`/s/${ben.token}/check`);
    expect(check).to.include('Useful &lt;meetings&gt; &amp; &#34;talks&#34;');
    expect(await browser.post(`/s/${ben.token}/submit`, {}, check)).to.equal(`/s/${ben.token}/done`);
    expect(await browser.page(`/s/${ben.token}/done`)).to.include('your answers have been sent');
    await browser.page('/s/no-such-token', 404);
  });

  it('serves staff pages as with the devices on', async function () {
    const browser = new Browser();
    const lead = await staffUser(off.services, 'lead', 'p4c');
    const login = await browser.page('/login');
    await browser.post('/login', { email: lead.email, password: STAFF_PASSWORD }, login);
    expect(await browser.page('/account'))
      .to.include('Sign out')
      .and.include(lead.email);
    for (const path of [
      '/projects',
      '/projects/p4c',
      '/projects/p4c/participants',
      '/projects/p4c/waves',
      '/projects/p4c/monitoring',
      '/projects/p4c/dashboard',
      '/projects/p4c/report',
      '/projects/p4c/settings',
    ]) {
      expect(await browser.page(path), path).to.include('Place4Carers');
    }
  });
});
