import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Participant } from '../../../server/store/records.js';
import type { Services } from '../../../server/services/services.js';
import { AXE_SOURCE_PATH, launchBrowser, serve } from '../../helpers/browser.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/**
 * WCAG 2.2 AA, checked by axe-core in real Chromium on every participant page in both
 * languages. The pages ship no script; axe is injected by the test (bypassing our CSP).
 */
describe('participant pages in Chromium (axe-core, WCAG 2.2 AA)', function () {
  this.timeout(120000);
  let browser: Browser;
  let services: Services;
  let server: { url: string; close: () => Promise<void> };
  let ben: Participant;
  let anna: Participant;

  before(async function () {
    browser = await launchBrowser();
    services = testServices(() => new Date('2026-03-10T09:00:00Z'));
    server = await serve(testApp(services).app);
    const seeded = await seededProject(services);
    [anna, ben] = seeded.participants as [Participant, Participant];
  });
  after(async function () {
    await browser?.close();
    await server?.close();
    await services?.ctx.store.close();
  });

  async function audit(page: Page, label: string): Promise<void> {
    await page.addScriptTag({ path: AXE_SOURCE_PATH });
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    // A string, so it runs in the page (whose DOM types this Node test does not load).
    const violations = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } }).then((r) => r.violations)`)) as AxeViolation[];
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${label}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
  }

  async function journey(context: BrowserContext, p: Participant, label: string): Promise<void> {
    const page = await context.newPage();
    await page.goto(`${server.url}/s`);
    await audit(page, `${label} access code`);
    await page.fill('#code', 'nonsense');
    await page.click('button[type=submit]');
    await audit(page, `${label} access code with error`);

    await page.goto(`${server.url}/s/${p.token}`);
    await audit(page, `${label} consent`);
    await page.click('button[type=submit]');
    await audit(page, `${label} consent with error`);
    await page.check('#consent');
    await page.click('button[type=submit]');
    expect(page.url()).to.match(/\/section\/1$/);
    await audit(page, `${label} section 1`);
    await page.check('#trust_1-4');
    await page.click('button[type=submit]');
    for (let n = 2; n <= 6; n += 1) {
      await audit(page, `${label} section ${n}`);
      await page.click('button[type=submit]');
    }
    expect(page.url()).to.match(/\/check$/);
    await audit(page, `${label} check answers`);
    await page.click('button[type=submit]');
    expect(page.url()).to.match(/\/done$/);
    await audit(page, `${label} receipt`);
    await page.goto(`${server.url}/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    await audit(page, `${label} not found`);
  }

  it('would catch a violation (the audit itself can fail)', async function () {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.setContent('<!doctype html><html lang="en"><title>x</title><main><input type="radio" name="a"><p style="color:#bbb">faint</p></main></html>');
    let failed = false;
    await audit(page, 'bad page').catch(() => { failed = true; });
    expect(failed).to.equal(true);
    await context.close();
  });

  it('has no serious or critical violations on any page, in English', async function () {
    const context = await browser.newContext({ bypassCSP: true });
    await journey(context, ben, 'en');
    await context.close();
  });

  it('has no serious or critical violations in Italian', async function () {
    const context = await browser.newContext({ bypassCSP: true });
    await journey(context, anna, 'it');
    await context.close();
  });

  it('can be answered from start to finish with JavaScript switched off', async function () {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const [person] = (await services.participants.importCsv('p4c', 'code,group,language\nCG-777,caregiver,it\n', 'test')) as [Participant];
    await page.goto(`${server.url}/s/${person.token}`);
    await page.check('#consent');
    await page.click('button[type=submit]');
    await page.check('#trust_1-2');
    await page.check('#trust_2-NA');
    await page.click('button[type=submit]');
    expect(page.url()).to.match(/\/section\/2$/);
    await page.goto(`${server.url}/s/${person.token}/check`);
    await page.click('button[type=submit]');
    expect(await page.textContent('h1')).to.include('Grazie');
    expect((await services.ctx.store.getResponse(person.id, (await services.ctx.store.listWaves(person.projectId))[0]!.id))?.answers).to.deep.equal({ trust_1: 2, trust_2: 'NA' });
    await context.close();
  });
});
