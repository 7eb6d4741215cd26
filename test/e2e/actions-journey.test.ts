import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { demoClock } from '../../server/demo/demo-clock.js';
import { DEMO_PASSWORD, DEMO_PROJECT, seedDemo } from '../../server/demo/seed-demo.js';
import type { ExportKind } from '../../server/services/export-service.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { AXE_SOURCE_PATH, launchBrowser, serve, signInOnPage } from '../helpers/browser.js';
import { csrfFrom, decodeEntities } from '../helpers/forms.js';
import { testApp } from '../helpers/test-app.js';
import { testServices } from '../helpers/test-services.js';

const execFileAsync = promisify(execFile);
const ARTIFACTS = join(fileURLToPath(import.meta.url), '..', '..', '..', 'test-artifacts');
const TRUST = ['trust_1', 'trust_2', 'trust_3', 'trust_4', 'trust_5'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface PairedTTest {
  mean3: number;
  mean5: number;
  change: number;
  low: number;
  high: number;
  n: number;
}

/**
 * R on the caregivers' trust scores (participant, wave_index, score): the means of waves 3 and 5
 * and the paired t-test between them. null where Rscript is not installed.
 */
async function pairedTTestInR(scores: string): Promise<PairedTTest | null> {
  const dir = mkdtempSync(join(tmpdir(), 'coassess-actions-r-'));
  try {
    writeFileSync(join(dir, 'scores.csv'), scores);
    const { stdout } = await execFileAsync(
      'Rscript',
      [
        '--vanilla',
        '-e',
        `s <- read.csv("scores.csv"); a <- s[s$wave_index == 3, ]; b <- s[s$wave_index == 5, ];
         m <- merge(a, b, by = "participant"); tt <- t.test(m$score.y, m$score.x, paired = TRUE);
         cat(sprintf("%.10f", c(mean(a$score), mean(b$score), tt$estimate, tt$conf.int, nrow(m))), sep = ",")`,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    const [mean3, mean5, change, low, high, n] = stdout.split(',').map(Number) as number[];
    return { mean3: mean3!, mean5: mean5!, change: change!, low: low!, high: high!, n: n! };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function exportText(services: Services, kind: ExportKind): Promise<string> {
  let text = '';
  await services.exports.write(
    kind,
    await services.projects.bySlug(DEMO_PROJECT),
    new Writable({
      write(chunk, _e, cb) {
        text += chunk.toString();
        cb();
      },
    }),
    'test',
  );
  return text;
}

/**
 * Issue 19 end to end, on the demo project in headless Chromium: the lead sees the caregivers'
 * trust collapse at wave 3, prints the meeting pack, keys in the action agreed there, publishes
 * "you said, we did", participants answer a later wave through their links, and the dashboard and
 * the report follow the action up with numbers that R computes the same. axe runs on the sections
 * issue 19 added to the report and the dashboard, in English along the way, then in Italian in a
 * second browser context that carries the lead's session (the pages negotiate their language from
 * Accept-Language, ADR 0104). The new pages themselves (actions, an action's page, "you said, we
 * did") are checked with axe in both languages, each with a form sent back with a problem, on
 * the small project of test/routes/staff/summary-browser.test.ts.
 */
describe('actions journey in Chromium (demo project)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let services: Services;
  let store: SqliteStore;
  let server: { url: string; close: () => Promise<void> };
  let present = new Date('2026-11-23T10:00:00Z');
  let context: BrowserContext;
  let page: Page;
  let axeSource: string;
  const problems: string[] = [];
  const SUMMARY_IT = {
    heard: 'Ci avete detto che le decisioni sul sollievo venivano prese senza di voi.',
    doing: 'Da dicembre ogni decisione sul sollievo passa prima dal gruppo dei familiari.',
  };

  before(async function () {
    mkdirSync(ARTIFACTS, { recursive: true });
    axeSource = readFileSync(AXE_SOURCE_PATH, 'utf8');
    const clock = demoClock(() => present);
    const started = Date.now();
    ({ services, store } = testServices(clock.now));
    await seedDemo(services, clock);
    console.log(`    (demo seeded in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    server = await serve(testApp(services).app);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-GB', bypassCSP: true, viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    await signInOnPage(page, server.url, 'lead@place4carers.example', DEMO_PASSWORD);
  });
  after(async function () {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  /** A screenshot of the part of the page the step is about: a full page of the dashboard costs seconds. */
  const shot = (selector: string, name: string) =>
    page.locator(selector).screenshot({ path: join(ARTIFACTS, `e2e-actions-${name}.png`) });

  /** Runs axe on the page as it is, on `include` (CSS selectors) or the whole document, and keeps what it finds. */
  async function axe(include?: string[]): Promise<void> {
    await page.addScriptTag({ content: axeSource });
    const scope = include ? JSON.stringify({ include: include.map((s) => [s]) }) : 'document';
    const violations = (await page.evaluate(
      `axe.run(${scope}, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } }).then((r) => r.violations)`,
    )) as { id: string; nodes: { target: string[] }[] }[];
    problems.push(
      ...violations.map((v) => `${page.url()}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    );
  }

  it('shows the lead the wave-3 co-destruction, prints the meeting pack and keys in the action agreed', async function () {
    await page.goto(`${server.url}/projects/${DEMO_PROJECT}/dashboard`);
    expect(await page.locator('.attention-list').innerText()).to.include('Wave 3, family caregivers, Trust:');
    await page.goto(`${server.url}/projects/${DEMO_PROJECT}/report?wave=3`);
    await page.click('text=Add the meeting pack to this report');
    expect(new URL(page.url()).search).to.equal('?wave=3&meeting=1');
    const pack = await page.locator('section.pack').innerText();
    expect(pack)
      .to.include('For the partnership meeting')
      .and.include('Wave 3, Family caregivers, Trust')
      .and.match(/Family caregivers now score trust at \d\.\d\d: \d\.\d\d lower than their own earlier answers/)
      .and.include('Are decisions that matter to this group being taken without them?');
    await axe(['section.pack']);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: join(ARTIFACTS, 'e2e-actions-meeting-pack.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });

    await page.click('section.pack a[href*="/actions?wave=3&group=caregiver&dimension=trust"]');
    expect(await page.locator('#a-wave').inputValue()).to.equal('3');
    expect(await page.locator('#a-group').inputValue()).to.equal('caregiver');
    expect(await page.locator('#a-dimension').inputValue()).to.equal('trust');
    const what = 'Bring decisions on respite back to the caregivers’ group before they are taken';
    await page.fill('#a-what', what);
    await page.fill('#a-owner', 'Coordinator of the family association');
    await page.fill('#a-due', '10/12/2026');
    await page.fill('#a-meeting_on', '2026-11-20');
    await page.fill('#a-meeting', 'Partnership meeting, community hall');
    await page.click('form[action$="/actions"] button[type=submit]');
    // A date written the wrong way round is refused beside its field, with everything else as typed.
    expect(await page.locator('#a-due-error').innerText()).to.include('Write a date as YYYY-MM-DD');
    expect(await page.locator('#a-what').inputValue()).to.equal(what);
    expect(await page.locator('#a-dimension').inputValue()).to.equal('trust');
    await page.fill('#a-due', '2026-12-10');
    await page.click('form[action$="/actions"] button[type=submit]');
    expect(await page.locator('.notice').innerText()).to.equal('The action was recorded.');
    const row = await page.locator('.actions-table tbody tr').first().innerText();
    expect(row)
      .to.include(what)
      .and.match(/Agreed after Wave 3 \(trust, family caregivers, \d\.\d\d\)\. Wave 4: /);
    await shot('.actions-table', 'recorded');
  });

  it('tells participants in Italian what was done, and follows the action up once they answer a later wave, as R computes it', async function () {
    // The lead schedules wave 5 on the waves page and publishes wave 3's "you said, we did".
    await page.goto(`${server.url}/projects/${DEMO_PROJECT}/waves`);
    await page.fill('#f-label', 'Wave 5');
    await page.fill('#f-opens', '2026-11-24');
    await page.fill('#f-closes', '2026-12-14');
    await page.click('form[action$="/waves"] button[type=submit]');
    await page.click('a[href$="/summary"]:has-text("Wave 3")');
    await page.fill('#f-heard_it', SUMMARY_IT.heard);
    await page.fill('#f-doing_it', SUMMARY_IT.doing);
    await page.fill('#f-heard_en', 'You told us that decisions on respite were taken without you.');
    await page.fill('#f-doing_en', 'From December every decision on respite goes to the caregivers’ group first.');
    await Promise.all([page.waitForLoadState(), page.click('button[value=preview]')]);
    expect(await page.locator('.summary-preview').count()).to.equal(2);
    await Promise.all([page.waitForURL(/done=published/), page.click('button[value=publish]')]);

    // Wave 5 is open. Those answering online follow their personal links, as the invitation
    // email gives them, and answer the trust section; a few do not answer, and the paper forms
    // are not back yet.
    present = new Date('2026-12-01T10:00:00Z');
    const project = await services.projects.bySlug(DEMO_PROJECT);
    const online = (await services.participants.listing(project)).filter(
      (p) => p.status === 'active' && p.mode === 'web',
    );
    let italianShown = '';
    await Promise.all(
      online.map(async (p, i) => {
        if (i % 7 === 3) return;
        const level = p.group === 'caregiver' ? 3 + (i % 3 === 0 ? 1 : 0) : 4;
        const answers = Object.fromEntries(
          TRUST.map((item, k) => {
            const v = Math.min(5, Math.max(1, level + ((i + k) % 3) - 1));
            return [item, String(item === 'trust_3' ? 6 - v : v)];
          }),
        );
        const link = new URL(p.link).pathname;
        const agent = request.agent(server.url);
        const opened = await agent.get(link).expect(200);
        if (p.language === 'it' && !italianShown) italianShown = decodeEntities(opened.text);
        const version = /name="version" value="(\d+)"/.exec(opened.text)?.[1];
        await agent
          .post(`${link}/consent`)
          .type('form')
          .send({ _csrf: csrfFrom(opened.text), consent: 'yes', version })
          .expect(303);
        const section = await agent.get(`${link}/section/1`).expect(200);
        await agent
          .post(`${link}/section/1`)
          .type('form')
          .send({ _csrf: csrfFrom(section.text), ...answers })
          .expect(303);
        const check = await agent.get(`${link}/check`).expect(200);
        await agent
          .post(`${link}/submit`)
          .type('form')
          .send({ _csrf: csrfFrom(check.text) })
          .expect(303);
      }),
    );
    // The page an Italian participant's link opened showed wave 3's summary, in Italian.
    expect(italianShown).to.match(/<html lang="it"/);
    expect(italianShown).to.include('Lei ci ha detto, noi abbiamo fatto');
    expect(italianShown).to.include(SUMMARY_IT.heard).and.include(SUMMARY_IT.doing);
    present = new Date('2026-12-20T10:00:00Z');

    // R: the caregivers' trust scores of waves 3 and 5 from scores.csv, paired by participant.
    // It starts while the lead opens the dashboard, since Rscript takes a second or two to start.
    const scores = parse(await exportText(services, 'scores'), { columns: true }) as Record<string, string>[];
    const trust = scores.filter((s) => s.group === 'caregiver' && s.dimension === 'trust' && s.score !== '');
    const inR = pairedTTestInR(
      ['participant,wave_index,score', ...trust.map((s) => `${s.participant},${s.wave_index},${s.score}`)].join('\n'),
    );
    await page.goto(`${server.url}/projects/${DEMO_PROJECT}/dashboard`);
    const section = await page.locator('section.actions-section').innerText();
    const r = await inR;
    if (!r) this.skip();
    const f = (v: number) => (v < 0 && Math.abs(v) >= 0.005 ? '\u2212' : '') + Math.abs(v).toFixed(2);
    const expected =
      `Agreed after Wave 3 (trust, family caregivers, ${r.mean3.toFixed(2)}). Wave 5: ${r.mean5.toFixed(2)}, ` +
      `${r.change > 0 ? 'up' : 'down'} ${Math.abs(r.change).toFixed(2)} (95% CI ${f(r.low)} to ${f(r.high)}) ` +
      `among the ${r.n} who answered both.`;

    expect(section).to.include(expected);
    // Due on 10 December, still open on the 20th.
    expect(await page.locator('.overdue-list').innerText()).to.include('Wave 3, Family caregivers, Trust');
    await axe(['section.actions-section']);
    await shot('section.actions-section', 'dashboard-follow-up');
    await page.goto(`${server.url}/projects/${DEMO_PROJECT}/report`);
    expect(await page.locator('#actions-since').locator('..').innerText())
      .to.include('Actions since last time')
      .and.include(expected);
    await axe(['#actions-since']);

    const csv = parse(await exportText(services, 'actions'), { columns: true }) as Record<string, string>[];
    expect(csv).to.have.length(1);
    expect(csv[0]).to.include({ wave: 'Wave 3', wave_index: '3', group: 'caregiver', dimension: 'trust' });
    expect(csv[0]).to.include({ followed_up_wave: 'Wave 5', n_pairs: String(r.n), due: '2026-12-10' });
    expect(Number(csv[0]!.change_since)).to.be.closeTo(r.change, 1e-9);
    expect(Number(csv[0]!.change_ci_low)).to.be.closeTo(r.low, 1e-9);
    expect(Number(csv[0]!.change_ci_high)).to.be.closeTo(r.high, 1e-9);
  });

  it('shows the added sections in Italian, and they and the English ones above pass axe with no violations', async function () {
    // The same lead's session in an Italian browser: no second sign-in.
    const italian = await browser.newContext({
      locale: 'it-IT',
      bypassCSP: true,
      viewport: { width: 1200, height: 900 },
      storageState: await context.storageState(),
    });
    page = await italian.newPage();
    await page.goto(`${server.url}/projects/${DEMO_PROJECT}/report?wave=3&meeting=1`);
    expect(await page.locator('section.pack').innerText()).to.include('Per la riunione della partnership');
    await axe(['section.pack', '#actions-since']);
    await shot('section.pack', 'pack-it');
    await page.goto(`${server.url}/projects/${DEMO_PROJECT}/dashboard`);
    await axe(['section.actions-section']);
    expect(problems).to.deep.equal([]);
    const section = await page.locator('section.actions-section').innerText();
    expect(section)
      .to.include('Azioni aperte oltre la scadenza')
      .and.match(
        /Decisa dopo Wave 3 \(fiducia, familiari caregiver, \d,\d\d\)\. Wave 5: \d,\d\d, in aumento di \d,\d\d \(IC 95% da/,
      );
    await italian.close();
  });
});
