import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { PACKAGE_ROOT } from '../../server/package-root.js';
import { SQLITE_FILE } from '../../server/store/open-store.js';
import { built, NO_TYPESCRIPT } from '../helpers/compiled.js';

const run = promisify(execFile);
const bin = join(PACKAGE_ROOT, 'bin', 'coassess.js');

describe('bin/coassess.js', function () {
  this.timeout(120_000);
  let dir: string;
  before(built);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-bin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is checked by a guard that stops any process loading TypeScript', async function () {
    const failed = await run(
      process.execPath,
      ['--import', 'tsx', join(PACKAGE_ROOT, 'server', 'cli', 'main.ts'), '--help'],
      { env: { ...process.env, ...NO_TYPESCRIPT } },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failed).to.have.property('code', 1);
    expect((failed as { stderr: string }).stderr).to.include('TypeScript at run time: tsx');
  });

  it('runs the compiled CLI, loading no TypeScript', async function () {
    const { stdout } = await run(process.execPath, [bin, '--help'], {
      env: { ...process.env, ...NO_TYPESCRIPT },
      cwd: dir,
    });
    expect(stdout).to.include('Usage: coassess').and.include('surveys validate');
  });

  it('validates the questionnaires end to end, against the versions an existing store uses', async function () {
    const env = { ...process.env, ...NO_TYPESCRIPT, DATA_DIR: join(dir, 'data') };
    await run(
      process.execPath,
      [bin, 'project', 'create', '--slug', 'p', '--name', 'P', '--instrument', 'coassess-core'],
      { env, cwd: PACKAGE_ROOT },
    );
    expect(existsSync(join(dir, 'data', SQLITE_FILE))).to.equal(true);
    const { stdout, stderr } = await run(process.execPath, [bin, 'surveys', 'validate'], { env, cwd: PACKAGE_ROOT });
    expect(stdout).to.match(/^ok coassess-core@\d+$/m);
    expect(stderr).to.equal('');
  });
});
