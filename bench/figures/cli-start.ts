import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../server/package-root.js';
import { figure, medianMs, progress, type StandaloneRunner } from '../figure.js';

const run = promisify(execFile);
const RUNS = 5;

/**
 * `coassess surveys validate` through the installed bin, as an operator types it: a process of
 * its own that loads the compiled CLI, opens an existing SQLite store, checks every
 * questionnaire against the versions in use, and exits.
 */
export const cliStartFigures: StandaloneRunner = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'coassess-bench-cli-'));
  try {
    const coassess = (...args: string[]) =>
      run(process.execPath, [join(PACKAGE_ROOT, 'bin', 'coassess.js'), ...args], {
        cwd: PACKAGE_ROOT,
        env: { ...process.env, DATA_DIR: dataDir },
      });
    // A store with a questionnaire in use, so validate has one to open and check against.
    await coassess('project', 'create', '--slug', 'cli', '--name', 'CLI', '--instrument', 'coassess-core');
    progress(`cli start: ${RUNS + 1} runs of coassess surveys validate…`);
    return [figure('cli start', await medianMs(RUNS, () => coassess('surveys', 'validate')), 'ms', 400)];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};
