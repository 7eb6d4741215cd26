import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { Participant } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { launchBrowser, serve } from '../../helpers/browser.js';
import { pdfPageTexts } from '../../helpers/pdf-text.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

describe('participant pages in print', function () {
  this.timeout(60000);
  let browser: Browser;
  let services: Services;
  let store: SqliteStore;
  let server: { url: string; close: () => Promise<void> };
  let ben: Participant;

  before(async function () {
    browser = await launchBrowser();
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    server = await serve(testApp(services).app);
    ben = (await seededProject(services)).participants[1]!;
  });
  after(async function () {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  it('prints without navigation or buttons, each option an empty box, questions kept whole, code on every page', async function () {
    const page = await browser.newPage();
    await page.goto(`${server.url}/s/${ben.token}`);
    await page.check('#consent');
    await page.click('button[type=submit]');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('button[type=submit]')).to.equal(false);
    expect(await page.isVisible('.site-header')).to.equal(false);
    const box = await page.$eval('#trust_1-1', (el: any) => {
      const style = (globalThis as any).getComputedStyle(el);
      return { appearance: style.appearance, border: style.borderTopStyle, checked: el.checked };
    });
    expect(box).to.deep.equal({ appearance: 'none', border: 'solid', checked: false });
    expect(await page.$eval('.question', (el: any) => (globalThis as any).getComputedStyle(el).breakInside)).to.equal(
      'avoid',
    );
    const css = await (await page.request.get(`${server.url}/s/${ben.token}/print.css`)).text();
    expect(css).to.include('@top-left').and.include('Place4Carers').and.include('Wave 1');
    // What reaches the paper: the header on every page, the questions, no buttons or language switch.
    const pages = await pdfPageTexts(await page.pdf({ format: 'A4' }));
    expect(pages.length).to.be.at.least(1);
    for (const text of pages)
      expect(text).to.include('Participant: CG-002').and.include('Project: Place4Carers').and.include('Wave: Wave 1');
    const printed = pages.join(' ');
    expect(printed)
      .to.include('I trust the people running the project')
      .and.not.include('Save and continue')
      .and.not.include('Italiano');
    await page.close();
  });

  it('prints the consent page with its information and tick box but not its button, under an Ondata header in Italian', async function () {
    const anna = (
      await services.participants.importCsv(
        await services.projects.bySlug('p4c'),
        'code,group,language\nCG-PRINT,caregiver,it\n',
        'test',
      )
    )[0]!;
    const page = await browser.newPage();
    await page.goto(`${server.url}/s/${anna.token}`);
    const printed = (await pdfPageTexts(await page.pdf({ format: 'A4' }))).join(' ');
    expect(printed)
      .to.include('Ondata: Wave 1')
      .and.include('Chi è responsabile dei suoi dati')
      .and.include('Accetto di partecipare')
      .and.not.include('Rilevazione')
      .and.not.include('Continua');
    await page.close();
  });

  it('prints a saved written answer in its box, and a chosen option as a filled box', async function () {
    const anna = (await store.participants.list(ben.projectId)).find((p) => p.code === 'CG-001')!;
    const page = await browser.newPage();
    await page.goto(`${server.url}/s/${anna.token}?lang=en`);
    await page.check('#consent');
    await page.click('button[type=submit]');
    await page.check('#trust_1-4');
    await page.click('button[type=submit]');
    await page.goto(`${server.url}/s/${anna.token}/section/6`);
    await page.fill('#open_1', 'The Tuesday meetings in Breno');
    await page.click('button[type=submit]');
    await page.goto(`${server.url}/s/${anna.token}/section/6`);
    await page.emulateMedia({ media: 'print' });
    expect((await pdfPageTexts(await page.pdf({ format: 'A4' }))).join(' ')).to.include(
      'The Tuesday meetings in Breno',
    );
    await page.goto(`${server.url}/s/${anna.token}/section/1`);
    const box = await page.$eval('#trust_1-4', (el: any) => ({
      checked: el.checked,
      background: (globalThis as any).getComputedStyle(el).backgroundColor,
    }));
    expect(box).to.deep.equal({ checked: true, background: 'rgb(0, 0, 0)' });
    await page.close();
  });

  it('keeps a project name inside the print header, form feed and all, so the page still prints', async function () {
    const project = (await store.projects.getBySlug('p4c'))!;
    const name = 'Evil\f"} body{display:none} x{"';
    await store.projects.update(project.id, { name });
    try {
      const css = await (await fetch(`${server.url}/s/${ben.token}/print.css`)).text();
      expect(css).to.not.match(/[\f<>{}]"|display:none/);
      const page = await browser.newPage();
      await page.goto(`${server.url}/s/${ben.token}?lang=en`);
      await page.emulateMedia({ media: 'print' });
      const printed = (await pdfPageTexts(await page.pdf({ format: 'A4' }))).join(' ');
      // The whole name in the header (the form feed printed as whatever the font has for it), and the page below it.
      expect(printed)
        .to.include('Project: Evil')
        .and.include('"} body{display:none} x{" · Wave: Wave 1')
        .and.include('I trust the people running');
      await page.close();
    } finally {
      await store.projects.update(project.id, { name: 'Place4Carers' });
    }
  });
});
