import { expect } from 'chai';
import request from 'supertest';
import type { Participant, Project, Wave } from '../../../server/domain/records.js';
import { DomainError } from '../../../server/domain/errors.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFrom } from '../../helpers/forms.js';
import { failCall } from '../../helpers/store-faults.js';
import { signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { expectDomainError, seededProject, testServices } from '../../helpers/test-services.js';

describe('correcting a submitted response (staff)', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let project: Project;
  let anna: Participant; // CG-001, paper
  let bo: Participant; // CG-002, web
  let wave1: Wave;
  const agents = new Map<string, Agent>();
  let leadName: string;

  const url = (code: string) => `/projects/p4c/responses/${code}/${wave1.id}`;

  beforeEach(async () => {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    const seeded = await seededProject(services);
    await seededProject(services, 'other');
    project = seeded.project;
    [anna, bo] = seeded.participants as [Participant, Participant];
    wave1 = seeded.wave1;
    const lead = await staffUser(services, 'lead', 'p4c');
    leadName = lead.name;
    agents.set('lead', await signIn(app, lead));
    for (const role of ['evaluator', 'data-entry'] as const)
      agents.set(role, await signIn(app, await staffUser(services, role, 'p4c')));
    agents.set('lead of another project', await signIn(app, await staffUser(services, 'lead', 'other')));
    const clerk = (await store.users.list()).find((u) => u.email.startsWith('data-entry'))!;
    await services.paper.enter(
      project,
      wave1.id,
      'CG-001',
      { trust_1: '4', trust_2: 'na', open_1: 'Scritto a mano' },
      clerk.id,
    );
    // Bo answered on the web himself.
    await store.responses.submit({
      projectId: project.id,
      participantId: bo.id,
      waveId: wave1.id,
      group: 'caregiver',
      answers: { trust_1: 5, open_1: 'Very good service' },
      source: 'web',
      enteredBy: null,
      at: '2026-03-05T18:00:00.000Z',
    });
  });
  afterEach(() => store.close());

  async function correct(who: string, code: string, fields: Record<string, string>, status: number) {
    const agent = agents.get(who)!;
    const form = await agent.get(url(code)).expect(200);
    return agent
      .post(url(code))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), ...fields })
      .expect(status);
  }

  describe('who may open and correct it', function () {
    // [who, the paper response (CG-001), the web response (CG-002)]
    const table: [string, number, number][] = [
      ['lead', 200, 200],
      ['data-entry', 200, 403],
      ['evaluator', 403, 403],
      ['lead of another project', 404, 404],
    ];
    for (const [who, paper, web] of table) {
      it(`${who}: ${paper} for a paper response, ${web} for a web response`, async function () {
        const agent = agents.get(who)!;
        expect((await agent.get(url('CG-001')).set('Accept', 'text/html')).status).to.equal(paper);
        expect((await agent.get(url('CG-002')).set('Accept', 'text/html')).status).to.equal(web);
      });
    }

    it('refuses posts from those who may not correct, and keeps the answers', async function () {
      const token = csrfFrom((await agents.get('data-entry')!.get(url('CG-001')).expect(200)).text);
      const post = (who: string, code: string) =>
        agents.get(who)!.post(url(code)).type('form').send({ _csrf: token, trust_1: '1', reason: 'x' });
      expect((await post('data-entry', 'CG-002')).status).to.be.oneOf([403]);
      const evaluatorToken = csrfFrom((await agents.get('evaluator')!.get('/account').expect(200)).text);
      const res = await agents
        .get('evaluator')!
        .post(url('CG-001'))
        .type('form')
        .send({ _csrf: evaluatorToken, trust_1: '1', reason: 'x' });
      expect(res.status).to.equal(403);
      const otherToken = csrfFrom((await agents.get('lead of another project')!.get('/account').expect(200)).text);
      const other = await agents
        .get('lead of another project')!
        .post(url('CG-001'))
        .type('form')
        .send({ _csrf: otherToken, trust_1: '1', reason: 'x' });
      expect(other.status).to.equal(404);
      expect((await store.responses.get(anna.id, wave1.id))?.answers).to.include({ trust_1: 4 });
      expect((await store.responses.get(bo.id, wave1.id))?.answers).to.include({ trust_1: 5 });
    });

    it('sends a visitor who is not signed in to the login page, and refuses a post without its CSRF token', async function () {
      const res = await request(app).get(url('CG-001')).set('Accept', 'text/html');
      expect(res.status).to.be.oneOf([302, 303]);
      expect(res.headers.location).to.include('/login');
      const forged = await agents.get('lead')!.post(url('CG-001')).type('form').send({ trust_1: '1', reason: 'x' });
      expect(forged.status).to.equal(403);
      expect(await store.responses.history(anna.id, wave1.id)).to.deep.equal([]);
    });

    it('answers 404 for an unknown participant, wave or a response not yet submitted', async function () {
      const lead = agents.get('lead')!;
      expect((await lead.get('/projects/p4c/responses/NOPE/' + wave1.id)).status).to.equal(404);
      expect((await lead.get('/projects/p4c/responses/CG-001/no-such-wave')).status).to.equal(404);
      expect((await lead.get(url('PR-001'))).status).to.equal(404);
    });
  });

  it("corrects a participant's web answers with a reason, keeps the history, and leaves their receipt as they sent it", async function () {
    await correct(
      'lead',
      'CG-002',
      { trust_1: '5', open_1: 'Good service', trust_2: '3', reason: 'Participant phoned: typo' },
      303,
    );
    const current = await store.responses.get(bo.id, wave1.id);
    expect(current).to.deep.include({
      status: 'submitted',
      source: 'web',
      submittedAt: '2026-03-05T18:00:00.000Z',
      answers: { trust_1: 5, open_1: 'Good service', trust_2: 3 },
      revisedAt: '2026-03-10T09:00:00.000Z',
    });
    const history = await store.responses.history(bo.id, wave1.id);
    expect(history.map((r) => [r.itemId, r.from, r.to, r.reason])).to.deep.equal([
      ['trust_2', null, 3, 'Participant phoned: typo'],
      ['open_1', 'Very good service', 'Good service', 'Participant phoned: typo'],
    ]);
    const logged = (await store.audit.list({ projectId: project.id, limit: 5 })).find(
      (e) => e.action === 'response.revise',
    );
    expect(logged?.target).to.equal(bo.id);
    expect(logged?.details).to.deep.include({ items: ['trust_2', 'open_1'] });
    expect(JSON.stringify(logged)).to.not.include('CG-002').and.not.include('Good service');

    const page = await agents
      .get('lead')!
      .get(`${url('CG-002')}?done=corrected%202%20answers`)
      .expect(200);
    expect(page.text).to.include('Correction saved: 2 answers changed');
    expect(page.text).to.include('Participant phoned: typo').and.include(leadName);
    expect(page.text).to.include('Very good service').and.include('(no answer)');

    // The participant's own page still shows what they sent.
    const receipt = await request(app).get(`/s/${bo.token}`).expect(200);
    expect(receipt.text).to.include('Very good service').and.not.include('>Good service');
  });

  it("links each submitted response from the participant's page", async function () {
    const page = await agents.get('lead')!.get('/projects/p4c/participants/CG-002').expect(200);
    expect(page.text).to.include(`href="${url('CG-002')}"`);
    const none = await agents.get('lead')!.get('/projects/p4c/participants/PR-001').expect(200);
    expect(none.text).to.include('No submitted response yet.');
  });

  it('lets data-entry staff correct a paper response', async function () {
    await correct('data-entry', 'CG-001', { trust_1: '2', reason: 'Misread the box' }, 303);
    expect((await store.responses.get(anna.id, wave1.id))?.answers).to.deep.equal({
      trust_1: 2,
      trust_2: 'NA',
      open_1: 'Scritto a mano',
    });
  });

  it('requires a reason and valid answers, and keeps what was typed', async function () {
    const noReason = await correct('lead', 'CG-001', { trust_1: '2', reason: '  ' }, 400);
    expect(noReason.text).to.include('Give the reason for this correction.');
    const invalid = await correct('lead', 'CG-001', { trust_1: '9', reason: 'Misread' }, 400);
    expect(invalid.text).to.include('value="9"').and.include('Misread');
    const nothing = await correct('lead', 'CG-001', { trust_1: '4', reason: 'Misread' }, 400);
    expect(nothing.text).to.include('No answer was changed');
    expect(await store.responses.history(anna.id, wave1.id)).to.deep.equal([]);
    expect((await store.responses.get(anna.id, wave1.id))?.revisedAt).to.equal(null);
  });

  it('keeps no correction when its audit entry cannot be written', async function () {
    const lead = agents.get('lead')!;
    const form = await lead.get(url('CG-001')).expect(200);
    failCall(store.audit, 'append', new DomainError('STORE_UNAVAILABLE', 'the audit log cannot be written'));
    await lead
      .post(url('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), trust_1: '1', reason: 'Misread' })
      .expect(503);
    expect((await store.responses.get(anna.id, wave1.id))?.answers).to.include({ trust_1: 4 });
    expect(await store.responses.history(anna.id, wave1.id)).to.deep.equal([]);
  });

  it('names the problems by code in the service', async function () {
    const lead = (await store.users.list()).find((u) => u.email.startsWith('lead'))!;
    const by = { id: lead.id, role: 'lead' as const };
    const problems = await expectDomainError(
      services.corrections.correct(project, 'CG-001', wave1.id, { trust_1: '9' }, '', by),
      'VALIDATION',
    );
    expect(problems.problems.map((p) => p.where).sort()).to.deep.equal(['reason', 'trust_1']);
    await expectDomainError(
      services.corrections.correct(project, 'CG-002', wave1.id, { trust_1: '1' }, 'x', {
        id: lead.id,
        role: 'data-entry',
      }),
      'FORBIDDEN',
    );
    await expectDomainError(services.corrections.open(project, 'PR-001', wave1.id, 'lead'), 'NOT_FOUND');
  });
});
