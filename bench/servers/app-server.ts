import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import express from 'express';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createHttpServer } from '../../server/http/http-server.js';
import { PACKAGE_ROOT } from '../../server/package-root.js';
import { InstrumentRegistry } from '../../server/services/instrument-registry.js';
import { createServices } from '../../server/services/services.js';
import { SQLITE_FILE } from '../../server/store/open-store.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { benchInstrument } from '../seed.js';
import type { ServerReady, ServerRequest, ServerReply } from '../bench-server.js';

/**
 * The server side of the HTTP figures, in its own process so the load generator never shares
 * its event loop. It serves the real app (createApp on the SQLite store in DATA_DIR, with the
 * store's real durability settings) and, on a second port, a plain Express route that sends a
 * fixed page: the baseline the questionnaire page is held against.
 */
const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');
const participants = Number(process.env.BENCH_PARTICIPANTS);
const waves = Number(process.env.BENCH_WAVES);

// The devices as `npm start` reads them from DEVICE_*: the bench starts a server for each setting it measures.
const { devices } = loadConfig();
const store = SqliteStore.open(join(dataDir, SQLITE_FILE), { readCache: devices.readCache });
const instruments = InstrumentRegistry.fromDirectory(join(PACKAGE_ROOT, 'surveys'));
instruments.add(benchInstrument(), 'bench-30.json');
const services = createServices({ store, instruments, baseUrl: 'http://127.0.0.1', now: () => new Date() });

// The page project has a wave open today, on the shipped questionnaire.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const pageProject = await services.projects.create(
  { slug: 'page', name: 'Page', instrument: 'coassess-core' },
  'bench',
);
await services.waves.add({ project: pageProject, label: 'Now', opensOn: day(-1), closesOn: day(20) }, 'bench');
const [visitor] = await services.participants.importCsv(
  pageProject,
  'code,group,language,mode\nV-0001,caregiver,en,web\n',
  'bench',
);

// The submissions project: 30 items, and enough (participant, wave) pairs for every submission to be new.
const subs = await services.projects.create({ slug: 'subs', name: 'Submissions', instrument: 'bench-30' }, 'bench');
const waveIds: string[] = [];
// The last wave is open today, as a wave must be to take paper forms; any before it are closed.
for (let w = 0; w < waves; w += 1) {
  const start = (waves - 1 - w) * 30;
  waveIds.push(
    (
      await services.waves.add(
        {
          project: subs,
          label: `Wave ${w + 1}`,
          opensOn: day(-start - 1),
          closesOn: day(start === 0 ? 20 : -start + 20),
        },
        'bench',
      )
    ).id,
  );
}
const codes = Array.from({ length: participants }, (_, i) => `S-${String(i + 1).padStart(5, '0')}`);
await services.participants.importCsv(
  subs,
  `code,group,language,mode\n${codes.map((c) => `${c},caregiver,en,paper`).join('\n')}\n`,
  'bench',
);
const password = randomBytes(12).toString('base64url');
const lead = await services.users.add(
  { email: 'lead@bench.test', name: 'Bench lead', role: 'lead', project: 'subs', password },
  'bench',
);

const app = createApp({
  services,
  config: { baseUrl: 'http://127.0.0.1', sessionSecret: randomBytes(32).toString('hex'), trustProxy: false, devices },
  log: () => {},
});
let staticPage = '';
/** A plain Express app with one route that sends the page it was given. */
const staticRoute = () => {
  const plain = express();
  plain.get('/page', (_req, res) => {
    res.type('html').send(staticPage);
  });
  return plain;
};

/**
 * What saving a keyed-in form costs with nothing of CoAssess around it: parse the form, then one
 * transaction writing the response and its audit entry, with the pragmas SqliteStore.open sets.
 */
const bareSubmitRoute = () => {
  const db = new Database(join(dataDir, 'bare-submit.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE responses (id TEXT PRIMARY KEY, participant TEXT NOT NULL, wave TEXT NOT NULL,
      answers_json TEXT NOT NULL, status TEXT NOT NULL, submitted_at TEXT NOT NULL, UNIQUE (participant, wave));
    CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL)`);
  const insertResponse = db.prepare('INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?)');
  const insertAudit = db.prepare('INSERT INTO audit_events (at, action, target) VALUES (?, ?, ?)');
  const save = db.transaction((participant: string, wave: string, answers: string, at: string) => {
    insertResponse.run(randomBytes(16).toString('hex'), participant, wave, answers, 'submitted', at);
    insertAudit.run(at, 'paper.entry', participant);
  });
  const bare = express();
  bare.post('/submit', express.urlencoded({ extended: false }), (req, res) => {
    const answers: Record<string, number> = {};
    for (const [name, value] of Object.entries(req.body as Record<string, string>)) {
      if (/^dim\d+_\d+$/.test(name)) answers[name] = Number(value);
    }
    save(String(req.query.participant), String(req.query.wave), JSON.stringify(answers), new Date().toISOString());
    res.redirect(303, '/done');
  });
  return bare;
};

const listen = (server: Server) =>
  new Promise<string>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
// The app is served as server/main.ts serves it. The baseline is a plain Express route served
// the way app.listen() serves it, on a stock node:http server; the same route is served a
// second time as the app is, so the page can also be compared like for like.
const ready: ServerReady = {
  appUrl: await listen(devices.server ? createHttpServer(app) : createServer(app)),
  staticUrl: await listen(createServer(staticRoute())),
  staticOnAppServerUrl: await listen(createHttpServer(staticRoute())),
  bareSubmitUrl: await listen(createServer(bareSubmitRoute())),
  pageToken: visitor!.token,
  waveIds,
  codes,
  lead: { email: lead.email, password },
};

/**
 * The server's event loop, timed every millisecond while a figure asks: a delay is the time
 * between two ticks of a 1 ms timer, so a loop held for 50 ms shows about 51 ms.
 */
const loopDelay = monitorEventLoopDelay({ resolution: 1 });

async function answer(request: ServerRequest): Promise<ServerReply> {
  if (request.kind === 'static-page') {
    staticPage = request.html;
    return { kind: 'ok' };
  }
  if (request.kind === 'loop-delay-start') {
    loopDelay.reset();
    loopDelay.enable();
    return { kind: 'ok' };
  }
  if (request.kind === 'loop-delay-stop') {
    loopDelay.disable();
    return { kind: 'loop-delay', maxMs: loopDelay.max / 1e6, samples: loopDelay.count };
  }
  const project = await store.projects.getBySlug('subs');
  let submitted = 0;
  const pairs = new Set<string>();
  for await (const response of store.responses.iterate(project!.id, { status: 'submitted' })) {
    submitted += 1;
    pairs.add(`${response.participantId}/${response.waveId}`);
  }
  return { kind: 'submitted', submitted, distinct: pairs.size };
}

process.on('message', (request: ServerRequest) => {
  void answer(request).then((reply) => process.send!(reply));
});
process.send!(ready);
process.on('SIGTERM', () => {
  void store.close().then(() => process.exit(0));
});
