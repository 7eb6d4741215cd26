import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { InstrumentRegistry } from '../server/services/instrument-registry.js';
import { createServices } from '../server/services/services.js';
import { SQLITE_FILE } from '../server/store/open-store.js';
import type { Participant } from '../server/domain/records.js';
import { SqliteStore } from '../server/store/sqlite/sqlite-store.js';
import { csrfFrom } from './helpers/forms.js';
import { SURVEYS_DIR } from './helpers/test-services.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const PARTICIPANTS = 500;
/** SIGKILL once this many submissions have been confirmed: the rest are still in flight. */
const KILL_AFTER = 150;
/** Submissions in flight at once. */
const LANES = 50;
const TRUST_SECTION = { trust_1: '4', trust_2: '5', trust_3: '2', trust_4: 'NA', trust_5: '3' };
const TRUST_SAVED = { trust_1: 4, trust_2: 5, trust_3: 2, trust_4: 'NA', trust_5: 3 };

/** Starts the real server process, as `npm start` does, and resolves once it prints its URL. */
function startServer(
  dataDir: string,
): Promise<{ child: ChildProcess; url: string; exited: Promise<NodeJS.Signals | number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /CoAssess is running at (\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, exited });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((how) => reject(new Error(`server exited (${String(how)}) before it was ready: ${output}`)));
  });
}

/** One participant's browser: its cookies and the CSRF token of the form it last loaded. */
class Browser {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly participant: Participant) {}

  async fetch(url: string, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      this.cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return response;
  }

  /** Presses "Send my answers" on the check page; the answer says whether it was the first time. */
  async submit(url: string): Promise<'sent' | 'already sent'> {
    const response = await this.fetch(`${url}/s/${this.participant.token}/submit`, { _csrf: this.csrf });
    const location = response.headers.get('location');
    if (location === `/s/${this.participant.token}/done`) return 'sent';
    if (location === `/s/${this.participant.token}/done?again=1`) return 'already sent';
    throw new Error(`submit answered ${response.status} ${location}`);
  }
}

/** Runs tasks with at most `limit` at once. */
async function inBatches<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(task));
}

describe('crash safety of the real server process', function () {
  this.timeout(90_000);
  let dir: string;
  let running: ChildProcess | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-crash-'));
  });
  afterEach(() => {
    running?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every confirmed submission exactly once through a SIGKILL mid-load, and loses none on retry', async function () {
    // Set up through the services on the server's own DATA_DIR, then close it for the server.
    const store = SqliteStore.open(join(dir, SQLITE_FILE));
    const services = createServices({
      store,
      instruments: InstrumentRegistry.fromDirectory(SURVEYS_DIR),
      baseUrl: 'http://localhost',
      now: () => new Date(),
    });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const project = await services.projects.create(
      { slug: 'crash', name: 'Crash', instrument: 'coassess-core' },
      'test',
    );
    const wave = await services.waves.add({ project, label: 'Wave 1', opensOn: day(-1), closesOn: day(20) }, 'test');
    const csv = Array.from(
      { length: PARTICIPANTS },
      (_, i) => `C-${String(i + 1).padStart(4, '0')},${i % 2 ? 'provider' : 'caregiver'},en,web`,
    ).join('\n');
    const participants = await services.participants.importCsv(project, `code,group,language,mode\n${csv}\n`, 'test');
    for (const participant of participants) {
      await services.questionnaires.consent(await services.questionnaires.visit(participant.token));
      const saved = await services.questionnaires.saveSection(
        await services.questionnaires.visit(participant.token),
        0,
        TRUST_SECTION,
      );
      expect(saved.ok).to.equal(true);
    }
    await store.close();

    let server = await startServer(dir);
    running = server.child;
    // Every browser opens "check your answers" first, as a participant would before sending.
    const browsers = participants.map((p) => new Browser(p));
    await inBatches(browsers, 50, async (browser) => {
      const check = await browser.fetch(`${server.url}/s/${browser.participant.token}/check`);
      expect(check.status).to.equal(200);
      browser.csrf = csrfFrom(await check.text());
    });

    // LANES people press send at a time, each lane taking the next person as one is answered;
    // the process is killed once KILL_AFTER are confirmed. So the kill always comes with
    // submissions in flight and others not yet sent, however fast the server is against this
    // process (with all 500 sent at once, a busy machine let the server answer them all first).
    const confirmed = new Set<string>();
    const lost: string[] = [];
    const queue = [...browsers];
    const lane = async () => {
      for (let browser = queue.shift(); browser; browser = queue.shift()) {
        try {
          expect(await browser.submit(server.url)).to.equal('sent');
          confirmed.add(browser.participant.id);
          if (confirmed.size === KILL_AFTER) server.child.kill('SIGKILL');
        } catch (error) {
          if (!(error instanceof TypeError)) throw error; // fetch fails with a TypeError when the connection drops
          lost.push(browser.participant.id);
        }
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    expect(await server.exited).to.equal('SIGKILL');
    // Proof that the kill came mid-load: some submissions were never answered.
    expect(confirmed.size).to.be.at.least(KILL_AFTER);
    expect(lost.length).to.be.greaterThan(0);
    expect(confirmed.size + lost.length).to.equal(PARTICIPANTS);

    // After the restart, every confirmed submission is still there, and pressing send again
    // (what a participant does after an error page) never makes a second one.
    server = await startServer(dir);
    running = server.child;
    const outcomes = new Map<string, string>();
    await inBatches(browsers, 50, async (browser) => {
      outcomes.set(browser.participant.id, await browser.submit(server.url));
    });
    for (const id of confirmed) expect(outcomes.get(id), `participant ${id}`).to.equal('already sent');
    const resent = [...outcomes].filter(([, outcome]) => outcome === 'sent').map(([id]) => id);
    expect(resent.every((id) => lost.includes(id))).to.equal(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).to.equal(0);
    running = null;

    // The file itself: intact, one submitted response per participant, with the answers they gave.
    const db = new Database(join(dir, SQLITE_FILE), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).to.equal('ok');
      const rows = db
        .prepare(
          'SELECT participant_id AS participant, status, answers_json AS answers FROM responses WHERE wave_id = ?',
        )
        .all(wave.id) as { participant: string; status: string; answers: string }[];
      expect(rows).to.have.length(PARTICIPANTS);
      expect(new Set(rows.map((r) => r.participant)).size).to.equal(PARTICIPANTS);
      for (const row of rows) {
        expect(row.status, row.participant).to.equal('submitted');
        expect(JSON.parse(row.answers), row.participant).to.deep.equal(TRUST_SAVED);
      }
      const submitted = new Set(rows.map((r) => r.participant));
      for (const id of confirmed) expect(submitted.has(id), `confirmed ${id}`).to.equal(true);
    } finally {
      db.close();
    }
  });
});
