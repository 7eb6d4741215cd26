import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { AXE_SOURCE_PATH, seededBrowserSuite } from '../../helpers/browser.js';

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/**
 * No axe violation at all, of any impact, on the pages issue 17 changed, in both languages: the
 * access code page, consent with the project's texts, section 1 with its Back link, check your
 * answers with unanswered questions listed, and the receipt. (participant-accessibility.test.ts
 * tours every page for serious and critical ones.)
 */
describe('changed participant pages: no axe violations of any impact (Chromium)', function () {
  this.timeout(180000);
  const suite = seededBrowserSuite();

  async function violations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: AXE_SOURCE_PATH });
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    const found = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } }).then((r) => r.violations)`,
    )) as AxeViolation[];
    return found.map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  for (const lang of ['it', 'en'] as const) {
    it(`in ${lang === 'it' ? 'Italian' : 'English'}`, async function () {
      const project = await suite.services.projects.bySlug('p4c');
      if (!(await suite.services.consent.current(project)))
        await suite.services.consent.save(
          project,
          { it_contact: 'Maria, 0342 123456\nVia Roma 1', en_contact: 'Maria, +39 0342 123456\n1 Rome Street' },
          'test',
        );
      const [person] = await suite.services.participants.importCsv(
        project,
        `code,group,language\nAXE-${lang},caregiver,${lang}\n`,
        'test',
      );
      // axe is injected by the test, past our CSP, as in participant-accessibility.test.ts.
      const context = await suite.browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const checked: Record<string, string[]> = {};
      const audit = async (label: string) => (checked[label] = await violations(page));

      await page.goto(`${suite.url}/s?lang=${lang}`);
      await audit('access code');
      await page.goto(`${suite.url}/s/${person!.token}`);
      await audit('consent');
      await page.check('#consent');
      await Promise.all([page.waitForURL(/\/section\/1$/), page.click('button[type=submit]')]);
      await audit('section 1');
      await page.check('fieldset input[type=radio] >> nth=0');
      await Promise.all([page.waitForURL(/\/section\/2$/), page.click('button[type=submit]')]);
      await page.goto(`${suite.url}/s/${person!.token}/check`);
      expect(await page.locator('.unanswered-list a').count()).to.be.above(20);
      await audit('check your answers, with unanswered questions');
      await Promise.all([page.waitForURL(/\/done$/), page.click('button[type=submit]')]);
      await audit('receipt');
      await context.close();
      expect(checked).to.deep.equal({
        'access code': [],
        consent: [],
        'section 1': [],
        'check your answers, with unanswered questions': [],
        receipt: [],
      });
    });
  }
});
