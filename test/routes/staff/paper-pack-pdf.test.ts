import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { Services } from '../../../server/services/services.js';
import type { Wave } from '../../../server/store/records.js';
import { launchBrowser, serve } from '../../helpers/browser.js';
import { STAFF_PASSWORD, staffUser } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

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
    const single = pdfPageCount(await page.pdf({ format: 'A4' }));
    expect(single).to.be.at.least(3);

    await page.goto(`${server.url}/projects/p4c/waves/${wave1.id}/paper-pack`);
    const text = (await page.textContent('main')) ?? '';
    expect(text).to.include('CG-001').and.include('CG-010').and.include('PR-010').and.not.include('CG-002');
    expect(await page.locator('.paper-running-head').count()).to.equal(3);
    expect(await page.locator('.paper-qr svg').count()).to.equal(3);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    // The caregiver and the provider questionnaires have the same items, so every participant
    // takes the same number of pages and the pack is three times one participant's pack.
    expect(pdfPageCount(pdf)).to.equal(3 * single);
    await page.close();
  });
});
