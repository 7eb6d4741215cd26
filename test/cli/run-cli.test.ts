import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { runCli } from '../../server/cli/run-cli.js';
import { todayIn } from '../../server/domain/local-time.js';
import type { Config } from '../../server/config.js';
import { openStore, SQLITE_FILE } from '../../server/store/open-store.js';
import type { Store } from '../../server/store/store.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { built } from '../helpers/compiled.js';
import { SURVEYS_DIR } from '../helpers/test-services.js';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe('coassess CLI', function () {
  let dir: string;
  let env: Record<string, string>;

  async function cli(args: string, stdin = '', open?: (config: Config) => Promise<Store>): Promise<Result> {
    let stdout = '';
    let stderr = '';
    const sink = (append: (s: string) => void) =>
      new Writable({
        write(chunk, _e, cb) {
          append(chunk.toString());
          cb();
        },
      });
    const argv = args.match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ''));
    const code = await runCli(
      argv,
      {
        stdin: Readable.from([stdin]),
        stdout: sink((s) => (stdout += s)),
        stderr: sink((s) => (stderr += s)),
        env,
        cwd: dir,
      },
      open,
    );
    return { code, stdout, stderr };
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coassess-cli-'));
    env = { DATA_DIR: join(dir, 'data'), SURVEYS_DIR, BASE_URL: 'https://coassess.example.org' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the whole sequence: project, waves, participants, responses, exports', async function () {
    expect(
      (
        await cli(
          'project create --slug p4c --name "Place4Carers" --instrument coassess-core --groups caregiver,provider',
        )
      ).code,
    ).to.equal(0);
    expect((await cli('wave add --project p4c --label W1 --opens 2026-03-01 --closes 2026-03-21')).code).to.equal(0);
    expect((await cli('wave add --project p4c --label W2 --opens 2026-06-01 --closes 2026-06-21')).code).to.equal(0);
    writeFileSync(
      join(dir, 'people.csv'),
      'code,group,language,mode,email\nCG-1,caregiver,it,paper,\nPR-1,provider,en,web,pr@example.org\n',
    );
    expect((await cli('participants import --project p4c --file people.csv')).stdout).to.include('imported 2');

    const list = await cli('participants list --project p4c');
    const rows = list.stdout.split('\r\n');
    expect(rows[0]).to.equal('code,group,language,mode,status,link');
    expect(rows[1]).to.match(/^CG-1,caregiver,it,paper,active,https:\/\/coassess\.example\.org\/s\/[A-Za-z0-9_-]{32}$/);
    expect(list.stdout).to.not.include('pr@example.org');

    writeFileSync(join(dir, 'answers.csv'), 'participant,wave,trust_1,trust_2,trust_3\nCG-1,W1,4,4,2\nPR-1,W2,1,,\n');
    expect((await cli('responses import --project p4c --file answers.csv')).code).to.equal(0);

    const responses = await cli('export responses --project p4c');
    expect(responses.stdout.split('\r\n')).to.have.length(6);
    expect(responses.stdout.endsWith('\r\n')).to.equal(true);
    expect((await cli('export scores --project p4c --out scores.csv')).code).to.equal(0);
    const scores = readFileSync(join(dir, 'scores.csv'), 'utf8').split('\r\n');
    expect(scores).to.include('CG-1,caregiver,W1,1,2026-03-01,trust,4,3');
    expect(scores).to.include('PR-1,provider,W2,2,2026-06-01,trust,,1');

    const trends = await cli('export trends --project p4c');
    expect(trends.code).to.equal(0);
    const trendLines = trends.stdout.replace(/\r\n$/, '').split('\r\n');
    expect(trendLines[0]).to.equal(
      'wave,wave_index,group,dimension,n,mean,sd,ci_low,ci_high,alpha,alpha_ci_low,alpha_ci_high,response_rate,status',
    );
    // 2 waves × (all + 2 groups) × 5 dimensions; CG-1's trust in W1 is (4 + 4 + (6 - 2)) / 3 = 4.
    expect(trendLines).to.have.length(1 + 2 * 3 * 5);
    expect(trendLines).to.include('W1,1,caregiver,trust,1,4,,,,,,,1,too-few');
    expect(trendLines).to.include('W2,2,provider,trust,0,,,,,,,,1,');
    for (const kind of ['flags', 'wide', 'codebook']) {
      expect((await cli(`export ${kind} --project p4c --out ${kind}.csv`)).code, kind).to.equal(0);
    }
    expect(readFileSync(join(dir, 'wide.csv'), 'utf8').split('\r\n')).to.include(
      'CG-1,caregiver,W1,1,2026-03-01,4,,,,',
    );

    // The analysis-ready exports, plain by default, with a byte-order mark when asked.
    const itemsWide = await cli('export items-wide --project p4c');
    expect(itemsWide.stdout.split('\r\n')[1]).to.match(/^CG-1,caregiver,W1,1,import,[\d-]+T[\d:.]+Z,4,4,2,/);
    expect((await cli('export open-answers --project p4c')).stdout).to.equal(
      'participant,group,wave,wave_index,language,item,question,answer\r\n',
    );
    expect((await cli('export participation --project p4c')).stdout.split('\r\n')).to.have.length(1 + 4 + 1);
    // coassess export actions: the header only, before any action is recorded.
    expect((await cli('export actions --project p4c')).stdout).to.equal(
      'wave,wave_index,group,dimension,action,owner,due,status,status_note,agreed_at,agreed_meeting,followed_up_wave,change_since,change_ci_low,change_ci_high,n_pairs\r\n',
    );
    expect((await cli('export participation --project p4c --out p.csv --bom')).code).to.equal(0);
    expect([...readFileSync(join(dir, 'p.csv')).subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect((await cli('export scores --project p4c --format xlsx --out scores.xlsx')).code).to.equal(0);
    expect(readFileSync(join(dir, 'scores.xlsx')).subarray(0, 2).toString()).to.equal('PK');
    const sps = await cli('export labels.sps --project p4c --lang it');
    expect(sps.stdout).to.include("VARIABLE LABELS\r\n  participant 'Codice partecipante'");
    expect((await cli('export labels.R --project p4c --out labels.R')).code).to.equal(0);
    expect(readFileSync(join(dir, 'labels.R'), 'utf8')).to.include('read.csv("p4c-items-wide.csv"');
  });

  it('rejects a bad import with numbered lines, exit 1, and writes nothing', async function () {
    await cli('project create --slug p4c --name P --instrument coassess-core');
    writeFileSync(join(dir, 'people.csv'), 'code,group\nCG-1,caregiver\nCG-2,alien\n');
    const result = await cli('participants import --project p4c --file people.csv');
    expect(result.code).to.equal(1);
    expect(result.stderr.split('\n')[0]).to.match(/^line 3: unknown group "alien"/);
    expect((await cli('participants list --project p4c')).stdout).to.equal('code,group,language,mode,status,link\r\n');
  });

  it('imports enrolment dates, today when a line has none, and refuses a bad one by its line with nothing written', async function () {
    await cli('project create --slug p4c --name P --instrument coassess-core');
    writeFileSync(
      join(dir, 'bad.csv'),
      'code,group,enrolled_on\nCG-1,caregiver,2026-01-15\nCG-2,caregiver,15/01/2026\n',
    );
    const bad = await cli('participants import --project p4c --file bad.csv');
    expect(bad.code).to.equal(1);
    expect(bad.stderr.split('\n')[0]).to.equal('line 3: the enrolment date "15/01/2026" is not a date as YYYY-MM-DD');
    expect((await cli('participants list --project p4c')).stdout).to.equal('code,group,language,mode,status,link\r\n');

    writeFileSync(join(dir, 'people.csv'), 'code,group,enrolled_on\nCG-1,caregiver,2026-01-15\nCG-2,caregiver,\n');
    const before = todayIn('UTC', new Date());
    expect((await cli('participants import --project p4c --file people.csv')).stdout).to.include('imported 2');
    const after = todayIn('UTC', new Date());
    const store = SqliteStore.open(join(dir, 'data', SQLITE_FILE));
    try {
      const project = await store.projects.getBySlug('p4c');
      const [dated, undated] = await store.participants.list(project!.id);
      expect(dated?.enrolledOn).to.equal('2026-01-15');
      expect([before, after]).to.include(undated?.enrolledOn);
    } finally {
      await store.close();
    }
  });

  it('adds a staff user with the password from stdin, never echoing it', async function () {
    await cli('project create --slug p4c --name P --instrument coassess-core');
    const added = await cli(
      'user add --email lead@example.org --name Lea --role lead --project p4c',
      'correct horse battery\n',
    );
    expect(added.code).to.equal(0);
    expect(added.stdout + added.stderr).to.not.include('correct horse');
    expect((await cli('user add --email x@example.org --name X --role lead', 'longenoughpassword\n')).code).to.equal(1);
    expect((await cli('user add --email a@example.org --name A --role admin', 'short\n')).stderr).to.include(
      'password',
    );
    const adminWithProject = await cli(
      'user add --email b@example.org --name B --role admin --project p4c',
      'longenoughpassword\n',
    );
    expect(adminWithProject.code).to.equal(1);
    expect(adminWithProject.stderr).to.include('must be left out for an admin');
  });

  it('exits non-zero with one line for every kind of error', async function () {
    const cases: [string, number][] = [
      ['project create --slug p4c', 2],
      ['wave add --project nope --label W --opens 2026-01-01 --closes 2026-01-02', 1],
      ['participants import --project nope --file missing.csv', 1],
      ['export sideways --project p4c', 2],
      ['export scores --project p4c --format ods', 2],
      ['export labels.R --project nope', 1],
      ['export trends --project nope', 1],
      ['frobnicate', 2],
      ['project create --bogus x', 2],
    ];
    for (const [args, code] of cases) {
      const result = await cli(args);
      expect(result.code, args).to.equal(code);
      expect(result.stderr.trim().split('\n'), args).to.have.length(1);
      expect(result.stderr).to.not.match(/\n\s+at /);
    }
  });

  describe('exits 0 if and only if the change was committed, with a store that fails at commit', function () {
    const diskFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    type Fault = 'rolled back' | 'committed, then an error' | 'undone, without saying so' | 'close fails';

    /** The real SQLite store under DATA_DIR, whose transactions (or close) fail as named. */
    const failing =
      (fault: Fault) =>
      async (config: Config): Promise<Store> => {
        const real = (await openStore(config)) as SqliteStore;
        const transaction = real.transaction.bind(real);
        const close = real.close.bind(real);
        if (fault === 'rolled back')
          // The COMMIT fails: SQLite rolls the transaction back.
          real.transaction = (fn) =>
            transaction(async (tx) => {
              await fn(tx);
              throw diskFull();
            });
        if (fault === 'committed, then an error')
          real.transaction = async (fn) => {
            await transaction(fn);
            throw diskFull();
          };
        if (fault === 'undone, without saying so')
          real.transaction = async (fn) => {
            await transaction(async (tx) => {
              await fn(tx);
              throw new Error('stop');
            }).catch(() => {});
            throw diskFull();
          };
        if (fault === 'close fails')
          real.close = async () => {
            await close();
            throw diskFull();
          };
        return real;
      };
    const people = 'code,group\nCG-1,caregiver\nCG-2,caregiver\nPR-1,provider\n';
    const listed = async () =>
      (await cli('participants list --project p4c')).stdout.split('\r\n').filter(Boolean).length - 1;

    beforeEach(async function () {
      expect((await cli('project create --slug p4c --name P --instrument coassess-core')).code).to.equal(0);
      writeFileSync(join(dir, 'people.csv'), people);
    });

    it('a commit that fails: exit 1, "nothing was saved", and the retry imports them all', async function () {
      const result = await cli('participants import --project p4c --file people.csv', '', failing('rolled back'));
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include('database or disk is full').and.include('nothing was saved');
      expect(await listed()).to.equal(0);
      const retry = await cli('participants import --project p4c --file people.csv');
      expect([retry.code, retry.stdout]).to.deep.equal([0, 'imported 3 participants\n']);
    });

    it('an error reported after the commit: exit 0, saying it was saved and must not be run again', async function () {
      const result = await cli(
        'participants import --project p4c --file people.csv',
        '',
        failing('committed, then an error'),
      );
      expect(result.code).to.equal(0);
      expect(result.stdout).to.include('committed (participants.import)').and.include('do not run it again');
      expect(result.stderr).to.include('warning: database or disk is full');
      expect(await listed()).to.equal(3);
    });

    it('a transaction undone without the store saying so: exit 1, found not committed', async function () {
      const result = await cli(
        'participants import --project p4c --file people.csv',
        '',
        failing('undone, without saying so'),
      );
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include('nothing was saved');
      expect(await listed()).to.equal(0);
    });

    it('closing the store fails after the commit: exit 0 with a warning', async function () {
      const result = await cli('participants import --project p4c --file people.csv', '', failing('close fails'));
      expect([result.code, result.stdout]).to.deep.equal([0, 'imported 3 participants\n']);
      expect(result.stderr).to.equal('coassess: warning: closing the store failed: database or disk is full\n');
      expect(await listed()).to.equal(3);
    });

    it('holds for every command that changes the store', async function () {
      writeFileSync(join(dir, 'answers.csv'), 'participant,wave,trust_1\nCG-1,W1,4\n');
      expect((await cli('participants import --project p4c --file people.csv')).code).to.equal(0);
      const commands: [string, string][] = [
        ['project create --slug p2 --name P2 --instrument coassess-core', ''],
        ['wave add --project p4c --label W1 --opens 2026-03-01 --closes 2026-03-21', ''],
        ['user add --email u@example.org --name U --role admin', 'longenoughpassword\n'],
      ];
      for (const [args, stdin] of commands) {
        expect((await cli(args, stdin, failing('rolled back'))).code, args).to.equal(1);
        expect((await cli(args, stdin, failing('committed, then an error'))).code, args).to.equal(0);
      }
      expect(
        (await cli('responses import --project p4c --file answers.csv', '', failing('rolled back'))).code,
      ).to.equal(1);
      expect(
        (await cli('responses import --project p4c --file answers.csv', '', failing('committed, then an error'))).code,
      ).to.equal(0);
    });
  });

  it('validates the surveys folder', async function () {
    const ok = await cli('surveys validate');
    expect(ok).to.include({ code: 0 });
    expect(ok.stdout).to.include('ok coassess-core@1');
    writeFileSync(join(dir, 'bad.json'), '{"id": "Bad"}');
    env.SURVEYS_DIR = dir;
    const bad = await cli('surveys validate');
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('surveys/bad.json: $.id:');
  });

  it('keeps the previous --out file when an export fails', async function () {
    writeFileSync(join(dir, 'scores.csv'), 'last good export\n');
    expect((await cli('export scores --project nope --out scores.csv')).code).to.equal(1);
    expect(readFileSync(join(dir, 'scores.csv'), 'utf8')).to.equal('last good export\n');
  });

  it('refuses, in surveys validate, a file that changed the items of a version already in use', async function () {
    await cli('project create --slug p4c --name P --instrument coassess-core');
    const changed = JSON.parse(readFileSync(join(SURVEYS_DIR, 'coassess-core.json'), 'utf8'));
    changed.sections[0].items[0].reverse = !changed.sections[0].items[0].reverse;
    writeFileSync(join(dir, 'coassess-core.json'), JSON.stringify(changed));
    env.SURVEYS_DIR = dir;
    const result = await cli('surveys validate');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('surveys/coassess-core.json').and.include('new version');
  });

  describe('through the installed bin, compiled', function () {
    this.timeout(120_000);
    before(built);

    it('stops quietly when the reader of its output goes away', async function () {
      this.timeout(30000);
      await cli('project create --slug p4c --name P --instrument coassess-core');
      // Far more than a pipe holds (64 KiB), so the writer really meets the closed pipe.
      writeFileSync(
        join(dir, 'many.csv'),
        `code,group\n${Array.from({ length: 3000 }, (_, i) => `CG-${i},caregiver`).join('\n')}\n`,
      );
      await cli('participants import --project p4c --file many.csv');
      const bin = join(SURVEYS_DIR, '..', 'bin', 'coassess.js');
      const { stdout, stderr } = await promisify(execFile)(
        'bash',
        [
          '-c',
          `"${process.execPath}" "${bin}" participants list --project p4c | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`,
        ],
        { env: { ...process.env, ...env }, cwd: dir },
      );
      expect(stdout.trim()).to.equal('code,group,language,mode,status,link');
      expect(stderr.trim()).to.equal('exit=0');
    });

    it('works as the installed bin, honouring DATA_DIR', async function () {
      this.timeout(30000);
      const bin = join(SURVEYS_DIR, '..', 'bin', 'coassess.js');
      const run = promisify(execFile);
      await run(
        process.execPath,
        [bin, 'project', 'create', '--slug', 'binp', '--name', 'Bin', '--instrument', 'coassess-core'],
        { env: { ...process.env, ...env }, cwd: dir },
      );
      const { stdout } = await run(process.execPath, [bin, 'participants', 'list', '--project', 'binp'], {
        env: { ...process.env, ...env },
        cwd: dir,
      });
      expect(stdout).to.equal('code,group,language,mode,status,link\r\n');
      const failed = await run(process.execPath, [bin, 'participants', 'list', '--project', 'nope'], {
        env: { ...process.env, ...env },
        cwd: dir,
      }).catch((e: { code: number; stderr: string }) => e);
      expect(failed).to.include({ code: 1 });
      expect((failed as { stderr: string }).stderr.trim()).to.equal('coassess: no project "nope"');
    });
  });
});
