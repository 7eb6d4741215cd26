import { expect } from 'chai';
import request from 'supertest';
import { testApp } from './helpers/test-app.js';

describe('app', function () {
  it('answers /healthz with the store status', async function () {
    const { app, services } = testApp();
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body).to.deep.include({ status: 'ok' });
    expect(res.body.store).to.include({ ok: true, kind: 'sqlite' });
    await services.system.close();
    const down = await request(app).get('/healthz').expect(503);
    expect(down.body.status).to.equal('unavailable');
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
