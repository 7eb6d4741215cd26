import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../../server/app.js';
import { InstrumentRegistry } from '../../../server/services/instrument-registry.js';
import { createServices } from '../../../server/services/services.js';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { AXE_SOURCE_PATH, launchBrowser, serve, signInOnPage } from '../../helpers/browser.js';
import { staffUser } from '../../helpers/staff-agent.js';
import { seededProject, SURVEYS_DIR } from '../../helpers/test-services.js';

/** As long as a real deployment's address can be: links on it were what wrapped over ten lines. */
const BASE_URL = 'https://valutazione.place4carers.example.org';

describe('the invitations page in Chromium at 1280 px', function () {
  this.timeout(60_000);
  let browser: Browser;
  let store: SqliteStore;
  let server: { url: string; close: () => Promise<void> };
  let lead: { email: string };
  let links: string[];

  before(async function () {
    browser = await launchBrowser();
    store = SqliteStore.open(':memory:');
    const services = createServices({
      store,
      instruments: InstrumentRegistry.fromDirectory(SURVEYS_DIR),
      baseUrl: BASE_URL,
      now: () => new Date('2026-03-10T09:00:00Z'),
    });
    server = await serve(
      createApp({
        services,
        config: { baseUrl: BASE_URL, sessionSecret: 'x'.repeat(40), trustProxy: false },
        log: () => {},
      }),
    );
    // 20 people to contact (no SMTP: everyone), in both languages and modes, some with an address.
    const { project } = await seededProject(services);
    const rows = Array.from(
      { length: 17 },
      (_, i) =>
        `CG-${100 + i},${i % 3 ? 'caregiver' : 'provider'},${i % 2 ? 'it' : 'en'},${i % 4 ? 'web' : 'paper'},${i % 3 ? '' : `famiglia.rossi${i}@example.org`}`,
    );
    await services.participants.importCsv(project, `code,group,language,mode,email\n${rows.join('\n')}\n`, 'test');
    links = (await store.participants.list(project.id)).map((p) => `${BASE_URL}/s/${p.token}`).sort();
    lead = await staffUser(services, 'lead', 'p4c');
  });
  after(async function () {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  async function contactsPage(options: { javaScriptEnabled: boolean; bypassCSP?: boolean }): Promise<Page> {
    const context = await browser.newContext({ ...options, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signInOnPage(page, server.url, lead.email);
    await page.goto(`${server.url}/projects/p4c/contacts`);
    return page;
  }

  it('keeps each of 20 links whole on one line, every row one line high, the page within 1280 px and short', async function () {
    const page = await contactsPage({ javaScriptEnabled: false });
    const measured = (await page.evaluate(`(() => {
      const lineHeight = (el) => parseFloat(getComputedStyle(el).lineHeight);
      const rows = [...document.querySelectorAll('.contacts-table tbody tr')];
      return {
        pageWidth: document.documentElement.scrollWidth,
        pageHeight: document.documentElement.scrollHeight,
        links: rows.map((tr) => {
          const input = tr.querySelector('input.link-field');
          const style = getComputedStyle(input);
          const box = input.getBoundingClientRect();
          // A cell's text lines: the distinct tops of the boxes its content is laid out in.
          const lines = (cell) => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          };
          return {
            value: input.value,
            readOnly: input.readOnly,
            contentHeight: box.height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth),
            line: lineHeight(input),
            inside: box.left >= 0 && box.right <= document.documentElement.clientWidth,
            wrappedCells: [...tr.children].filter((cell) => lines(cell) > 1).length,
          };
        }),
      };
    })()`)) as {
      pageWidth: number;
      pageHeight: number;
      links: {
        value: string;
        readOnly: boolean;
        contentHeight: number;
        line: number;
        inside: boolean;
        wrappedCells: number;
      }[];
    };
    expect(measured.links.map((l) => l.value).sort()).to.deep.equal(links);
    expect(links).to.have.length(20);
    for (const link of measured.links) {
      expect(link.readOnly, link.value).to.equal(true);
      // The field holds exactly one line of text, and no cell beside it wraps onto a second.
      expect(Math.abs(link.contentHeight - link.line), link.value).to.be.below(1);
      expect(link.wrappedCells, link.value).to.equal(0);
      expect(link.inside, link.value).to.equal(true);
    }
    expect(measured.pageWidth).to.be.at.most(1280);
    // 7,736 px with each link wrapped in its cell before this layout, 1,507 px with it (same page, same measure).
    expect(measured.pageHeight).to.be.below(1_700);
    await page.context().close();
  });

  it('lets a link be selected whole and copied without JavaScript, and not changed', async function () {
    const page = await contactsPage({ javaScriptEnabled: false });
    const field = page.locator('input.link-field').first();
    const value = await field.inputValue();
    await field.focus();
    await page.keyboard.press('Control+A');
    const selection = (await page.evaluate(
      '(() => { const el = document.activeElement; return [el.className, el.selectionStart, el.selectionEnd]; })()',
    )) as [string, number, number];
    expect(selection).to.deep.equal(['link-field', 0, value.length]);
    await page.keyboard.type('x');
    expect(await field.inputValue()).to.equal(value);
    expect(value.startsWith(`${BASE_URL}/s/`)).to.equal(true);
    await page.context().close();
  });

  it('has no serious or critical axe violation (WCAG 2.2 AA)', async function () {
    const page = await contactsPage({ javaScriptEnabled: true, bypassCSP: true });
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
    await page.context().close();
  });
});
