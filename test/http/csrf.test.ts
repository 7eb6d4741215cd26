import { expect } from 'chai';
import cookieParser from 'cookie-parser';
import express from 'express';
import request from 'supertest';
import { browserCookieName, csrfMiddleware, csrfTokenFor } from '../../server/http/csrf.js';

const SECRET = 'test-secret-test-secret-test-secret';

/** A page that shows its token and a form target, behind the CSRF middleware alone. */
function appWith(secure: boolean, cache = true) {
  const app = express();
  app.use(cookieParser());
  app.use(express.urlencoded({ extended: false }));
  app.use(csrfMiddleware({ secret: SECRET, secure, cache }));
  app.get('/', (_req, res) => {
    res.send(res.locals.csrfToken);
  });
  app.post('/', (_req, res) => {
    res.send('accepted');
  });
  app.use(
    (
      error: { status?: number; code?: string },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res.status(error.status ?? 500).send(error.code ?? 'INTERNAL');
    },
  );
  return app;
}

const issuedId = (setCookie: string[] | string | undefined, name: string) =>
  ([] as string[])
    .concat(setCookie ?? [])
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);

// Every behaviour holds with the token cache off too (DEVICE_CSRF_CACHE=off, ADR 0013).
for (const cache of [true, false]) {
  describe(`CSRF middleware, token cache ${cache ? 'on' : 'off'}`, function () {
    it('accepts a form carrying the token of its own browser id, and refuses it with another id', async function () {
      const agent = request.agent(appWith(false, cache));
      const token = (await agent.get('/').expect(200)).text;
      await agent.post('/').type('form').send({ _csrf: token }).expect(200, 'accepted');
      const other = request.agent(appWith(false, cache));
      await other.get('/').expect(200);
      await other.post('/').type('form').send({ _csrf: token }).expect(403, 'CSRF_INVALID');
    });

    it('behind HTTPS, binds tokens to a __Host- cookie, and ignores an id planted under the plain name', async function () {
      const app = appWith(true, cache);
      const first = await request(app).get('/').expect(200);
      const setCookie = first.headers['set-cookie'] as unknown as string[];
      expect(setCookie.join('\n')).to.match(
        /^__Host-coassess\.bid=[A-Za-z0-9_-]{24}; Path=\/; HttpOnly; Secure; SameSite=Lax$/m,
      );
      expect(browserCookieName(true)).to.equal('__Host-coassess.bid');
      // Someone who could set coassess.bid in the browser (a subdomain, plain HTTP) knows its token.
      const planted = 'A'.repeat(24);
      const res = await request(app)
        .post('/')
        .set('Cookie', `coassess.bid=${planted}`)
        .type('form')
        .send({ _csrf: csrfTokenFor(SECRET, planted) });
      expect(res.status).to.equal(403);
      expect(res.text).to.equal('CSRF_INVALID');
    });

    it('treats a malformed or oversized id as none: a new one is issued and the post refused', async function () {
      const app = appWith(false, cache);
      // A JSON cookie (cookie-parser's j: prefix) is no id, even one that reads as a well-formed id.
      for (const id of ['short', 'x'.repeat(5000), 'j:{"a":1}', `j:["${'A'.repeat(24)}"]`, 'A'.repeat(23) + '!']) {
        const res = await request(app)
          .post('/')
          .set('Cookie', `coassess.bid=${encodeURIComponent(id)}`)
          .type('form')
          .send({ _csrf: csrfTokenFor(SECRET, id) });
        expect(res.status, id).to.equal(403);
        expect(issuedId(res.headers['set-cookie'], 'coassess.bid'), id).to.match(/^[A-Za-z0-9_-]{24}$/);
      }
    });

    it('refuses, never fails on, a token of the right length in characters but not in bytes', async function () {
      const agent = request.agent(appWith(false, cache));
      const token = (await agent.get('/').expect(200)).text;
      await agent
        .post('/')
        .type('form')
        .send({ _csrf: 'é'.repeat(token.length) })
        .expect(403, 'CSRF_INVALID');
      await agent.post('/').set('x-csrf-token', 'ü'.repeat(token.length)).expect(403, 'CSRF_INVALID');
    });
  });
}

describe('CSRF middleware, methods and API calls', function () {
  it('checks no token on GET, HEAD or OPTIONS, and gives them the token', async function () {
    const app = appWith(false);
    app.head('/head', (_req, res) => {
      res.setHeader('x-token', res.locals.csrfToken ?? '');
      res.end();
    });
    app.options('/options', (_req, res) => {
      res.send(res.locals.csrfToken);
    });
    const id = 'C'.repeat(24);
    const head = await request(app).head('/head').set('Cookie', `coassess.bid=${id}`).expect(200);
    expect(head.headers['x-token']).to.equal(csrfTokenFor(SECRET, id));
    const options = await request(app).options('/options').set('Cookie', `coassess.bid=${id}`).expect(200);
    expect(options.text).to.equal(csrfTokenFor(SECRET, id));
  });

  it('checks every other method', async function () {
    const app = appWith(false);
    app.all('/any', (_req, res) => {
      res.send('accepted');
    });
    const id = 'D'.repeat(24);
    const cookie = `coassess.bid=${id}`;
    const token = csrfTokenFor(SECRET, id);
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const refused = await request(app)[method]('/any').set('Cookie', cookie);
      expect(refused.status, method).to.equal(403);
      const accepted = await request(app)[method]('/any').set('Cookie', cookie).set('x-csrf-token', token);
      expect(accepted.status, method).to.equal(200);
    }
  });

  it('lets a Bearer-token call through unchecked, with no cookie, but no other Authorization scheme', async function () {
    const app = appWith(false);
    const api = await request(app).post('/').set('Authorization', 'Bearer coa_token').expect(200, 'accepted');
    expect(api.headers['set-cookie']).to.equal(undefined);
    for (const header of ['Basic dXNlcjpwYXNz', 'bearer coa_token', 'Bearercoa_token'])
      await request(app).post('/').set('Authorization', header).expect(403, 'CSRF_INVALID');
  });

  it('works without a cookie parser in front: every browser is new, and its token is that of the id issued', async function () {
    const app = express();
    app.use(csrfMiddleware({ secret: SECRET, secure: false, cache: true }));
    app.get('/', (req, res) => {
      res.json({ token: res.locals.csrfToken, id: (req.cookies as Record<string, string>)['coassess.bid'] });
    });
    const res = await request(app).get('/').expect(200);
    expect(res.body.id).to.match(/^[A-Za-z0-9_-]{24}$/);
    expect(issuedId(res.headers['set-cookie'], 'coassess.bid')).to.equal(res.body.id);
    expect(res.body.token).to.equal(csrfTokenFor(SECRET, res.body.id));
  });
});

describe('CSRF token cache', function () {
  it("changes no token: with it or without, a browser's token is the HMAC of its id", async function () {
    const id = 'B'.repeat(24);
    for (const cache of [true, false]) {
      const app = appWith(false, cache);
      for (let i = 0; i < 2; i += 1)
        expect((await request(app).get('/').set('Cookie', `coassess.bid=${id}`).expect(200)).text).to.equal(
          csrfTokenFor(SECRET, id),
        );
    }
  });
});
