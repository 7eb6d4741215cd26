import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Participant } from '../../server/domain/records.js';
import { signIn, staffUser, type Agent } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectSecureHeaders(res: request.Response, where: string): void {
  expect(res.status, where).to.be.below(400);
  const csp = directives(String(res.headers['content-security-policy'] ?? ''));
  expect(csp.get('default-src'), where).to.deep.equal(["'self'"]);
  for (const name of ['script-src', 'style-src']) {
    expect(csp.get(name), `${where} ${name}`)
      .to.be.an('array')
      .that.does.not.include("'unsafe-inline'")
      .and.not.include("'unsafe-eval'")
      .and.not.include('*');
  }
  expect(csp.get('frame-ancestors'), where).to.deep.equal(["'none'"]);
  expect(csp.get('object-src'), where).to.deep.equal(["'none'"]);
  expect(res.headers['x-content-type-options'], where).to.equal('nosniff');
  expect(res.headers['referrer-policy'], where).to.be.oneOf([
    'no-referrer',
    'same-origin',
    'strict-origin-when-cross-origin',
  ]);
  expect(res.headers['x-powered-by'], where).to.equal(undefined);
  for (const cookie of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
    expect(cookie, where)
      .to.match(/;\s*HttpOnly/i)
      .and.match(/;\s*SameSite=(Lax|Strict)/i);
  }
}

describe('security headers on participant, staff and evaluator pages', function () {
  this.timeout(30_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let ben: Participant;
  let lead: Agent;

  before(async function () {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    ben = (await seededProject(services)).participants[1]!;
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
  });
  after(() => store.close());

  it('sets a strict CSP, nosniff, a referrer policy, no X-Powered-By and HttpOnly SameSite cookies everywhere', async function () {
    for (const path of ['/', '/s', `/s/${ben.token}`, `/s/${ben.token}?lang=it`, '/login'])
      expectSecureHeaders(await request(app).get(path), path);
    for (const path of [
      '/projects',
      '/projects/p4c',
      '/projects/p4c/participants',
      '/projects/p4c/dashboard',
      '/projects/p4c/report',
      '/projects/p4c/codebook',
      '/projects/p4c/monitoring',
    ]) {
      expectSecureHeaders(await lead.get(path), path);
    }
    const notFound = await request(app).get('/nope').expect(404);
    expect(directives(String(notFound.headers['content-security-policy'])).get('frame-ancestors')).to.deep.equal([
      "'none'",
    ]);
    expect(notFound.headers['x-powered-by']).to.equal(undefined);
  });

  it('keeps participant pages out of caches and referrers', async function () {
    const res = await request(app).get(`/s/${ben.token}`).expect(200);
    expect(res.headers['cache-control']).to.include('no-store');
    expect(res.headers['referrer-policy']).to.equal('no-referrer');
  });

  it('sends CSV exports as attachments that are not sniffed', async function () {
    const res = await lead.get('/projects/p4c/exports/responses.csv').expect(200);
    expect(res.headers['content-disposition']).to.match(/^attachment;/);
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
  });

  it('sends HSTS and upgrade-insecure-requests only when BASE_URL is https', async function () {
    const https = await request(app).get('/login');
    expect(https.headers['strict-transport-security']).to.match(/max-age=\d{7,}/);
    expect(https.headers['content-security-policy']).to.include('upgrade-insecure-requests');
    const plain = createApp({
      services,
      config: { baseUrl: 'http://localhost:3000', sessionSecret: 'x'.repeat(40), trustProxy: false },
      log: () => {},
    });
    const res = await request(plain).get('/login');
    expect(res.headers['strict-transport-security']).to.equal(undefined);
    expect(res.headers['content-security-policy']).to.not.include('upgrade-insecure-requests');
  });
});
