import { expect } from 'chai';
import type { Services } from '../../server/services/services.js';
import { expectDomainError, seededProject, testServices } from '../helpers/test-services.js';

describe('ParticipantService', function () {
  let services: Services;
  beforeEach(async () => {
    services = testServices();
    await seededProject(services);
  });
  afterEach(() => services.ctx.store.close());

  it('imports with defaults, keeps email apart, and lists personal links', async function () {
    const created = await services.participants.importCsv('p4c', 'code,group,email\nCG-010,caregiver,maria@example.org\n', 'test');
    expect(created[0]).to.include({ code: 'CG-010', language: 'en', mode: 'web', status: 'active' });
    expect(created[0]?.token).to.match(/^[A-Za-z0-9_-]{32}$/);
    expect(created[0]?.accessCode).to.match(/^[2346789ABCDEFGHJKMNPQRTUVWXYZ]{8}$/);
    expect(await services.ctx.store.getContact(created[0]!.id)).to.deep.equal({ email: 'maria@example.org' });
    const { participants } = await services.participants.list('p4c');
    const listed = participants.find((p) => p.code === 'CG-010');
    expect(listed).to.deep.equal({ code: 'CG-010', group: 'caregiver', language: 'en', mode: 'web', status: 'active', link: `https://coassess.test/s/${created[0]!.token}` });
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
    const error = await expectDomainError(services.participants.importCsv('p4c', csv, 'test'), 'IMPORT_REJECTED');
    expect(error.problems.map((p) => p.where)).to.deep.equal(['line 3', 'line 4', 'line 5', 'line 5', 'line 5', 'line 6', 'line 7']);
    expect(error.problems[0]?.message).to.include('CG-001');
    expect(error.problems[5]?.message).to.include('line 2');
    expect((await services.ctx.store.listParticipants((await services.projects.bySlug('p4c')).id)).map((p) => p.code)).to.deep.equal(['CG-001', 'CG-002', 'PR-001']);
  });

  it('numbers lines as the file has them, across quoted line breaks and blank lines', async function () {
    const csv = 'code,group\r\n"CG-200",caregiver\r\n\r\n"CG-201","care\ngiver"\r\nCG-202,nobody\r\n';
    const error = await expectDomainError(services.participants.importCsv('p4c', csv, 'test'), 'IMPORT_REJECTED');
    expect(error.problems.map((p) => p.where)).to.deep.equal(['line 4', 'line 6']);
  });

  it('rejects a header with a missing, unknown or repeated column', async function () {
    const error = await expectDomainError(services.participants.importCsv('p4c', 'code,grp,code\nX,caregiver,Y\n', 'test'), 'IMPORT_REJECTED');
    expect(error.problems.every((p) => p.where === 'line 1')).to.equal(true);
    expect(error.problems.map((p) => p.message).join(' ')).to.include('"group"').and.include('"grp"').and.include('twice');
  });

  it('lists every problem at once, short rows and unknown columns included', async function () {
    const csv = ['code,group,colour', 'CG-400,nobody,red', 'CG-401', 'CG-402,caregiver,blue', 'CG-403,martians,green'].join('\n');
    const error = await expectDomainError(services.participants.importCsv('p4c', csv, 'test'), 'IMPORT_REJECTED');
    expect(error.problems.map((p) => p.where)).to.deep.equal(['line 1', 'line 2', 'line 3', 'line 5']);
  });

  it('rejects a row with the wrong number of columns, and an empty file', async function () {
    const error = await expectDomainError(services.participants.importCsv('p4c', 'code,group\nCG-300\n', 'test'), 'IMPORT_REJECTED');
    expect(error.problems[0]?.where).to.equal('line 2');
    await expectDomainError(services.participants.importCsv('p4c', '', 'test'), 'IMPORT_REJECTED');
    await expectDomainError(services.participants.importCsv('p4c', 'code,group\n', 'test'), 'IMPORT_REJECTED');
  });

  it('names an unknown project', async function () {
    await expectDomainError(services.participants.importCsv('nope', 'code,group\n', 'test'), 'PROJECT_NOT_FOUND');
  });
});
