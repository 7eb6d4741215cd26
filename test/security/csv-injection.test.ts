import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { runCli } from '../../server/cli/run-cli.js';
import { EXPORT_KINDS } from '../../server/services/export-service.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { signIn, staffUser } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { SURVEYS_DIR, testServices } from '../helpers/test-services.js';

const PAYLOADS = [
  "=cmd|' /C calc'!A0",
  '+1',
  '-1+1',
  '@SUM(1)',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://evil.example","x")',
];
const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/** Every text cell a spreadsheet would run as a formula must start with the `'` guard; numbers are numbers. */
function expectNeutralised(csv: string, where: string): string[][] {
  const rows = parse(csv, { relax_column_count: false }) as string[][];
  for (const row of rows) {
    for (const cell of row) {
      if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${where}: ${JSON.stringify(cell)}`).to.match(NUMBER);
    }
  }
  return rows;
}

describe('CSV formula injection in every export', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];

  before(async function () {
    ({ services, store } = testServices(() => new Date('2026-09-10T09:00:00Z')));
    ({ app } = testApp(services));
    const label = { en: '=1+1 carers', it: '@SUM(1) familiari' };
    const project = await services.projects.create(
      {
        slug: 'csv',
        name: PAYLOADS[0]!,
        instrument: 'coassess-core',
        groups: [
          { id: 'caregiver', label },
          { id: 'provider', label },
        ],
      },
      'test',
    );
    const waves = [];
    for (const [i, payload] of PAYLOADS.slice(0, 5).entries()) {
      const month = String(i * 2 + 1).padStart(2, '0');
      waves.push(
        await services.waves.add(
          { project, label: `${payload} w${i}`, opensOn: `2026-${month}-01`, closesOn: `2026-${month}-20` },
          'test',
        ),
      );
    }
    const people = await services.participants.importCsv(
      project,
      `code,group,mode\n${Array.from({ length: 8 }, (_, i) => `P-${i},${i < 6 ? 'caregiver' : 'provider'},paper`).join('\n')}\n`,
      'test',
    );
    for (const [w, wave] of waves.entries()) {
      for (const [i, p] of people.entries()) {
        await services.paper.enter(
          project,
          wave.id,
          p.code,
          {
            trust_1: String(1 + ((i + w) % 5)),
            trust_2: String(1 + (i % 5)),
            engagement_1: '3',
            open_1: PAYLOADS[(i + w) % PAYLOADS.length],
            open_2: `-${i}`,
            open_3: '+39 333 000',
          },
          'test',
        );
      }
    }
    // actions.csv: every text a lead types, formula-like.
    await services.actions.record(
      project,
      {
        wave: '1',
        group: 'caregiver',
        dimension: 'trust',
        what: PAYLOADS[0],
        owner: '+1',
        due: '2026-02-28',
        meeting_on: '2026-02-01',
        meeting: '@SUM(1)',
        status: 'done',
        status_note: PAYLOADS[4],
      },
      'test',
    );
  });
  after(() => store.close());

  it('prefixes formula-like text with a quote in responses, scores, trends, flags, wide and codebook', async function () {
    const lead = await signIn(app, await staffUser(services, 'lead', 'csv'));
    const seen = new Set<string>();
    for (const kind of EXPORT_KINDS) {
      const res = await lead
        .get(`/projects/csv/exports/${kind}.csv`)
        .buffer(true)
        .parse((r, cb) => {
          let text = '';
          r.on('data', (c: Buffer) => (text += c.toString('utf8')));
          r.on('end', () => cb(null, text));
        })
        .expect(200);
      const rows = expectNeutralised(res.body as string, kind);
      expect(rows.length, kind).to.be.greaterThan(1);
      for (const cell of rows.flat()) if (cell.startsWith("'")) seen.add(cell);
    }
    // The payloads did reach the exports, guarded (answers are stored trimmed, so "\t=1+1" arrives as "=1+1").
    for (const payload of PAYLOADS)
      expect(
        [...seen].some((c) => c.startsWith(`'${payload.trim()}`) || c.startsWith(`'${payload}`)),
        JSON.stringify(payload),
      ).to.equal(true);
  });

  it('writes no formula into any .xlsx, and prefixes formula-like text there as in the CSV', async function () {
    const lead = await signIn(app, await staffUser(services, 'lead', 'csv'));
    const seen = new Set<string>();
    for (const kind of EXPORT_KINDS) {
      const res = await lead
        .get(`/projects/csv/exports/${kind}.xlsx`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ArrayBuffer);
      let cells = 0;
      workbook.worksheets[0]!.eachRow((row) =>
        row.eachCell((cell) => {
          cells += 1;
          expect(cell.type, `${kind} ${cell.address}`).to.not.equal(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') {
            expect(cell.value, `${kind} ${cell.address}`).to.not.match(/^[=+\-@\t\r]/);
            if (cell.value.startsWith("'")) seen.add(cell.value);
          }
        }),
      );
      expect(cells, kind).to.be.greaterThan(1);
    }
    for (const payload of PAYLOADS)
      expect(
        [...seen].some((c) => c.startsWith(`'${payload.trim()}`) || c.startsWith(`'${payload}`)),
        JSON.stringify(payload),
      ).to.equal(true);
  });

  it('prefixes formula-like text in `coassess participants list` and `coassess export`', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'coassess-csv-injection-'));
    try {
      const env = { DATA_DIR: join(dir, 'data'), SURVEYS_DIR, BASE_URL: 'https://coassess.example.org' };
      const cli = async (argv: string[]) => {
        let stdout = '';
        const out = new Writable({
          write(chunk, _e, cb) {
            stdout += chunk.toString();
            cb();
          },
        });
        const code = await runCli(argv, {
          stdin: Readable.from(['']),
          stdout: out,
          stderr: new Writable({
            write(_c, _e, cb) {
              cb();
            },
          }),
          env,
          cwd: dir,
        });
        return { code, stdout };
      };
      expect(
        (await cli(['project', 'create', '--slug', 'csv', '--name', PAYLOADS[0]!, '--instrument', 'coassess-core']))
          .code,
      ).to.equal(0);
      expect(
        (
          await cli([
            'wave',
            'add',
            '--project',
            'csv',
            '--label',
            '@SUM(1)',
            '--opens',
            '2026-03-01',
            '--closes',
            '2026-03-21',
          ])
        ).code,
      ).to.equal(0);
      writeFileSync(join(dir, 'people.csv'), 'code,group,mode\nP-1,caregiver,web\nP-2,provider,paper\n');
      expect((await cli(['participants', 'import', '--project', 'csv', '--file', 'people.csv'])).code).to.equal(0);
      writeFileSync(
        join(dir, 'answers.csv'),
        `participant,wave,trust_1,open_1\nP-1,@SUM(1),3,"=cmd|' /C calc'!A0"\nP-2,@SUM(1),4,-1+1\n`,
      );
      expect((await cli(['responses', 'import', '--project', 'csv', '--file', 'answers.csv'])).code).to.equal(0);
      const list = await cli(['participants', 'list', '--project', 'csv']);
      expect(expectNeutralised(list.stdout, 'participants list')).to.have.length(3);
      const responses = await cli(['export', 'responses', '--project', 'csv']);
      const cells = expectNeutralised(responses.stdout, 'cli responses').flat();
      expect(cells).to.include("'=cmd|' /C calc'!A0").and.include("'@SUM(1)").and.include("'-1+1");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
