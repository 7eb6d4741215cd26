import { expect } from 'chai';
import request from 'supertest';
import type { Participant, Project, Wave } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFrom, decodeEntities, textareaOf } from '../../helpers/forms.js';
import { signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

describe('"You said, we did": staff page, participant pages, paper pack', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let project: Project;
  let wave1: Wave;
  let wave2: Wave;
  let anna: Participant;
  let ben: Participant;
  let lead: Agent;
  let url: string;

  beforeEach(async function () {
    // Wave 1 has closed; wave 2 is open.
    ({ services, store } = testServices(() => new Date('2026-06-05T09:00:00Z')));
    ({ app } = testApp(services));
    let participants: Participant[];
    ({ project, wave1, wave2, participants } = await seededProject(services));
    [anna, ben] = participants as [Participant, Participant];
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    url = `/projects/p4c/waves/${wave1.id}/summary`;
  });
  afterEach(() => store.close());

  const texts = {
    heard_it:
      'Molti familiari ci hanno detto che gli incontri sono troppo lontani.\n\nAlcuni operatori sono d’accordo.',
    doing_it: 'Dal prossimo mese gli incontri si tengono anche in paese.',
    heard_en: 'Many caregivers told us that meetings are too far away.',
    doing_en: 'From next month, meetings are held in the village too.',
  };

  async function post(fields: Record<string, string>, path = url, lang = 'it') {
    const form = await lead.get(url).set('Accept-Language', lang).expect(200);
    return lead
      .post(path)
      .set('Accept-Language', lang)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), ...fields });
  }

  /** A submitted response to wave 1, as if keyed in before it closed. */
  async function answered(p: Participant): Promise<void> {
    await store.responses.submit({
      projectId: project.id,
      participantId: p.id,
      waveId: wave1.id,
      group: p.group,
      answers: { trust_1: 4 },
      source: 'paper',
      enteredBy: null,
      at: '2026-03-15T10:00:00.000Z',
    });
  }

  it('saves a draft, previews it as participants see it in Italian and in English, publishes and unpublishes it', async function () {
    const empty = await lead.get(url).set('Accept-Language', 'it').expect(200);
    expect(empty.text).to.include('Lei ci ha detto, noi abbiamo fatto: Wave 1');
    expect(empty.text).to.include('Non pubblicato');

    const saved = await post({ action: 'save', heard_it: texts.heard_it, doing_it: texts.doing_it });
    expect(saved.status).to.equal(303);
    expect(saved.headers.location).to.equal(`${url}?done=saved`);
    const again = await lead.get(saved.headers.location!).set('Accept-Language', 'en').expect(200);
    expect(again.text).to.include('The draft was saved.');
    expect(textareaOf(again.text, 'heard_it')).to.equal(texts.heard_it);
    expect(textareaOf(again.text, 'heard_en')).to.equal('');

    // Italian only: the English preview shows the Italian text and says it is in Italian only.
    const preview = await post({ action: 'preview', heard_it: texts.heard_it, doing_it: texts.doing_it }, url, 'en');
    expect(preview.status).to.equal(200);
    const [, enPreview, itPreview] = preview.text.split('<section class="summary-preview">');
    expect(enPreview).to.include('Preview: what participants reading English see');
    expect(enPreview).to.include('You said, we did');
    expect(enPreview).to.include('This summary is written in Italian only.');
    expect(enPreview).to.include(
      '<div lang="it"><p>Molti familiari ci hanno detto che gli incontri sono troppo lontani.</p><p>Alcuni operatori sono d’accordo.</p></div>',
    );
    expect(itPreview).to.include('Lei ci ha detto, noi abbiamo fatto');
    expect(itPreview).to.include('Che cosa stiamo facendo');
    expect(itPreview).to.not.include('solo in');
    expect((await store.waveSummaries.get(wave1.id))?.published).to.equal(null);

    const both = await post({ action: 'preview', ...texts }, url, 'it');
    const [, enBoth] = both.text.split('<section class="summary-preview">');
    expect(enBoth).to.include('Anteprima: che cosa vedono i partecipanti che leggono in inglese');
    expect(enBoth).to.include(texts.heard_en);
    expect(enBoth).to.not.include('only');

    const published = await post({ action: 'publish', ...texts });
    expect(published.status).to.equal(303);
    expect(published.headers.location).to.equal(`${url}?done=published`);
    const after = await lead.get(url).set('Accept-Language', 'en').expect(200);
    expect(after.text).to.match(/Published: version 1, on 5 June 2026, by lead \d+\./);
    expect((await store.waveSummaries.get(wave1.id))?.published?.texts.en?.doing).to.equal(texts.doing_en);

    const withdrawn = await post({}, `${url}/unpublish`);
    expect(withdrawn.status).to.equal(303);
    expect((await store.waveSummaries.get(wave1.id))?.published).to.equal(null);
    const twice = await post({}, `${url}/unpublish`, 'en');
    expect(twice.status).to.equal(409);
    expect(twice.headers['x-error-code']).to.equal('NOT_PUBLISHED');
    expect(twice.text).to.include('There is nothing published to unpublish.');
    const actions = (await store.audit.list({ projectId: project.id }))
      .map((e) => e.action)
      .filter((a) => a.startsWith('summary.'));
    expect(actions.reverse()).to.deep.equal([
      'summary.draft',
      'summary.draft',
      'summary.draft',
      'summary.publish',
      'summary.unpublish',
    ]);
  });

  it('refuses to publish a number while a group of the wave has 4 respondents, keeping the texts, and publishes it at 5', async function () {
    const carers = Array.from({ length: 5 }, (_, i) => `PC-00${i + 1},caregiver,it,web`);
    const more = await services.participants.importCsv(
      project,
      `code,group,language,mode\n${carers.join('\n')}\n`,
      'test',
    );
    for (const p of more.slice(0, 4)) await answered(p);
    const numbers = { ...texts, heard_it: 'Quattro familiari su 4 ci hanno scritto.' };
    const refused = await post({ action: 'publish', ...numbers });
    expect(refused.status).to.equal(400);
    expect(refused.headers['x-error-code']).to.equal('SUMMARY_HAS_NUMBERS');
    expect(refused.text).to.include('I numeri («Quattro», «4») non si possono pubblicare finché Familiari');
    expect(refused.text).to.include('href="#f-heard_it"');
    expect(textareaOf(refused.text, 'heard_it')).to.equal(numbers.heard_it);
    expect(textareaOf(refused.text, 'doing_en')).to.equal(texts.doing_en);
    const kept = await store.waveSummaries.get(wave1.id);
    expect(kept?.draft.it?.heard).to.equal(numbers.heard_it);
    expect(kept?.published).to.equal(null);

    await answered(more[4]!);
    expect((await post({ action: 'publish', ...numbers })).status).to.equal(303);
    expect((await store.waveSummaries.get(wave1.id))?.published?.version).to.equal(1);
  });

  it('shows no notice for a confirmation it does not know, prototype names included', async function () {
    for (const done of ['__proto__', 'constructor', 'toString', 'nonsense']) {
      const res = await lead.get(`${url}?done=${done}`).expect(200);
      expect(res.text).to.not.include('class="notice"');
    }
  });

  it('shows a text over the limit again as typed, saving nothing', async function () {
    const long = 'é'.repeat(1501);
    const res = await post({ action: 'save', ...texts, doing_en: long }, url, 'en');
    expect(res.status).to.equal(400);
    expect(res.text).to.include('Use at most 1,500 characters.');
    expect(textareaOf(res.text, 'doing_en')).to.equal(long);
    expect(await store.waveSummaries.get(wave1.id)).to.equal(null);
  });

  describe('participants', function () {
    beforeEach(async function () {
      await post({ action: 'publish', ...texts, heard_it: `${texts.heard_it}\n<script>alert("x")</script>` });
    });

    it("shows the published summary in Italian on the page an Italian participant's personal link opens", async function () {
      const page = await request(app).get(`/s/${anna.token}`).expect(200);
      expect(page.text).to.include('<html lang="it">');
      expect(page.text).to.include('Prima di iniziare');
      expect(page.text).to.include('<h2 class="heading-m">Lei ci ha detto, noi abbiamo fatto</h2>');
      expect(page.text).to.include(
        'Che cosa abbiamo sentito nelle risposte a Wave 1 e che cosa stiamo facendo. Pubblicato il 5 giugno 2026.',
      );
      expect(page.text).to.include('Molti familiari ci hanno detto che gli incontri sono troppo lontani.');
      expect(page.text).to.include('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
      expect(page.text).to.not.include('<script');
      // The same through the access code.
      const visitor = request.agent(app);
      const codePage = await visitor.get('/s').expect(200);
      const byCode = await visitor
        .post('/s')
        .type('form')
        .send({ _csrf: csrfFrom(codePage.text), code: anna.accessCode })
        .expect(303);
      expect(byCode.headers.location ?? '').to.match(new RegExp(`/s/${anna.token}$`));
      // English asked for: the English text.
      const english = await request(app).get(`/s/${anna.token}?lang=en`).expect(200);
      expect(english.text).to.include('You said, we did');
      expect(english.text).to.include(texts.heard_en);
    });

    it('shows it on the receipt, and no longer once unpublished', async function () {
      const agent = request.agent(app);
      const consent = await agent.get(`/s/${ben.token}`).expect(200);
      await agent
        .post(`/s/${ben.token}/consent`)
        .type('form')
        .send({ _csrf: csrfFrom(consent.text), consent: 'yes' })
        .expect(303);
      const check = await agent.get(`/s/${ben.token}/check`).expect(200);
      await agent
        .post(`/s/${ben.token}/submit`)
        .type('form')
        .send({ _csrf: csrfFrom(check.text) })
        .expect(303);
      const receipt = await agent.get(`/s/${ben.token}/done`).expect(200);
      expect(receipt.text).to.include('Thank you: your answers have been sent');
      expect(receipt.text).to.include('You said, we did');
      expect(receipt.text).to.include(texts.doing_en);
      await post({}, `${url}/unpublish`);
      const later = await agent.get(`/s/${ben.token}`).expect(200);
      expect(later.text).to.include('Thank you: your answers have been sent');
      expect(later.text).to.not.include('You said, we did');
    });

    it("prints it in the paper pack's cover letters only when ticked, in each letter's language", async function () {
      const paper = await lead.get('/projects/p4c/paper').set('Accept-Language', 'en').expect(200);
      expect(paper.text).to.include(`action="/projects/p4c/waves/${wave2.id}/paper-pack"`);
      expect(paper.text).to.include('name="yousaid" type="checkbox" value="1" checked');
      expect(decodeEntities(paper.text)).to.include(
        'Print the summary "You said, we did" of Wave 1 in each cover letter',
      );
      const plain = await lead.get(`/projects/p4c/waves/${wave2.id}/paper-pack`).expect(200);
      expect(plain.text).to.not.include('you-said');
      const pack = await lead.get(`/projects/p4c/waves/${wave2.id}/paper-pack?yousaid=1`).expect(200);
      const letter = pack.text.slice(
        pack.text.indexOf('<article'),
        pack.text.indexOf('</section>', pack.text.indexOf('<article')),
      );
      expect(letter).to.include('lang="it"');
      expect(letter).to.include('Lei ci ha detto, noi abbiamo fatto');
      expect(letter).to.include('Dal prossimo mese gli incontri si tengono anche in paese.');
      // Wave 1's own pack has no earlier wave to report on.
      const first = await lead.get(`/projects/p4c/waves/${wave1.id}/paper-pack?yousaid=1`).expect(200);
      expect(first.text).to.not.include('you-said');
    });
  });
});
