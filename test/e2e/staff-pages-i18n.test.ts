import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { Participant, StaffUser } from '../../server/domain/records.js';
import { AXE_SOURCE_PATH, seededBrowserSuite } from '../helpers/browser.js';
import { STAFF_PASSWORD, staffUser } from '../helpers/staff-agent.js';

const ARTIFACTS = join(fileURLToPath(import.meta.url), '..', '..', '..', 'test-artifacts');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

type Who = 'visitor' | 'admin' | 'lead' | 'data-entry';

/** A staff page, who opens it, the status it answers with, and its name in test-artifacts/. */
interface Stop {
  who: Who;
  name: string;
  path: string;
  status: number;
}

const LANGUAGES = { en: 'en-GB', it: 'it-IT' } as const;

/**
 * Every staff page converted to the staff catalogue, in Italian and in English, in one Chromium:
 * each is checked with axe-core (WCAG 2.2 AA and best practice, no violation at all), its
 * `<html lang>` and heading are in the language asked for, and each Italian page leaves a
 * full-page screenshot in test-artifacts/staff-it-<name>.png. The languages come from the
 * browser, as for a staff member who has not chosen one.
 */
describe('staff pages in Italian and English, in Chromium (axe-core)', function () {
  // Each page is a test of its own: axe and a full-page screenshot take seconds on a busy machine.
  this.timeout(60_000);
  const suite = seededBrowserSuite();
  const users = {} as Record<Exclude<Who, 'visitor'>, StaffUser>;
  let stops: Stop[] = [];

  before(async function () {
    mkdirSync(ARTIFACTS, { recursive: true });
    const { services, store } = suite;
    for (const role of ['admin', 'lead', 'data-entry'] as const)
      users[role] = await staffUser(services, role, role === 'admin' ? undefined : 'p4c');
    const project = await services.projects.bySlug('p4c');
    const [wave1] = await services.waves.timeline(project);
    const anna = (await store.participants.getByCode(project.id, 'CG-001')) as Participant;
    await services.paper.enter(
      project,
      wave1!.id,
      anna.code,
      { trust_1: '4', trust_2: 'na', open_1: 'Scritto a mano' },
      users['data-entry'].id,
    );
    const p = '/projects/p4c';
    stops = [
      { who: 'visitor', name: 'home', path: '/', status: 200 },
      { who: 'visitor', name: 'sign-in', path: '/login', status: 200 },
      { who: 'visitor', name: 'not-found', path: '/no-such-page', status: 404 },
      { who: 'admin', name: 'projects', path: '/projects', status: 200 },
      { who: 'admin', name: 'project-new', path: '/projects/new', status: 200 },
      { who: 'admin', name: 'users', path: '/users', status: 200 },
      { who: 'admin', name: 'user-sessions', path: `/users/${users.lead.id}/sessions`, status: 200 },
      { who: 'admin', name: 'audit', path: '/audit', status: 200 },
      { who: 'lead', name: 'account', path: '/account', status: 200 },
      { who: 'lead', name: 'project', path: p, status: 200 },
      { who: 'lead', name: 'participants', path: `${p}/participants`, status: 200 },
      { who: 'lead', name: 'participant', path: `${p}/participants/CG-001`, status: 200 },
      { who: 'lead', name: 'response', path: `${p}/responses/CG-001/${wave1!.id}`, status: 200 },
      { who: 'lead', name: 'waves', path: `${p}/waves`, status: 200 },
      { who: 'lead', name: 'monitoring', path: `${p}/monitoring`, status: 200 },
      { who: 'lead', name: 'exports', path: `${p}/exports`, status: 200 },
      { who: 'lead', name: 'settings', path: `${p}/settings`, status: 200 },
      { who: 'lead', name: 'project-audit', path: `${p}/audit`, status: 200 },
      { who: 'lead', name: 'forbidden', path: '/projects/new', status: 403 },
      { who: 'data-entry', name: 'data-entry-project', path: p, status: 200 },
      { who: 'data-entry', name: 'data-entry-forbidden', path: `${p}/participants`, status: 403 },
    ];
  });

  async function audit(page: Page, label: string): Promise<void> {
    await page.addScriptTag({ path: AXE_SOURCE_PATH });
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    // A string, so it runs in the page (whose DOM types this Node test does not load).
    const violations = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } }).then((r) => r.violations)`,
    )) as AxeViolation[];
    expect(
      violations.map((v) => `${label}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).to.deep.equal([]);
  }

  async function signedInPage(browser: Browser, locale: string, who: Who): Promise<Page> {
    const context = await browser.newContext({
      locale,
      extraHTTPHeaders: { 'Accept-Language': locale },
      // axe is injected by the test; the pages' own CSP allows no inline script.
      bypassCSP: true,
    });
    const page = await context.newPage();
    if (who === 'visitor') return page;
    await page.goto(`${suite.url}/login`);
    await page.fill('#f-email', users[who].email);
    await page.fill('#f-password', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(/\/projects$/), page.click('button[type=submit]')]);
    return page;
  }

  /** One browser context per language and person, signed in once and reused for every page. */
  const pages = new Map<string, Page>();
  async function pageOf(lang: keyof typeof LANGUAGES, who: Who): Promise<Page> {
    const key = `${lang} ${who}`;
    if (!pages.has(key)) pages.set(key, await signedInPage(suite.browser, LANGUAGES[lang], who));
    return pages.get(key)!;
  }
  after(async () => {
    for (const page of pages.values()) await page.context().close();
  });

  // The stops are known once the project is seeded; their names are fixed here for the titles.
  const NAMES = [
    'home',
    'sign-in',
    'not-found',
    'projects',
    'project-new',
    'users',
    'user-sessions',
    'audit',
    'account',
    'project',
    'participants',
    'participant',
    'response',
    'waves',
    'monitoring',
    'exports',
    'settings',
    'project-audit',
    'forbidden',
    'data-entry-project',
    'data-entry-forbidden',
  ];
  for (const lang of ['it', 'en'] as const) {
    for (const name of NAMES) {
      it(`${lang} ${name}: in the language asked for, with no axe violation`, async function () {
        const stop = stops.find((s) => s.name === name)!;
        const page = await pageOf(lang, stop.who);
        const label = `${lang} ${stop.name}`;
        const response = await page.goto(`${suite.url}${stop.path}`);
        expect(response?.status(), label).to.equal(stop.status);
        expect(await page.getAttribute('html', 'lang'), label).to.equal(lang);
        expect((await page.textContent('h1'))?.trim(), label).to.not.equal('');
        await audit(page, label);
        if (lang === 'it')
          await page.screenshot({ path: join(ARTIFACTS, `staff-it-${stop.name}.png`), fullPage: true });
      });
    }
    it(`${lang} sign-in sent empty: the problems in the same language, with no axe violation`, async function () {
      const visitor = await pageOf(lang, 'visitor');
      await visitor.goto(`${suite.url}/login`);
      await Promise.all([visitor.waitForLoadState(), visitor.click('button[type=submit]')]);
      expect(await visitor.getAttribute('html', 'lang')).to.equal(lang);
      expect(await visitor.locator('.error-summary').count()).to.equal(1);
      await audit(visitor, `${lang} sign-in with problems`);
      if (lang === 'it')
        await visitor.screenshot({ path: join(ARTIFACTS, 'staff-it-sign-in-errors.png'), fullPage: true });
    });
  }

  it('shows the Italian pages in Italian: headings from the catalogue, dates and numbers as Italian writes them', async function () {
    const page = await pageOf('it', 'lead');
    await page.goto(`${suite.url}/projects/p4c/waves`);
    expect(await page.textContent('h1')).to.equal('Rilevazioni');
    expect(await page.textContent('table'))
      .to.include('1 marzo 2026')
      .and.include('aperta');
    await page.goto(`${suite.url}/projects/p4c/monitoring`);
    expect(await page.textContent('main'))
      .to.include('Tasso di risposta')
      .and.include('Tutti i gruppi');
    await page.context().close();
  });
});
