import { expect } from 'chai';
import request from 'supertest';
import type { Participant } from '../../../server/domain/records.js';
import { csrfFrom } from '../../helpers/forms.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

const BUDGET_BYTES = 30 * 1024;

describe('participant page budget', function () {
  it('keeps every questionnaire page, HTML plus CSS, within 30 KB uncompressed, with no third-party requests or fonts', async function () {
    const { services, store } = testServices(() => new Date('2026-03-10T09:00:00Z'));
    const { app } = testApp(services);
    const [anna] = (await seededProject(services)).participants as [Participant];
    const agent = request.agent(app);
    const consent = await agent.get(`/s/${anna.token}`);
    await agent
      .post(`/s/${anna.token}/consent`)
      .type('form')
      .send({ _csrf: csrfFrom(consent.text), consent: 'yes' })
      .expect(303);

    const pages = [consent.text];
    for (let n = 1; n <= 6; n += 1) pages.push((await agent.get(`/s/${anna.token}/section/${n}`).expect(200)).text);
    pages.push((await agent.get(`/s/${anna.token}/check`).expect(200)).text);

    for (const html of pages) {
      const stylesheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
      let css = 0;
      for (const href of stylesheets) {
        expect(href, 'stylesheets come from our own origin').to.match(/^\/(static|s)\//);
        const text = (await agent.get(href).buffer(true).expect(200)).text ?? '';
        // No web fonts, and nothing a stylesheet could fetch from elsewhere.
        expect(text, href).to.not.match(/@font-face|@import|url\(\s*['"]?(?:[a-z]+:)?\/\//i);
        css += Buffer.byteLength(text);
      }
      expect(Buffer.byteLength(html) + css).to.be.at.most(BUDGET_BYTES);
      expect(html).to.not.match(/<script|https?:\/\/(?!127\.0\.0\.1)/);
      expect(css).to.be.above(0);
    }
    const compressed = await agent.get(`/s/${anna.token}/section/1`).set('Accept-Encoding', 'gzip');
    expect(compressed.headers['content-encoding']).to.equal('gzip');
    await store.close();
  });
});
