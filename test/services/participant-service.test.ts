import { expect } from 'chai';
import { DomainError, type FieldProblem } from '../../server/domain/errors.js';
import type { Project } from '../../server/domain/records.js';
import { IMPORT_SLICE_ROWS, MAX_IMPORT_ROWS } from '../../server/services/csv-import.js';
import { MAX_ADDRESS_CHARS, MAX_NAME_CHARS } from '../../server/services/participant-service.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { failCall, rejection } from '../helpers/store-faults.js';
import { expectDomainError, seededProject, testServices } from '../helpers/test-services.js';

describe('ParticipantService', function () {
  let services: Services;
  let store: SqliteStore;
  let project: Project;
  beforeEach(async () => {
    ({ services, store } = testServices());
    ({ project } = await seededProject(services));
  });
  afterEach(() => store.close());

  it('imports with defaults, keeps email apart, and lists personal links', async function () {
    const created = await services.participants.importCsv(
      project,
      'code,group,email\nCG-010,caregiver,maria@example.org\n',
      'test',
    );
    expect(created[0]).to.include({ code: 'CG-010', language: 'en', mode: 'web', status: 'active' });
    expect(created[0]?.token).to.match(/^[A-Za-z0-9_-]{32}$/);
    expect(created[0]?.accessCode).to.match(/^[2346789ABCDEFGHJKMNPQRTUVWXYZ]{8}$/);
    expect(await store.participants.getContact(created[0]!.id)).to.deep.equal({
      email: 'maria@example.org',
      name: null,
      address: null,
    });
    const participants = await services.participants.listing(project);
    const listed = participants.find((p) => p.code === 'CG-010');
    expect(listed).to.deep.equal({
      code: 'CG-010',
      group: 'caregiver',
      language: 'en',
      mode: 'web',
      status: 'active',
      link: `https://coassess.test/s/${created[0]!.token}`,
    });
    expect(JSON.stringify(participants)).to.not.include('maria');
  });

  it('rejects the whole file with one numbered line per problem, and writes nothing', async function () {
    const csv = [
      'code,group,language,mode,email',
      'CG-100,caregiver,en,web,',
      'CG-001,caregiver,en,web,', // line 3: taken already
      'CG-101,volunteer,en,web,', // line 4: unknown group
      'CG-102,caregiver,fr,fax,nope', // line 5: language, mode, email
      'CG-100,provider,it,paper,', // line 6: duplicate in file
      ',caregiver,,,', // line 7: empty code
    ].join('\n');
    const error = await expectDomainError(services.participants.importCsv(project, csv, 'test'), 'IMPORT_REJECTED');
    expect(error.problems.map((p) => p.where)).to.deep.equal([
      'line 3',
      'line 4',
      'line 5',
      'line 5',
      'line 5',
      'line 6',
      'line 7',
    ]);
    expect(error.problems[0]?.message).to.include('CG-001');
    expect(error.problems[5]?.message).to.include('line 2');
    expect((await store.participants.list(project.id)).map((p) => p.code)).to.deep.equal([
      'CG-001',
      'CG-002',
      'PR-001',
    ]);
  });

  it('numbers lines as the file has them, across quoted line breaks and blank lines', async function () {
    const csv = 'code,group\r\n"CG-200",caregiver\r\n\r\n"CG-201","care\ngiver"\r\nCG-202,nobody\r\n';
    const error = await expectDomainError(services.participants.importCsv(project, csv, 'test'), 'IMPORT_REJECTED');
    expect(error.problems.map((p) => p.where)).to.deep.equal(['line 4', 'line 6']);
  });

  it('rejects a header with a missing, unknown or repeated column', async function () {
    const error = await expectDomainError(
      services.participants.importCsv(project, 'code,grp,code\nX,caregiver,Y\n', 'test'),
      'IMPORT_REJECTED',
    );
    expect(error.problems.every((p) => p.where === 'line 1')).to.equal(true);
    expect(error.problems.map((p) => p.message).join(' '))
      .to.include('"group"')
      .and.include('"grp"')
      .and.include('twice');
  });

  it('lists every problem at once, short rows and unknown columns included', async function () {
    const csv = [
      'code,group,colour',
      'CG-400,nobody,red',
      'CG-401',
      'CG-402,caregiver,blue',
      'CG-403,martians,green',
    ].join('\n');
    const error = await expectDomainError(services.participants.importCsv(project, csv, 'test'), 'IMPORT_REJECTED');
    expect(error.problems.map((p) => p.where)).to.deep.equal(['line 1', 'line 2', 'line 3', 'line 5']);
  });

  it('rejects a row with the wrong number of columns, and an empty file', async function () {
    const error = await expectDomainError(
      services.participants.importCsv(project, 'code,group\nCG-300\n', 'test'),
      'IMPORT_REJECTED',
    );
    expect(error.problems[0]?.where).to.equal('line 2');
    await expectDomainError(services.participants.importCsv(project, '', 'test'), 'IMPORT_REJECTED');
    await expectDomainError(services.participants.importCsv(project, 'code,group\n', 'test'), 'IMPORT_REJECTED');
  });

  it("keeps the enrolment date of each line, and dates a line without one today by the services' clock", async function () {
    const csv =
      'code,group,enrolled_on\nCG-500,caregiver,2025-11-03\nCG-501,caregiver,\nCG-502,provider, 2026-03-21 \n';
    const created = await services.participants.importCsv(project, csv, 'test');
    expect(created.map((p) => [p.code, p.enrolledOn, p.withdrawnOn])).to.deep.equal([
      ['CG-500', '2025-11-03', null],
      ['CG-501', '2026-03-10', null],
      ['CG-502', '2026-03-21', null],
    ]);
    const [withoutColumn] = await services.participants.importCsv(project, 'code,group\nCG-503,caregiver\n', 'test');
    expect(withoutColumn?.enrolledOn).to.equal('2026-03-10');
    expect((await services.participants.byCode(project, 'CG-500')).enrolledOn).to.equal('2025-11-03');
  });

  it('rejects a file with an enrolment date that is not a day as YYYY-MM-DD, numbering the line, and writes nothing', async function () {
    const csv =
      'code,group,enrolled_on\nCG-600,caregiver,2026-02-01\nCG-601,caregiver,2026-02-30\nCG-602,caregiver,01/02/2026\nCG-603,provider,2026-2-1\n';
    const error = await expectDomainError(services.participants.importCsv(project, csv, 'test'), 'IMPORT_REJECTED');
    expect(error.problems.map((p) => `${p.where}: ${p.message}`)).to.deep.equal([
      'line 3: the enrolment date "2026-02-30" is not a date as YYYY-MM-DD',
      'line 4: the enrolment date "01/02/2026" is not a date as YYYY-MM-DD',
      'line 5: the enrolment date "2026-2-1" is not a date as YYYY-MM-DD',
    ]);
    expect(await store.participants.getByCode(project.id, 'CG-600')).to.equal(null);
  });

  it('adds one participant enrolled on the day given or today, and names a bad day beside its field', async function () {
    const input = { group: 'caregiver', language: 'en', mode: 'web', email: '' };
    expect(
      (await services.participants.addOne(project, { ...input, code: 'CG-700', enrolledOn: '2026-01-20' }, 'test'))
        .enrolledOn,
    ).to.equal('2026-01-20');
    expect(
      (await services.participants.addOne(project, { ...input, code: 'CG-701', enrolledOn: '' }, 'test')).enrolledOn,
    ).to.equal('2026-03-10');
    const error = await expectDomainError(
      services.participants.addOne(project, { ...input, code: 'CG-702', enrolledOn: 'last week' }, 'test'),
      'VALIDATION',
    );
    expect(error.problems).to.deep.equal([
      {
        where: 'enrolledOn',
        message: 'the enrolment date "last week" is not a date as YYYY-MM-DD',
        text: { key: 'imports.badEnrolment', params: { date: 'last week' } },
      },
    ]);
  });

  it('records the day of a withdrawal, and keeps the first day when withdrawn again', async function () {
    let now = new Date('2026-03-12T22:30:00Z');
    const dated = testServices(() => now);
    try {
      const { project: p4c } = await seededProject(dated.services);
      await dated.services.participants.withdraw(p4c, 'CG-002', 'test');
      const participant = await dated.services.participants.byCode(p4c, 'CG-002');
      expect([participant.status, participant.withdrawnOn]).to.deep.equal(['withdrawn', '2026-03-12']);
      now = new Date('2026-05-01T09:00:00Z');
      await dated.services.participants.withdraw(p4c, 'CG-002', 'test');
      expect((await dated.services.participants.byCode(p4c, 'CG-002')).withdrawnOn).to.equal('2026-03-12');
      const entries = (await dated.store.audit.list({})).filter((e) => e.action === 'participant.withdraw');
      expect(entries.map((e) => e.details)).to.deep.equal([
        { withdrawnOn: '2026-03-12' },
        { withdrawnOn: '2026-03-12' },
      ]);
      expect((await dated.services.participants.byCode(p4c, 'CG-001')).withdrawnOn).to.equal(null);
    } finally {
      await dated.store.close();
    }
  });

  describe('names and postal addresses, for letters only', function () {
    const MARIA = "Maria D'Angelo";
    const ESINE = 'Località Pian di Borno 3\n25040 Esine BS';
    /** The keys of a refusal's problems, each with where it is. */
    const keysOf = (error: { problems: unknown[] }) =>
      (error.problems as FieldProblem[]).map((p) => [p.where, p.text?.key]);
    /** Real-looking text padded with accented letters to exactly `length` characters. */
    const exactly = (start: string, length: number) => start + 'à'.repeat(length - [...start].length);

    it('imports a name and an address of several lines, kept with the contact details and not on the participant', async function () {
      const csv = [
        'code,group,email,name,address',
        `CG-900,caregiver,,${MARIA},"${ESINE}"`,
        // Spaces around the name and around each line, and blank lines, are not kept.
        'CG-901,provider,luca@example.org,  Luca Àlberti ,"  Via dell’Olmo 12  \r\n\r\n 20121 Milano MI "',
        'CG-902,caregiver,,,',
      ].join('\r\n');
      const created = await services.participants.importCsv(project, csv, 'test');
      const contacts = await Promise.all(created.map((p) => store.participants.getContact(p.id)));
      expect(contacts).to.deep.equal([
        { email: null, name: MARIA, address: ESINE },
        { email: 'luca@example.org', name: 'Luca Àlberti', address: 'Via dell’Olmo 12\n20121 Milano MI' },
        // Nothing to reach them by: no contact details at all, as before.
        null,
      ]);
      for (const p of created) expect(p).to.not.have.any.keys('name', 'address', 'contact');
      const audit = JSON.stringify(await store.audit.list({ projectId: project.id }));
      expect(audit).to.not.include('Angelo').and.not.include('Esine').and.not.include('Àlberti');
    });

    it(`takes a name of ${MAX_NAME_CHARS} characters and an address of ${MAX_ADDRESS_CHARS}, and refuses one more, naming neither`, async function () {
      const name = exactly("Maria Assunta D'Angelo in Bianchi ", MAX_NAME_CHARS);
      const address = exactly(`${ESINE}\nc/o Cooperativa Sociale `, MAX_ADDRESS_CHARS);
      const csv = (n: string, a: string, code: string) => `code,group,name,address\n${code},caregiver,"${n}","${a}"\n`;
      const [kept] = await services.participants.importCsv(project, csv(name, address, 'CG-910'), 'test');
      expect(await store.participants.getContact(kept!.id)).to.deep.equal({ email: null, name, address });
      const error = await expectDomainError(
        services.participants.importCsv(project, csv(`${name}à`, `${address}à`, 'CG-911'), 'test'),
        'IMPORT_REJECTED',
      );
      expect(keysOf(error)).to.deep.equal([
        ['line 2', 'imports.nameTooLong'],
        ['line 2', 'imports.addressTooLong'],
      ]);
      expect(JSON.stringify(error.problems)).to.not.include('Angelo').and.not.include('Esine');
      expect(await store.participants.getByCode(project.id, 'CG-911')).to.equal(null);
    });

    it('refuses a name or an address holding a character that is not text, the address keeping its line breaks', async function () {
      const csv = [
        'code,group,name,address',
        `CG-920,caregiver,"Maria\tD'Angelo","${ESINE}"`,
        `CG-921,caregiver,${MARIA},"Località Pian di Borno 3\u202e\n25040 Esine BS"`,
        `CG-922,caregiver,${MARIA},"Località\tPian di Borno 3"`,
      ].join('\n');
      const error = await expectDomainError(services.participants.importCsv(project, csv, 'test'), 'IMPORT_REJECTED');
      expect(keysOf(error)).to.deep.equal([
        ['line 2', 'imports.nameControl'],
        // Each on the line where its record starts: the address above takes two.
        ['line 4', 'imports.addressControl'],
        ['line 6', 'imports.addressControl'],
      ]);
    });

    it('adds one participant with a name and an address, and names a bad one beside its field', async function () {
      const input = { group: 'caregiver', language: 'it', mode: 'paper', email: '', enrolledOn: '' };
      // A browser sends a textarea's line breaks as CRLF.
      const added = await services.participants.addOne(
        project,
        { ...input, code: 'CG-930', name: MARIA, address: ESINE.replace('\n', '\r\n') },
        'test',
      );
      expect(await store.participants.getContact(added.id)).to.deep.equal({ email: null, name: MARIA, address: ESINE });
      const error = await expectDomainError(
        services.participants.addOne(
          project,
          { ...input, code: 'CG-931', name: 'x'.repeat(MAX_NAME_CHARS + 1), address: 'Via Roma 1\u0007' },
          'test',
        ),
        'VALIDATION',
      );
      expect(keysOf(error)).to.deep.equal([
        ['name', 'imports.nameTooLong'],
        ['address', 'imports.addressControl'],
      ]);
    });

    it('changes, keeps and clears them on an update, the email untouched, and never puts them in the audit log', async function () {
      await services.participants.importCsv(
        project,
        `code,group,email,name\nCG-940,caregiver,maria@example.org,Maria Dangelo\n`,
        'test',
      );
      const edit = { group: 'caregiver', language: 'it', mode: 'paper' };
      await services.participants.update(project, 'CG-940', { ...edit, name: MARIA, address: ESINE }, 'test');
      const person = await services.participants.byCode(project, 'CG-940');
      expect(await services.participants.contact(person)).to.deep.equal({
        email: 'maria@example.org',
        name: MARIA,
        address: ESINE,
      });
      // Not given (the command line changes group, language and mode only): kept.
      await services.participants.update(project, 'CG-940', edit, 'test');
      expect(await services.participants.contact(person)).to.deep.include({ name: MARIA, address: ESINE });
      const refused = await expectDomainError(
        services.participants.update(project, 'CG-940', { ...edit, name: '', address: 'x'.repeat(501) }, 'test'),
        'VALIDATION',
      );
      expect(keysOf(refused)).to.deep.equal([['address', 'imports.addressTooLong']]);
      expect(await services.participants.contact(person)).to.deep.include({ name: MARIA, address: ESINE });
      await services.participants.update(project, 'CG-940', { ...edit, name: ' ', address: '\r\n' }, 'test');
      expect(await services.participants.contact(person)).to.deep.equal({
        email: 'maria@example.org',
        name: null,
        address: null,
      });
      const audit = JSON.stringify(await store.audit.list({ projectId: project.id }));
      expect(audit).to.not.include('Angelo').and.not.include('Dangelo').and.not.include('Esine');
    });

    it('keeps them on a withdrawal, as the email is kept, and erases them with the participant', async function () {
      await services.participants.importCsv(
        project,
        `code,group,name,address\nCG-950,caregiver,${MARIA},"${ESINE}"\n`,
        'test',
      );
      const person = await services.participants.byCode(project, 'CG-950');
      await services.participants.withdraw(project, 'CG-950', 'test');
      expect(await services.participants.contact(person)).to.deep.equal({ email: null, name: MARIA, address: ESINE });
      await services.participants.erase(project, 'CG-950', 'test');
      expect(await store.participants.getContact(person.id)).to.equal(null);
      const audit = JSON.stringify(await store.audit.list({ projectId: project.id }));
      expect(audit).to.not.include('Angelo').and.not.include('Esine');
    });
  });

  it('draws new credentials when the ones drawn are taken, and records the import once', async function () {
    failCall(store.participants, 'createMany', new DomainError('DUPLICATE', 'this access code is taken'));
    const [created] = await services.participants.importCsv(project, 'code,group\nCG-800,caregiver\n', 'test');
    expect(await store.participants.getByCode(project.id, 'CG-800')).to.deep.include({ id: created!.id });
    expect(
      (await store.audit.list({ projectId: project.id })).filter((e) => e.action === 'participants.import'),
    ).to.have.length(2);
  });

  describe('a large file', function () {
    /** A file of `n` new caregivers, each with an email; `last` replaces the last line. */
    const file = (n: number, last?: string) => {
      const lines = Array.from({ length: n }, (_, i) => `L-${String(i).padStart(5, '0')},caregiver,l${i}@example.org`);
      if (last !== undefined) lines[n - 1] = last;
      return `code,group,email\n${lines.join('\n')}\n`;
    };
    const codes = async () => (await store.participants.list(project.id)).map((p) => p.code);
    const imports = async () =>
      (await store.audit.list({ projectId: project.id })).filter((e) => e.action === 'participants.import');

    it(`is refused above ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows, saying the limit, with nothing written`, async function () {
      const error = await expectDomainError(
        services.participants.importCsv(project, file(MAX_IMPORT_ROWS + 1), 'test'),
        'IMPORT_REJECTED',
      );
      expect((error as unknown as Error).message).to.include('more than 50,000 rows');
      expect(error.problems.map(({ where, message }) => ({ where, message }))).to.deep.equal([
        {
          where: `line ${MAX_IMPORT_ROWS + 2}`,
          message:
            'the file has more than 50,000 rows, the most one import takes: split it into files of at most 50,000 rows',
        },
      ]);
      expect(await codes()).to.deep.equal(['CG-001', 'CG-002', 'PR-001']);
    });

    it('is refused whole for one bad line past the first slices, each problem on its line', async function () {
      const rows = IMPORT_SLICE_ROWS * 2 + 1;
      const error = await expectDomainError(
        services.participants.importCsv(project, file(rows, 'cg-001,caregiver,'), 'test'),
        'IMPORT_REJECTED',
      );
      expect(error.problems.map(({ where, message }) => ({ where, message }))).to.deep.equal([
        { where: `line ${rows + 1}`, message: 'the code "cg-001" is already used in this project' },
      ]);
      expect(await codes()).to.deep.equal(['CG-001', 'CG-002', 'PR-001']);
    });

    it('is written a slice at a time in one transaction: a failure on the last slice keeps none of the others', async function () {
      const rows = IMPORT_SLICE_ROWS * 2 + 1;
      const failure = new Error('the disk is full');
      failCall(store.participants, 'createMany', failure, 3);
      expect(await rejection(services.participants.importCsv(project, file(rows), 'test'))).to.equal(failure);
      expect(await codes()).to.deep.equal(['CG-001', 'CG-002', 'PR-001']);
      expect(await imports()).to.have.length(1);
      expect(await store.participants.getByCode(project.id, 'L-00000')).to.equal(null);
    });

    it('draws credentials again for the whole file when a later slice collides, and writes each line once', async function () {
      const rows = IMPORT_SLICE_ROWS * 2 + 1;
      failCall(store.participants, 'createMany', new DomainError('DUPLICATE', 'this access code is taken'), 3);
      const created = await services.participants.importCsv(project, file(rows), 'test');
      expect(created).to.have.length(rows);
      expect(await codes()).to.have.length(rows + 3);
      expect(await store.participants.getContact(created.at(-1)!.id)).to.deep.equal({
        email: `l${rows - 1}@example.org`,
        name: null,
        address: null,
      });
      expect((await imports()).map((e) => e.details)).to.deep.equal([{ count: rows }, { count: 3 }]);
    });

    it('looks codes up and writes a hundred rows a call, giving way to other requests while it writes', async function () {
      let turns = 0;
      let ticking = true;
      const tick = () => {
        turns += 1;
        if (ticking) setImmediate(tick);
      };
      setImmediate(tick);
      const seen: Record<string, number[]> = { findByCodes: [], createMany: [] };
      for (const method of ['findByCodes', 'createMany'] as const) {
        const original = store.participants[method].bind(store.participants) as (...args: never[]) => Promise<never>;
        (store.participants as unknown as Record<string, unknown>)[method] = (...args: never[]) => {
          seen[method]!.push(turns);
          return original(...args);
        };
      }
      const rows = IMPORT_SLICE_ROWS * 100;
      try {
        await services.participants.importCsv(project, file(rows), 'test');
      } finally {
        ticking = false;
      }
      // Looked up and written IMPORT_SLICE_ROWS a call; writing a hundred calls' worth takes far
      // more than one slice of time, so the loop turned while they were written.
      expect(seen.findByCodes).to.have.length(100);
      expect(seen.createMany).to.have.length(100);
      expect(seen.createMany!.at(-1)! > seen.createMany![0]!, 'the event loop turned during the writes').to.equal(true);
      expect(await codes()).to.have.length(rows + 3);
    });
  });

  describe('when the audit entry cannot be written', function () {
    const failure = new Error('the audit log is unavailable');
    const auditFails = () => failCall(store.audit, 'append', failure);
    const participantActions = async () =>
      (await store.audit.list({ projectId: project.id }))
        .map((e) => e.action)
        .filter((a) => a.startsWith('participant'));

    it('imports nobody, and the error surfaces', async function () {
      auditFails();
      expect(
        await rejection(
          services.participants.importCsv(
            project,
            'code,group,email\nCG-900,caregiver,x@example.org\nCG-901,provider,\n',
            'test',
          ),
        ),
      ).to.equal(failure);
      expect((await store.participants.list(project.id)).map((p) => p.code)).to.deep.equal([
        'CG-001',
        'CG-002',
        'PR-001',
      ]);
      expect(await participantActions()).to.deep.equal(['participants.import']);
    });
    it('adds nobody from the form', async function () {
      auditFails();
      const one = { code: 'CG-902', group: 'caregiver', language: 'en', mode: 'web', email: '', enrolledOn: '' };
      expect(await rejection(services.participants.addOne(project, one, 'test'))).to.equal(failure);
      expect(await store.participants.getByCode(project.id, 'CG-902')).to.equal(null);
    });
    it("leaves the participant's group, language and mode as they were", async function () {
      auditFails();
      expect(
        await rejection(
          services.participants.update(project, 'CG-002', { group: 'provider', language: 'it', mode: 'paper' }, 'test'),
        ),
      ).to.equal(failure);
      expect(await store.participants.getByCode(project.id, 'CG-002')).to.deep.include({
        group: 'caregiver',
        language: 'en',
        mode: 'web',
      });
      expect(await participantActions()).to.deep.equal(['participants.import']);
    });
    it('leaves the participant active', async function () {
      auditFails();
      expect(await rejection(services.participants.withdraw(project, 'CG-002', 'test'))).to.equal(failure);
      expect(await store.participants.getByCode(project.id, 'CG-002')).to.deep.include({
        status: 'active',
        withdrawnOn: null,
      });
      expect(await participantActions()).to.deep.equal(['participants.import']);
    });
    it('erases nothing: the participant, their answers and contact details stay', async function () {
      const [person] = await services.participants.importCsv(
        project,
        'code,group,email\nCG-903,caregiver,keep@example.org\n',
        'test',
      );
      await services.responseImports.importCsv(project, 'participant,wave,trust_1\nCG-903,Wave 1,4\n', 'test');
      const wave1 = (await store.waves.list(project.id))[0]!;
      auditFails();
      expect(await rejection(services.participants.erase(project, 'CG-903', 'test'))).to.equal(failure);
      expect(await store.participants.get(person!.id)).to.deep.include({ code: 'CG-903' });
      expect(await store.participants.getContact(person!.id)).to.deep.equal({
        email: 'keep@example.org',
        name: null,
        address: null,
      });
      expect((await store.responses.get(person!.id, wave1.id))?.answers).to.deep.equal({ trust_1: 4 });
      expect(await participantActions()).to.not.include('participant.erase');
    });
  });
});
