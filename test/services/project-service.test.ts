import { expect } from 'chai';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { failCall, rejection } from '../helpers/store-faults.js';
import { expectDomainError, testServices } from '../helpers/test-services.js';

describe('ProjectService', function () {
  let services: Services;
  let store: SqliteStore;
  beforeEach(() => {
    ({ services, store } = testServices());
  });
  afterEach(() => store.close());

  const actions = async () => (await store.audit.list({})).map((e) => e.action);

  it('creates a project with the default groups and pins the newest instrument version', async function () {
    const project = await services.projects.create(
      { slug: 'p4c', name: 'Place4Carers', instrument: 'coassess-core' },
      'test',
    );
    expect(project.groups).to.deep.equal([
      { id: 'caregiver', label: { en: 'Family caregivers', it: 'Familiari caregiver' } },
      { id: 'provider', label: { en: 'Service providers', it: 'Operatori dei servizi' } },
    ]);
    expect(project.instrumentVersion).to.equal('1');
    expect(await store.instruments.get('coassess-core', '1')).to.not.equal(null);
    expect(await actions()).to.deep.equal(['project.create']);
  });
  it('accepts other groups and labels them', async function () {
    const project = await services.projects.create(
      { slug: 'x', name: 'X', instrument: 'coassess-core@1', groups: ['caregiver', 'volunteer'] },
      'test',
    );
    expect(project.groups[1]).to.deep.equal({ id: 'volunteer', label: { en: 'Volunteer', it: 'Volunteer' } });
  });
  it('names what is wrong', async function () {
    const error = await expectDomainError(
      services.projects.create({ slug: 'Bad Slug', name: '', instrument: 'nope', groups: ['all'] }, 'test'),
      'VALIDATION',
    );
    expect(error.problems.map((p) => p.where)).to.have.members(['slug', 'name', 'instrument', 'groups']);
    await services.projects.create({ slug: 'p4c', name: 'P', instrument: 'coassess-core' }, 'test');
    await expectDomainError(
      services.projects.create({ slug: 'p4c', name: 'P', instrument: 'coassess-core' }, 'test'),
      'DUPLICATE',
    );
  });
  describe('time zone', function () {
    it('keeps DEFAULT_TIME_ZONE with a new project that names none, and a named one in its canonical spelling', async function () {
      store.close();
      ({ services, store } = testServices(undefined, 'Europe/Rome'));
      const plain = await services.projects.create({ slug: 'a', name: 'A', instrument: 'coassess-core' }, 'test');
      expect(plain.timeZone).to.equal('Europe/Rome');
      const named = await services.projects.create(
        { slug: 'b', name: 'B', instrument: 'coassess-core', timeZone: 'america/new_york' },
        'test',
      );
      expect(named.timeZone).to.equal('America/New_York');
      expect((await store.audit.list({}))[0]?.details).to.include({ timeZone: 'America/New_York' });
    });
    it('gives a project made before projects had a zone DEFAULT_TIME_ZONE', async function () {
      store.close();
      ({ services, store } = testServices(undefined, 'Europe/Rome'));
      const project = await services.projects.create({ slug: 'a', name: 'A', instrument: 'coassess-core' }, 'test');
      await store.projects.update(project.id, { timeZone: null });
      expect(services.projects.timeZoneOf((await services.projects.bySlug('a'))!)).to.equal('Europe/Rome');
      expect(services.projects.defaultTimeZone()).to.equal('Europe/Rome');
    });
    it('refuses an unknown zone with UNKNOWN_TIME_ZONE alone, and beside other problems with VALIDATION, writing nothing', async function () {
      const alone = await expectDomainError(
        services.projects.create(
          { slug: 'a', name: 'A', instrument: 'coassess-core', timeZone: 'Europe/Roma' },
          'test',
        ),
        'UNKNOWN_TIME_ZONE',
      );
      expect(alone.problems.map((p) => p.where)).to.deep.equal(['timeZone']);
      const several = await expectDomainError(
        services.projects.create({ slug: 'a', name: '', instrument: 'coassess-core', timeZone: '+01:00' }, 'test'),
        'VALIDATION',
      );
      expect(several.problems.map((p) => p.where)).to.have.members(['name', 'timeZone']);
      expect(await store.projects.list()).to.deep.equal([]);
    });
    it('changes in the settings, and an unknown one changes nothing', async function () {
      const project = await services.projects.create({ slug: 'a', name: 'A', instrument: 'coassess-core' }, 'test');
      expect(project.timeZone).to.equal('UTC');
      await expectDomainError(
        services.projects.updateSettings(project, { reminderDays: 5, timeZone: 'Mars/Olympus' }, 'test'),
        'UNKNOWN_TIME_ZONE',
      );
      const unchanged = await services.projects.bySlug('a');
      expect(unchanged.timeZone).to.equal('UTC');
      expect(unchanged.settings).to.deep.equal(project.settings);
      await services.projects.updateSettings(project, { timeZone: 'Europe/Rome' }, 'test');
      expect((await services.projects.bySlug('a')).timeZone).to.equal('Europe/Rome');
      expect(await actions()).to.deep.equal(['project.settings', 'project.create']);
    });
  });
  it('names an unknown slug, and finds none for it', async function () {
    await expectDomainError(services.projects.bySlug('nope'), 'PROJECT_NOT_FOUND');
    expect(await services.projects.findBySlug('nope')).to.equal(null);
  });
  it("gives a user's role in a project, and none to someone without one", async function () {
    const project = await services.projects.create({ slug: 'p4c', name: 'P', instrument: 'coassess-core' }, 'test');
    const lead = await services.users.add(
      { email: 'lead@example.org', name: 'Lead', role: 'lead', project: 'p4c', password: 'correct horse battery' },
      'test',
    );
    const admin = await services.users.add(
      { email: 'admin@example.org', name: 'Admin', role: 'admin', password: 'correct horse battery' },
      'test',
    );
    expect(await services.projects.roleOf(lead.id, project)).to.equal('lead');
    expect(await services.projects.roleOf(admin.id, project)).to.equal(null);
  });

  describe('when the audit entry cannot be written', function () {
    const failure = new Error('the audit log is unavailable');
    const auditFails = () => failCall(store.audit, 'append', failure);

    it('creates no project and pins no questionnaire, and the error surfaces', async function () {
      auditFails();
      expect(
        await rejection(
          services.projects.create({ slug: 'p4c', name: 'Place4Carers', instrument: 'coassess-core' }, 'test'),
        ),
      ).to.equal(failure);
      expect(await store.projects.getBySlug('p4c')).to.equal(null);
      expect(await store.instruments.get('coassess-core', '1')).to.equal(null);
      expect(await actions()).to.deep.equal([]);
      // Only that write failed: the same creation goes through afterwards.
      await services.projects.create({ slug: 'p4c', name: 'Place4Carers', instrument: 'coassess-core' }, 'test');
      expect(await actions()).to.deep.equal(['project.create']);
    });

    it('keeps the settings as they were', async function () {
      const project = await services.projects.create(
        { slug: 'p4c', name: 'P', instrument: 'coassess-core', settings: { reminderDays: 5 } },
        'test',
      );
      auditFails();
      expect(await rejection(services.projects.updateSettings(project, { reminderDays: 9 }, 'test'))).to.equal(failure);
      expect((await store.projects.get(project.id))?.settings).to.deep.equal(project.settings);
      expect(await actions()).to.deep.equal(['project.create']);
    });

    it('leaves the project unarchived', async function () {
      const project = await services.projects.create({ slug: 'p4c', name: 'P', instrument: 'coassess-core' }, 'test');
      auditFails();
      expect(await rejection(services.projects.archive(project, 'test'))).to.equal(failure);
      expect((await store.projects.get(project.id))?.archivedAt).to.equal(null);
      expect(await actions()).to.deep.equal(['project.create']);
    });
  });
});
