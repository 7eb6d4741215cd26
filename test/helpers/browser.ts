import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Express } from 'express';
import { createHttpServer } from '../../server/http/http-server.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { STAFF_PASSWORD } from './staff-agent.js';
import { testApp } from './test-app.js';
import { seededProject, testServices } from './test-services.js';

const require = createRequire(import.meta.url);
export const AXE_SOURCE_PATH = require.resolve('axe-core/axe.min.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Debian Chromium with the flags this machine's closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

/** Serves an app on a free loopback port for a browser to visit, on the server server/main.ts uses. */
export async function serve(app: Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = createHttpServer(app).listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Signs in on the /login form at `url` and resolves once the page it leads to has loaded. Waiting
 * matters: closing a page while its sign-in is still committing can hang page.close() for good,
 * since Chromium acknowledges the close and then drops it (crbug.com/536385539, Playwright issue
 * 42366). Closed straight after the click, 4 of 40 sign-ins hung here; waited for, 0 of 100.
 */
export async function signInOnPage(page: Page, url: string, email: string, password = STAFF_PASSWORD): Promise<void> {
  await page.goto(`${url}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.click('button[type=submit]')]);
}

/** What a suite of browser tests shares: Chromium, and the services (and their store) behind the app it serves. */
export interface BrowserSuite {
  browser: Browser;
  services: Services;
  store: SqliteStore;
  /** Where the app is served. */
  url: string;
}

/**
 * Registers the suite's hooks: Chromium, the seeded project p4c on a clock fixed at `now` (a day
 * its wave 1 is open), and the app served on loopback; all closed after the suite.
 */
export function seededBrowserSuite(now = new Date('2026-03-10T09:00:00Z')): BrowserSuite {
  const suite = {} as BrowserSuite;
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  before(async function () {
    suite.browser = await launchBrowser();
    ({ services: suite.services, store: suite.store } = testServices(() => now));
    server = await serve(testApp(suite.services).app);
    suite.url = server.url;
    await seededProject(suite.services);
  });
  after(async function () {
    await suite.browser?.close();
    await server?.close();
    await suite.store?.close();
  });
  return suite;
}

/** Where the participant tour is: the page showing a state, named by `label`. */
export type TourStop = (page: Page, label: string) => Promise<void>;

let tourRun = 0;

/** Submits the page's form by clicking, and resolves to the status of the POST it sent once the page it led to has loaded. */
async function submitForm(page: Page, selector = 'button[type=submit]'): Promise<number> {
  const posted = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
  await page.click(selector);
  const status = (await posted).status();
  await page.waitForLoadState();
  return status;
}

async function visit(page: Page, url: string, status: number): Promise<void> {
  const response = await page.goto(url);
  if (response?.status() !== status) throw new Error(`GET ${url} answered ${response?.status()}, expected ${status}`);
}

function expectStatus(actual: number, expected: number, what: string): void {
  if (actual !== expected) throw new Error(`${what} answered ${actual}, expected ${expected}`);
}

/**
 * Every participant page in one language, calling `stop` on each: the access code form (empty,
 * with a wrong code, and refused with 429 after too many), consent (and sent unticked), every
 * section (and one with out-of-scale answers, one with a text too long), check your answers,
 * the receipt (and sent again), no wave open (next wave upcoming, project ended, none planned),
 * and the error pages 404, 410 (withdrawn), 403 (form with a forged and with no CSRF token) and
 * 413 (oversized body). It needs the project `p4c` of seededProject with a wave open today, and
 * makes its own participants and projects, so it can run many times on the same services. The
 * access code pages are on a server of their own, with the address's access-code count reset.
 * Returns the labels, in order.
 */
export async function tourParticipantPages(
  context: BrowserContext,
  services: Services,
  url: string,
  lang: 'en' | 'it',
  stop: TourStop,
): Promise<string[]> {
  tourRun += 1;
  const run = `t${tourRun}`;
  const labels: string[] = [];
  const page = await context.newPage();
  const at = async (label: string) => {
    labels.push(label);
    await stop(page, label);
  };
  const person = async (slug: string, code: string) =>
    (
      await services.participants.importCsv(
        await services.projects.bySlug(slug),
        `code,group,language\n${run}-${code},caregiver,${lang}\n`,
        'test',
      )
    )[0]!;
  const limited = await serve(testApp(services).app);
  // The access-code limiter counts in the store (ADR 0076), so a new server does not forget
  // this address's earlier tours: start its count afresh.
  await services.rateLimits.reset('access-code:127.0.0.1');
  try {
    // Before anyone knows whose link it is, the language is the one asked for (then remembered).
    await visit(page, `${limited.url}/s?lang=${lang}`, 200);
    await at('access code');
    await page.fill('#code', 'nonsense');
    expectStatus(await submitForm(page), 400, 'a wrong access code');
    await at('access code with error');
    const csrf = await page.inputValue('input[name=_csrf]');
    for (let i = 0; i < 9; i += 1)
      await page.request.post(`${limited.url}/s`, { form: { _csrf: csrf, code: 'nonsense' }, maxRedirects: 0 });
    await page.fill('#code', 'nonsense');
    expectStatus(await submitForm(page), 429, 'the eleventh wrong access code');
    await at('too many attempts (429)');

    const p = await person('p4c', 'journey');
    await visit(page, `${url}/s/${p.token}`, 200);
    await at('consent');
    expectStatus(await submitForm(page), 400, 'consent unticked');
    await at('consent with error');
    await page.check('#consent');
    expectStatus(await submitForm(page), 303, 'consent');
    if (!page.url().endsWith('/section/1')) throw new Error(`consent led to ${page.url()}`);
    await at('section 1');
    // Out-of-scale answers, as a tampered or stale form could send: the first two questions.
    await page.evaluate(
      `[...document.querySelectorAll('fieldset')].slice(0, 2).forEach((f) => { const r = f.querySelector('input[type=radio]'); r.value = '9'; r.checked = true; })`,
    );
    expectStatus(await submitForm(page), 400, 'out-of-scale answers');
    await at('section 1 with errors');
    await page.check('fieldset input[type=radio] >> nth=0');
    expectStatus(await submitForm(page), 303, 'section 1');
    let textError = false;
    for (let n = 2; !page.url().endsWith('/check'); n += 1) {
      if (n > 30) throw new Error('the sections never led to check your answers');
      await at(`section ${n}`);
      if (!textError && (await page.locator('textarea').count()) > 0) {
        // Longer than maxlength allows typing: only a script or an old browser would send it.
        await page.evaluate(`document.querySelector('textarea').value = 'x'.repeat(5001)`);
        expectStatus(await submitForm(page), 400, 'a text too long');
        await at(`section ${n} with a text too long`);
        await page.fill('textarea', '');
        textError = true;
      }
      expectStatus(await submitForm(page), 303, `section ${n}`);
    }
    if (!textError) throw new Error('no section has a text question');
    await at('check answers');
    expectStatus(await submitForm(page), 303, 'submit');
    await at('receipt');
    await visit(page, `${page.url()}?again=1`, 200);
    await at('receipt, sent again');
    await visit(page, `${url}/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, 404);
    await at('not found (404)');

    const gone = await person('p4c', 'withdrawn');
    await services.participants.withdraw(await services.projects.bySlug('p4c'), gone.code, 'test');
    await visit(page, `${url}/s/${gone.token}`, 410);
    await at('withdrawn (410)');

    const refused = await person('p4c', 'refused');
    await visit(page, `${url}/s/${refused.token}`, 200);
    await page.check('#consent');
    expectStatus(await submitForm(page), 303, 'consent');
    await page.evaluate(`document.querySelector('input[name=_csrf]').value = 'forged'`);
    expectStatus(await submitForm(page), 403, 'a forged CSRF token');
    await at('forged form (403)');
    await visit(page, `${url}/s/${refused.token}/section/1`, 200);
    await page.evaluate(`document.querySelector('input[name=_csrf]').remove()`);
    expectStatus(await submitForm(page), 403, 'a form without CSRF token');
    await at('form without token (403)');
    await visit(
      page,
      `${url}/s/${refused.token}/section/${(await services.questionnaires.visit(refused.token)).sections.length}`,
      200,
    );
    await page.evaluate(`document.querySelector('textarea').value = 'x'.repeat(200000)`);
    expectStatus(await submitForm(page), 413, 'an oversized body');
    await at('too large (413)');

    const noWave: [string, string, [string, string] | null][] = [
      ['next wave upcoming', 'later', ['2026-06-01', '2026-06-21']],
      ['project ended', 'over', ['2025-01-01', '2025-01-31']],
      ['nothing planned yet', 'new', null],
    ];
    for (const [label, name, dates] of noWave) {
      const slug = `${run}-${name}`;
      const project = await services.projects.create(
        { slug, name: `Project ${name}`, instrument: 'coassess-core' },
        'test',
      );
      if (dates) await services.waves.add({ project, label: 'Wave 1', opensOn: dates[0], closesOn: dates[1] }, 'test');
      await visit(page, `${url}/s/${(await person(slug, 'waiting')).token}`, 200);
      await at(`no wave open: ${label}`);
    }
  } finally {
    await page.close();
    await limited.close();
  }
  return labels;
}
