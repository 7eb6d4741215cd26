import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ESLint } from 'eslint';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');

/**
 * The layer boundaries eslint.config.js draws, shown to hold: probe texts are linted as if they
 * were files at these paths (none of them exists), and the import rule must fail or pass each one.
 */
describe('layer boundaries (eslint.config.js)', function () {
  this.timeout(60_000);
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  /** The rules that report on `code` as the file at `path` (relative to the repository), each named once. */
  async function rulesBroken(path: string, code: string): Promise<(string | null)[]> {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
    return [...new Set(result!.messages.map((m) => m.ruleId))];
  }

  it('refuses the store in server/domain at any depth, type-only imports included', async function () {
    expect(
      await rulesBroken(
        'server/domain/statistics/probe.ts',
        "import { SqliteStore } from '../../store/sqlite/sqlite-store.js';\nexport const probe = SqliteStore;\n",
      ),
    ).to.deep.equal(['no-restricted-imports']);
    expect(
      await rulesBroken(
        'server/domain/probe.ts',
        "import type { Store } from '../store/store.js';\nexport type Probe = Store;\n",
      ),
    ).to.deep.equal(['no-restricted-imports']);
  });

  it('refuses the outer layers in server/domain at any depth', async function () {
    for (const layer of ['services/services.js', 'http/csrf.js', 'routes/staff/render.js', 'cli/run-cli.js']) {
      expect(
        await rulesBroken(
          'server/domain/analysis/probe.ts',
          `import * as probe from '../../${layer}';\nexport { probe };\n`,
        ),
        layer,
      ).to.deep.equal(['no-restricted-imports']);
    }
  });

  it('refuses the store in routes, type-only imports included', async function () {
    expect(
      await rulesBroken(
        'server/routes/staff/probe.ts',
        "import type { Store } from '../../store/store.js';\nexport type Probe = Store;\n",
      ),
    ).to.deep.equal(['no-restricted-imports']);
    expect(
      await rulesBroken(
        'server/routes/evaluator/probe.ts',
        "import { SqliteStore } from '../../store/sqlite/sqlite-store.js';\nexport const probe = SqliteStore;\n",
      ),
    ).to.deep.equal(['no-restricted-imports']);
  });

  it('refuses the store in server/http', async function () {
    expect(
      await rulesBroken(
        'server/http/probe.ts',
        "import { openStore } from '../store/open-store.js';\nexport const probe = openStore;\n",
      ),
    ).to.deep.equal(['no-restricted-imports']);
  });

  it('lets services use the store, and routes take entity types from the domain', async function () {
    expect(
      await rulesBroken(
        'server/services/probe.ts',
        "import type { Store } from '../store/store.js';\nexport type Probe = Store;\n",
      ),
    ).to.deep.equal([]);
    expect(
      await rulesBroken(
        'server/routes/staff/probe.ts',
        "import type { Project } from '../../domain/records.js';\nexport type Probe = Project;\n",
      ),
    ).to.deep.equal([]);
    expect(
      await rulesBroken(
        'server/http/probe.ts',
        "import type { Services } from '../services/services.js';\nexport type Probe = Services;\n",
      ),
    ).to.deep.equal([]);
  });
});
