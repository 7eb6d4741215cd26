import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express, { type Express } from 'express';
import request from 'supertest';
import { createHttpServer } from '../../server/http/http-server.js';
import { csrfFrom } from '../helpers/forms.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject } from '../helpers/test-services.js';

async function listening(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Serves one request and reports whether the request and response reached the app already on
 * its prototypes, and how many prototype changes Express made to them while serving it.
 */
async function serveOnce(app: Express, server: Server): Promise<{ bornExpress: boolean; moved: number }> {
  let bornExpress = false;
  const proto = app as unknown as { request: object; response: object };
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    bornExpress = Object.getPrototypeOf(req) === proto.request && Object.getPrototypeOf(res) === proto.response;
  });
  const { url, close } = await listening(server);
  const original = Object.setPrototypeOf;
  let moved = 0;
  Object.setPrototypeOf = (target: object, prototype: object | null) => {
    if (
      (target === undefined || target === null || Object.getPrototypeOf(target) !== prototype) &&
      (prototype === proto.request || prototype === proto.response)
    )
      moved += 1;
    return original(target, prototype);
  };
  try {
    const res = await fetch(`${url}/`);
    expect(await res.text()).to.equal('hello');
  } finally {
    Object.setPrototypeOf = original;
    await close();
  }
  return { bornExpress, moved };
}

const hello = () => {
  const app = express();
  app.get('/', (_req, res) => {
    res.send('hello');
  });
  return app;
};

describe('createHttpServer', function () {
  it('builds requests and responses on the app’s own prototypes, so Express has nothing to move', async function () {
    const app = hello();
    expect(await serveOnce(app, createHttpServer(app))).to.deep.equal({ bornExpress: true, moved: 0 });
  });

  it('is what makes the difference: a stock server hands Express objects it must move', async function () {
    const app = hello();
    expect(await serveOnce(app, createServer(app))).to.deep.equal({ bornExpress: false, moved: 2 });
  });

  it('serves the whole app as before: pages, forms with CSRF, redirects, JSON, static files and error pages', async function () {
    const { app, services } = testApp();
    const { participants } = await seededProject(services);
    const { url, close } = await listening(createHttpServer(app));
    try {
      const agent = request.agent(url);
      const health = await agent.get('/healthz').expect(200);
      expect(health.body.status).to.equal('ok');

      const codePage = await agent.get('/s').expect(200);
      expect(codePage.headers['content-security-policy']).to.include("default-src 'self'");
      const wrong = await agent
        .post('/s')
        .type('form')
        .send({ _csrf: csrfFrom(codePage.text), code: 'AAAA-AAAA' })
        .expect(400);
      expect(wrong.text).to.include('name="code"');
      await agent.post('/s').type('form').send({ code: 'AAAA-AAAA' }).expect(403);

      const caregiver = participants.find((p) => p.code === 'CG-002')!;
      const consent = await agent.get(`/s/${caregiver.token}`).expect(200);
      await agent
        .post(`/s/${caregiver.token}/consent`)
        .type('form')
        .send({ _csrf: csrfFrom(consent.text), consent: 'yes' })
        .expect(303)
        .expect('Location', `/s/${caregiver.token}/section/1`);
      const section = await agent.get(`/s/${caregiver.token}/section/1`).expect(200);
      expect(section.text).to.include('<fieldset');

      await agent.get('/static/css/participant.css').expect(200).expect('Content-Type', /css/);
      const missing = await agent.get('/no/such/page').set('Accept', 'text/html').expect(404);
      expect(missing.headers['x-error-code']).to.equal('HTTP_404');
    } finally {
      await close();
    }
  });

  it('leaves the app working on stock servers too, as supertest and app.listen() build them', async function () {
    const { app } = testApp();
    createHttpServer(app);
    const res = await request(app).get('/s').expect(200);
    expect(res.text).to.include('name="_csrf"');
    await request(app).get('/no/such/page').set('Accept', 'text/html').expect(404);
  });
});
