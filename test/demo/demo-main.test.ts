import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from '../../server/demo/seed-demo.js';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Runs `npm run demo`'s entry point until the server says it is running. */
function startDemo(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/demo/main.ts'], { cwd: root, env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/running at \S+/.test(output)) resolve({ child, output: () => output });
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
  before(() => { dir = mkdtempSync(join(tmpdir(), 'coassess-demo-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds its data directory once, prints a sign-in per role, and serves; a restart keeps the data', async function () {
    const port = await freePort();
    const env = { DATA_DIR: join(dir, 'demo'), PORT: String(port) };
    const first = await startDemo(env);
    try {
      expect(first.output()).to.include('seeded').and.include(`http://localhost:${port}/login`).and.include(DEMO_PASSWORD);
      for (const { role, email } of DEMO_SIGN_INS) expect(first.output()).to.match(new RegExp(`${role}\\s+${email.replace(/\./g, '\\.')}`));
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
});
