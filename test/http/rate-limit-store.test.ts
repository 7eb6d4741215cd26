import { expect } from 'chai';
import express from 'express';
import { rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import request from 'supertest';
import { StoredRateLimits } from '../../server/http/rate-limit-store.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Services } from '../../server/services/services.js';
import { testServices } from '../helpers/test-services.js';

const WINDOW_MS = 15 * 60 * 1000;
const LIMIT = 3;

/**
 * A limiter on a tiny app, counting in the store as the sign-in and access-code limiters do: only
 * failures count (?ok=1 succeeds), the client is named by `x-client`, and a refusal is 429.
 */
function limitedApp(services: Services, prefix: string, windowMs = WINDOW_MS) {
  const limiter = rateLimit({
    windowMs,
    limit: LIMIT,
    store: new StoredRateLimits(services.rateLimits, prefix),
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => String(req.headers['x-client']),
  });
  const app = express();
  app.get('/', limiter, (req, res) => {
    res.sendStatus(req.query.ok ? 200 : 401);
  });
  return { app, limiter };
}

describe('rate limits counted in the store', function () {
  let services: Services;
  let store: SqliteStore;
  const realNow = Date.now;
  let now: number;

  beforeEach(() => {
    ({ services, store } = testServices());
    // Windows run on Date.now(), in the rate-limit service and in express-rate-limit alike.
    now = realNow.call(Date);
    Date.now = () => now;
  });
  afterEach(() => {
    Date.now = realNow;
    store.close();
  });

  const attempt = (app: express.Express, client = 'a', ok = false) =>
    request(app)
      .get(ok ? '/?ok=1' : '/')
      .set('x-client', client);

  it('lets LIMIT failures through and refuses the next, per client', async function () {
    const { app } = limitedApp(services, 'login:');
    for (let i = 1; i <= LIMIT; i += 1) {
      const res = await attempt(app).expect(401);
      expect(res.headers.ratelimit, `attempt ${i}`).to.equal(`limit=${LIMIT}, remaining=${LIMIT - i}, reset=900`);
    }
    await attempt(app).expect(429);
    // Another client has its own count.
    await attempt(app, 'b').expect(401);
  });

  it('ends the window at the time the first hit set, and counts afresh from there', async function () {
    const { app } = limitedApp(services, 'login:', 60_000);
    const start = now;
    for (let i = 0; i < LIMIT; i += 1) await attempt(app).expect(401);
    now = start + 60_000 - 1;
    await attempt(app).expect(429);
    now = start + 60_000;
    const fresh = await attempt(app).expect(401);
    expect(fresh.headers.ratelimit).to.equal(`limit=${LIMIT}, remaining=${LIMIT - 1}, reset=60`);
  });

  it('keeps the count in the store under its own prefix, so two limiters never count each other', async function () {
    const login = limitedApp(services, 'login:');
    const codes = limitedApp(services, 'access-code:');
    for (let i = 0; i < LIMIT; i += 1) await attempt(login.app).expect(401);
    await attempt(codes.app).expect(401);
    expect(await services.rateLimits.get('login:a')).to.deep.equal({ hits: LIMIT, resetAt: now + WINDOW_MS });
    expect(await services.rateLimits.get('access-code:a')).to.deep.equal({ hits: 1, resetAt: now + WINDOW_MS });
    // Shared by every process on the store: a second app on it with the same prefix sees the count.
    await attempt(limitedApp(services, 'login:').app).expect(429);
  });

  it('takes back the hit of a request that succeeds', async function () {
    const { app } = limitedApp(services, 'login:');
    for (let i = 0; i < 10; i += 1) await attempt(app, 'a', true).expect(200);
    expect(await services.rateLimits.get('login:a')).to.deep.equal({ hits: 0, resetAt: now + WINDOW_MS });
    for (let i = 0; i < LIMIT; i += 1) await attempt(app).expect(401);
    await attempt(app).expect(429);
  });

  it("reads and resets a client's count through the limiter", async function () {
    const { app, limiter } = limitedApp(services, 'login:');
    expect(await (limiter as RateLimitRequestHandler).getKey('a')).to.equal(undefined);
    for (let i = 0; i < LIMIT; i += 1) await attempt(app).expect(401);
    const info = await limiter.getKey('a');
    expect(info?.totalHits).to.equal(LIMIT);
    expect(info?.resetTime?.getTime()).to.equal(now + WINDOW_MS);
    await limiter.resetKey('a');
    expect(await services.rateLimits.get('login:a')).to.equal(null);
    await attempt(app).expect(401);
  });
});
