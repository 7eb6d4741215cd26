import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { AXE_SOURCE_PATH, seededBrowserSuite, signInOnPage } from '../helpers/browser.js';
import { staffUser } from '../helpers/staff-agent.js';

/**
 * A whole caregiver questionnaire keyed in with real keystrokes in Chromium, by the two habits
 * clerks have (each answer then Tab; the answers alone) and with JavaScript off (Tab between
 * boxes), then read back from responses.csv: every item must hold what the paper says.
 * docs/decisions/0039-paper-keying-keystroke-model.md is the model these runs prove.
 */
describe('keying in a paper questionnaire in Chromium', function () {
  this.timeout(30000);
  const suite = seededBrowserSuite();

  // What the paper says, in the order of the form: a digit, NA, or '' where nothing was ticked.
  const SCALE: [string, string][] = [
    ['trust_1', '4'],
    ['trust_2', '2'],
    ['trust_3', ''],
    ['trust_4', '5'],
    ['trust_5', 'NA'],
    ['engagement_1', '1'],
    ['engagement_2', '3'],
    ['engagement_3', '3'],
    ['engagement_4', ''],
    ['engagement_5', ''],
    ['cohesion_1', '4'],
    ['cohesion_2', '4'],
    ['cohesion_3', '2'],
    ['cohesion_4', 'NA'],
    ['cohesion_5', '5'],
    ['reciprocity_1', '1'],
    ['reciprocity_2', '2'],
    ['reciprocity_3', '3'],
    ['reciprocity_4', '4'],
    ['reciprocity_5', '5'],
    ['strain_1', '3'],
    ['strain_2', ''],
    ['strain_3', '2'],
    ['strain_4', '1'],
    ['strain_5', '4'],
  ];
  const WRITTEN: [string, string][] = [
    ['open_1', 'Il gruppo del giovedì mi aiuta.'],
    ['open_2', ''],
    ['open_3', 'Più tempo per parlare 4 volte'],
  ];

  /** Each way of keying: how one box's answer is typed, for the boxes and for the written answers. */
  const HABITS = {
    'each answer then Tab': { javaScript: true, box: async (p: Page, v: string) => keys(p, v, 'Tab') },
    'the answers alone ("-" where nothing was ticked)': {
      javaScript: true,
      box: async (p: Page, v: string) => keys(p, v === '' ? '-' : v),
    },
    'JavaScript off, each answer then Tab': { javaScript: false, box: async (p: Page, v: string) => keys(p, v, 'Tab') },
  } as const;

  async function keys(page: Page, text: string, then?: 'Tab'): Promise<void> {
    if (text) await page.keyboard.type(text, { delay: 5 });
    if (then) await page.keyboard.press(then);
  }

  async function signedIn(role: 'data-entry' | 'lead', javaScriptEnabled = true): Promise<BrowserContext> {
    const { email } = await staffUser(suite.services, role, 'p4c');
    // The lead's pages are checked with axe, injected as a script the pages' CSP would refuse.
    const context = await suite.browser.newContext({ javaScriptEnabled, bypassCSP: role === 'lead' });
    const page = await context.newPage();
    await signInOnPage(page, suite.url, email);
    await page.close();
    return context;
  }

  /** The participant's answers as responses.csv has them, item by item. */
  async function exported(lead: BrowserContext, code: string): Promise<Record<string, string>> {
    const res = await lead.request.get(`${suite.url}/projects/p4c/exports/responses.csv`);
    expect(res.status()).to.equal(200);
    const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
    return Object.fromEntries(rows.filter((r) => r.participant === code).map((r) => [r.item!, r.value!]));
  }

  // Signed in once each: the sign-in rate limit counts every attempt.
  const contexts: Partial<Record<'clerk' | 'clerkNoScript' | 'secondClerk' | 'lead', BrowserContext>> = {};
  before(async function () {
    contexts.clerk = await signedIn('data-entry');
    contexts.secondClerk = await signedIn('data-entry');
    contexts.clerkNoScript = await signedIn('data-entry', false);
    contexts.lead = await signedIn('lead');
  });
  after(async function () {
    for (const context of Object.values(contexts)) await context.close();
  });

  const expected = Object.fromEntries([...SCALE, ...WRITTEN].filter(([, v]) => v !== ''));

  for (const [n, [habit, { javaScript, box }]] of Object.entries(HABITS).entries()) {
    it(`saves every answer in its own box: ${habit}`, async function () {
      const code = `CG-30${n}`;
      const project = await suite.services.projects.bySlug('p4c');
      await suite.services.participants.importCsv(project, `code,group,language\n${code},caregiver,it\n`, 'test');
      const page = await (javaScript ? contexts.clerk : contexts.clerkNoScript)!.newPage();
      // The code as a clerk might type it: lower case, with spaces.
      await page.goto(`${suite.url}/projects/p4c/paper`);
      await page.fill('#f-participant', ` ${code.toLowerCase()} `);
      await page.click('form[action$="/paper/entry"] button[type=submit]');
      expect(await page.locator('h1').innerText()).to.match(new RegExp(`^Key in ${code}, Wave 1`));

      await page.click(`#${SCALE[0]![0]}`);
      for (const [id, value] of SCALE) {
        expect(await page.evaluate('document.activeElement?.id'), `focus before ${id}`).to.equal(id);
        await box(page, value);
      }
      for (const [id, text] of WRITTEN) {
        expect(await page.evaluate('document.activeElement?.id'), `focus before ${id}`).to.equal(id);
        await keys(page, text, 'Tab');
      }
      // What the boxes hold before saving, then what was saved.
      for (const [id, value] of [...SCALE, ...WRITTEN]) expect(await page.inputValue(`#${id}`), id).to.equal(value);
      const reviewed = page.waitForResponse((r) => r.request().method() === 'POST');
      await page.click('button:has-text("Check the answers before saving")');
      expect((await reviewed).status()).to.equal(200);
      await page.waitForLoadState();
      // The check before saving: every question in paper order, nothing stored yet.
      expect(
        await page.locator('.review-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item'))),
      ).to.deep.equal([...SCALE, ...WRITTEN].map(([id]) => id));
      expect(await exported(contexts.lead!, code)).to.deep.equal({});
      const posted = page.waitForResponse((r) => r.request().method() === 'POST');
      await page.click('button:has-text("Confirm and save")');
      expect((await posted).status()).to.equal(303);
      await page.waitForLoadState();
      expect(await page.locator('.notice').innerText()).to.equal(`Saved ${code} as a paper response`);
      await page.close();
      expect(await exported(contexts.lead!, code)).to.deep.equal(expected);
    });
  }

  it('flags a digit typed into a written answer before saving, and keeps every value', async function () {
    const code = 'CG-399';
    const project = await suite.services.projects.bySlug('p4c');
    await suite.services.participants.importCsv(project, `code,group,language\n${code},caregiver,it\n`, 'test');
    const page = await contexts.clerk!.newPage();
    await page.goto(
      `${suite.url}/projects/p4c/paper/entry?wave=${(await suite.services.waves.list(project))[0]!.id}&participant=${code}`,
    );
    await page.click('#trust_1');
    // One answer too many: the last box's value lands in the first written answer.
    for (const [, value] of SCALE) await keys(page, value === '' ? '-' : value);
    await keys(page, '4');
    const posted = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.click('button:has-text("Check the answers before saving")');
    expect((await posted).status()).to.equal(400);
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').innerText())
      .to.include('Nothing was saved')
      .and.include('open_1');
    for (const [id, value] of SCALE) expect(await page.inputValue(`#${id}`), id).to.equal(value);
    expect(await page.inputValue('#open_1')).to.equal('4');
    expect(await page.locator('#keep-open_1').count()).to.equal(1);
    expect(
      await suite.store.responses.get(
        (await suite.store.participants.getByCode(project.id, code))!.id,
        (await suite.services.waves.list(project))[0]!.id,
      ),
    ).to.equal(null);
    await page.close();
  });

  it('double data entry: two clerks key the form by different habits, a difference is settled from the paper, and the export holds the paper', async function () {
    const code = 'CG-398';
    const project = await suite.services.projects.bySlug('p4c');
    await suite.services.participants.importCsv(project, `code,group,language\n${code},caregiver,it\n`, 'test');
    await suite.services.projects.updateSettings(project, { doubleEntry: true }, 'test');
    try {
      const wave = (await suite.services.waves.list(project))[0]!;
      const entryUrl = `${suite.url}/projects/p4c/paper/entry?wave=${wave.id}&participant=${code}`;
      /** Keys the whole form in, by a habit, from the first box, then checks and confirms it. */
      const keyIn = async (
        context: BrowserContext,
        paper: [string, string][],
        box: (p: Page, v: string) => Promise<void>,
      ) => {
        const page = await context.newPage();
        await page.goto(entryUrl);
        await page.click(`#${paper[0]![0]}`);
        for (const [, value] of paper) await box(page, value);
        for (const [, text] of WRITTEN) await keys(page, text, 'Tab');
        await page.click('button:has-text("Check the answers before saving")');
        await page.waitForLoadState();
        await page.click('button:has-text("Confirm and save")');
        await page.waitForLoadState();
        const notice = await page.locator('.notice').innerText();
        await page.close();
        return notice;
      };
      // The second clerk misreads two boxes: a 4 as a 1, and an empty box as a 3.
      const misread = SCALE.map(([id, v]): [string, string] =>
        id === 'cohesion_2' ? [id, '1'] : id === 'strain_2' ? [id, '3'] : [id, v],
      );
      expect(await keyIn(contexts.clerk!, SCALE, HABITS['each answer then Tab'].box)).to.match(/^First keying/);
      expect(
        await keyIn(contexts.secondClerk!, misread, HABITS['the answers alone ("-" where nothing was ticked)'].box),
      ).to.match(/differ\. The form waits for reconciliation$/);
      expect(await exported(contexts.lead!, code)).to.deep.equal({});

      // The lead settles each difference from the paper: once by choosing a keying, once by typing.
      const page = await contexts.lead!.newPage();
      await page.goto(`${suite.url}/projects/p4c/paper`);
      await page.click(`a:has-text("${code}, ${wave.label}")`);
      await page.waitForLoadState();
      await page.addScriptTag({ path: AXE_SOURCE_PATH });
      const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
      const violations = (await page.evaluate(
        `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } }).then((r) => r.violations.map((v) => v.id))`,
      )) as string[];
      expect(violations).to.deep.equal([]);
      await page.check('#choice-cohesion_2-first');
      await page.check('#choice-strain_2-paper');
      // Blank on the paper: the value box is left empty.
      const settled = page.waitForResponse((r) => r.request().method() === 'POST');
      await page.click('button:has-text("Save the decisions")');
      expect((await settled).status()).to.equal(303);
      await page.waitForLoadState();
      expect(await page.locator('.notice').innerText()).to.equal(`Reconciled ${code}. Saved as a paper response`);
      await page.close();
      expect(await exported(contexts.lead!, code)).to.deep.equal(expected);
    } finally {
      await suite.services.projects.updateSettings(project, { doubleEntry: false }, 'test');
    }
  });
});
