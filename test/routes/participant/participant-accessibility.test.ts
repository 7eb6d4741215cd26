import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import type { Participant } from '../../../server/domain/records.js';
import { AXE_SOURCE_PATH, seededBrowserSuite, tourParticipantPages } from '../../helpers/browser.js';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * WCAG 2.2 AA, checked by axe-core in real Chromium on every participant page in both
 * languages, those showing errors and the error pages included. The pages ship no script; axe
 * is injected by the test (bypassing our CSP). Reflow, text and target sizes and visible focus:
 * participant-layout.test.ts.
 */
describe('participant pages in Chromium (axe-core, WCAG 2.2 AA)', function () {
  this.timeout(120000);
  const suite = seededBrowserSuite();

  async function audit(page: Page, label: string): Promise<void> {
    await page.addScriptTag({ path: AXE_SOURCE_PATH });
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    // A string, so it runs in the page (whose DOM types this Node test does not load).
    const violations = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } }).then((r) => r.violations)`,
    )) as AxeViolation[];
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map((v) => `${label}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).to.deep.equal([]);
  }

  /**
   * What axe does not check of the contract, checked on the page itself: the language is set;
   * every radio is in a fieldset with a legend; the error summary links each problem to a field
   * on the page, and each field with a problem has its message read with it.
   */
  async function structure(page: Page, label: string, lang: string): Promise<void> {
    expect(await page.getAttribute('html', 'lang'), `${label}: lang`).to.equal(lang);
    const problems = (await page.evaluate(`(() => {
      const problems = [];
      for (const radio of document.querySelectorAll('input[type=radio]')) {
        const fieldset = radio.closest('fieldset');
        if (!fieldset || !fieldset.querySelector(':scope > legend')?.textContent.trim()) problems.push('radio ' + radio.id + ' is not in a fieldset with a legend');
      }
      const links = [...document.querySelectorAll('.error-summary a')];
      if (document.querySelector('.error-message') && links.length === 0) problems.push('error messages without an error summary');
      for (const link of links) {
        const field = document.getElementById(link.hash.slice(1));
        if (!field || !field.matches('input, textarea, select')) problems.push('summary link ' + link.hash + ' leads to no field');
        const described = field && (field.closest('fieldset[aria-describedby]') ?? field).getAttribute('aria-describedby');
        if (field && !(described ?? '').split(' ').some((id) => document.getElementById(id)?.matches('.error-message'))) problems.push(link.hash + ' is not described by its error message');
      }
      if (links.length !== document.querySelectorAll('.error-message').length) problems.push(links.length + ' summary links for ' + document.querySelectorAll('.error-message').length + ' messages');
      return problems;
    })()`)) as string[];
    expect(problems, label).to.deep.equal([]);
  }

  /** Every participant page, and each with errors, in one language (see tourParticipantPages). */
  async function journey(context: BrowserContext, lang: 'en' | 'it'): Promise<void> {
    const labels = await tourParticipantPages(context, suite.services, suite.url, lang, async (page, label) => {
      await structure(page, `${lang} ${label}`, lang);
      await audit(page, `${lang} ${label}`);
    });
    expect(labels).to.include.members([
      'section 1 with errors',
      'consent with error',
      'too many attempts (429)',
      'withdrawn (410)',
      'forged form (403)',
      'form without token (403)',
      'too large (413)',
      'no wave open: next wave upcoming',
      'no wave open: project ended',
    ]);
  }

  it('would catch a violation (the audit itself can fail)', async function () {
    const context = await suite.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.setContent(
      '<!doctype html><html lang="en"><title>x</title><main><input type="radio" name="a"><p style="color:#bbb">faint</p></main></html>',
    );
    let failed = false;
    await audit(page, 'bad page').catch(() => {
      failed = true;
    });
    expect(failed).to.equal(true);
    await context.close();
  });

  it('would catch a radio outside a fieldset, a wrong lang and an error summary leading nowhere', async function () {
    const context = await suite.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.setContent(
      '<!doctype html><html lang="it"><title>x</title><main><div class="error-summary"><a href="#gone">Problem</a></div><p class="error-message" id="e">Problem</p><input type="radio" id="r" name="a"><label for="r">A</label></main></html>',
    );
    const failures: string[] = [];
    await structure(page, 'bad page', 'en').catch((e: { actual: unknown }) => failures.push(JSON.stringify(e.actual)));
    await page.evaluate(`document.documentElement.lang = 'en'`);
    await structure(page, 'bad page', 'en').catch((e: { actual: unknown }) => failures.push(JSON.stringify(e.actual)));
    expect(failures).to.have.length(2);
    expect(failures[0]).to.equal('"it"');
    expect(failures[1])
      .to.include('radio r is not in a fieldset with a legend')
      .and.include('summary link #gone leads to no field');
    await context.close();
  });

  it('has no serious or critical violations on any page, in English', async function () {
    const context = await suite.browser.newContext({ bypassCSP: true });
    await journey(context, 'en');
    await context.close();
  });

  it('has no serious or critical violations in Italian', async function () {
    const context = await suite.browser.newContext({ bypassCSP: true });
    await journey(context, 'it');
    await context.close();
  });

  it('can be answered from start to finish with JavaScript switched off', async function () {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const [person] = (await suite.services.participants.importCsv(
      await suite.services.projects.bySlug('p4c'),
      'code,group,language\nCG-777,caregiver,it\n',
      'test',
    )) as [Participant];
    await page.goto(`${suite.url}/s/${person.token}`);
    await page.check('#consent');
    await page.click('button[type=submit]');
    await page.check('#trust_1-2');
    await page.check('#trust_2-NA');
    await page.click('button[type=submit]');
    expect(page.url()).to.match(/\/section\/2$/);
    await page.goto(`${suite.url}/s/${person.token}/check`);
    await page.click('button[type=submit]');
    expect(await page.textContent('h1')).to.include('Grazie');
    expect(
      (await suite.store.responses.get(person.id, (await suite.store.waves.list(person.projectId))[0]!.id))?.answers,
    ).to.deep.equal({ trust_1: 2, trust_2: 'NA' });
    await context.close();
  });
});
