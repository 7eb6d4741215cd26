import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { AXE_SOURCE_PATH, launchBrowser, serve, signInOnPage } from '../../helpers/browser.js';
import { staffUser } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { testServices } from '../../helpers/test-services.js';
import { trendProject } from '../../helpers/trend-project.js';

describe('dashboard in Chromium', function () {
  this.timeout(60000);
  let browser: Browser;
  let services: Services;
  let store: SqliteStore;
  let server: { url: string; close: () => Promise<void> };

  before(async function () {
    browser = await launchBrowser();
    ({ services, store } = testServices(() => new Date('2026-10-01T09:00:00Z')));
    server = await serve(testApp(services).app);
    await trendProject(services);
  });
  after(async function () {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  it('draws every chart, and loads everything from our own origin, with no console errors or CSP violations', async function () {
    const evaluator = await staffUser(services, 'evaluator', 'p4c');
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await signInOnPage(page, server.url, evaluator.email);
    await page.goto(`${server.url}/projects/p4c/dashboard`);
    await page.waitForFunction('typeof window.Chart !== "undefined" && document.querySelectorAll("canvas").length > 0');
    const drawn = await page.evaluate(
      '[...document.querySelectorAll("canvas")].map((c) => !!window.Chart.getChart(c))',
    );
    expect(drawn).to.not.include(false);
    expect((drawn as boolean[]).length).to.be.at.least(5);
    // The report's charts come drawn from the server, and load nothing.
    await page.goto(`${server.url}/projects/p4c/report`);
    expect(await page.locator('svg.line-chart[role=img]').count()).to.equal(5);
    expect(problems).to.deep.equal([]);
    expect(requests.every((u) => u.startsWith(server.url))).to.equal(true);
    await page.close();
  });

  it('has no serious or critical axe violations (WCAG 2.2 AA) on the dashboard and the report, and the attention links land', async function () {
    const lead = await staffUser(services, 'lead', 'p4c');
    // axe is injected by the test, so the context bypasses our CSP.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await signInOnPage(page, server.url, lead.email);
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    for (const path of ['/projects/p4c/dashboard', '/projects/p4c/report', '/projects/p4c/report?wave=2']) {
      await page.goto(`${server.url}${path}`);
      await page.addScriptTag({ path: AXE_SOURCE_PATH });
      const violations = (await page.evaluate(
        `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } }).then((r) => r.violations)`,
      )) as { id: string; impact: string | null; nodes: { target: string[] }[] }[];
      expect(
        violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${path}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).to.deep.equal([]);
    }
    await page.goto(`${server.url}/projects/p4c/dashboard`);
    await page.click('.attention-list a[href^="#status-"]');
    expect(await page.evaluate('document.querySelector(":target")?.id')).to.equal('status-3-caregiver-trust');
    const inView = await page.evaluate(
      '(() => { const r = document.querySelector(":target").getBoundingClientRect(); return r.top > -1 && r.top < innerHeight / 2; })()',
    );
    expect(inView).to.equal(true);
    await context.close();
  });
});
