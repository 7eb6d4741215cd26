import { expect } from 'chai';
import { IMPORT_SLICE_ROWS } from '../../server/services/csv-import.js';
import type { InstrumentRegistry } from '../../server/services/instrument-registry.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { failCall, rejection } from '../helpers/store-faults.js';
import { expectDomainError, seededProject, testServices } from '../helpers/test-services.js';

describe('ResponseImportService', function () {
  let services: Services;
  let store: SqliteStore;
  let instruments: InstrumentRegistry;
  let seeded: Awaited<ReturnType<typeof seededProject>>;
  beforeEach(async () => {
    ({ services, store, instruments } = testServices());
    seeded = await seededProject(services);
  });
  afterEach(() => store.close());

  it('imports submitted responses with source=import; empty cells are unanswered', async function () {
    const count = await services.responseImports.importCsv(
      seeded.project,
      'participant,wave,trust_1,trust_2,trust_3,open_1\nCG-001,Wave 1,4,,NA,Molto bene\npr-001,Wave 2,2,3,1,\n',
      'cli',
    );
    expect(count).to.equal(2);
    const r = await store.responses.get(seeded.participants[0]!.id, seeded.wave1.id);
    expect(r).to.include({ status: 'submitted', source: 'import', group: 'caregiver', enteredBy: 'cli' });
    expect(r?.answers).to.deep.equal({ trust_1: 4, trust_3: 'NA', open_1: 'Molto bene' });
    expect(r?.submittedAt).to.be.a('string');
  });

  it('reads a file as Italian Excel saves it: BOM, semicolons, CRLF, decimal commas and semicolons inside quoted answers', async function () {
    // "CSV UTF-8 (delimitato da virgole)" in an Italian Excel: the list separator is ';'.
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        [
          'participant;wave;trust_1;trust_2;open_1;submitted_at',
          'CG-001;Wave 1;4;;circa 3,5 ore a settimana;2026-03-02',
          'PR-001;Wave 1;NA;2;"Sì; però i turni; a volte ""pesano""";',
          'CG-002;Wave 1;5;3;"prima riga',
          'seconda riga, con virgola";',
          '',
        ].join('\r\n'),
        'utf8',
      ),
    ]).toString('utf8');
    expect(await services.responseImports.importCsv(seeded.project, file, 'cli')).to.equal(3);
    const answers = async (index: number) =>
      (await store.responses.get(seeded.participants[index]!.id, seeded.wave1.id))?.answers;
    expect(await answers(0)).to.deep.equal({ trust_1: 4, open_1: 'circa 3,5 ore a settimana' });
    expect(await answers(2)).to.deep.equal({ trust_1: 'NA', trust_2: 2, open_1: 'Sì; però i turni; a volte "pesano"' });
    expect(await answers(1)).to.deep.equal({ trust_1: 5, trust_2: 3, open_1: 'prima riga\nseconda riga, con virgola' });
  });

  it('refuses a decimal comma in a scale item of a semicolon file, naming its line, and writes nothing', async function () {
    const refused = await expectDomainError(
      services.responseImports.importCsv(
        seeded.project,
        '\ufeffparticipant;wave;trust_1\r\nCG-001;Wave 1;3,5\r\n',
        'cli',
      ),
      'IMPORT_REJECTED',
    );
    expect(refused.problems.map((p) => p.where)).to.deep.equal(['line 2']);
    expect(await store.responses.get(seeded.participants[0]!.id, seeded.wave1.id)).to.equal(null);
  });

  it('refuses a file separated by anything else, saying which separators are accepted', async function () {
    const refused = await expectDomainError(
      services.responseImports.importCsv(seeded.project, 'participant|wave|trust_1\nCG-001|Wave 1|3\n', 'cli'),
      'IMPORT_REJECTED',
    );
    expect(refused.problems).to.have.length(1);
    expect(refused.problems[0]).to.deep.include({ where: 'line 1' });
    expect(refused.problems[0]!.message).to.include('a comma (,), a semicolon (;) or a tab');
  });

  it('dates each response by an optional submitted_at column, the date on the paper, else by the import', async function () {
    await services.responseImports.importCsv(
      seeded.project,
      [
        'participant,wave,trust_1,submitted_at',
        'PR-001,Wave 1,3,2026-03-10T08:59',
        'CG-002,Wave 1,4,',
        'CG-001,Wave 1,5,2026-03-02',
        'CG-001,Wave 2,2,2026-03-09 17:45:30+02:00',
      ].join('\n'),
      'cli',
    );
    const at = async (index: number, waveId: string) =>
      (await store.responses.get(seeded.participants[index]!.id, waveId))?.submittedAt;
    expect(await at(0, seeded.wave1.id)).to.equal('2026-03-02T00:00:00.000Z');
    expect(await at(0, seeded.wave2.id)).to.equal('2026-03-09T15:45:30.000Z');
    expect(await at(1, seeded.wave1.id)).to.equal('2026-03-10T09:00:00.000Z');
    // One minute before the import (the test clock's 09:00 UTC) is not after it.
    expect(await at(2, seeded.wave1.id)).to.equal('2026-03-10T08:59:00.000Z');
  });

  it('reads a submitted_at without zone where the project is', async function () {
    await services.projects.updateSettings(seeded.project, { timeZone: 'Europe/Rome' }, 'test');
    const project = await services.projects.bySlug(seeded.project.slug);
    await services.responseImports.importCsv(
      project,
      ['participant,wave,trust_1,submitted_at', 'CG-001,Wave 1,5,2026-03-02', 'CG-002,Wave 1,4,2026-03-09 17:45'].join(
        '\n',
      ),
      'cli',
    );
    const at = async (index: number) =>
      (await store.responses.get(seeded.participants[index]!.id, seeded.wave1.id))?.submittedAt;
    expect(await at(0)).to.equal('2026-03-01T23:00:00.000Z');
    expect(await at(1)).to.equal('2026-03-09T16:45:00.000Z');
  });

  it('refuses a submitted_at that is not a date, or later than the import, naming the line', async function () {
    const refused = await expectDomainError(
      services.responseImports.importCsv(
        seeded.project,
        [
          'participant,wave,submitted_at,trust_1',
          'CG-001,Wave 1,2026-02-30,4',
          'CG-002,Wave 1,10/03/2026,4',
          'PR-001,Wave 1,2026-03-10 09:01,4',
        ].join('\n'),
        'cli',
      ),
      'IMPORT_REJECTED',
    );
    expect(refused.problems.map((p) => p.where)).to.deep.equal(['line 2', 'line 3', 'line 4']);
    expect(refused.problems[2]!.message).to.include('after the import');
    expect(await store.responses.get(seeded.participants[0]!.id, seeded.wave1.id)).to.equal(null);
  });

  it('rejects the whole file, one numbered line per problem, writing nothing', async function () {
    await services.responseImports.importCsv(seeded.project, 'participant,wave,trust_1\nCG-002,Wave 2,3\n', 'cli');
    const csv = [
      'participant,wave,trust_1,trust_2',
      'CG-001,Wave 1,4,5', // fine on its own
      'XX-999,Wave 1,4,5', // line 3: unknown participant
      'CG-001,Wave 9,4,5', // line 4: unknown wave
      'PR-001,Wave 1,6,0', // line 5: two values outside the scale
      'CG-001,Wave 1,3,3', // line 6: same participant and wave as line 2
      'CG-002,Wave 2,1,1', // line 7: already has a response
      'PR-001,Wave 2,,', // line 8: no answers
    ].join('\n');
    const error = await expectDomainError(
      services.responseImports.importCsv(seeded.project, csv, 'cli'),
      'IMPORT_REJECTED',
    );
    expect(error.problems.map((p) => p.where)).to.deep.equal([
      'line 3',
      'line 4',
      'line 5',
      'line 5',
      'line 6',
      'line 7',
      'line 8',
    ]);
    // A cell its question cannot take names the rule in English here, and by key for a page.
    expect(error.problems[2]).to.deep.include({
      message: 'trust_1: "6" is outside the scale 1 to 5',
      text: { key: 'imports.answerOutOfScale', params: { item: 'trust_1', value: '6', min: '1', max: '5' } },
    });
    expect(error.problems[3]!.text).to.deep.equal({
      key: 'imports.answerOutOfScale',
      params: { item: 'trust_2', value: '0', min: '1', max: '5' },
    });
    expect(await store.responses.get(seeded.participants[0]!.id, seeded.wave1.id)).to.equal(null);
  });

  it('looks participants up and writes a slice at a time, in one transaction: a bad last line or a failure on the last slice writes nothing', async function () {
    const rows = IMPORT_SLICE_ROWS * 2 + 1;
    const codes = Array.from({ length: rows }, (_, i) => `R-${String(i).padStart(5, '0')}`);
    await services.participants.importCsv(
      seeded.project,
      `code,group\n${codes.map((c) => `${c},caregiver`).join('\n')}\n`,
      'test',
    );
    const file = (last: string) =>
      `participant,wave,trust_1\n${[...codes.slice(0, -1).map((c) => `${c.toLowerCase()},Wave 1,4`), last].join('\n')}\n`;
    const submitted = async () => {
      let n = 0;
      for await (const _ of store.responses.iterate(seeded.project.id)) n += 1;
      return n;
    };

    const error = await expectDomainError(
      services.responseImports.importCsv(seeded.project, file(`${codes.at(-1)},Wave 1,9`), 'cli'),
      'IMPORT_REJECTED',
    );
    expect(error.problems.map((p) => p.where)).to.deep.equal([`line ${rows + 1}`]);
    const failure = new Error('the disk is full');
    failCall(store.responses, 'insertMany', failure, 3);
    expect(
      await rejection(services.responseImports.importCsv(seeded.project, file(`${codes.at(-1)},Wave 1,3`), 'cli')),
    ).to.equal(failure);
    expect(await submitted()).to.equal(0);

    expect(await services.responseImports.importCsv(seeded.project, file(`${codes.at(-1)},Wave 1,3`), 'cli')).to.equal(
      rows,
    );
    expect(await submitted()).to.equal(rows);
  });

  it('rejects an unknown item column in the header', async function () {
    const error = await expectDomainError(
      services.responseImports.importCsv(seeded.project, 'participant,wave,trust_99\nCG-001,Wave 1,4\n', 'cli'),
      'IMPORT_REJECTED',
    );
    // The rows are still checked, without the unknown column: this one is left with no answers.
    expect(error.problems.map(({ where, message }) => ({ where, message }))).to.deep.equal([
      { where: 'line 1', message: 'the header has an unknown column "trust_99"' },
      { where: 'line 2', message: 'has no answers' },
    ]);
  });

  it('rejects an item that the participant group is not asked', async function () {
    const { project } = seeded;
    // A second instrument version in which one item is only for providers.
    const instrument = await services.projects.instrumentFor(project);
    const v2 = structuredClone(instrument);
    v2.version = '2';
    const item = v2.sections[0]!.items[0]!;
    item.groups = ['provider'];
    expect(instruments.add(v2, 'surveys/v2.json')).to.equal(true);
    await store.projects.update(project.id, { instrumentVersion: '2' });
    const onVersion2 = await services.projects.bySlug('p4c');
    await services.waves.add(
      { project: onVersion2, label: 'Wave 3', opensOn: '2026-09-01', closesOn: '2026-09-21' },
      'cli',
    );
    const error = await expectDomainError(
      services.responseImports.importCsv(
        onVersion2,
        `participant,wave,${item.id}\nCG-001,Wave 3,4\nPR-001,Wave 3,4\n`,
        'cli',
      ),
      'IMPORT_REJECTED',
    );
    expect(error.problems).to.have.length(1);
    expect(error.problems[0]).to.include({ where: 'line 2' });
    expect(error.problems[0]?.message).to.include('caregiver');
  });

  it('keeps none of the responses when the audit entry cannot be written, and the error surfaces', async function () {
    const failure = new Error('the audit log is unavailable');
    failCall(store.audit, 'append', failure);
    expect(
      await rejection(
        services.responseImports.importCsv(
          seeded.project,
          'participant,wave,trust_1\nCG-001,Wave 1,4\nPR-001,Wave 1,2\n',
          'cli',
        ),
      ),
    ).to.equal(failure);
    expect(await store.responses.get(seeded.participants[0]!.id, seeded.wave1.id)).to.equal(null);
    expect(await store.responses.get(seeded.participants[2]!.id, seeded.wave1.id)).to.equal(null);
    expect((await store.audit.list({})).map((e) => e.action)).to.not.include('responses.import');
  });
});
