import { expect } from 'chai';
import request from 'supertest';
import { ACCESS_CODE_ALPHABET } from '../../../server/domain/access-code.js';
import { receiptReference } from '../../../server/domain/receipt-reference.js';
import { formatLocalDateTime } from '../../../server/i18n/format.js';
import type { Participant, Project, Wave } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFrom, decodeEntities } from '../../helpers/forms.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

type Agent = ReturnType<typeof request.agent>;

const ANSWERED = { trust_1: '4', trust_2: '5', trust_3: '2', trust_4: 'NA', trust_5: '3' };
const texts = (contact: string, controller = 'Cooperativa Valle, via Roma 1, Sondrio') => ({
  it_controller: controller,
  it_privacyNotice: 'Conserviamo le risposte per 5 anni.',
  it_contact: contact,
  it_consentText: '',
  en_controller: 'Valley Cooperative, 1 Rome Street, Sondrio',
  en_privacyNotice: 'We keep answers for 5 years.',
  en_contact: `${contact} (English)`,
  en_consentText: 'Taking part is up to you.',
});

/** Check your answers, resuming, consent with the project's versioned texts, and the receipt (issue 17). */
describe('participant pages: check, resume, consent texts and receipt', function () {
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let project: Project;
  let anna: Participant; // caregiver, Italian
  let ben: Participant; // caregiver, English
  let wave1: Wave;

  beforeEach(async () => {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:04:00Z')));
    ({ app } = testApp(services));
    const seeded = await seededProject(services);
    ({ project, wave1 } = seeded);
    [anna, ben] = seeded.participants as [Participant, Participant];
  });
  afterEach(() => store.close());

  async function consent(agent: Agent, p: Participant, version?: string, from = '') {
    const page = await agent.get(`/s/${p.token}${from}`).expect(200);
    const shown = /name="version" value="(\d+)"/.exec(page.text)?.[1];
    return agent
      .post(`/s/${p.token}/consent`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), consent: 'yes', version: version ?? shown });
  }
  async function save(agent: Agent, p: Participant, n: number, fields: Record<string, string>, query = '') {
    const page = await agent.get(`/s/${p.token}/section/${n}${query}`).expect(200);
    return agent
      .post(`/s/${p.token}/section/${n}${query}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields })
      .expect(303);
  }
  /** The unanswered list of the check page: per section heading, each question's link and whether it is marked optional. */
  function unansweredOf(html: string) {
    const block = /<div class="unanswered">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    return [
      ...block.matchAll(/<h3 class="heading-s">([^<]+)<\/h3>\s*<ul class="unanswered-list">([\s\S]*?)<\/ul>/g),
    ].map(([, title, list]) => ({
      title: decodeEntities(title!),
      items: [...list!.matchAll(/<li><a href="([^"]+)">[^<]*(<span class="optional">)?/g)].map(
        ([, href, optional]) => ({ href: href!, optional: optional !== undefined }),
      ),
    }));
  }

  it('lists every unanswered question under its section, each linked to its field, the open ones marked optional', async function () {
    const agent = request.agent(app);
    await consent(agent, ben).then((res) => expect(res.status).to.equal(303));
    await save(agent, ben, 1, ANSWERED);
    // Section 2 answered in part; sections 3 to 6 skipped whole by going straight to the check page.
    await save(agent, ben, 2, { engagement_1: '3', engagement_2: '2', engagement_3: '4' });
    const page = await agent.get(`/s/${ben.token}/check`).expect(200);
    const listed = unansweredOf(page.text);
    expect(listed.map((s) => s.title)).to.deep.equal([
      'Taking part',
      'Working together',
      'Having a say',
      'The load of taking part',
      'In your own words',
    ]);
    expect(listed[0]!.items.map((i) => i.href)).to.deep.equal([
      `/s/${ben.token}/section/2?return=check#engagement_4-1`,
      `/s/${ben.token}/section/2?return=check#engagement_5-1`,
    ]);
    expect(listed.slice(1, 4).map((s) => s.items.length)).to.deep.equal([5, 5, 5]);
    expect(listed.slice(0, 4).every((s) => s.items.every((i) => !i.optional))).to.equal(true);
    expect(listed[4]!.items.map((i) => [i.href.split('#')[1], i.optional])).to.deep.equal([
      ['open_1', true],
      ['open_2', true],
      ['open_3', true],
    ]);
    // Each link leads to a field that is on the page it names.
    for (const { href } of listed.flatMap((s) => s.items)) {
      const [path, field] = href.split('#') as [string, string];
      expect((await agent.get(path).expect(200)).text).to.include(`id="${field}`);
    }
    // The whole answers list marks the open questions as optional too.
    expect(page.text.match(/<dt class="summary-key">[^<]*<span class="muted">\(optional\)<\/span>/g)).to.have.length(3);
  });

  it('says every question is answered when none is left', async function () {
    const agent = request.agent(app);
    await consent(agent, ben);
    const visit = await services.questionnaires.visit(ben.token);
    for (const [i, section] of visit.sections.entries())
      await save(
        agent,
        ben,
        i + 1,
        Object.fromEntries(section.items.map((item) => [item.id, item.type === 'text' ? 'Fine' : '3'])),
      );
    const page = await agent.get(`/s/${ben.token}/check`).expect(200);
    expect(unansweredOf(page.text)).to.deep.equal([]);
    expect(page.text).to.include('You have answered every question.');
  });

  it('resumes after a section saved all blank, not on it again', async function () {
    const agent = request.agent(app);
    await consent(agent, anna);
    await save(agent, anna, 1, ANSWERED);
    await save(agent, anna, 2, {});
    await request(app).get(`/s/${anna.token}`).expect(303).expect('Location', `/s/${anna.token}/section/3`);
    // Blank sections saved in a row: the participant picks up after the last of them.
    await save(agent, anna, 3, {});
    await request(app).get(`/s/${anna.token}`).expect(303).expect('Location', `/s/${anna.token}/section/4`);
    expect((await store.responses.get(anna.id, wave1.id))?.savedSections).to.deep.equal([
      'about_trust',
      'taking_part',
      'working_together',
    ]);
  });

  it('gives section 1 a Back link to the start, which shows the consent already given', async function () {
    const agent = request.agent(app);
    await consent(agent, anna);
    const first = await agent.get(`/s/${anna.token}/section/1`).expect(200);
    expect(first.text).to.include(`<a class="link-back" href="/s/${anna.token}/consent">Indietro</a>`);
    const second = await agent.get(`/s/${anna.token}/section/2`).expect(200);
    expect(second.text).to.include(`<a class="link-back" href="/s/${anna.token}/section/1">Indietro</a>`);
    const start = await agent.get(`/s/${anna.token}/consent`).expect(200);
    expect(start.text).to.match(/id="consent" name="consent" type="checkbox" value="yes" checked/);
    // Continuing from there goes on to section 1, and consent is not recorded twice.
    const again = await consent(agent, anna, undefined, '/consent');
    expect(again.headers.location).to.equal(`/s/${anna.token}/section/1`);
    const given = (await store.audit.list({ projectId: project.id })).filter((e) => e.action === 'consent.given');
    expect(given).to.have.length(1);
  });

  it('shows the built-in texts with the data controller, privacy notice and contact, and records version 0', async function () {
    const agent = request.agent(app);
    const page = await agent.get(`/s/${anna.token}`).expect(200);
    for (const heading of [
      'Chi è responsabile dei suoi dati (titolare del trattamento)',
      'Come vengono usate e conservate le risposte',
      'Domande o dubbi',
    ])
      expect(decodeEntities(page.text)).to.include(heading);
    expect(decodeEntities(page.text)).to.include('Il gruppo che gestisce Place4Carers.');
    expect(page.text).to.include('name="version" value="0"');
    expect((await consent(agent, anna)).status).to.equal(303);
    expect((await store.responses.get(anna.id, wave1.id))?.consentVersion).to.equal(0);
  });

  it("shows the project's texts in the participant's language and records the version agreed to, even after a newer one", async function () {
    await services.consent.save(project, texts('Maria, 0342 123456'), 'lead');
    await services.consent.save(project, texts('Maria, 0342 654321'), 'lead');
    const agent = request.agent(app);
    const page = await agent.get(`/s/${anna.token}`).expect(200);
    const shown = decodeEntities(page.text);
    expect(shown).to.include('Cooperativa Valle, via Roma 1, Sondrio').and.include('Maria, 0342 654321');
    expect(shown).to.include('Conserviamo le risposte per 5 anni.');
    // The Italian consent text was left empty: the built-in one stands in.
    expect(shown).to.include('Partecipare è volontario');
    expect(page.text).to.include('name="version" value="2"');
    // A third version is saved while the page is on screen: the participant agreed to what they read.
    await services.consent.save(project, texts('Luca, 0342 000000'), 'lead');
    expect((await consent(agent, anna, '2')).status).to.equal(303);
    expect((await store.responses.get(anna.id, wave1.id))?.consentVersion).to.equal(2);
    const given = (await store.audit.list({ projectId: project.id })).find((e) => e.action === 'consent.given');
    expect(given?.details).to.include({ consentVersion: 2 });
    // Every version stays as it was saved.
    expect((await services.consent.version(project, 1))?.texts.it?.contact).to.equal('Maria, 0342 123456');
  });

  it('refuses a consent to a version the project never had, as typed, opening no draft', async function () {
    const agent = request.agent(app);
    const res = await consent(agent, ben, '7');
    expect(res.status).to.equal(400);
    expect(res.text).to.include('Tick the box to agree before you start');
    expect(await store.responses.get(ben.id, wave1.id)).to.equal(null);
    expect((await consent(agent, ben, 'x')).status).to.equal(400);
    expect(await store.responses.get(ben.id, wave1.id)).to.equal(null);
  });

  it('shows on the receipt a stable short reference, the local date and time, what happens next and whom to contact', async function () {
    await services.consent.save(project, texts('Maria, 0342 123456'), 'lead');
    // Sent at the clock's 09:04 UTC, shown in the project's time zone (UTC unless the project names one).
    const sent = (lang: 'it' | 'en') =>
      formatLocalDateTime(lang, '2026-03-10T09:04:00.000Z', services.projects.timeZoneOf(project));
    expect(sent('en')).to.match(/^10 March 2026 at \d\d:04$/);
    for (const [p, sentOn, next, contact] of [
      [anna, `il ${sent('it')}`, 'Quando si chiude «Wave 1»', 'Maria, 0342 123456'],
      [ben, `on ${sent('en')}`, 'When Wave 1 closes', 'Maria, 0342 123456 (English)'],
    ] as const) {
      const agent = request.agent(app);
      await consent(agent, p);
      await save(agent, p, 1, ANSWERED);
      const check = await agent.get(`/s/${p.token}/check`).expect(200);
      await agent
        .post(`/s/${p.token}/submit`)
        .type('form')
        .send({ _csrf: csrfFrom(check.text) })
        .expect(303);
      const done = decodeEntities((await agent.get(`/s/${p.token}/done`).expect(200)).text);
      const reference = /<strong class="reference">([^<]+)<\/strong>/.exec(done)?.[1] ?? '';
      expect(reference).to.equal(receiptReference(p.id, wave1.id));
      expect(reference).to.match(/^[^-]{3}-[^-]{3}-[^-]{3}$/);
      expect([...reference.replace(/-/g, '')].every((c) => ACCESS_CODE_ALPHABET.includes(c))).to.equal(true);
      expect(reference).to.not.include(p.code).and.not.include(p.accessCode.slice(0, 4));
      expect(done).to.include(sentOn).and.include(next).and.include(contact);
      // The same reference every time the receipt is shown, from the link as from /done.
      expect(decodeEntities((await agent.get(`/s/${p.token}`).expect(200)).text)).to.include(
        `<strong class="reference">${reference}</strong>`,
      );
    }
    expect(receiptReference(anna.id, wave1.id)).to.not.equal(receiptReference(ben.id, wave1.id));
  });

  it('names the languages in the menu and uses Lei in the skip link', async function () {
    const page = await request(app).get('/s?lang=it').expect(200);
    expect(page.text).to.include('>Vada al contenuto principale</a>');
    expect(page.text).to.include('<span aria-current="true">Italiano</span>');
    expect(page.text).to.include('lang="en" hreflang="en">English</a>');
  });
});
