import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoClock } from '../../../server/demo/demo-clock.js';
import { DEMO_PROJECT, seedDemo } from '../../../server/demo/seed-demo.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { AXE_SOURCE_PATH, launchBrowser, serve, signInOnPage } from '../../helpers/browser.js';
import { layoutProblems, printedLayout, type PrintedPage } from '../../helpers/pdf-layout.js';
import { staffUser } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { testServices } from '../../helpers/test-services.js';

const DIMENSIONS = ['trust', 'engagement', 'cohesion', 'reciprocity', 'strain'];
const ITEMS = DIMENSIONS.flatMap((d) => [1, 2, 3, 4, 5].map((i) => `${d}_${i}`));
/** 15 mm, the report's page margin, in PDF points. */
const MARGIN = (15 / 25.4) * 72;

/**
 * A long-running project: twelve monthly waves with long labels and four groups, one of them too
 * small to show, with every scale item answered and each group drifting its own way.
 */
async function longProject(services: Services): Promise<void> {
  const project = await services.projects.create(
    {
      slug: 'long',
      name: 'Valley carers network',
      instrument: 'coassess-core',
      groups: ['caregiver', 'provider', 'volunteer', 'social-worker'],
    },
    'test',
  );
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const waves = months.map((month, m) => `Follow-up ${m + 1} (${month} 2025)`);
  for (const [m, label] of waves.entries()) {
    const opens = `2025-${String(m + 1).padStart(2, '0')}-01`;
    await services.waves.add({ project, label, opensOn: opens, closesOn: opens.replace(/-01$/, '-21') }, 'test');
  }
  const groups: [string, number, number][] = [
    ['caregiver', 12, -0.08],
    ['provider', 8, 0.04],
    ['volunteer', 6, 0],
    ['social-worker', 4, 0.05],
  ];
  const people = groups.flatMap(([group, size]) =>
    Array.from({ length: size }, (_, i) => ({ code: `${group.slice(0, 2).toUpperCase()}-${i + 1}`, group })),
  );
  await services.participants.importCsv(
    project,
    `code,group\n${people.map((p) => `${p.code},${p.group}`).join('\n')}\n`,
    'test',
  );
  const lines = [`participant,wave,${ITEMS.join(',')}`];
  people.forEach((person, p) => {
    const drift = groups.find(([g]) => g === person.group)![2];
    waves.forEach((wave, w) => {
      const values = ITEMS.map((_, k) => {
        const raw = 3.6 + drift * w + (((p * 31 + w * 17 + k * 13) % 5) - 2) * 0.5;
        return Math.min(5, Math.max(1, Math.round(raw)));
      });
      lines.push(`${person.code},${wave},${values.join(',')}`);
    });
  });
  await services.responseImports.importCsv(project, `${lines.join('\n')}\n`, 'test');
}

/**
 * The printed report: the A4 PDF Chromium makes of it, tagged, read back with pdfjs to find where
 * each chart and each table row was drawn on each page (test/helpers/pdf-layout.ts).
 */
describe('report printed to A4 in Chromium', function () {
  this.timeout(120000);
  let browser: Browser;
  let services: Services;
  let store: SqliteStore;
  let server: { url: string; close: () => Promise<void> };
  /** Signed in as an evaluator of both projects, with JavaScript off. */
  let noScript: BrowserContext;

  async function signedIn(context: BrowserContext): Promise<void> {
    const page = await context.newPage();
    const evaluator = await staffUser(services, 'evaluator', DEMO_PROJECT);
    await services.users.setRole(evaluator.id, 'long', 'evaluator', 'test');
    await signInOnPage(page, server.url, evaluator.email);
    await page.close();
  }

  async function printed(page: Page, path: string): Promise<PrintedPage[]> {
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status()).to.equal(200);
    return printedLayout(await page.pdf({ format: 'A4', tagged: true }));
  }

  before(async function () {
    browser = await launchBrowser();
    const clock = demoClock(() => new Date('2026-11-23T10:00:00Z'));
    ({ services, store } = testServices(clock.now));
    await seedDemo(services, clock);
    await longProject(services);
    server = await serve(testApp(services).app);
    noScript = await browser.newContext({ javaScriptEnabled: false });
    await signedIn(noScript);
  });
  after(async function () {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  for (const [slug, what, groups] of [
    [DEMO_PROJECT, 'the demo (4 waves, 2 groups)', 3],
    ['long', 'a project with 12 waves and 4 groups', 5],
  ] as const) {
    it(`prints ${what} without JavaScript: every chart at full width, clear of all text, no table left with one row on a page`, async function () {
      const page = await noScript.newPage();
      const pages = await printed(page, `/projects/${slug}/report`);
      await page.close();
      expect(pages.length, 'pages').to.be.at.least(4);
      expect(layoutProblems(pages)).to.deep.equal([]);

      const charts = pages.flatMap((p, n) => p.charts.map((c) => ({ ...c, page: n, size: p.size })));
      expect(charts.map((c) => c.alt.split(' by wave')[0])).to.deep.equal([
        'Trust',
        'Engagement',
        'Cohesion',
        'Reciprocity and voice',
        'Freedom from strain',
      ]);
      for (const { alt, box, page: n, size } of charts) {
        // Within the page's margins, and drawn across nearly all of the text width (180 mm).
        expect(box.left, `${alt}, page ${n + 1}`).to.be.at.least(MARGIN - 1);
        expect(box.right).to.be.at.most(size.width - MARGIN + 1);
        expect(box.bottom).to.be.at.least(MARGIN - 1);
        expect(box.top).to.be.at.most(size.height - MARGIN + 1);
        expect(box.right - box.left).to.be.above(450);
      }
      // Each chart is printed with its legend, one entry per group and everyone, as text.
      for (const [n, page] of pages.entries())
        page.charts.forEach((chart, c) => {
          const own = page.texts.filter((t) => t.chart === c).map((t) => t.text);
          expect(own, `${chart.alt}, page ${n + 1}`).to.include.members(['Everyone', 'Mean score']);
          expect(
            own.filter((t) => ['Family caregivers', 'Service providers', 'Volunteer', 'Social worker'].includes(t)),
          ).to.have.length(groups - 1);
        });
    });
  }

  it('prints the demo report in Italian, as chosen, with the same layout rules and Italian charts', async function () {
    const page = await noScript.newPage();
    const pages = await printed(page, `/projects/${DEMO_PROJECT}/report?lang=it`);
    await page.close();
    expect(layoutProblems(pages)).to.deep.equal([]);
    const charts = pages.flatMap((p) => p.charts);
    expect(charts.map((c) => c.alt.split(' per rilevazione')[0])).to.deep.equal([
      'Fiducia',
      'Partecipazione',
      'Coesione',
      'Reciprocità e voce',
      'Assenza di stress',
    ]);
    for (const [n, printedPage] of pages.entries())
      printedPage.charts.forEach((chart, c) => {
        const own = printedPage.texts.filter((t) => t.chart === c).map((t) => t.text);
        expect(own, `${chart.alt}, page ${n + 1}`).to.include.members([
          'Tutti',
          'Punteggio medio',
          'Familiari caregiver',
          'Operatori dei servizi',
        ]);
      });
    const text = pages.flatMap((p) => p.texts.map((t) => t.text)).join(' ');
    expect(text)
      .to.include('Come sta andando')
      .and.match(/media \d,\d in /);
  });

  it('moves a table on whole rather than leave one row of it on a page, and finds it when not', async function () {
    // Rows 20 mm high, below 134, 146 and 224 mm of space: without the report's rules Chromium
    // leaves the repeated header alone on the next page, the last row alone, or the first row alone.
    const rows = Array.from(
      { length: 6 },
      (_, i) => `<tr><th scope="row">Group ${i + 1}</th><td>3.${i}</td><td>4.${i}</td></tr>`,
    ).join('');
    const spaces = [134, 146, 224];
    const scenario = (sheets: string[]) =>
      `<!doctype html><html lang="en"><head><title>Tables</title>` +
      sheets.map((s) => `<link rel="stylesheet" href="/static/css/${s}.css">`).join('') +
      `<style>@page { size: A4; margin: 15mm } section { break-before: page } .data-table tbody tr { height: 20mm }` +
      spaces.map((s) => ` .gap-${s} .space { height: ${s}mm }`).join('') +
      `</style></head><body class="report"><main class="width">` +
      spaces
        .map(
          (s) =>
            `<section class="gap-${s}"><div class="space">Space</div><table class="data-table"><caption>Scores</caption>` +
            `<thead><tr><th scope="col">Group</th><th scope="col">Wave 1</th><th scope="col">Wave 2</th></tr></thead><tbody>${rows}</tbody></table></section>`,
        )
        .join('') +
      `</main></body></html>`;
    const page = await browser.newPage();
    // Served from the app's origin, as the stylesheets are only to pages of their own origin.
    const problems = async (sheets: string[]) => {
      await page.route(`${server.url}/print-scenario`, (route) =>
        route.fulfill({ contentType: 'text/html', body: scenario(sheets) }),
      );
      await page.goto(`${server.url}/print-scenario`);
      await page.unrouteAll();
      return layoutProblems(await printedLayout(await page.pdf({ format: 'A4', tagged: true })));
    };
    expect(await problems(['site', 'staff'])).to.deep.equal([
      'page 2: table 1 (6 body rows) has its header here and no row',
      'page 4: table 1 (6 body rows) has only its last row here',
      'page 5: table 1 (6 body rows) has a single row here, split from the rest',
    ]);
    expect(await problems(['site', 'staff', 'report'])).to.deep.equal([]);
    await page.close();
  });

  it('finds a chart drawn over text', async function () {
    const page = await browser.newPage();
    await page.setContent(
      `<!doctype html><html lang="en"><body><h1>Report</h1>` +
        `<svg role="img" aria-label="Overflowing chart" viewBox="0 0 400 100" width="400" height="100" overflow="visible">` +
        `<polyline points="0,0 400,100 400,160" fill="none" stroke="black"/><text x="10" y="150">Legend</text></svg>` +
        `<p>Text under the chart</p><svg role="img" aria-label="Tidy chart" viewBox="0 0 100 50" width="100" height="50"><rect width="100" height="50"/></svg></body></html>`,
    );
    const pages = await printedLayout(await page.pdf({ format: 'A4', tagged: true }));
    await page.close();
    expect(pages[0]!.charts.map((c) => c.alt)).to.deep.equal(['Overflowing chart', 'Tidy chart']);
    expect(layoutProblems(pages)).to.include.members([
      'page 1: "Overflowing chart" is drawn over the text "Text under the chart"',
      'page 1: "Overflowing chart" overlaps "Tidy chart"',
    ]);
  });

  it('passes axe (WCAG 2.2 AA) with its charts', async function () {
    // The same session, in a context where axe can be injected (past our CSP).
    const context = await browser.newContext({ bypassCSP: true, storageState: await noScript.storageState() });
    const page = await context.newPage();
    await page.goto(`${server.url}/projects/${DEMO_PROJECT}/report`);
    await page.addScriptTag({ path: AXE_SOURCE_PATH });
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
    const violations = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
    )) as string[];
    expect(violations).to.deep.equal([]);
    await context.close();
  });
});
