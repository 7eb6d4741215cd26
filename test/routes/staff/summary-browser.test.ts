import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { Participant, Wave } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { AXE_SOURCE_PATH, launchBrowser, serve, signInOnPage } from '../../helpers/browser.js';
import { staffUser } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Issue 19's new pages, "You said, we did" and the actions pages, in real Chromium, in English
 * and Italian, checked by axe-core against WCAG 2.2 AA and its best practices: none may have any
 * violation, whatever its impact.
 */
describe('"You said, we did" and actions pages in Chromium (axe-core, WCAG 2.2 AA, 0 violations)', function () {
  this.timeout(180_000);
  let browser: Browser;
  let services: Services;
  let store: SqliteStore;
  let server: Awaited<ReturnType<typeof serve>>;
  let wave1: Wave;
  let anna: Participant;
  let ben: Participant;

  before(async function () {
    browser = await launchBrowser();
    // Wave 1 has closed; wave 2 is open.
    ({ services, store } = testServices(() => new Date('2026-06-05T09:00:00Z')));
    server = await serve(testApp(services).app);
    let participants: Participant[];
    ({ wave1, participants } = await seededProject(services));
    [anna, ben] = participants as [Participant, Participant];
    await services.actions.record(
      (await services.projects.list())[0]!,
      {
        wave: '1',
        group: 'caregiver',
        dimension: 'trust',
        what: 'Hold the partnership meetings in the village as well as in town',
        owner: 'Project coordinator',
        due: '2026-06-30',
        meeting_on: '2026-05-20',
        meeting: 'Partnership meeting, parish hall',
        status: 'open',
      },
      'test',
    );
  });
  after(async function () {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  /** The lead, signed in once per browser language and kept for every test in that language. */
  const leadPages = new Map<string, Page>();
  async function leadPage(locale: string): Promise<Page> {
    const signedIn = leadPages.get(locale);
    if (signedIn) return signedIn;
    const page = await (await browser.newContext({ bypassCSP: true, locale })).newPage();
    const lead = await staffUser(services, 'lead', 'p4c');
    await signInOnPage(page, server.url, lead.email);
    leadPages.set(locale, page);
    return page;
  }

  async function audit(page: Page, label: string): Promise<void> {
    await page.addScriptTag({ path: AXE_SOURCE_PATH });
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    const violations = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } }).then((r) => r.violations)`,
    )) as AxeViolation[];
    expect(
      violations.map((v) => `${label}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).to.deep.equal([]);
  }

  /** Goes to a page and checks that it answered and that the summary is on it. */
  async function visit(page: Page, url: string, mustShow: string): Promise<void> {
    const response = await page.goto(url);
    expect(response?.status(), url).to.be.below(400);
    expect(await page.textContent('main')).to.include(mustShow);
  }

  for (const [locale, lang] of [
    ['en-GB', 'en'],
    ['it-IT', 'it'],
  ] as const) {
    it(`the lead's page (empty, with problems, previewing, published) and the participant's pages, in ${lang}`, async function () {
      const page = await leadPage(locale);

      const summaryUrl = `${server.url}/projects/p4c/waves/${wave1.id}/summary`;
      const title = lang === 'it' ? 'Lei ci ha detto, noi abbiamo fatto' : 'You said, we did';
      await visit(page, summaryUrl, title);
      await audit(page, `${lang} staff page, empty`);

      // Half written: refused, with the error summary linked to the field.
      // The draft left by an earlier run is there: every field is set.
      await page.fill('#f-heard_it', 'Abbiamo sentito che gli incontri sono lontani.');
      for (const field of ['doing_it', 'heard_en', 'doing_en']) await page.fill(`#f-${field}`, '');
      await Promise.all([page.waitForLoadState(), page.click('button[value=publish]')]);
      expect(await page.locator('.error-summary a').count()).to.be.at.least(1);
      await audit(page, `${lang} staff page, with problems`);

      await page.fill('#f-doing_it', 'Dal prossimo mese ci incontriamo anche in paese.\n\nGrazie a tutti.');
      await page.fill('#f-heard_en', 'We heard that meetings are far away.');
      await page.fill('#f-doing_en', 'From next month we also meet in the village.');
      await Promise.all([page.waitForLoadState(), page.click('button[value=preview]')]);
      expect(await page.locator('.summary-preview').count()).to.equal(2);
      await audit(page, `${lang} staff page, previewing`);

      await Promise.all([page.waitForURL(/done=published/), page.click('button[value=publish]')]);
      await audit(page, `${lang} staff page, published`);

      const participant = lang === 'it' ? anna : ben;
      await visit(page, `${server.url}/s/${participant.token}?lang=${lang}`, title);
      expect(await page.getAttribute('html', 'lang')).to.equal(lang);
      await audit(page, `${lang} participant page opened by the link`);

      await visit(page, `${server.url}/projects/p4c/waves/${wave1.id}/summary`, title);
      await page.click('form[action$="/unpublish"] button');
      await page.waitForURL(/done=unpublished/);
    });

    // The actions pages are checked here, on a small project, rather than in the demo journey
    // (test/e2e/actions-journey.test.ts), which checks the sections they add to the dashboard and report.
    it(`the actions page and an action's page, each sent back with a problem, in ${lang}`, async function () {
      const page = await leadPage(locale);

      await page.goto(`${server.url}/projects/p4c/actions?wave=1&group=caregiver&dimension=trust`);
      await page.fill('#a-what', lang === 'it' ? 'Spostare gli incontri in paese' : 'Move the meetings to the village');
      await page.fill('#a-due', '30/06/2026');
      await page.click('form[action$="/actions"] button[type=submit]');
      await page.locator('#a-due-error').waitFor();
      expect(await page.locator(`div[lang="${lang}"] .error-summary`).count()).to.equal(1);
      await audit(page, `${lang} actions page, with problems`);

      await page.click('.actions-table a[href*="/actions/"]');
      await page.fill('#a-due', lang === 'it' ? 'presto' : 'soon');
      await page.click('form[action*="/actions/"] button[type=submit]');
      await page.locator('.error-summary').waitFor();
      expect(await page.locator(`div[lang="${lang}"] .error-summary`).count()).to.equal(1);
      await audit(page, `${lang} action's page, with problems`);
    });
  }

  it('the receipt with the summary, in English and Italian', async function () {
    await services.summaries.publish(
      (await services.projects.list())[0]!,
      wave1.id,
      {
        heard_it: 'Abbiamo sentito che gli incontri sono lontani.',
        doing_it: 'Ci incontriamo anche in paese.',
        heard_en: 'We heard that meetings are far away.',
        doing_en: 'We also meet in the village.',
      },
      'test',
    );
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/s/${ben.token}`);
    await page.check('#consent');
    await Promise.all([page.waitForURL(/section\/1/), page.click('button[type=submit]')]);
    await page.goto(`${server.url}/s/${ben.token}/check`);
    await Promise.all([page.waitForURL(/done/), page.click('form[action$="/submit"] button')]);
    for (const lang of ['en', 'it']) {
      await visit(
        page,
        `${server.url}/s/${ben.token}/done?lang=${lang}`,
        lang === 'it' ? 'Lei ci ha detto' : 'You said, we did',
      );
      await audit(page, `${lang} receipt`);
    }
    await context.close();
  });
});
