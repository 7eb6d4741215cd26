import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from '../../server/demo/seed-demo.js';
import { SQLITE_FILE } from '../../server/store/open-store.js';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
/** tsx by file address, so the demo can also start from a directory of its own. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Runs `npm run demo`'s entry point until it has printed the dashboard's address. */
function startDemo(
  env: Record<string, string | undefined>,
  cwd = root,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', TSX, join(root, 'server', 'demo', 'main.ts')], {
    cwd,
    env: { ...process.env, ...env },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Dashboard: \S+/.test(output)) resolve({ child, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`demo exited with ${code}: ${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('npm run demo', function () {
  this.timeout(40000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-demo-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds its data directory once, prints a sign-in per role, and serves; a restart keeps the data', async function () {
    const port = await freePort();
    const env = { DATA_DIR: join(dir, 'demo'), PORT: String(port) };
    const first = await startDemo(env);
    try {
      expect(first.output())
        .to.include('seeded')
        .and.include(`http://localhost:${port}/login`)
        .and.include(DEMO_PASSWORD);
      expect(existsSync(join(dir, 'demo', SQLITE_FILE))).to.equal(true);
      for (const { role, email } of DEMO_SIGN_INS)
        expect(first.output()).to.match(new RegExp(`${role}\\s+${email.replace(/\./g, '\\.')}`));
      expect((await fetch(`http://localhost:${port}/healthz`)).status).to.equal(200);
    } finally {
      await stop(first.child);
    }
    const second = await startDemo(env);
    try {
      expect(second.output()).to.include('already in').and.not.include('seeded in');
      expect((await fetch(`http://localhost:${port}/login`)).status).to.equal(200);
    } finally {
      await stop(second.child);
    }
  });

  it('keeps its data in ./data-demo by default, never in a configured MongoDB nor mailing anyone, and prints the port it picked', async function () {
    const cwd = join(dir, 'elsewhere');
    mkdirSync(cwd);
    // spawn leaves out a variable that is undefined: no DATA_DIR at all.
    const demo = await startDemo(
      {
        DATA_DIR: undefined,
        PORT: '0',
        SURVEYS_DIR: join(root, 'surveys'),
        MONGODB_URI: 'mongodb://127.0.0.1:1/never-used',
        SMTP_URL: 'smtp://127.0.0.1:1',
      },
      cwd,
    );
    try {
      const where = /Sign in at (http:\/\/localhost:(\d+))\/login/.exec(demo.output());
      expect(where?.[2], demo.output()).to.not.equal(undefined).and.not.equal('0');
      expect(demo.output()).to.include('MONGODB_URI is ignored').and.include('SMTP_URL is ignored');
      expect(existsSync(join(cwd, 'data-demo', SQLITE_FILE))).to.equal(true);
      expect((await fetch(`${where![1]}/healthz`)).status).to.equal(200);
    } finally {
      await stop(demo.child);
    }
  });
});
