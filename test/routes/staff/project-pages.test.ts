import { expect } from 'chai';
import { DomainError } from '../../../server/domain/errors.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFor, postForm, signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { countCalls, failCall } from '../../helpers/store-faults.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

describe('staff project pages', function () {
  this.timeout(30_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let lead: Agent;
  let seeded: Awaited<ReturnType<typeof seededProject>>;

  beforeEach(async () => {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    seeded = await seededProject(services);
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
  });
  afterEach(() => store.close());

  it('creates a project with labelled groups and edited thresholds, and keeps values on a bad threshold', async function () {
    const admin = await signIn(app, await staffUser(services, 'admin'));
    const form = await admin.get('/projects/new').expect(200);
    const fields = Object.fromEntries(
      [...form.text.matchAll(/name="(t_\w+|reminderDays)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    const base = {
      name: 'Caring Together',
      slug: 'caring',
      instrument: 'coassess-core@1',
      groups: 'family | Families | Famiglie\nstaff | Staff | Operatori',
      ...fields,
    };
    const bad = await postForm(admin, '/projects/new', { ...base, t_alpha: '2' }, 400, '/projects/new');
    expect(bad.text).to.include('id="f-t_alpha-error"').and.include('value="Caring Together"');
    await postForm(admin, '/projects/new', { ...base, t_minChange: '0.3', reminderDays: '5' }, 303, '/projects/new');
    const project = await services.projects.bySlug('caring');
    expect(project.groups).to.deep.equal([
      { id: 'family', label: { en: 'Families', it: 'Famiglie' } },
      { id: 'staff', label: { en: 'Staff', it: 'Operatori' } },
    ]);
    expect(project.settings).to.deep.include({ reminderDays: 5 });
    // Only what differs from the defaults is stored, so a recalibrated default reaches the project.
    expect(project.settings.statusThresholds).to.deep.equal({ minChange: 0.3 });
  });

  it('sets the time zone in the settings, and keeps an unknown one as typed with a clear message', async function () {
    const form = (await lead.get('/projects/p4c/settings').expect(200)).text;
    expect(form)
      .to.include('<label for="f-timeZone">Time zone</label>')
      .and.include('name="timeZone" type="text" value="UTC"');
    const fields = Object.fromEntries(
      [...form.matchAll(/name="(t_\w+|reminderDays)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    const bad = await postForm(
      lead,
      '/projects/p4c/settings',
      { ...fields, reminderDays: '6', timeZone: 'Europe/Roma<b>' },
      400,
      '/projects/p4c/settings',
    );
    expect(bad.text)
      .to.include('id="f-timeZone-error"')
      .and.include('&#34;Europe/Roma&lt;b&gt;&#34; is not a time zone name')
      .and.include('value="Europe/Roma&lt;b&gt;"')
      .and.include('name="reminderDays" type="number" value="6"');
    expect((await services.projects.bySlug('p4c')).timeZone).to.equal('UTC');
    const empty = await postForm(
      lead,
      '/projects/p4c/settings',
      { ...fields, timeZone: ' ' },
      400,
      '/projects/p4c/settings',
    );
    expect(empty.text).to.include('Enter a time zone name, such as Europe/Rome.');
    await postForm(
      lead,
      '/projects/p4c/settings',
      { ...fields, timeZone: 'europe/rome' },
      303,
      '/projects/p4c/settings',
    );
    expect((await services.projects.bySlug('p4c')).timeZone).to.equal('Europe/Rome');
    expect((await lead.get('/projects/p4c/settings').expect(200)).text).to.include('value="Europe/Rome"');
  });

  it('proposes DEFAULT_TIME_ZONE for a new project, and keeps the zone chosen', async function () {
    store.close();
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z'), 'Europe/Rome'));
    ({ app } = testApp(services));
    const admin = await signIn(app, await staffUser(services, 'admin'));
    const form = (await admin.get('/projects/new').expect(200)).text;
    expect(form).to.include('name="timeZone" type="text" value="Europe/Rome"');
    const base = {
      ...Object.fromEntries(
        [...form.matchAll(/name="(t_\w+|reminderDays)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
      ),
      name: 'NY',
      slug: 'ny',
      instrument: 'coassess-core@1',
      groups: 'family | Families | Famiglie',
    };
    const bad = await postForm(admin, '/projects/new', { ...base, timeZone: 'Mars/Olympus' }, 400, '/projects/new');
    expect(bad.text).to.include('id="f-timeZone-error"').and.include('value="NY"').and.include('value="Mars/Olympus"');
    expect(await services.projects.findBySlug('ny')).to.equal(null);
    await postForm(admin, '/projects/new', { ...base, timeZone: 'America/New_York' }, 303, '/projects/new');
    expect((await services.projects.bySlug('ny')).timeZone).to.equal('America/New_York');
  });

  it("shows what the thresholds do to false alarms for the project's own groups, beside the defaults once changed", async function () {
    const rate = (text: string, row: string) =>
      [...new RegExp(`<th scope="row">${row}</th>((?:<td>\\d+%</td>)+)`).exec(text)![1]!.matchAll(/(\d+)%/g)].map((m) =>
        Number(m[1]),
      );
    const before = (await lead.get('/projects/p4c/settings').expect(200)).text;
    expect(before)
      .to.include('What these settings do to false alarms')
      .and.include('no true change at all, in 200 projects like it');
    expect(before).to.not.include('With the defaults');
    expect(before).to.include('Holm-corrected');
    const [saved] = rate(before, 'co-destruction');
    expect(saved).to.be.within(0, 15);

    const form = (await lead.get('/projects/p4c/settings')).text;
    const fields = Object.fromEntries(
      [...form.matchAll(/name="(t_\w+|reminderDays)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    await postForm(
      lead,
      '/projects/p4c/settings',
      { ...fields, t_alpha: '0.5', t_watchAlpha: '0.6', t_minChange: '0', t_minLinked: '2' },
      303,
      '/projects/p4c/settings',
    );
    const after = (await lead.get('/projects/p4c/settings').expect(200)).text;
    expect(after).to.include('With the defaults');
    const [loose, strict] = rate(after, 'co-destruction');
    expect(strict).to.equal(saved);
    expect(loose).to.be.above(strict!);
    expect(after).to.include('with a false-alarm chance of 0.5 per project');
  });

  it('schedules a series, refuses overlaps with a message beside the field, extends and closes early', async function () {
    const overlap = await postForm(
      lead,
      '/projects/p4c/waves/series',
      {
        labelPrefix: 'Wave',
        firstNumber: '3',
        firstOpensOn: '2026-06-10',
        everyMonths: '3',
        count: '2',
        openDays: '21',
      },
      409,
      '/projects/p4c/waves',
    );
    expect(overlap.headers['x-error-code']).to.equal(undefined);
    expect(overlap.text)
      .to.include('These dates overlap &#34;Wave 2&#34; (2026-06-01 to 2026-06-21)')
      .and.include('value="2026-06-10"');
    await postForm(
      lead,
      '/projects/p4c/waves/series',
      {
        labelPrefix: 'Wave',
        firstNumber: '3',
        firstOpensOn: '2026-09-01',
        everyMonths: '3',
        count: '2',
        openDays: '21',
      },
      303,
      '/projects/p4c/waves',
    );
    const timeline = await services.waves.timeline(await services.projects.bySlug('p4c'));
    expect(timeline.map((w) => [w.label, w.opensOn, w.closesOn, w.state])).to.deep.equal([
      ['Wave 1', '2026-03-01', '2026-03-21', 'open'],
      ['Wave 2', '2026-06-01', '2026-06-21', 'scheduled'],
      ['Wave 3', '2026-09-01', '2026-09-21', 'scheduled'],
      ['Wave 4', '2026-12-01', '2026-12-21', 'scheduled'],
    ]);
    const [w1, w2] = timeline;
    await postForm(
      lead,
      `/projects/p4c/waves/${w1!.id}/closing`,
      { closesOn: '2026-06-01' },
      409,
      '/projects/p4c/waves',
    );
    await postForm(
      lead,
      `/projects/p4c/waves/${w1!.id}/closing`,
      { closesOn: '2026-02-01' },
      400,
      '/projects/p4c/waves',
    );
    await postForm(
      lead,
      `/projects/p4c/waves/${w1!.id}/closing`,
      { closesOn: '2026-03-28' },
      303,
      '/projects/p4c/waves',
    );
    await postForm(lead, `/projects/p4c/waves/${w1!.id}/close`, {}, 303, '/projects/p4c/waves');
    expect((await store.waves.get(w1!.id))?.closesOn).to.equal('2026-03-09');
    await postForm(lead, `/projects/p4c/waves/${w2!.id}/closing`, { closesOn: 'soon' }, 400, '/projects/p4c/waves');
  });

  it('adds, imports with line-numbered errors, edits, withdraws and erases participants', async function () {
    const page = '/projects/p4c/participants';
    await postForm(
      lead,
      page,
      { code: 'CG-010', group: 'caregiver', language: 'en', mode: 'web', email: 'x@example.org' },
      303,
      page,
    );
    const dup = await postForm(
      lead,
      page,
      { code: 'CG-010', group: 'caregiver', language: 'en', mode: 'web', email: '' },
      400,
      page,
    );
    expect(dup.text).to.include('id="f-code-error"');
    const bad = await postForm(
      lead,
      `${page}/import`,
      { csv: 'code,group\nCG-020,caregiver\nCG-021,nobody\n' },
      400,
      page,
    );
    expect(bad.text).to.include('line 3: unknown group');
    expect(await store.participants.getByCode((await services.projects.bySlug('p4c')).id, 'CG-020')).to.equal(null);
    await postForm(lead, `${page}/import`, { csv: 'code,group\nCG-020,caregiver\n' }, 303, page);
    await postForm(lead, `${page}/CG-010`, { group: 'provider', language: 'it', mode: 'paper' }, 303, page);
    await postForm(lead, `${page}/CG-010/withdraw`, {}, 303, page);
    const project = await services.projects.bySlug('p4c');
    const p = (await store.participants.getByCode(project.id, 'CG-010'))!;
    expect([p.group, p.language, p.mode, p.status]).to.deep.equal(['provider', 'it', 'paper', 'withdrawn']);

    const anna = (await store.participants.getByCode(project.id, 'CG-001'))!;
    const wave = (await store.waves.list(project.id))[0]!;
    await store.responses.submit({
      projectId: project.id,
      participantId: anna.id,
      waveId: wave.id,
      group: 'caregiver',
      answers: { trust_1: 4 },
      source: 'paper',
      enteredBy: null,
      at: '2026-03-05T10:00:00Z',
    });
    await postForm(lead, `${page}/CG-001/erase`, { confirm: 'wrong' }, 400, `${page}/CG-001`);
    await postForm(lead, `${page}/CG-001/erase`, { confirm: 'CG-001' }, 303, `${page}/CG-001`);
    expect(await store.participants.get(anna.id)).to.equal(null);
    expect(await store.responses.get(anna.id, wave.id)).to.equal(null);
    const erasure = (await store.audit.list({ projectId: project.id })).find((e) => e.action === 'participant.erase')!;
    expect(JSON.stringify(erasure)).to.not.include('CG-001');
    const csv = await lead.get('/projects/p4c/exports/responses.csv').expect(200);
    expect(csv.text).to.not.include('CG-001').and.not.include('@example.org');
  });

  it('adds a participant enrolled on the day given, today by default, and shows a bad day beside its field', async function () {
    const page = '/projects/p4c/participants';
    const form = (await lead.get(page).expect(200)).text;
    const start = form.indexOf(`<form method="post" action="${page}"`);
    const addForm = form.slice(start, form.indexOf('</form>', start));
    expect(addForm)
      .to.include('name="_csrf"')
      .and.include('<input id="f-enrolledOn" name="enrolledOn" type="date" value="2026-03-10"');
    const fields = { group: 'caregiver', language: 'en', mode: 'web', email: '' };
    await postForm(lead, page, { ...fields, code: 'CG-050', enrolledOn: '2026-02-14' }, 303, page);
    await postForm(lead, page, { ...fields, code: 'CG-051', enrolledOn: '' }, 303, page);
    await postForm(lead, page, { ...fields, code: 'CG-052' }, 303, page);
    const bad = await postForm(lead, page, { ...fields, code: 'CG-053', enrolledOn: '2026-02-30' }, 400, page);
    expect(bad.text)
      .to.include('id="f-enrolledOn-error"')
      .and.include('the enrolment date &#34;2026-02-30&#34; is not a date as YYYY-MM-DD')
      .and.include('value="CG-053"');
    const project = await services.projects.bySlug('p4c');
    const enrolled = async (code: string) => (await store.participants.getByCode(project.id, code))?.enrolledOn ?? null;
    expect([
      await enrolled('CG-050'),
      await enrolled('CG-051'),
      await enrolled('CG-052'),
      await enrolled('CG-053'),
    ]).to.deep.equal(['2026-02-14', '2026-03-10', '2026-03-10', null]);
    expect((await lead.get(page).expect(200)).text).to.include('<td>14 February 2026</td>');
  });

  it('imports enrolment dates pasted or uploaded, today where a line has none, and refuses a bad day by its line', async function () {
    const page = '/projects/p4c/participants';
    const project = await services.projects.bySlug('p4c');
    const enrolled = async (code: string) => (await store.participants.getByCode(project.id, code))?.enrolledOn ?? null;
    const bad = await postForm(
      lead,
      `${page}/import`,
      { csv: 'code,group,enrolled_on\nCG-060,caregiver,2026-01-05\nCG-061,caregiver,March 3\n' },
      400,
      page,
    );
    expect(bad.text).to.include('line 3: the enrolment date &#34;March 3&#34; is not a date as YYYY-MM-DD');
    expect(await enrolled('CG-060')).to.equal(null);
    await postForm(
      lead,
      `${page}/import`,
      { csv: 'code,group,enrolled_on\nCG-060,caregiver,2026-01-05\nCG-061,caregiver,\n' },
      303,
      page,
    );
    const token = await csrfFor(lead, page);
    const badFile = await lead
      .post(`${page}/import`)
      .field('_csrf', token)
      .attach('file', Buffer.from('code,group,enrolled_on\nCG-070,caregiver,2026-13-01\n'), 'people.csv')
      .expect(400);
    expect(badFile.text).to.include('line 2: the enrolment date');
    await lead
      .post(`${page}/import`)
      .field('_csrf', token)
      .attach(
        'file',
        Buffer.from('code,enrolled_on,group\r\nCG-070,2025-12-01,provider\r\nCG-071,,provider\r\n'),
        'people.csv',
      )
      .expect(303);
    expect([
      await enrolled('CG-060'),
      await enrolled('CG-061'),
      await enrolled('CG-070'),
      await enrolled('CG-071'),
    ]).to.deep.equal(['2026-01-05', '2026-03-10', '2025-12-01', '2026-03-10']);
  });

  it('records the day a participant is withdrawn, and shows it', async function () {
    const page = '/projects/p4c/participants';
    await postForm(lead, `${page}/CG-002/withdraw`, {}, 303, `${page}/CG-002`);
    const project = await services.projects.bySlug('p4c');
    expect(await store.participants.getByCode(project.id, 'CG-002')).to.deep.include({
      status: 'withdrawn',
      withdrawnOn: '2026-03-10',
    });
    expect((await lead.get(`${page}/CG-002`).expect(200)).text).to.include('Status: withdrawn on 10 March 2026.');
  });

  it('shows monitoring per group with paper and web, and who has not answered', async function () {
    const project = await services.projects.bySlug('p4c');
    const wave = (await store.waves.list(project.id))[0]!;
    const ben = (await store.participants.getByCode(project.id, 'CG-002'))!;
    await store.responses.submit({
      projectId: project.id,
      participantId: ben.id,
      waveId: wave.id,
      group: 'caregiver',
      answers: { trust_1: 4 },
      source: 'web',
      enteredBy: null,
      at: '2026-03-05T10:00:00Z',
    });
    const [first] = await services.monitoring.progress(project);
    expect(
      first!.groups.map((g) => [g.group, g.invited, g.submitted, g.submittedWeb, g.submittedPaper, g.responseRate]),
    ).to.deep.equal([
      ['caregiver', 2, 1, 1, 0, 0.5],
      ['provider', 1, 0, 0, 0, 0],
    ]);
    expect(first!.notResponded.map((p) => p.code)).to.deep.equal(['CG-001', 'PR-001']);
    const page = await lead.get('/projects/p4c/monitoring').expect(200);
    expect(page.text).to.include('50%').and.include('PR-001');
  });
  it('imports participants from an uploaded CSV file, and refuses a bad one line by line', async function () {
    const page = '/projects/p4c/participants';
    const token = await csrfFor(lead, page);
    const bad = await lead
      .post(`${page}/import`)
      .field('_csrf', token)
      .attach('file', Buffer.from('code,group\nCG-030,caregiver\nCG-031,martians\n'), 'people.csv')
      .expect(400);
    expect(bad.text).to.include('line 3');
    const project = (await store.projects.getBySlug('p4c'))!;
    expect(await store.participants.getByCode(project.id, 'CG-030')).to.equal(null);
    await lead
      .post(`${page}/import`)
      .field('_csrf', token)
      .attach('file', Buffer.from('\ufeffcode,group,mode\r\nCG-030,caregiver,paper\r\n'), 'people.csv')
      .expect(303);
    expect((await store.participants.getByCode(project.id, 'CG-030'))?.mode).to.equal('paper');
    await lead
      .post(`${page}/import`)
      .attach('file', Buffer.from('code,group\nCG-040,caregiver\n'), 'people.csv')
      .expect(403);
  });

  it('loads the project and the signed-in user once for each project page', async function () {
    const wave = seeded.wave1.id;
    const pages = [
      '',
      '/settings',
      '/waves',
      '/participants',
      '/participants/CG-001',
      '/monitoring',
      '/audit',
      '/contacts',
      '/contacts/letters',
      '/exports',
      '/exports/responses.csv',
      '/exports/trends.csv',
      '/paper',
      `/paper/entry?wave=${wave}&participant=CG-001`,
      `/waves/${wave}/paper-pack`,
      '/dashboard',
      '/report',
      '/codebook',
    ];
    // By slug from the guard, or by id from anywhere else: either is a load.
    const projectLoads = [countCalls(store.projects, 'getBySlug'), countCalls(store.projects, 'get')];
    const userLoads = countCalls(store.users, 'get');
    for (const page of pages) {
      for (const counter of [...projectLoads, userLoads]) counter.reset();
      await lead.get(`/projects/p4c${page}`).expect(200);
      const loads = { project: projectLoads[0]!.count() + projectLoads[1]!.count(), user: userLoads.count() };
      expect(loads, page || '/projects/p4c').to.deep.equal({ project: 1, user: 1 });
    }
  });

  describe('a change that cannot be completed', function () {
    const unavailable = () => new DomainError('STORE_UNAVAILABLE', 'the audit log cannot be written');
    const labels = async () => (await store.waves.list(seeded.project.id)).map((w) => w.label);
    const actions = async () => (await store.audit.list({ projectId: seeded.project.id })).map((e) => e.action);

    it('schedules no wave of a series whose second wave cannot be written, and says so beside the form', async function () {
      const token = await csrfFor(lead, '/projects/p4c/waves');
      // As a wave of that name written by another request between the check and the write would.
      failCall(store.waves, 'create', new DomainError('DUPLICATE', 'a wave with this label exists'), 2);
      const res = await lead
        .post('/projects/p4c/waves/series')
        .type('form')
        .send({
          _csrf: token,
          labelPrefix: 'Wave',
          firstNumber: '3',
          firstOpensOn: '2026-09-01',
          everyMonths: '3',
          count: '3',
          openDays: '21',
        })
        .expect(409);
      expect(res.headers['x-error-code']).to.equal(undefined);
      expect(res.text).to.include('value="2026-09-01"');
      expect(await labels()).to.deep.equal(['Wave 1', 'Wave 2']);
      expect(await actions()).to.not.include('wave.series');
    });

    it("keeps no wave of a series whose audit entry cannot be written, and answers with the error's code", async function () {
      const token = await csrfFor(lead, '/projects/p4c/waves');
      failCall(store.audit, 'append', unavailable());
      const res = await lead
        .post('/projects/p4c/waves/series')
        .type('form')
        .send({
          _csrf: token,
          labelPrefix: 'Wave',
          firstNumber: '3',
          firstOpensOn: '2026-09-01',
          everyMonths: '3',
          count: '3',
          openDays: '21',
        })
        .expect(503);
      expect(res.headers['x-error-code']).to.equal('STORE_UNAVAILABLE');
      expect(await labels()).to.deep.equal(['Wave 1', 'Wave 2']);
    });

    it('imports nobody when the audit log cannot be written', async function () {
      const token = await csrfFor(lead, '/projects/p4c/participants');
      failCall(store.audit, 'append', unavailable());
      const res = await lead
        .post('/projects/p4c/participants/import')
        .type('form')
        .send({ _csrf: token, csv: 'code,group\nCG-050,caregiver\n' })
        .expect(503);
      expect(res.headers['x-error-code']).to.equal('STORE_UNAVAILABLE');
      expect((await store.participants.list(seeded.project.id)).map((p) => p.code)).to.deep.equal([
        'CG-001',
        'CG-002',
        'PR-001',
      ]);
    });

    it('withdraws and erases nobody when the audit log cannot be written', async function () {
      const token = await csrfFor(lead, '/projects/p4c/participants/CG-002');
      failCall(store.audit, 'append', unavailable());
      const withdraw = await lead
        .post('/projects/p4c/participants/CG-002/withdraw')
        .type('form')
        .send({ _csrf: token })
        .expect(503);
      expect(withdraw.headers['x-error-code']).to.equal('STORE_UNAVAILABLE');
      expect(await store.participants.getByCode(seeded.project.id, 'CG-002')).to.deep.include({
        status: 'active',
        withdrawnOn: null,
      });
      failCall(store.audit, 'append', unavailable());
      const erase = await lead
        .post('/projects/p4c/participants/CG-002/erase')
        .type('form')
        .send({ _csrf: token, confirm: 'CG-002' })
        .expect(503);
      expect(erase.headers['x-error-code']).to.equal('STORE_UNAVAILABLE');
      expect(await store.participants.getByCode(seeded.project.id, 'CG-002')).to.not.equal(null);
      expect(await actions()).to.not.include.members(['participant.withdraw', 'participant.erase']);
    });

    it('keeps the settings when the audit log cannot be written', async function () {
      const form = (await lead.get('/projects/p4c/settings').expect(200)).text;
      const fields = Object.fromEntries(
        [...form.matchAll(/name="(t_\w+|reminderDays|_csrf)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
      );
      failCall(store.audit, 'append', unavailable());
      const res = await lead
        .post('/projects/p4c/settings')
        .type('form')
        .send({ ...fields, reminderDays: '9' })
        .expect(503);
      expect(res.headers['x-error-code']).to.equal('STORE_UNAVAILABLE');
      expect((await store.projects.get(seeded.project.id))?.settings).to.deep.equal(seeded.project.settings);
    });

    it('creates no project when the audit log cannot be written', async function () {
      const admin = await signIn(app, await staffUser(services, 'admin'));
      const form = (await admin.get('/projects/new').expect(200)).text;
      const fields = Object.fromEntries(
        [...form.matchAll(/name="(t_\w+|reminderDays|_csrf)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
      );
      failCall(store.audit, 'append', unavailable());
      const res = await admin
        .post('/projects/new')
        .type('form')
        .send({
          ...fields,
          name: 'Caring Together',
          slug: 'caring',
          instrument: 'coassess-core@1',
          groups: 'caregiver | Carers | Familiari',
        })
        .expect(503);
      expect(res.headers['x-error-code']).to.equal('STORE_UNAVAILABLE');
      expect(await store.projects.getBySlug('caring')).to.equal(null);
    });
  });
});
