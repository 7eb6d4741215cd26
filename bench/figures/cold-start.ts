import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../server/package-root.js';
import { figure, progress, type StandaloneRunner } from '../figure.js';

const RUNS = 5;

/** Spawns the compiled server as `npm start` does on a fresh DATA_DIR; ms until /healthz first answers 200. */
async function coldStartMs(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'coassess-bench-cold-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /running at (\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${output}`)));
    });
    for (;;) {
      const response = await fetch(`${url}/healthz`).catch(() => null);
      if (response?.status === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The median of several starts, after one that brings the files into the system's cache as any first start would. */
export const coldStartFigures: StandaloneRunner = async () => {
  progress(`cold start: ${RUNS + 1} server starts…`);
  await coldStartMs();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) times.push(await coldStartMs());
  times.sort((a, b) => a - b);
  return [figure('cold start', times[Math.floor(RUNS / 2)]!, 'ms', 1500)];
};
