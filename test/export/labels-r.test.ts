import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { seededProject, testServices } from '../helpers/test-services.js';

/** Rscript on the PATH, or null. */
function rscript(): string | null {
  const found = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  return found.error ? null : 'Rscript';
}

async function collect(write: (out: Writable) => Promise<void>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await write(
    new Writable({
      write(chunk, _e, cb) {
        chunks.push(Buffer.from(chunk));
        cb();
      },
    }),
  );
  return Buffer.concat(chunks);
}

/** Runs labels.R in R on items-wide.csv as the web serves them (with the byte-order mark) and reads back what R made of it. */
describe('labels.R in R', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let dir: string;

  before(function () {
    if (!rscript()) {
      console.log('    (skipped: Rscript is not installed; apt-get install r-base-core to run labels.R)');
      this.skip();
    }
  });

  beforeEach(async () => {
    ({ services, store } = testServices());
    const { project } = await seededProject(services);
    await services.responseImports.importCsv(
      project,
      [
        'participant,wave,submitted_at,trust_1,trust_3,open_1',
        'CG-001,Wave 2,2026-03-08,4,NA,"Più ascolto,\nmeno carte"',
        'PR-001,Wave 1,2026-03-05 14:30,2,,=SUM(A1)',
        'CG-002,Wave 1,,,5,',
      ].join('\n'),
      'cli',
    );
    dir = mkdtempSync(join(tmpdir(), 'coassess-labels-r-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    return store.close();
  });

  async function run(language: string): Promise<Record<string, unknown>> {
    const project = await services.projects.bySlug('p4c');
    writeFileSync(
      join(dir, 'p4c-items-wide.csv'),
      await collect((out) => services.exports.write('items-wide', project, out, 'test', { bom: true })),
    );
    writeFileSync(
      join(dir, 'labels.R'),
      await collect((out) => services.exports.writeSyntax('labels.R', project, out, 'test', language)),
    );
    // What R made of the file, as JSON built by hand: base R has no JSON writer.
    const probe = `
source("labels.R")
d <- items_wide
s <- function(x) paste0('"', gsub('"', '\\\\\\\\"', gsub("\\n", "\\\\\\\\n", x)), '"')
arr <- function(x) paste0("[", paste(ifelse(is.na(x), "null", s(as.character(x))), collapse = ","), "]")
cat("{",
  '"rows":', nrow(d), ",",
  '"participant":', arr(d$participant), ",",
  '"group":', arr(d$group), ",",
  '"groupClass":', s(class(d$group)[1]), ",",
  '"wave":', arr(d$wave), ",",
  '"waveIndex":', arr(d$wave_index), ",",
  '"source":', arr(d$source), ",",
  '"submitted":', arr(format(d$submitted_at, "%Y-%m-%d %H:%M", tz = "UTC")), ",",
  '"trust1":', arr(d$trust_1), ",",
  '"trust1Codes":', arr(as.integer(d$trust_1)), ",",
  '"trust1Ordered":', tolower(is.ordered(d$trust_1)), ",",
  '"trust1Levels":', arr(levels(d$trust_1)), ",",
  '"trust3":', arr(d$trust_3), ",",
  '"trust1Label":', s(attr(d$trust_1, "label")), ",",
  '"groupLabel":', s(attr(d$group, "label")), ",",
  '"open1":', arr(d$open_1),
"}")
`;
    writeFileSync(join(dir, 'probe.R'), probe);
    const out = execFileSync('Rscript', ['--vanilla', 'probe.R'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    });
    return JSON.parse(out) as Record<string, unknown>;
  }

  it('loads items-wide.csv with factors, English labels, NA and empty both missing, and the label attributes', async function () {
    const r = await run('en');
    expect(r.rows).to.equal(3);
    expect(r.participant).to.deep.equal(['CG-002', 'PR-001', 'CG-001']);
    expect(r.groupClass).to.equal('factor');
    expect(r.group).to.deep.equal(['Family caregivers', 'Service providers', 'Family caregivers']);
    expect(r.wave).to.deep.equal(['Wave 1', 'Wave 1', 'Wave 2']);
    expect(r.waveIndex).to.deep.equal(['1', '1', '2']);
    expect(r.source).to.deep.equal(['Imported', 'Imported', 'Imported']);
    expect(r.submitted).to.deep.equal(['2026-03-10 09:00', '2026-03-05 14:30', '2026-03-08 00:00']);
    expect(r.trust1Ordered).to.equal(true);
    expect(r.trust1Levels).to.deep.equal([
      'Strongly disagree',
      'Disagree',
      'Neither agree nor disagree',
      'Agree',
      'Strongly agree',
    ]);
    expect(r.trust1).to.deep.equal([null, 'Disagree', 'Agree']);
    expect(r.trust1Codes).to.deep.equal([null, '2', '4']);
    // "Does not apply" (NA) and not answered (empty) are both missing in R.
    expect(r.trust3).to.deep.equal(['Strongly agree', null, null]);
    expect(r.trust1Label).to.equal('I trust the people running the project.');
    expect(r.open1).to.deep.equal([null, "'=SUM(A1)", 'Più ascolto,\nmeno carte']);
  });

  it('writes the Italian labels with their accents intact', async function () {
    const r = await run('it');
    expect(r.group).to.deep.equal(['Familiari caregiver', 'Operatori dei servizi', 'Familiari caregiver']);
    expect(r.trust1Levels).to.include("Né d'accordo né in disaccordo");
    expect(r.source).to.deep.equal(['Importata', 'Importata', 'Importata']);
    expect(r.groupLabel).to.equal('Gruppo');
    expect(r.trust1Label).to.equal('Mi fido di chi gestisce il progetto.');
  });
});
