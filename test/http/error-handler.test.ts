import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { DomainError, ERROR_CODES } from '../../server/domain/errors.js';
import { downloadRoute } from '../../server/http/authenticate.js';
import { errorHandler, notFound } from '../../server/http/error-handler.js';
import { localise } from '../../server/http/staff-locale.js';
import { escapeHtml, useViews } from '../../server/http/view-engine.js';
import { staffMessages, type StaffKey } from '../../server/i18n/staff-messages.js';

const viewsDir = join(fileURLToPath(import.meta.url), '..', '..', '..', 'views');
type Code = keyof typeof ERROR_CODES;

/**
 * The error handler behind a tiny app whose routes fail in every way a route can: a domain error
 * by code, an Express-style client error by status, anything else. `logged` keeps what it logs.
 */
function failingApp() {
  const logged: string[] = [];
  const app = express();
  useViews(app, viewsDir);
  app.all('/domain/:code', (req) => {
    throw new DomainError(req.params.code as Code, `what the log says about ${req.params.code}`);
  });
  app.get('/download/:code', downloadRoute, (req) => {
    throw new DomainError(req.params.code as Code, `what the log says about ${req.params.code}`);
  });
  app.get('/status/:status', (req) => {
    throw Object.assign(new Error('body parser says no'), { status: Number(req.params.status) });
  });
  app.get('/status-code/:status', (req) => {
    throw Object.assign(new Error('body parser says no'), { statusCode: Number(req.params.status) });
  });
  app.get('/both', () => {
    throw Object.assign(new Error('two statuses'), { status: 415, statusCode: 400 });
  });
  app.get('/text-status', () => {
    throw Object.assign(new Error('a status that is not a number'), { status: '404' });
  });
  app.get('/coded', () => {
    throw Object.assign(new Error('bad token'), { status: 403, code: 'EBADCSRFTOKEN' });
  });
  app.get('/boom', () => {
    throw new Error('secret detail');
  });
  app.get('/thrown-string', () => {
    // What a careless library might do.
    throw 'not an Error';
  });
  app.get('/own-page', (_req, res) => {
    res.locals.errorPage = (e: { status: number; code: string; message: string }) => {
      res.json({ ownPage: e });
    };
    throw new DomainError('WAVE_CLOSED', 'the wave closed yesterday');
  });
  app.get('/italian', (req, res) => {
    localise(req, res, 'it');
    throw new DomainError('FORBIDDEN', 'no');
  });
  app.get('/partial', (_req, res) => {
    res.write('half a page');
    throw new Error('failed half way');
  });
  app.use(notFound);
  app.use(errorHandler((message) => logged.push(message)));
  return { app, logged };
}

const en = staffMessages.translator('en');
const it_ = staffMessages.translator('it');
const headingOf = (html: string) => /<h1 class="heading-l">([\s\S]*?)<\/h1>/.exec(html)?.[1];
const bodyOf = (html: string) => /<\/h1>\s*<p class="body">([\s\S]*?)<\/p>/.exec(html)?.[1];
const page = (heading: StaffKey, body: StaffKey, t = en) => ({
  heading: escapeHtml(t(heading)),
  body: escapeHtml(t(body)),
});

describe('error handler', function () {
  const { app, logged } = failingApp();
  beforeEach(() => {
    logged.length = 0;
  });

  const json = (path: string) => request(app).get(path).set('Accept', 'application/json');
  const html = (path: string) => request(app).get(path).set('Accept', 'text/html');

  it('answers a domain error with the status of its code, its code and its message, to a script', async function () {
    for (const code of [
      'VALIDATION',
      'FORBIDDEN',
      'PROJECT_NOT_FOUND',
      'DUPLICATE',
      'RATE_LIMITED',
      'STORE_UNAVAILABLE',
    ] as const) {
      const res = await json(`/domain/${code}`);
      expect(res.status, code).to.equal(ERROR_CODES[code]);
      expect(res.headers['x-error-code'], code).to.equal(code);
      expect(res.body, code).to.deep.equal({ error: { code, message: `what the log says about ${code}` } });
      expect(res.headers['www-authenticate'], code).to.equal(undefined);
    }
    expect(logged).to.deep.equal([]);
  });

  it('shows a domain error on a page by heading and body for its status and code, with the code', async function () {
    const cases: [Code, StaffKey, StaffKey][] = [
      ['VALIDATION', 'error.heading.400', 'error.body.400'],
      ['FORBIDDEN', 'error.heading.403', 'error.body.FORBIDDEN'],
      ['ACCOUNT_DISABLED', 'error.heading.403', 'error.body.ACCOUNT_DISABLED'],
      ['RECONCILER_KEYED_ENTRY', 'error.heading.403', 'error.body.RECONCILER_KEYED_ENTRY'],
      ['PROJECT_NOT_FOUND', 'error.heading.404', 'error.body.notFound'],
      ['NOT_FOUND', 'error.heading.404', 'error.body.notFound'],
      ['DUPLICATE', 'error.heading.409', 'error.body.409'],
      ['PARTICIPANT_WITHDRAWN', 'error.heading.410', 'error.body.410'],
      ['RATE_LIMITED', 'error.heading.429', 'error.body.429'],
      ['LOGIN_FAILED', 'error.heading.401', 'error.body.400'],
      ['CONFIG_INVALID', 'error.heading.500', 'error.body.500'],
      ['STORE_UNAVAILABLE', 'error.heading.503', 'error.body.503'],
    ];
    for (const [code, heading, body] of cases) {
      const res = await html(`/domain/${code}`);
      expect(res.status, code).to.equal(ERROR_CODES[code]);
      expect(res.headers['x-error-code'], code).to.equal(code);
      expect(res.headers['content-type'], code).to.match(/^text\/html/);
      expect({ heading: headingOf(res.text), body: bodyOf(res.text) }, code).to.deep.equal(page(heading, body));
      expect(res.text, code)
        .to.include(escapeHtml(en('error.code', { code })))
        .and.include('href="/"');
      // The service's own message is for the log and for scripts, never for the page.
      expect(res.text, code).not.to.include('what the log says');
    }
  });

  it('explains the page in the browser’s language, or in the one the page had chosen already', async function () {
    const italian = await html('/domain/FORBIDDEN').set('Accept-Language', 'it-IT,it;q=0.9,en;q=0.5').expect(403);
    expect(italian.text).to.include('<html lang="it">');
    expect({ heading: headingOf(italian.text), body: bodyOf(italian.text) }).to.deep.equal(
      page('error.heading.403', 'error.body.FORBIDDEN', it_),
    );
    const chosen = await html('/italian').set('Accept-Language', 'en-GB').expect(403);
    expect(chosen.text).to.include('<html lang="it">');
    expect(headingOf(chosen.text)).to.equal(escapeHtml(it_('error.heading.403')));
  });

  it('treats an error carrying a 4xx status as the client’s: that status, HTTP_<status> or its own code, nothing logged', async function () {
    for (const status of [400, 403, 404, 413, 415, 429, 499]) {
      for (const path of [`/status/${status}`, `/status-code/${status}`]) {
        const res = await json(path);
        expect(res.status, path).to.equal(status);
        expect(res.headers['x-error-code'], path).to.equal(`HTTP_${status}`);
        expect(res.body.error.code, path).to.equal(`HTTP_${status}`);
      }
    }
    expect((await json('/both')).status).to.equal(415);
    const coded = await json('/coded').expect(403);
    expect(coded.headers['x-error-code']).to.equal('EBADCSRFTOKEN');
    expect(logged).to.deep.equal([]);
  });

  it('gives each client status it knows its own message for scripts, and one for the rest', async function () {
    const messageOf = async (status: number) => (await json(`/status/${status}`)).body.error.message as string;
    const known = await Promise.all([400, 403, 404, 413, 415, 429].map(messageOf));
    const other = await messageOf(418);
    expect(other).to.be.a('string').and.not.equal('');
    for (const message of known) expect(message).to.be.a('string').and.not.equal('').and.not.equal(other);
    expect(new Set(known).size).to.equal(known.length);
    expect(await messageOf(499)).to.equal(other);
    expect(known.join(' ')).not.to.include('body parser says no');
  });

  it('shows a client error page by its status, and the 4xx family’s for a status without its own', async function () {
    const cases: [number, StaffKey, StaffKey][] = [
      [400, 'error.heading.400', 'error.body.400'],
      [404, 'error.heading.404', 'error.body.notFound'],
      [413, 'error.heading.413', 'error.body.413'],
      [415, 'error.heading.415', 'error.body.415'],
      [429, 'error.heading.429', 'error.body.429'],
      [418, 'error.heading.400', 'error.body.400'],
      [499, 'error.heading.400', 'error.body.400'],
    ];
    for (const [status, heading, body] of cases) {
      const res = await html(`/status/${status}`).expect(status);
      expect({ heading: headingOf(res.text), body: bodyOf(res.text) }, String(status)).to.deep.equal(
        page(heading, body),
      );
    }
  });

  it('treats anything else as its own fault: 500 INTERNAL, the error logged, never shown', async function () {
    for (const path of ['/status/399', '/status/500', '/status/503', '/status-code/302', '/text-status']) {
      const res = await json(path);
      expect(res.status, path).to.equal(500);
      expect(res.body.error.code, path).to.equal('INTERNAL');
    }
    logged.length = 0;
    const res = await json('/boom?q=1').expect(500);
    expect(res.headers['x-error-code']).to.equal('INTERNAL');
    expect(res.body.error.message).to.be.a('string').and.not.equal('').and.not.include('secret detail');
    expect(logged).to.have.length(1);
    expect(logged[0]).to.match(/^GET \/boom\?q=1: Error: secret detail\n\s+at /);
    const shown = await html('/boom').expect(500);
    expect({ heading: headingOf(shown.text), body: bodyOf(shown.text) }).to.deep.equal(
      page('error.heading.500', 'error.body.500'),
    );
    expect(shown.text).not.to.include('secret detail').and.not.include(' at ');
    logged.length = 0;
    await json('/thrown-string').expect(500);
    expect(logged).to.deep.equal(['GET /thrown-string: not an Error']);
  });

  it('answers a missing page 404 HTTP_404', async function () {
    const res = await html('/no/such/page').expect(404);
    expect(res.headers['x-error-code']).to.equal('HTTP_404');
    expect({ heading: headingOf(res.text), body: bodyOf(res.text) }).to.deep.equal(
      page('error.heading.404', 'error.body.notFound'),
    );
    expect((await json('/no/such/page').expect(404)).body.error.code).to.equal('HTTP_404');
  });

  it('sends an anonymous visitor of a page to sign in, and back to where a GET was going', async function () {
    const res = await html('/domain/UNAUTHENTICATED?tab=a%20b&x=1').expect(303);
    expect(res.headers.location).to.equal(`/login?next=${encodeURIComponent('/domain/UNAUTHENTICATED?tab=a%20b&x=1')}`);
    expect(res.headers['x-error-code']).to.equal('UNAUTHENTICATED');
    const posted = await request(app).post('/domain/UNAUTHENTICATED?x=1').set('Accept', 'text/html').expect(303);
    expect(posted.headers.location).to.equal('/login');
    expect(posted.headers['x-error-code']).to.equal('UNAUTHENTICATED');
    // A browser that names no type gets the page's answer too.
    expect((await request(app).get('/domain/UNAUTHENTICATED')).status).to.equal(303);
  });

  it('answers a script, a token that failed, or a download 401 with WWW-Authenticate, never a redirect', async function () {
    const script = await json('/domain/UNAUTHENTICATED').expect(401);
    expect(script.headers['www-authenticate']).to.equal('Bearer');
    expect(script.headers.location).to.equal(undefined);
    expect(script.body.error.code).to.equal('UNAUTHENTICATED');

    const badToken = await html('/domain/UNAUTHENTICATED').set('Authorization', 'Bearer wrong').expect(401);
    expect(badToken.headers['www-authenticate']).to.equal('Bearer error="invalid_token"');
    expect(badToken.headers['x-error-code']).to.equal('UNAUTHENTICATED');
    expect(headingOf(badToken.text)).to.equal(escapeHtml(en('error.heading.401')));

    const anonymous = await html('/download/UNAUTHENTICATED').expect(401);
    expect(anonymous.headers['www-authenticate']).to.equal('Bearer');
    expect(anonymous.headers['content-type']).to.match(/^text\/plain/);
    expect(anonymous.text).to.match(/^401 UNAUTHENTICATED: .*"Authorization: Bearer <token>".*\n$/);

    const refused = await html('/download/UNAUTHENTICATED').set('Authorization', 'Bearer wrong').expect(401);
    expect(refused.headers['www-authenticate']).to.equal('Bearer error="invalid_token"');
    expect(refused.text).to.equal('401 UNAUTHENTICATED: what the log says about UNAUTHENTICATED\n');
  });

  it('answers any other error on a download as a line of plain text with its message', async function () {
    const res = await html('/download/FORBIDDEN').expect(403);
    expect(res.headers['content-type']).to.match(/^text\/plain/);
    expect(res.text).to.equal('403 FORBIDDEN: what the log says about FORBIDDEN\n');
    expect(res.headers['www-authenticate']).to.equal(undefined);
    // A script asking for JSON gets JSON, download or not.
    expect((await json('/download/FORBIDDEN').expect(403)).body.error.code).to.equal('FORBIDDEN');
  });

  it("lets an audience's router show its own error page, with the status and code already set", async function () {
    const res = await html('/own-page').expect(409);
    expect(res.headers['x-error-code']).to.equal('WAVE_CLOSED');
    expect(res.body).to.deep.equal({
      ownPage: { status: 409, code: 'WAVE_CLOSED', message: 'the wave closed yesterday' },
    });
  });

  it('cuts off a response that had started, rather than append an error page to it', async function () {
    const outcome = await request(app)
      .get('/partial')
      .then(
        (res) => `answered ${res.status}`,
        (error: Error) => `cut off: ${error.message}`,
      );
    expect(outcome).to.match(/^cut off/);
    expect(logged[0]).to.match(/^GET \/partial: Error: failed half way/);
  });
});
