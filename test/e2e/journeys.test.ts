import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { launchBrowser, serve } from '../helpers/browser.js';
import { STAFF_PASSWORD, staffUser } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { testServices } from '../helpers/test-services.js';

const ARTIFACTS = join(fileURLToPath(import.meta.url), '..', '..', '..', 'test-artifacts');
const TRENDS_HEADER =
  'wave,wave_index,group,dimension,n,mean,sd,ci_low,ci_high,alpha,alpha_ci_low,alpha_ci_high,response_rate,status';
const PEOPLE_CSV = [
  'code,group,language,mode',
  'CG-101,caregiver,it,web',
  'CG-102,caregiver,it,paper',
  'CG-103,caregiver,it,paper',
  'CG-104,caregiver,en,web',
  'PR-101,provider,it,web',
].join('\n');

type Lang = 'en' | 'it';

/**
 * What the pages say where the journeys look, in each staff language, as the staff and
 * participant catalogues (server/i18n/) write it; written out here rather than read from the
 * catalogues, so a message left in English fails. The wave is named as a lead in that language
 * would name it. The caregiver answers in Italian in both runs, as issue 6 asks.
 */
const WORDS = {
  en: {
    wave: 'Wave 1',
    signIn: 'Sign in',
    projects: 'Projects',
    shownIn: 'Staff pages are shown in English.',
    waveRow: /Wave 1\s+1 March 2026\s+21 March 2026\s+open/,
    imported: '5 participants imported.',
    modes: { web: 'web', paper: 'paper' } as Record<string, string>,
    // Italian puts an article before a wave's name; "Wave" has no readable gender, so it is quoted.
    consent: 'Accetto di partecipare a «Wave 1»',
    paperWave: 'Wave 1 (1 March 2026 to 21 March 2026)',
    keyIn: (code: string) => `Key in ${code}, Wave 1`,
    check: 'Check the answers before saving',
    review: (code: string) => `Check ${code}, Wave 1, before saving`,
    confirm: 'Confirm and save',
    saved: (code: string) => `Saved ${code} as a paper response`,
    dashboard: 'Dashboard',
    actions: 'Actions',
    noActions: 'No action has been recorded yet.',
    exports: 'Exports',
  },
  it: {
    wave: 'Ondata 1',
    signIn: 'Accedi',
    projects: 'Progetti',
    shownIn: 'Le pagine del personale sono mostrate in italiano.',
    waveRow: /Ondata 1\s+1 marzo 2026\s+21 marzo 2026\s+aperta/,
    imported: '5 partecipanti importati.',
    modes: { web: 'web', paper: 'carta' } as Record<string, string>,
    consent: "Accetto di partecipare all'Ondata 1",
    paperWave: 'Ondata 1 (dal 1 marzo 2026 al 21 marzo 2026)',
    keyIn: (code: string) => `Inserimento di ${code}, Ondata 1`,
    check: 'Controlla le risposte prima di salvare',
    review: (code: string) => `Controllo di ${code}, Ondata 1, prima di salvare`,
    confirm: 'Conferma e salva',
    saved: (code: string) => `Salvato ${code} come risposta su carta`,
    dashboard: 'Cruscotto',
    actions: 'Azioni',
    noActions: 'Non è ancora stata registrata nessuna azione.',
    exports: 'Esportazioni',
  },
} as const satisfies Record<Lang, unknown>;

/**
 * Four people's journeys through the real app in headless Chromium, each one through the pages
 * only, each leaving a screenshot in test-artifacts/, once with the staff working in English and
 * once in Italian (issue 17). In each language they run in order on a store of their own: the
 * lead's wave and participants are what the caregiver, the data-entry person and the evaluator
 * use. The only shortcut is creating the staff accounts. One Chromium serves both languages.
 */
describe('journeys in Chromium', function () {
  this.timeout(60000);
  let browser: Browser;
  /** Each language's trends.csv, split into lines, for the comparison after both runs. */
  const trends: Partial<Record<Lang, string[]>> = {};

  before(async function () {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchBrowser();
  });
  after(async function () {
    await browser?.close();
  });

  for (const lang of ['en', 'it'] as const) journeys(lang);

  describe('both languages', function () {
    it('export the same trends.csv, every value, whatever language the staff work in', function () {
      expect(trends.en, 'the English run downloaded no trends.csv').to.have.length.above(1);
      // The rows follow one another in the same order; only the wave's name is the lead's own.
      expect(trends.it).to.deep.equal(trends.en?.map((line) => line.replace(/^Wave 1,/, 'Ondata 1,')));
    });
  });

  function journeys(lang: Lang): void {
    const words = WORDS[lang];
    describe(lang === 'en' ? 'staff in English' : 'staff in Italian', function () {
      let services: Services;
      let store: SqliteStore;
      let server: { url: string; close: () => Promise<void> };
      const staff: Record<string, { email: string }> = {};
      /** The accounts that have signed in once, and so have their language. */
      const chosen = new Set<string>();

      before(async function () {
        // Wave 1 (1 to 21 March) is open on this day.
        ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
        server = await serve(testApp(services).app);
        await services.projects.create({ slug: 'p4c', name: 'Place4Carers', instrument: 'coassess-core' }, 'test');
        for (const role of ['lead', 'data-entry', 'evaluator'] as const)
          staff[role] = await staffUser(services, role, 'p4c');
      });
      after(async function () {
        await server?.close();
        await store?.close();
      });

      /**
       * Signs in through the sign-in page in the run's language. Chromium here asks for English,
       * so on its first sign-in an Italian account picks Italian on its account page's switch;
       * it is kept on the account, and every later sign-in lands in Italian straight away.
       */
      async function signIn(page: Page, role: string): Promise<void> {
        await page.goto(`${server.url}/login`);
        if (lang !== 'en') await page.click(`.language-switch a[hreflang=${lang}]`);
        expect(await page.locator('h1').innerText()).to.equal(words.signIn);
        await page.fill('input[name=email]', staff[role]!.email);
        await page.fill('input[name=password]', STAFF_PASSWORD);
        await page.click('form[action^="/login"] button[type=submit]');
        expect(new URL(page.url()).pathname).to.equal('/projects');
        if (!chosen.has(role)) {
          await page.goto(`${server.url}/account`);
          if (lang !== 'en') await page.click(`.language-switch button[value=${lang}]`);
          expect(await page.locator('main').innerText()).to.include(words.shownIn);
          chosen.add(role);
          await page.goto(`${server.url}/projects`);
        }
        expect(await page.getAttribute('html', 'lang')).to.equal(lang);
        expect(await page.locator('h1').innerText()).to.equal(words.projects);
      }

      const screenshot = (page: Page, name: string) =>
        page.screenshot({
          path: join(ARTIFACTS, lang === 'en' ? `e2e-${name}.png` : `e2e-${lang}-${name}.png`),
          fullPage: true,
        });

      it('a lead signs in, schedules a wave and imports participants from a CSV file', async function () {
        const page = await browser.newPage();
        await signIn(page, 'lead');
        await page.goto(`${server.url}/projects/p4c/waves`);
        await page.fill('#f-label', words.wave);
        await page.fill('#f-opens', '2026-03-01');
        await page.fill('#f-closes', '2026-03-21');
        await page.click('form[action$="/waves"] button[type=submit]');
        expect(await page.locator('table').first().innerText()).to.match(words.waveRow);

        await page.goto(`${server.url}/projects/p4c/participants`);
        await page.setInputFiles('#f-file', {
          name: 'people.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(`${PEOPLE_CSV}\n`),
        });
        await page.click('form[action$="/participants/import"] button[type=submit]');
        expect(await page.locator('.notice').innerText()).to.equal(words.imported);
        await page.goto(`${server.url}/projects/p4c/participants`);
        const rows = await page.locator('tbody tr').allInnerTexts();
        // The table names the answer mode in the page's language; code, group and language are the file's.
        expect(rows.map((r) => r.split('\t').slice(0, 4).join(','))).to.deep.equal(
          PEOPLE_CSV.split('\n')
            .slice(1)
            .map((line) => line.replace(/(web|paper)$/, (mode) => words.modes[mode]!)),
        );
        await screenshot(page, 'lead-participants');
        await page.close();
      });

      it('a caregiver answers in Italian through the personal link with JavaScript off, from consent to receipt', async function () {
        const lead = await browser.newPage();
        await signIn(lead, 'lead');
        await lead.goto(`${server.url}/projects/p4c/participants`);
        const link = await lead.locator('tbody tr', { hasText: 'CG-101' }).locator('td.secret').innerText();
        await lead.close();
        const token = new URL(link).pathname.split('/').at(-1)!;

        const context = await browser.newContext({ javaScriptEnabled: false });
        const page = await context.newPage();
        await page.goto(`${server.url}/s/${token}`);
        expect(await page.getAttribute('html', 'lang')).to.equal('it');
        expect(await page.locator('h1').innerText()).to.equal('Prima di iniziare');
        expect(await page.locator('label[for=consent]').innerText()).to.equal(words.consent);
        await page.check('#consent');
        await page.click('button[type=submit]');
        expect(await page.locator('h1').innerText()).to.equal('Fiducia');
        for (let section = 1; section <= 6; section += 1) {
          expect(page.url()).to.match(new RegExp(`/section/${section}$`));
          const names = await Promise.all(
            (await page.locator('input[type=radio]').all()).map(
              async (radio) => (await radio.getAttribute('name')) ?? '',
            ),
          );
          for (const name of new Set(names)) {
            await page.check(`#${name}-${name.startsWith('trust') ? 2 : 4}`);
          }
          if (section === 6) await page.fill('#open_2', 'Le decisioni vengono prese senza di noi.');
          await page.click('button[type=submit]');
        }
        expect(page.url()).to.match(/\/check$/);
        expect(await page.locator('h1').innerText()).to.equal('Controlli le risposte prima di inviarle');
        expect(await page.locator('main').innerText()).to.include('Le decisioni vengono prese senza di noi.');
        await page.click('button[type=submit]');
        expect(page.url()).to.match(/\/done$/);
        expect(await page.locator('h1').innerText()).to.equal('Grazie: le risposte sono state inviate');
        await screenshot(page, 'caregiver-receipt-it');
        await context.close();
      });

      it('a data-entry person signs in and keys in paper questionnaires', async function () {
        const page = await browser.newPage();
        await signIn(page, 'data-entry');
        for (const [code, digit] of [
          ['CG-102', '3'],
          ['CG-103', '4'],
        ] as const) {
          await page.goto(`${server.url}/projects/p4c/paper`);
          await page.selectOption('#f-wave', { label: words.paperWave });
          await page.fill('#f-participant', code);
          await page.click('form[action$="/paper/entry"] button[type=submit]');
          expect(await page.locator('h1').innerText()).to.equal(words.keyIn(code));
          for (const input of await page.locator('input.digit').all()) await input.fill(digit);
          await page.fill('#open_1', 'Il gruppo del giovedì.');
          if (code === 'CG-103') await screenshot(page, 'data-entry-form');
          await page.click(`button:has-text("${words.check}")`);
          expect(await page.locator('h1').innerText()).to.equal(words.review(code));
          await page.click(`button:has-text("${words.confirm}")`);
          expect(await page.locator('.notice').innerText()).to.equal(words.saved(code));
        }
        const project = await services.projects.bySlug('p4c');
        const dataEntry = await store.users.findByEmail(staff['data-entry']!.email);
        const paper = [];
        for await (const r of store.responses.iterate(project.id, { status: 'submitted' }))
          if (r.source === 'paper') paper.push(r);
        expect(paper).to.have.length(2);
        expect(paper.every((r) => r.enteredBy === dataEntry!.id && Object.keys(r.answers).length === 26)).to.equal(
          true,
        );
        await page.close();
      });

      it('an evaluator sees every chart drawn without console errors and downloads trends.csv', async function () {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const problems: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(m.text());
        });
        page.on('pageerror', (e) => problems.push(e.message));
        await signIn(page, 'evaluator');
        await page.goto(`${server.url}/projects/p4c/dashboard`);
        expect(await page.locator('h1').innerText()).to.equal(words.dashboard);
        expect(await page.locator('#actions-heading').innerText()).to.equal(words.actions);
        expect(await page.locator('.actions-section').innerText()).to.include(words.noActions);
        await page.waitForFunction(
          'typeof window.Chart !== "undefined" && document.querySelectorAll("canvas").length > 0',
        );
        const drawn = (await page.evaluate(
          '[...document.querySelectorAll("canvas")].map((c) => !!window.Chart.getChart(c))',
        )) as boolean[];
        expect(drawn.length).to.be.at.least(5);
        expect(drawn).to.not.include(false);
        await screenshot(page, 'evaluator-dashboard');

        await page.goto(`${server.url}/projects/p4c/exports`);
        expect(await page.locator('h1').innerText()).to.equal(words.exports);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click('a[href$="/exports/trends.csv"]'),
        ]);
        expect(download.suggestedFilename()).to.equal('p4c-trends.csv');
        const file = join(ARTIFACTS, lang === 'en' ? 'e2e-trends.csv' : `e2e-${lang}-trends.csv`);
        await download.saveAs(file);
        // Downloaded in a browser, the CSV starts with a byte-order mark for spreadsheets.
        const text = readFileSync(file, 'utf8');
        expect(text.charCodeAt(0)).to.equal(0xfeff);
        const lines = text.slice(1).split('\r\n');
        expect(lines[0]).to.equal(TRENDS_HEADER);
        // Three of four caregivers answered (one on the web, two on paper): n 3 and a response rate of 0.75.
        expect(lines.find((l) => l.startsWith(`${words.wave},1,caregiver,trust,`))).to.match(
          new RegExp(`^${words.wave},1,caregiver,trust,3,[^,]+,.*,0\\.75,`),
        );
        trends[lang] = lines;
        expect(problems).to.deep.equal([]);
        await page.close();
      });
    });
  }
});
