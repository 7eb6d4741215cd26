import { expect } from 'chai';
import request from 'supertest';
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
