import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { Project, Wave } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { launchBrowser, serve, signInOnPage } from '../../helpers/browser.js';
import { paintedShapes, type Box } from '../../helpers/pdf-layout.js';
import { pdfPageTexts } from '../../helpers/pdf-text.js';
import { staffUser } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

/** 5 mm, the printed tick box, with its border: anything within a point or two of it. */
const isTickBox = (b: Box) => {
  const width = b.right - b.left;
  const height = b.top - b.bottom;
  return width > 13 && width < 19 && Math.abs(width - height) < 0.5;
};

/**
 * The printed paper questionnaire, read back from Chromium's PDF with pdfjs: each 5-point scale
 * with its "does not apply" box is one row of six boxes, each box at the same place on the page
 * in every question; every page says "page N of M" in the participant's language; the end says
 * where to send the form, by when, and whom to ask.
 */
describe('paper questionnaire rendered to PDF in Chromium', function () {
  this.timeout(180000);
  let browser: Browser;
  let services: Services;
  let store: SqliteStore;
  let server: { url: string; close: () => Promise<void> };
  let project: Project;
  let wave1: Wave;
  let page: Page;

  before(async function () {
    browser = await launchBrowser();
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    server = await serve(testApp(services).app);
    ({ project, wave1 } = await seededProject(services));
    await services.consent.save(
      project,
      {
        en_contact: 'Maria Rossi, Valley Carers\nVia Roma 1, 23100 Sondrio\n0342 123456',
        it_contact: 'Maria Rossi, Cooperativa Valle\nVia Roma 1, 23100 Sondrio\n0342 123456',
      },
      'test',
    );
    const lead = await staffUser(services, 'lead', 'p4c');
    page = await browser.newPage();
    await signInOnPage(page, server.url, lead.email);
  });
  after(async function () {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  const packPdf = async (code: string) => {
    await page.goto(`${server.url}/projects/p4c/waves/${wave1.id}/paper-pack?participant=${code}`);
    return page.pdf({ format: 'A4' });
  };

  it('prints each 5-point scale and its NA as one row of six boxes, in the same six places in every question', async function () {
    const pdf = await packPdf('CG-002');
    const boxes = (await paintedShapes(pdf)).map((shapes) => shapes.filter(isTickBox));
    // The rows: boxes at the same height on a page are one question's.
    const rows: Box[][] = [];
    for (const pageBoxes of boxes) {
      const byTop = new Map<number, Box[]>();
      for (const b of pageBoxes) {
        const key = [...byTop.keys()].find((top) => Math.abs(top - b.top) < 1) ?? b.top;
        byTop.set(key, [...(byTop.get(key) ?? []), b]);
      }
      rows.push(...[...byTop.values()].map((row) => row.sort((a, b) => a.left - b.left)));
    }
    // 25 statements on the 5-point scale, each with its NA box.
    expect(rows.map((row) => row.length)).to.deep.equal(Array<number>(25).fill(6));
    const first = rows[0]!.map((b) => b.left);
    for (const [i, row] of rows.entries())
      row.forEach((b, column) =>
        expect(b.left, `question ${i + 1}, box ${column + 1}`).to.be.closeTo(first[column]!, 0.5),
      );
    // Spread evenly across the width (to the pixel grid's 0.75 pt), not bunched at the left.
    const steps = first.slice(1).map((x, i) => x - first[i]!);
    for (const step of steps) expect(step).to.be.closeTo(steps[0]!, 2).and.above(60);
  });

  for (const [code, lang, pageOf, returnBy, contact] of [
    [
      'CG-002',
      'en',
      (n: number, m: number) => `Page ${n} of ${m}`,
      'Please send it back by 21 March 2026.',
      'Maria Rossi, Valley Carers',
    ],
    [
      'CG-001',
      'it',
      (n: number, m: number) => `Pagina ${n} di ${m}`,
      'La preghiamo di restituirlo entro il 21 marzo 2026.',
      'Maria Rossi, Cooperativa Valle',
    ],
  ] as const) {
    it(`numbers every page "page N of M" and ends with where to send it, by when and whom to ask (${lang})`, async function () {
      const texts = await pdfPageTexts(await packPdf(code));
      expect(texts.length).to.be.at.least(3);
      texts.forEach((text, i) => expect(text, `page ${i + 1}`).to.include(pageOf(i + 1, texts.length)));
      const last = texts.at(-1)!;
      expect(last).to.include(returnBy).and.include(contact).and.include('0342 123456');
    });
  }
});
