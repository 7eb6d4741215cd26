import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { Services } from '../../../server/services/services.js';
import type { Wave } from '../../../server/store/records.js';
import { launchBrowser, serve } from '../../helpers/browser.js';
import { pdfPageTexts } from '../../helpers/pdf-text.js';
import { STAFF_PASSWORD, staffUser } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

describe('paper pack rendered to PDF in Chromium', function () {
  this.timeout(120000);
  let browser: Browser;
  let services: Services;
  let server: { url: string; close: () => Promise<void> };
  let wave1: Wave;

  before(async function () {
    browser = await launchBrowser();
    services = testServices(() => new Date('2026-03-10T09:00:00Z'));
    server = await serve(testApp(services).app);
    wave1 = (await seededProject(services)).wave1;
    await services.participants.importCsv('p4c', 'code,group,language,mode\nCG-010,caregiver,en,paper\nPR-010,provider,it,paper\n', 'test');
  });
  after(async function () {
    await browser?.close();
    await server?.close();
    await services?.ctx.store.close();
  });

  it('prints each paper participant as a cover letter then the questionnaire, on A4 pages', async function () {
    const lead = await staffUser(services, 'lead', 'p4c');
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('input[name=email]', lead.email);
    await page.fill('input[name=password]', STAFF_PASSWORD);
    await page.click('button[type=submit]');

    await page.goto(`${server.url}/projects/p4c/waves/${wave1.id}/paper-pack?participant=CG-010`);
    const single = (await pdfPageTexts(await page.pdf({ format: 'A4' }))).length;
    expect(single).to.be.at.least(3);

    await page.goto(`${server.url}/projects/p4c/waves/${wave1.id}/paper-pack`);
    const pages = await pdfPageTexts(await page.pdf({ format: 'A4' }));
    // The caregiver and the provider questionnaires have the same items, so every participant
    // takes the same number of pages and the pack is three times one participant's pack.
    expect(pages).to.have.length(3 * single);
    const people = await services.ctx.store.listParticipants((await services.ctx.store.getProjectBySlug('p4c'))!.id);
    const paperPeople = ['CG-001', 'CG-010', 'PR-010'].map((code) => people.find((p) => p.code === code)!);
    expect(pages.join(' ')).to.not.include('CG-002');
    paperPeople.forEach((person, i) => {
      const own = pages.slice(i * single, (i + 1) * single);
      const label = person.language === 'it' ? 'Partecipante' : 'Participant';
      // Every page names whose it is, so a loose page finds its way back.
      for (const text of own) expect(text, `a page of ${person.code}`).to.include(`${label}: ${person.code}`);
      // The cover letter: the short code as shown and the personal link; then the questionnaire.
      // (The code is printed letter-spaced, so it is read back without the spaces.)
      expect(own[0]!.replace(/\s/g, ''), own[0]).to.include(`${person.accessCode.slice(0, 4)}-${person.accessCode.slice(4)}`);
      expect(own[0]).to.include(`/s/${person.token}`);
      expect(own.slice(1).join(' ')).to.include(person.language === 'it' ? 'Fiducia' : 'Trust');
    });
    expect(await page.locator('.paper-qr svg').count()).to.equal(3);
    await page.close();
  });
});
