import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import type { Participant, Wave } from '../../../server/domain/records.js';
import { launchBrowser, serve, signInOnPage } from '../../helpers/browser.js';
import { pdfPageTexts } from '../../helpers/pdf-text.js';
import { staffUser } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

describe('paper pack rendered to PDF in Chromium', function () {
  this.timeout(120000);
  let browser: Browser;
  let services: Services;
  let store: SqliteStore;
  let server: { url: string; close: () => Promise<void> };
  let wave1: Wave;

  before(async function () {
    browser = await launchBrowser();
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    server = await serve(testApp(services).app);
    const seeded = await seededProject(services);
    wave1 = seeded.wave1;
    await services.participants.importCsv(
      seeded.project,
      'code,group,language,mode\nCG-010,caregiver,en,paper\nPR-010,provider,it,paper\n',
      'test',
    );
  });
  after(async function () {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  it('prints each paper participant as a cover letter then the questionnaire, on A4 pages', async function () {
    const lead = await staffUser(services, 'lead', 'p4c');
    const page = await browser.newPage();
    await signInOnPage(page, server.url, lead.email);

    const pdfOf = async (query: string) => {
      await page.goto(`${server.url}/projects/p4c/waves/${wave1.id}/paper-pack${query}`);
      return pdfPageTexts(await page.pdf({ format: 'A4' }));
    };
    const people = await store.participants.list((await store.projects.getBySlug('p4c'))!.id);
    const paperPeople = ['CG-001', 'CG-010', 'PR-010'].map((code) => people.find((p) => p.code === code)!);
    const headerOf = (person: Participant) =>
      `${person.language === 'it' ? 'Partecipante' : 'Participant'}: ${person.code}`;
    const single = new Map<string, number>();
    for (const person of paperPeople) single.set(person.code, (await pdfOf(`?participant=${person.code}`)).length);

    const pages = await pdfOf('');
    // One participant after another, each from a new page: every page names exactly one of them,
    // and each takes as many pages as their own pack printed alone.
    const owners = pages.map((text) =>
      paperPeople.filter((person) => text.includes(headerOf(person))).map((p) => p.code),
    );
    for (const [i, owner] of owners.entries())
      expect(owner, `page ${i + 1}: ${pages[i]!.slice(0, 80)}`).to.have.length(1);
    expect(owners.flat()).to.deep.equal(
      paperPeople.flatMap((person) => Array<string>(single.get(person.code)!).fill(person.code)),
    );
    expect(pages.join(' ')).to.not.include('CG-002');
    let first = 0;
    for (const person of paperPeople) {
      const own = pages.slice(first, first + single.get(person.code)!);
      first += own.length;
      expect(own.length).to.be.at.least(3);
      // The cover letter: the short code as shown and the personal link; then the questionnaire.
      // (The code is printed letter-spaced, so it is read back without the spaces.)
      expect(own[0]!.replace(/\s/g, ''), own[0]).to.include(
        `${person.accessCode.slice(0, 4)}-${person.accessCode.slice(4)}`,
      );
      expect(own[0]).to.include(`/s/${person.token}`);
      const questionnaire = own.slice(1).join(' ');
      expect(questionnaire).to.include(person.language === 'it' ? 'Fiducia' : 'Trust');
      // Each box carries the value staff key in.
      expect(questionnaire)
        .to.include(person.language === 'it' ? '1 Fortemente in disaccordo' : '1 Strongly disagree')
        .and.include(person.language === 'it' ? 'NA Non mi riguarda' : 'NA Does not apply to me');
    }
    expect(await page.locator('.paper-qr svg').count()).to.equal(3);
    await page.close();
  });
});
