import { expect } from 'chai';
import request from 'supertest';
import type { Participant, Wave } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { formatAccessCode } from '../../../server/domain/access-code.js';
import { DomainError } from '../../../server/domain/errors.js';
import { csrfFrom } from '../../helpers/forms.js';
import { failCall } from '../../helpers/store-faults.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

const TRUST_SECTION = { trust_1: '4', trust_2: '5', trust_3: '2', trust_4: 'NA', trust_5: '3' };

describe('participant journey', function () {
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let anna: Participant; // caregiver, Italian
  let ben: Participant; // caregiver, English
  let wave1: Wave;

  beforeEach(async () => {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    const seeded = await seededProject(services);
    [anna, ben] = seeded.participants as [Participant, Participant];
    wave1 = seeded.wave1;
  });
  afterEach(() => store.close());

  async function consent(agent: ReturnType<typeof request.agent>, p: Participant) {
    const page = await agent.get(`/s/${p.token}`).expect(200);
    await agent
      .post(`/s/${p.token}/consent`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), consent: 'yes' })
      .expect(303)
      .expect('Location', `/s/${p.token}/section/1`);
  }
  async function answer(
    agent: ReturnType<typeof request.agent>,
    p: Participant,
    n: number,
    fields: Record<string, string>,
    query = '',
  ) {
    const page = await agent.get(`/s/${p.token}/section/${n}${query}`).expect(200);
    return agent
      .post(`/s/${p.token}/section/${n}${query}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields });
  }

  it("opens no draft when the consent cannot be recorded, and answers with the error's code in the participant's language", async function () {
    const agent = request.agent(app);
    const page = await agent.get(`/s/${anna.token}`).expect(200);
    failCall(store.audit, 'append', new DomainError('STORE_UNAVAILABLE', 'the audit log cannot be written'));
    const res = await agent
      .post(`/s/${anna.token}/consent`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), consent: 'yes' })
      .expect(503);
    expect(res.headers['x-error-code']).to.equal('STORE_UNAVAILABLE');
    expect(res.text).to.include('<html lang="it">');
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    await consent(agent, anna);
  });

  it('shows a section again as typed, saying in their language it was NOT saved, when the store refuses every write', async function () {
    for (const [p, words] of [
      [ben, 'were NOT saved'],
      [anna, 'NON sono state salvate'],
    ] as const) {
      const agent = request.agent(app);
      await consent(agent, p);
      const page = await agent.get(`/s/${p.token}/section/1`).expect(200);
      // As on a full disk or a read-only file: reads work, every write fails.
      const db = (store as unknown as { db: { pragma(q: string): unknown } }).db;
      db.pragma('query_only = ON');
      const res = await agent
        .post(`/s/${p.token}/section/1`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), ...TRUST_SECTION });
      db.pragma('query_only = OFF');
      expect(res.status).to.equal(503);
      expect(res.headers['x-error-code']).to.equal('NOT_SAVED');
      expect(res.text).to.include(words).and.not.include('has been lost');
      // Every answer as typed, checked again in the form.
      expect(res.text.match(/checked/g)?.length ?? 0).to.be.at.least(Object.keys(TRUST_SECTION).length);
      expect((await store.responses.get(p.id, wave1.id))?.answers ?? {}).to.deep.equal({});
      await answer(agent, p, 1, TRUST_SECTION).then((r) => expect(r.status).to.equal(303));
    }
  });

  it('goes from the personal link through consent, sections, check and submit to a receipt', async function () {
    const agent = request.agent(app);
    const first = await agent.get(`/s/${ben.token}`).expect(200);
    expect(first.text).to.include('<html lang="en">').and.include('Before you start');
    await consent(agent, ben);
    const consentLog = (await store.audit.list({})).find((e) => e.action === 'consent.given');
    expect(consentLog?.details).to.include({ waveId: wave1.id, at: '2026-03-10T09:00:00.000Z' });

    const section1 = await agent.get(`/s/${ben.token}/section/1`).expect(200);
    expect(section1.text).to.include('Section 1 of 6').and.include('<fieldset').and.include('<legend');
    await answer(agent, ben, 1, TRUST_SECTION).then((r) => expect(r.status).to.equal(303));
    expect(await store.responses.get(ben.id, wave1.id)).to.deep.include({
      status: 'draft',
      answers: { trust_1: 4, trust_2: 5, trust_3: 2, trust_4: 'NA', trust_5: 3 },
    });

    for (let n = 2; n <= 6; n += 1) {
      const res = await answer(agent, ben, n, n === 6 ? { open_1: 'Incontri utili' } : {});
      expect(res.headers.location).to.equal(n === 6 ? `/s/${ben.token}/check` : `/s/${ben.token}/section/${n + 1}`);
    }
    const check = await agent.get(`/s/${ben.token}/check`).expect(200);
    expect(check.text)
      .to.include('Check your answers')
      .and.include('Incontri utili')
      .and.include(`/s/${ben.token}/section/1?return=check`);
    const submitted = await agent
      .post(`/s/${ben.token}/submit`)
      .type('form')
      .send({ _csrf: csrfFrom(check.text) })
      .expect(303);
    expect(submitted.headers.location).to.equal(`/s/${ben.token}/done`);
    const done = await agent.get(`/s/${ben.token}/done`).expect(200);
    expect(done.text).to.include('your answers have been sent').and.include('Incontri utili');
    expect((await store.responses.get(ben.id, wave1.id))?.status).to.equal('submitted');

    // Coming back shows the receipt; the answers can no longer be changed.
    expect((await agent.get(`/s/${ben.token}`).expect(200)).text).to.include('your answers have been sent');
    const late = await agent
      .post(`/s/${ben.token}/section/1`)
      .type('form')
      .send({ _csrf: csrfFrom(check.text), trust_1: '1' });
    expect(late.status).to.equal(303);
    expect((await store.responses.get(ben.id, wave1.id))?.answers.trust_1).to.equal(4);
  });

  it('resumes a draft where the participant left off, in a new browser', async function () {
    const first = request.agent(app);
    await consent(first, ben);
    await answer(first, ben, 1, TRUST_SECTION);
    await answer(first, ben, 2, { engagement_1: '3' });
    const second = request.agent(app);
    await second.get(`/s/${ben.token}`).expect(303).expect('Location', `/s/${ben.token}/section/3`);
    const back = await second.get(`/s/${ben.token}/section/1`).expect(200);
    expect(back.text).to.match(/id="trust_1-4" name="trust_1" type="radio" value="4" checked/);
  });

  it('lets people in by access code, typed loosely, and rate-limits wrong codes', async function () {
    const agent = request.agent(app);
    const form = await agent.get('/s').expect(200);
    const loose = formatAccessCode(ben.accessCode).toLowerCase().replace('-', ' ');
    await agent
      .post('/s')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), code: loose })
      .expect(303)
      .expect('Location', `/s/${ben.token}`);
    for (let i = 0; i < 10; i += 1) {
      const wrong = await agent
        .post('/s')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), code: 'ZZZZ-ZZZZ' });
      expect(wrong.status).to.equal(400);
      expect(wrong.text).to.include('could not find that access code').and.include('href="#code"');
    }
    const blocked = await agent
      .post('/s')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), code: formatAccessCode(ben.accessCode) });
    expect(blocked.status).to.equal(429);
    expect(blocked.text).to.include('Too many attempts');
  });

  it('speaks Italian to an Italian participant, and switches language on request', async function () {
    const agent = request.agent(app);
    const page = await agent.get(`/s/${anna.token}`).expect(200);
    expect(page.text).to.include('<html lang="it">').and.include('Prima di iniziare').and.include('href="?lang=en"');
    await consent(agent, anna);
    const section = await agent.get(`/s/${anna.token}/section/1`).expect(200);
    expect(section.text).to.include('Sezione 1 di 6').and.include('Non mi riguarda');
    const bad = await agent
      .post(`/s/${anna.token}/section/1`)
      .type('form')
      .send({ _csrf: csrfFrom(section.text), trust_1: '9' })
      .expect(400);
    expect(bad.text).to.include('C&#39;è un problema').and.include('Scelga una delle risposte');
    const english = await agent.get(`/s/${anna.token}/section/1?lang=en`).expect(200);
    expect(english.text).to.include('<html lang="en">').and.include('Section 1 of 6');
    expect((await agent.get(`/s/${anna.token}/section/1`).expect(200)).text).to.include('<html lang="en">');
  });

  it('refuses out-of-scale, not-offered and oversized answers with messages, keeping what was saved', async function () {
    const agent = request.agent(app);
    await consent(agent, ben);
    await answer(agent, ben, 1, TRUST_SECTION);
    const res = await answer(agent, ben, 1, {
      ...TRUST_SECTION,
      trust_1: '7',
      trust_2: 'abc',
      unknown_item: '5',
      'trust_3[]': '1',
    });
    expect(res.status).to.equal(400);
    expect(res.text).to.include('There is a problem').and.include('href="#trust_1-1"').and.include('href="#trust_2-1"');
    expect((await store.responses.get(ben.id, wave1.id))?.answers).to.deep.equal({
      trust_1: 4,
      trust_2: 5,
      trust_3: 2,
      trust_4: 'NA',
      trust_5: 3,
    });
    const long = await answer(agent, ben, 6, { open_1: 'x'.repeat(5001) });
    expect(long.status).to.equal(400);
    expect(long.text).to.include('too long');
  });

  it('ignores fields that are not questions of the section', async function () {
    const agent = request.agent(app);
    await consent(agent, ben);
    const res = await answer(agent, ben, 1, { ...TRUST_SECTION, unknown_item: '5', engagement_1: '1' });
    expect(res.status).to.equal(303);
    expect((await store.responses.get(ben.id, wave1.id))?.answers).to.deep.equal({
      trust_1: 4,
      trust_2: 5,
      trust_3: 2,
      trust_4: 'NA',
      trust_5: 3,
    });
  });

  it('returns to check your answers after a change link', async function () {
    const agent = request.agent(app);
    await consent(agent, ben);
    await answer(agent, ben, 1, TRUST_SECTION);
    const change = await answer(agent, ben, 1, { ...TRUST_SECTION, trust_1: '1' }, '?return=check');
    expect(change.status).to.equal(303);
    expect(change.headers.location).to.equal(`/s/${ben.token}/check`);
    expect((await store.responses.get(ben.id, wave1.id))?.answers.trust_1).to.equal(1);
  });

  it('sends a participant whose wave closed while a page was open to the page saying so, with the draft kept', async function () {
    let now = new Date('2026-03-10T09:00:00Z');
    const closing = testServices(() => now);
    const { app: closingApp } = testApp(closing.services);
    const seeded = await seededProject(closing.services);
    const late = seeded.participants[1]!;
    const agent = request.agent(closingApp);
    const consentPage = await agent.get(`/s/${late.token}`).expect(200);
    const other = request.agent(closingApp);
    await consent(other, seeded.participants[0]!);
    const section = await other.get(`/s/${seeded.participants[0]!.token}/section/1`).expect(200);
    await other
      .post(`/s/${seeded.participants[0]!.token}/section/1`)
      .type('form')
      .send({ _csrf: csrfFrom(section.text), ...TRUST_SECTION })
      .expect(303);
    const check = await other.get(`/s/${seeded.participants[0]!.token}/check`).expect(200);

    now = new Date('2026-03-22T00:01:00Z'); // wave 1 closed at the end of 21 March
    for (const consentGiven of [undefined, 'yes']) {
      const res = await agent
        .post(`/s/${late.token}/consent`)
        .type('form')
        .send({ _csrf: csrfFrom(consentPage.text), ...(consentGiven ? { consent: consentGiven } : {}) });
      expect(res.status, res.text.slice(0, 200)).to.equal(303);
      expect(res.headers.location).to.equal(`/s/${late.token}`);
    }
    const saved = await other
      .post(`/s/${seeded.participants[0]!.token}/section/1`)
      .type('form')
      .send({ _csrf: csrfFrom(section.text), trust_1: '1' });
    expect(saved.status).to.equal(303);
    const submit = await other
      .post(`/s/${seeded.participants[0]!.token}/submit`)
      .type('form')
      .send({ _csrf: csrfFrom(check.text) });
    expect(submit.status).to.equal(303);
    expect((await agent.get(`/s/${late.token}`).expect(200)).text).to.include('opens on 1 June 2026');
    expect(await closing.store.responses.get(late.id, seeded.wave1.id)).to.equal(null);
    expect(await closing.store.responses.get(seeded.participants[0]!.id, seeded.wave1.id)).to.deep.include({
      status: 'draft',
      answers: { trust_1: 4, trust_2: 5, trust_3: 2, trust_4: 'NA', trust_5: 3 },
    });
    await closing.store.close();
  });

  it('shows the receipt when a section is saved just after another tab submitted', async function () {
    const agent = request.agent(app);
    await consent(agent, ben);
    await answer(agent, ben, 1, TRUST_SECTION);
    const page = await agent.get(`/s/${ben.token}/section/2`).expect(200);
    // The other tab's submit lands after this request has read the draft, before it writes.
    const responses = store.responses;
    const saveDraft = responses.saveDraft.bind(responses);
    responses.saveDraft = async (draft) => {
      responses.saveDraft = saveDraft;
      await services.questionnaires.submit(await services.questionnaires.visit(ben.token));
      return saveDraft(draft);
    };
    const res = await agent
      .post(`/s/${ben.token}/section/2`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), engagement_1: '1' });
    expect(res.status, res.text.slice(0, 200)).to.equal(303);
    expect(res.headers.location).to.equal(`/s/${ben.token}`);
    expect((await agent.get(`/s/${ben.token}`).expect(200)).text).to.include('your answers have been sent');
    expect(await responses.get(ben.id, wave1.id)).to.deep.include({
      status: 'submitted',
      answers: { trust_1: 4, trust_2: 5, trust_3: 2, trust_4: 'NA', trust_5: 3 },
    });
  });

  it('refuses a missing CSRF token and an oversized body without losing anything', async function () {
    const agent = request.agent(app);
    await consent(agent, ben);
    await answer(agent, ben, 1, TRUST_SECTION);
    const forged = await agent.post(`/s/${ben.token}/section/1`).type('form').send({ trust_1: '1' });
    expect(forged.status).to.equal(403);
    expect(forged.headers['x-error-code']).to.equal('CSRF_INVALID');
    expect(forged.text).to.include('nothing was sent');
    const page = await agent.get(`/s/${ben.token}/section/6`);
    const huge = await agent
      .post(`/s/${ben.token}/section/6`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), open_1: 'x'.repeat(200_000) });
    expect(huge.status).to.equal(413);
    expect(huge.text).to.include('too long to send');
    expect((await store.responses.get(ben.id, wave1.id))?.answers.trust_1).to.equal(4);
  });

  it('explains a refused form in the participant language, looked up from the link', async function () {
    const agent = request.agent(app);
    await consent(agent, anna);
    const forged = await agent.post(`/s/${anna.token}/section/1`).type('form').send({ trust_1: '1' }).expect(403);
    expect(forged.text).to.include('<html lang="it">').and.include('Per favore, riprovi');
  });

  it('keeps exactly one submitted response through double submits from two tabs', async function () {
    const agent = request.agent(app);
    await consent(agent, ben);
    await answer(agent, ben, 1, TRUST_SECTION);
    const check = await agent.get(`/s/${ben.token}/check`).expect(200);
    const token = csrfFrom(check.text);
    const results = await Promise.all(
      [1, 2, 3].map(() => agent.post(`/s/${ben.token}/submit`).type('form').send({ _csrf: token })),
    );
    expect(results.map((r) => r.status)).to.deep.equal([303, 303, 303]);
    const responses = [];
    for await (const r of store.responses.iterate(ben.projectId, { status: 'submitted' })) responses.push(r);
    expect(responses).to.have.length(1);
    // The first to arrive sends; the others land on the receipt, told it had already been sent.
    expect(results.map((r) => r.headers.location).sort()).to.deep.equal([
      `/s/${ben.token}/done`,
      `/s/${ben.token}/done?again=1`,
      `/s/${ben.token}/done?again=1`,
    ]);
    const again = await agent.get(`/s/${ben.token}/done?again=1`).expect(200);
    expect(again.text).to.include('had already been sent');
  });

  it('answers unknown and withdrawn links with a friendly 404 and 410', async function () {
    const unknown = await request(app).get('/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').expect(404);
    expect(unknown.text)
      .to.include('We could not find this page')
      .and.not.match(/\bat .*\.ts:\d+/);
    await store.participants.update(ben.id, { status: 'withdrawn' });
    const gone = await request(app).get(`/s/${ben.token}`).expect(410);
    expect(gone.text).to.include('no longer active').and.not.include(`href="/s/${ben.token}"`);
    await request(app).get('/s/short').expect(404);
  });

  it('says when the next wave opens, or that the project has ended', async function () {
    const between = testServices(() => new Date('2026-04-15T09:00:00Z'));
    const { app: betweenApp } = testApp(between.services);
    const seeded = await seededProject(between.services);
    const page = await request(betweenApp).get(`/s/${seeded.participants[1]!.token}`).expect(200);
    expect(page.text).to.include('opens on 1 June 2026');
    const italian = await request(betweenApp).get(`/s/${seeded.participants[0]!.token}`).expect(200);
    expect(italian.text).to.include('1 giugno 2026');
    await between.store.close();

    const after = testServices(() => new Date('2027-01-01T09:00:00Z'));
    const ended = await seededProject(after.services);
    expect(
      (await request(testApp(after.services).app).get(`/s/${ended.participants[1]!.token}`).expect(200)).text,
    ).to.include('have ended');
    await after.store.close();

    const fresh = testServices();
    const project = await fresh.services.projects.create(
      { slug: 'new', name: 'New', instrument: 'coassess-core' },
      'test',
    );
    const [early] = await fresh.services.participants.importCsv(project, 'code,group\nCG-1,caregiver\n', 'test');
    expect((await request(testApp(fresh.services).app).get(`/s/${early!.token}`).expect(200)).text).to.include(
      'No questionnaire has been planned yet',
    );
    await fresh.store.close();
  });
});
