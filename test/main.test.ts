import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { built, NO_TYPESCRIPT } from './helpers/compiled.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');

/**
 * Starts the real server on a free port and resolves with its URL once it prints it: from the
 * sources unless another command is given.
 */
function start(
  env: Record<string, string>,
  command = [process.execPath, '--import', 'tsx', 'server/main.ts'],
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  // Detached, so the server and whatever started it (npm) form a group that can be stopped together.
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    env: { ...process.env, PORT: '0', ...env },
    detached: true,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

describe('server process', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-main-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with no configuration beyond DATA_DIR, answers /healthz, and stops cleanly on SIGTERM', async function () {
    const { child, url, output } = await start({ DATA_DIR: join(dir, 'data') });
    const res = await fetch(`${url}/healthz`);
    expect(res.status).to.equal(200);
    // Healthy, and nothing of the store's internals (ADR 0068).
    expect(await res.json()).to.deep.equal({ status: 'ok' });
    expect(output()).to.include('store: sqlite');
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
    expect(output()).to.include('CoAssess stopped.');
  });

  it('prints a one-time link to create the first administrator while there is no staff account', async function () {
    const { child, url, output } = await start({ DATA_DIR: join(dir, 'data') });
    const deadline = Date.now() + 10_000;
    while (!/\/setup\/\S+/.test(output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const link = /(http\S+\/setup\/\S+)/.exec(output())?.[1] ?? '';
    expect(link.startsWith(`${url}/setup/`)).to.equal(true);
    expect((await fetch(link)).status).to.equal(200);
    expect((await fetch(`${url}/setup/guessed`)).status).to.equal(404);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  it('says at start when personal links would open only on this computer, and not once BASE_URL is public', async function () {
    const stop = async (child: ChildProcess) => {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    };
    const local = await start({ DATA_DIR: join(dir, 'data'), BASE_URL: '' });
    await stop(local.child);
    expect(local.output()).to.match(
      new RegExp(
        `Warning: personal links, QR codes and emails point to ${local.url}, which opens only on this computer`,
      ),
    );
    const public_ = await start({ DATA_DIR: join(dir, 'data'), BASE_URL: 'https://coassess.example.org' });
    await stop(public_.child);
    expect(public_.output()).to.include('running at https://coassess.example.org').and.not.include('Warning:');
  });

  it('serves with every performance device off (ADR 0013)', async function () {
    const { child, url } = await start({
      DATA_DIR: join(dir, 'data'),
      DEVICE_SERVER: 'off',
      DEVICE_VIEW_RENDERER: 'off',
      DEVICE_READ_CACHE: 'off',
      DEVICE_CSRF_CACHE: 'off',
    });
    try {
      expect((await fetch(`${url}/healthz`)).status).to.equal(200);
      expect(await (await fetch(`${url}/s`)).text()).to.include('<form');
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).to.equal(0);
    }
  });

  it('refuses a bad configuration with a clear message', async function () {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: 'eighty', BASE_URL: 'nope', DEVICE_SERVER: 'maybe', DATA_DIR: join(dir, 'data') },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).to.equal(1);
    expect(stderr)
      .to.include('PORT')
      .and.include('BASE_URL')
      .and.include('DEVICE_SERVER must be on or off')
      .and.not.include('    at ');
  });
});

describe('npm start', function () {
  this.timeout(120_000);
  let dir: string;
  before(built);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the compiled server, loading no TypeScript, and finds its views and static files', async function () {
    const { child, url, output } = await start({ ...NO_TYPESCRIPT, DATA_DIR: join(dir, 'data') }, ['npm', 'start']);
    try {
      expect(output()).to.include('node dist/server/main.js');
      expect(await (await fetch(`${url}/`)).text()).to.include('CoAssess');
      expect((await fetch(`${url}/static/css/site.css`)).status).to.equal(200);
      expect(await (await fetch(`${url}/s`)).text()).to.include('<form');
    } finally {
      // npm does not pass SIGTERM on to the server, so the whole group gets it, as from a terminal.
      const closed = new Promise((resolve) => child.on('close', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await closed;
    }
    expect(output()).to.include('CoAssess stopped.');
  });
});
