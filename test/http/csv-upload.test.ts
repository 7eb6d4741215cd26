import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { isDomainError } from '../../server/domain/errors.js';
import { csvUpload } from '../../server/http/csv-upload.js';
import { MAX_IMPORT_BYTES } from '../../server/services/csv-import.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';

describe('CSV upload parsing', function () {
  it('never reads an upload without a signed-in session, and writes nothing', async function () {
    const { services, store } = testServices();
    const { app } = testApp(services);
    const { project } = await seededProject(services);
    const res = await request(app)
      .post('/projects/p4c/participants/import')
      .attach('file', Buffer.alloc(3 * 1024 * 1024, 'a'), 'big.csv');
    expect(res.status).to.equal(403);
    expect(res.headers['x-error-code']).to.equal('CSRF_INVALID');
    expect(await store.participants.list(project.id)).to.have.length(3);
    await store.close();
  });
});

/**
 * csvUpload on a tiny app: `x-session-user` stands in for a signed-in session. The route answers
 * with the body it was given; errors answer 400 with their code and problems.
 */
function uploadApp(field?: string) {
  const app = express();
  app.use((req, _res, next) => {
    const userId = req.headers['x-session-user'];
    if (typeof userId === 'string') (req as unknown as { session: object }).session = { userId };
    next();
  });
  app.post('/import', csvUpload(field), (req, res) => {
    res.json({ body: (req.body as unknown) ?? null });
  });
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (!isDomainError(error)) throw error;
    res.status(400).json({ code: error.code, message: error.message, problems: error.problems });
  });
  return app;
}

describe('CSV upload on requests', function () {
  const app = uploadApp();
  const signedIn = () => request(app).post('/import').set('x-session-user', 'u1');

  it("puts a signed-in session's file into the body as text, next to the form's fields", async function () {
    const res = await signedIn()
      .field('_csrf', 'token')
      .attach('file', Buffer.from('code,group\nCG-1,caregiver\n'), 'people.csv')
      .expect(200);
    expect(res.body).to.deep.equal({ body: { _csrf: 'token', csv: 'code,group\nCG-1,caregiver\n' } });
  });

  it('reads a form without a file into the body, with no csv', async function () {
    expect((await signedIn().field('_csrf', 'token').expect(200)).body).to.deep.equal({ body: { _csrf: 'token' } });
  });

  it('leaves alone a multipart form without a session, and any other body', async function () {
    const anonymous = await request(app)
      .post('/import')
      .field('_csrf', 'token')
      .attach('file', Buffer.from('a,b\n'), 'x.csv')
      .expect(200);
    expect(anonymous.body).to.deep.equal({ body: null });
    const form = await signedIn().type('form').send({ _csrf: 'token' }).expect(200);
    expect(form.body).to.deep.equal({ body: null });
  });

  it('reads the field it is given', async function () {
    const res = await request(uploadApp('upload'))
      .post('/import')
      .set('x-session-user', 'u1')
      .attach('upload', Buffer.from('a\n'), 'x.csv')
      .expect(200);
    expect(res.body.body.csv).to.equal('a\n');
  });

  it(`takes a file of MAX_IMPORT_BYTES (${MAX_IMPORT_BYTES / 1024 / 1024} MB), and refuses one byte more as too large`, async function () {
    const atLimit = await signedIn().attach('file', Buffer.alloc(MAX_IMPORT_BYTES, 'a'), 'big.csv').expect(200);
    expect(atLimit.body.body.csv).to.have.length(MAX_IMPORT_BYTES);
    const over = await signedIn()
      .attach('file', Buffer.alloc(MAX_IMPORT_BYTES + 1, 'a'), 'big.csv')
      .expect(400);
    expect(over.body.code).to.equal('VALIDATION');
    expect(over.body.message).to.match(new RegExp(`\\b${MAX_IMPORT_BYTES / 1024 / 1024} MB`));
    expect(over.body.problems).to.have.length(1);
    expect(over.body.problems[0].where).to.equal('file');
    const unreadable = await signedIn()
      .attach('file', Buffer.from('a\n'), 'x.csv')
      .attach('file', Buffer.from('b\n'), 'y.csv')
      .expect(400);
    // Too large and unreadable are each explained, and told apart.
    for (const refused of [over, unreadable]) {
      expect(refused.body.message).to.be.a('string').and.not.equal('');
      expect(refused.body.problems[0].message).to.be.a('string').and.not.equal('');
    }
    expect(over.body.problems[0].message).not.to.equal(unreadable.body.problems[0].message);
    expect(over.body.message).not.to.equal(unreadable.body.message);
  });

  it('refuses as unreadable a second file, a file under another name, too many fields, or a field over 200 KB', async function () {
    const refusals = {
      twoFiles: signedIn().attach('file', Buffer.from('a\n'), 'x.csv').attach('file', Buffer.from('b\n'), 'y.csv'),
      otherName: signedIn().attach('other', Buffer.from('a\n'), 'x.csv'),
      elevenFields: Array.from({ length: 11 }, (_, i) => i).reduce((r, i) => r.field(`f${i}`, 'x'), signedIn()),
      bigField: signedIn().field('notes', 'x'.repeat(200 * 1024 + 1)),
    };
    for (const [what, sent] of Object.entries(refusals)) {
      const res = await sent;
      expect(res.status, what).to.equal(400);
      expect(res.body.code, what).to.equal('VALIDATION');
      expect(
        res.body.problems.map((p: { where: string }) => p.where),
        what,
      ).to.deep.equal(['file']);
      expect(res.body.message, what).not.to.include('MB');
    }
    // Just inside the limits: ten fields, one of 200 KB.
    await Array.from({ length: 9 }, (_, i) => i)
      .reduce((r, i) => r.field(`f${i}`, 'x'), signedIn())
      .field('notes', 'x'.repeat(200 * 1024))
      .expect(200);
  });
});
