import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { expect } from 'chai';
import fc from 'fast-check';
import { runCli } from '../../server/cli/run-cli.js';
import { isDomainError } from '../../server/domain/errors.js';
import type { Project } from '../../server/domain/records.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { storeSnapshot } from '../helpers/store-snapshot.js';
import { SURVEYS_DIR, seededProject, testServices } from '../helpers/test-services.js';
import { csvText, PARTICIPANT_COLUMNS, RESPONSE_COLUMNS } from './csv-arbitraries.js';
import { RUNS } from './hostile.js';

/** A rejected import names the lines at fault; anything else is a failure of this test. */
function expectLineProblems(error: unknown): void {
  if (!isDomainError(error) || !['IMPORT_REJECTED', 'VALIDATION'].includes(error.code)) throw error;
  expect(error.problems).to.have.length.greaterThan(0);
  for (const problem of error.problems) expect(problem.where).to.match(/^line \d+$/);
}

describe('hostile CSV imports', function () {
  this.timeout(60_000);

  describe('through the services', function () {
    let services: Services;
    let store: SqliteStore;
    let project: Project;
    before(async () => {
      ({ services, store } = testServices());
      ({ project } = await seededProject(services));
    });
    after(() => store.close());

    it('participants: a clean import of every line, or a rejection with line problems and nothing written', async function () {
      await fc.assert(
        fc.asyncProperty(csvText(PARTICIPANT_COLUMNS), async (text) => {
          const before = await storeSnapshot(store);
          const count = (await store.participants.list(project.id)).length;
          try {
            const created = await services.participants.importCsv(project, text, 'test');
            expect((await store.participants.list(project.id)).length).to.equal(count + created.length);
          } catch (error) {
            expectLineProblems(error);
            expect(await storeSnapshot(store)).to.equal(before);
          }
        }),
        { ...RUNS, numRuns: 200 },
      );
    });

    it('responses: a clean import of every line, or a rejection with line problems and nothing written', async function () {
      await fc.assert(
        fc.asyncProperty(csvText(RESPONSE_COLUMNS), async (text) => {
          const before = await storeSnapshot(store);
          try {
            await services.responseImports.importCsv(project, text, 'test');
          } catch (error) {
            expectLineProblems(error);
            expect(await storeSnapshot(store)).to.equal(before);
          }
        }),
        { ...RUNS, numRuns: 200 },
      );
    });
  });

  describe('through the CLI', function () {
    let dir: string;
    let env: Record<string, string>;

    async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
      let stdout = '';
      let stderr = '';
      const sink = (append: (s: string) => void) =>
        new Writable({
          write(chunk, _e, cb) {
            append(chunk.toString());
            cb();
          },
        });
      const code = await runCli(argv, {
        stdin: Readable.from(['']),
        stdout: sink((s) => (stdout += s)),
        stderr: sink((s) => (stderr += s)),
        env,
        cwd: dir,
      });
      return { code, stdout, stderr };
    }

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'coassess-cli-property-'));
      env = { DATA_DIR: join(dir, 'data'), SURVEYS_DIR, BASE_URL: 'https://coassess.example.org' };
      expect(
        (await cli(['project', 'create', '--slug', 'p4c', '--name', 'P', '--instrument', 'coassess-core'])).code,
      ).to.equal(0);
      expect(
        (
          await cli([
            'wave',
            'add',
            '--project',
            'p4c',
            '--label',
            'Wave 1',
            '--opens',
            '2026-03-01',
            '--closes',
            '2026-03-21',
          ])
        ).code,
      ).to.equal(0);
      writeFileSync(join(dir, 'people.csv'), 'code,group\nCG-001,caregiver\nPR-001,provider\n');
      expect((await cli(['participants', 'import', '--project', 'p4c', '--file', 'people.csv'])).code).to.equal(0);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const rows = async (argv: string[]) => (await cli(argv)).stdout.split('\r\n').filter(Boolean).length;

    for (const [what, columns, listing] of [
      ['participants', PARTICIPANT_COLUMNS, ['participants', 'list', '--project', 'p4c']],
      ['responses', RESPONSE_COLUMNS, ['export', 'responses', '--project', 'p4c']],
    ] as const) {
      it(`${what} import: exit 0, or exit 1 with "line N" messages and nothing written; never a stack trace`, async function () {
        await fc.assert(
          fc.asyncProperty(csvText([...columns]), async (text) => {
            writeFileSync(join(dir, 'in.csv'), text);
            const before = await rows([...listing]);
            const result = await cli([what, 'import', '--project', 'p4c', '--file', 'in.csv']);
            expect(result.stderr).to.not.match(/\n\s+at .+:\d+:\d+/);
            expect(result.code, result.stderr).to.be.oneOf([0, 1]);
            if (result.code === 1) {
              expect(result.stderr).to.match(/^line \d+: /m);
              expect(await rows([...listing])).to.equal(before);
            }
          }),
          { ...RUNS, numRuns: 30 },
        );
      });
    }
  });
});
