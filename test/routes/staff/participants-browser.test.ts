import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { AXE_SOURCE_PATH, launchBrowser, serve, signInOnPage } from '../../helpers/browser.js';
import { staffUser } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

describe('the participants page in Chromium', function () {
  this.timeout(60000);
  let browser: Browser;
  let store: SqliteStore;
  let server: { url: string; close: () => Promise<void> };
  let lead: { email: string };

  before(async function () {
    browser = await launchBrowser();
    const test = testServices();
    store = test.store;
    server = await serve(testApp(test.services).app);
    const { project } = await seededProject(test.services);
    await test.services.participants.importCsv(
      project,
      `code,group\n${Array.from({ length: 230 }, (_, i) => `P-${String(i).padStart(3, '0')},${i % 2 ? 'provider' : 'caregiver'}`).join('\n')}\n`,
      'test',
    );
    lead = await staffUser(test.services, 'lead', 'p4c');
  });
  after(async function () {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  /** A signed-in lead's page in a context of its own. */
  async function signedIn(options: { javaScriptEnabled: boolean; bypassCSP?: boolean }) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await signInOnPage(page, server.url, lead.email);
    return { context, page };
  }

  it('filters with the form and pages with the links, keeping the filter', async function () {
    const { context, page } = await signedIn({ javaScriptEnabled: false });
    await page.goto(`${server.url}/projects/p4c/participants`);
    await page.fill('#q-code', 'p-');
    await page.selectOption('#q-group', 'provider');
    await page.click('form[role=search] button[type=submit]');
    expect(await page.locator('#participants-shown').innerText()).to.equal(
      '1–100 of 115 participants matching the filters, by code.',
    );
    await page.click('nav.pagination >> text=Next page');
    expect(new URL(page.url()).search).to.equal('?group=provider&code=p-&page=2');
    const codes = await page.locator('tbody tr td:first-child').allInnerTexts();
    expect(codes).to.deep.equal(Array.from({ length: 15 }, (_, i) => `P-${201 + 2 * i}`));
    expect(await page.inputValue('#q-code')).to.equal('p-');
    expect(await page.inputValue('#q-group')).to.equal('provider');
    await context.close();
  });

  it('has no serious or critical axe violation (WCAG 2.2 AA) on a filtered middle page', async function () {
    // axe is injected by the test, so the context bypasses our CSP.
    const { context, page } = await signedIn({ javaScriptEnabled: true, bypassCSP: true });
    await page.goto(`${server.url}/projects/p4c/participants?code=p&page=2`);
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    await page.addScriptTag({ path: AXE_SOURCE_PATH });
    const violations = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } }).then((r) => r.violations)`,
    )) as { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    expect(
      violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).to.deep.equal([]);
    await context.close();
  });
});
