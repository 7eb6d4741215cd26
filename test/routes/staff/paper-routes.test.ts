import { expect } from 'chai';
import type { Participant, Wave } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { DomainError } from '../../../server/domain/errors.js';
import { csrfFrom, decodeEntities, hiddenFieldsOf } from '../../helpers/forms.js';
import { failCall } from '../../helpers/store-faults.js';
import { signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

describe('paper questionnaires (staff)', function () {
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let anna: Participant; // caregiver, Italian, paper
  let wave1: Wave;
  let clerk: Agent;

  beforeEach(async () => {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    const seeded = await seededProject(services);
    anna = seeded.participants[0]!;
    wave1 = seeded.wave1;
    clerk = await signIn(app, await staffUser(services, 'data-entry', 'p4c'));
  });
  afterEach(() => store.close());

  const entryUrl = (code: string) => `/projects/p4c/paper/entry?wave=${wave1.id}&participant=${code}`;

  it('keys in a returned questionnaire as source=paper, with who entered it and when', async function () {
    const form = await clerk.get(entryUrl('CG-001')).expect(200);
    expect(form.text).to.include('lang="it"').and.include('Mi fido');
    expect(form.text.indexOf('name="trust_1"')).to.be.below(form.text.indexOf('name="trust_2"'));
    const review = await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), trust_1: '4', trust_2: 'na', strain_1: '2', open_1: 'Scritto a mano' })
      .expect(200);
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ ...hiddenFieldsOf(review.text, 'paper-review'), _step: 'confirm' })
      .expect(303);
    const response = await store.responses.get(anna.id, wave1.id);
    expect(response).to.deep.include({
      status: 'submitted',
      source: 'paper',
      answers: { trust_1: 4, trust_2: 'NA', strain_1: 2, open_1: 'Scritto a mano' },
    });
    const clerkUser = await store.users.findByEmail(
      (await store.users.list()).find((u) => u.email.startsWith('data-entry'))!.email,
    );
    expect(response?.enteredBy).to.equal(clerkUser?.id);
    expect(response?.submittedAt).to.equal('2026-03-10T09:00:00.000Z');
    const logged = (await store.audit.list({ limit: 5 })).find((e) => e.action === 'paper.entry');
    // The log names the participant by internal id only, so erasure leaves nothing identifying.
    expect(logged?.target).to.equal(anna.id);
    expect(JSON.stringify(logged)).to.not.include('CG-001');
  });

  it('speaks Italian to staff whose browser asks for it: page, problems, check, blanks and the saved notice', async function () {
    const index = await clerk.get('/projects/p4c/paper').set('Accept-Language', 'it-IT,it;q=0.9').expect(200);
    expect(index.text)
      .to.include('<html lang="it">')
      .and.include('<h1 class="heading-l">Questionari su carta</h1>')
      .and.match(/\(dal \d{1,2} [a-z]+ 2026 al \d{1,2} [a-z]+ 2026\)<\/option>/);
    const form = await clerk.get(entryUrl('CG-001')).set('Accept-Language', 'it').expect(200);
    expect(form.text).to.include('Inserimento di CG-001').and.include('Controlla le risposte prima di salvare');
    const wrong = await clerk
      .post(entryUrl('CG-001'))
      .set('Accept-Language', 'it')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), trust_1: '9' })
      .expect(400);
    expect(decodeEntities(wrong.text))
      .to.include('Non è stato salvato nulla')
      .and.include('trust_1: Scrivi uno dei numeri delle caselle, NA, oppure lascia vuoto');
    const review = await clerk
      .post(entryUrl('CG-001'))
      .set('Accept-Language', 'it')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), trust_1: '4', trust_2: 'na' })
      .expect(200);
    expect(review.text)
      .to.include('Controllo di CG-001')
      .and.include('<strong>(vuota)</strong>')
      .and.include('<strong>NA – non pertinente</strong>')
      .and.include('Conferma e salva');
    const saved = await clerk
      .post(entryUrl('CG-001'))
      .set('Accept-Language', 'it')
      .type('form')
      .send({ ...hiddenFieldsOf(review.text, 'paper-review'), _step: 'confirm' })
      .expect(303);
    // The notice travels in ?done=, which shows plain words only: the Italian passes as it is.
    const back = await clerk.get(saved.headers.location!).set('Accept-Language', 'it').expect(200);
    expect(back.text).to.include('<p>Salvato CG-001 come risposta su carta</p>');
  });

  it("keeps no response when the audit log cannot be written, shows the form again as typed, and answers with the error's code", async function () {
    const form = await clerk.get(entryUrl('CG-001')).expect(200);
    failCall(store.audit, 'append', new DomainError('STORE_UNAVAILABLE', 'the audit log cannot be written'));
    const res = await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), _step: 'confirm', trust_1: '4' })
      .expect(503);
    expect(res.headers['x-error-code']).to.equal('STORE_UNAVAILABLE');
    expect(res.text).to.include('Nothing was saved').and.include('name="trust_1"').and.include('value="4"');
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    // Nothing half-kept: the same form goes through once the log can be written again.
    await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), _step: 'confirm', trust_1: '4' })
      .expect(303);
  });

  it('applies the web form rules and keeps what was typed', async function () {
    const form = await clerk.get(entryUrl('CG-001')).expect(200);
    const res = await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), trust_1: '7', trust_2: '3' })
      .expect(400);
    expect(res.text)
      .to.include('Nothing was saved')
      .and.include('href="#trust_1"')
      .and.include('value="7"')
      .and.include('value="3"');
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
  });

  /** The value of each named field in the entry form as shown. */
  const shownValues = (html: string) => {
    const values: Record<string, string> = {};
    for (const m of html.matchAll(/<input class="digit" id="(\w+)" name="\w+"[^>]*? value="([^"]*)"/g))
      values[m[1]!] = m[2]!;
    for (const m of html.matchAll(/<textarea id="(\w+)"[^>]*>([^<]*)<\/textarea>/g)) values[m[1]!] = m[2]!;
    return values;
  };
  const typed = {
    trust_1: '4',
    trust_2: 'NA',
    trust_3: '',
    trust_4: '2',
    engagement_1: '5',
    strain_1: '1',
    open_1: 'Il gruppo del giovedì',
    open_2: '',
  };

  describe('the check before saving', function () {
    /** Each question's row on the review page: its id and the value shown, as words on the page. */
    const reviewRows = (html: string) =>
      Object.fromEntries(
        [...html.matchAll(/data-item="(\w+)">[\s\S]*?<td class="review-value">([\s\S]*?)<\/td>/g)].map((m) => [
          m[1]!,
          decodeEntities(m[2]!.replace(/<[^>]+>/g, '')),
        ]),
      );
    const review = async (values: Record<string, string>) => {
      const form = await clerk.get(entryUrl('CG-001')).expect(200);
      return clerk
        .post(entryUrl('CG-001'))
        .type('form')
        .send({ _csrf: csrfFrom(form.text), ...values })
        .expect(200);
    };

    it('lists every question in paper order with the value keyed and its label, blanks and NA in words, and stores nothing', async function () {
      const res = await review({ ...typed, trust_3: '-' });
      expect(res.text)
        .to.include('Confirm and save')
        .and.include('Go back and change')
        .and.include('Nothing is saved yet');
      const rows = reviewRows(res.text);
      const form = await clerk.get(entryUrl('CG-001')).expect(200);
      const paperOrder = [...form.text.matchAll(/<(?:input class="digit"|textarea) id="(\w+)"/g)].map((m) => m[1]);
      expect(Object.keys(rows)).to.deep.equal(paperOrder);
      expect(rows.trust_1).to.equal("4 = D'accordo");
      expect(rows.trust_2).to.equal('NA – does not apply');
      expect(rows.trust_3).to.equal('(blank)');
      expect(rows.strain_1).to.match(/^1 = \S/);
      expect(rows.open_1).to.equal('Il gruppo del giovedì');
      expect(rows.open_2).to.equal('(blank)');
      // Blanks and NA are said in bold words, not by colour alone.
      expect(res.text).to.include('<strong>(blank)</strong>').and.include('<strong>NA – does not apply</strong>');
      expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
      expect((await store.audit.list({ limit: 20 })).some((e) => e.action === 'paper.entry')).to.equal(false);
    });

    it('goes back to the form with everything as keyed, the kept lone digit too, and stores nothing', async function () {
      const res = await review({ ...typed, open_2: '4', 'keep-open_2': '1' });
      expect(reviewRows(res.text).open_2).to.equal('4');
      const back = await clerk
        .post(entryUrl('CG-001'))
        .type('form')
        .send({ ...hiddenFieldsOf(res.text, 'paper-review'), _step: 'back' })
        .expect(200);
      expect(back.text).to.include('Check the answers before saving').and.not.include('Nothing was saved');
      expect(shownValues(back.text)).to.deep.include({ ...typed, open_2: '4' });
      expect(back.text).to.match(/id="keep-open_2" name="keep-open_2" value="1" checked/);
      expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    });

    it('saves exactly what was reviewed once confirmed', async function () {
      const res = await review(typed);
      await clerk
        .post(entryUrl('CG-001'))
        .type('form')
        .send({ ...hiddenFieldsOf(res.text, 'paper-review'), _step: 'confirm' })
        .expect(303);
      expect((await store.responses.get(anna.id, wave1.id))?.answers).to.deep.equal({
        trust_1: 4,
        trust_2: 'NA',
        trust_4: 2,
        engagement_1: 5,
        strain_1: 1,
        open_1: 'Il gruppo del giovedì',
      });
    });

    for (const [what, tampered, code] of [
      ['a value outside the scale', { trust_1: '9' }, 'trust_1'],
      ['a letter in a box', { trust_4: 'x' }, 'trust_4'],
      ['a lone digit without its keep box', { open_2: '4' }, 'open_2'],
    ] as const) {
      it(`checks the hidden values again at confirming: ${what} is refused, the form shown, nothing saved`, async function () {
        const res = await review(typed);
        const fields = { ...hiddenFieldsOf(res.text, 'paper-review'), ...tampered, _step: 'confirm' };
        const refused = await clerk.post(entryUrl('CG-001')).type('form').send(fields).expect(400);
        expect(refused.text).to.include('Nothing was saved').and.include(`href="#${code}"`);
        expect(shownValues(refused.text)).to.deep.include(tampered);
        expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
      });
    }
  });

  it('finds a participant code whatever its case and spaces', async function () {
    const form = await clerk.get(entryUrl(encodeURIComponent(' cg-002 '))).expect(200);
    expect(form.text).to.not.include('cannot be saved');
    expect(form.text).to.include('Key in CG-002');
    expect(form.text).to.include('participant=CG-002');
    await clerk.get(entryUrl('cg%20-%20001')).expect(200);
  });

  it('shows the lookup form again with a clear message for an unknown code, not a dead end', async function () {
    const res = await clerk.get(entryUrl('CG-999')).expect(404);
    expect(res.headers['x-error-code']).to.equal('PARTICIPANT_NOT_FOUND');
    expect(res.text)
      .to.include('Participant not found')
      .and.include('No participant with the code &#34;CG-999&#34;')
      .and.include('form method="get" action="/projects/p4c/paper/entry"')
      .and.include('value="CG-999"')
      .and.include(`<option value="${wave1.id}" selected>`);
    const empty = await clerk.get(entryUrl('')).expect(404);
    expect(empty.text).to.include('Type the participant code');
  });

  for (const [what, bad] of [
    ['a value outside the scale', '7'],
    ['a letter', 'b'],
    ['two digits in one box', '34'],
  ] as const) {
    it(`flags ${what}, saves nothing and shows every value as typed`, async function () {
      const form = await clerk.get(entryUrl('CG-001')).expect(200);
      const res = await clerk
        .post(entryUrl('CG-001'))
        .type('form')
        .send({ _csrf: csrfFrom(form.text), ...typed, trust_3: bad })
        .expect(400);
      expect(res.text).to.include('Nothing was saved').and.include('href="#trust_3"');
      expect(res.text).to.not.include('href="#trust_1"');
      expect(shownValues(res.text)).to.deep.include({ ...typed, trust_3: bad });
      expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    });
  }

  it('flags a lone digit in a written answer, and keeps it once confirmed', async function () {
    const form = await clerk.get(entryUrl('CG-001')).expect(200);
    const res = await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), ...typed, open_2: '4' })
      .expect(400);
    expect(res.text).to.include('href="#open_2"').and.include('name="keep-open_2"');
    expect(res.text).to.not.include('name="keep-open_1"');
    expect(shownValues(res.text)).to.deep.include({ ...typed, open_2: '4' });
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(res.text), _step: 'confirm', ...typed, open_2: '4', 'keep-open_2': '1' })
      .expect(303);
    expect((await store.responses.get(anna.id, wave1.id))?.answers).to.deep.include({ open_2: '4', trust_2: 'NA' });
  });

  it('takes "-" in a box as nothing ticked', async function () {
    const form = await clerk.get(entryUrl('CG-001')).expect(200);
    await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), _step: 'confirm', trust_1: '-', trust_2: '3' })
      .expect(303);
    expect((await store.responses.get(anna.id, wave1.id))?.answers).to.deep.equal({ trust_2: 3 });
  });

  it('refuses a wave that closed meanwhile: the form again, every value kept, nothing saved', async function () {
    const form = await clerk.get(entryUrl('CG-001')).expect(200);
    const lead = await services.projects.bySlug('p4c');
    await services.waves.closeNow(lead, wave1.id, 'test');
    const res = await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), _step: 'confirm', ...typed, open_2: '4', 'keep-open_2': '1' })
      .expect(409);
    expect(res.headers['x-error-code']).to.equal('WAVE_CLOSED');
    expect(res.text).to.include('Nothing was saved').and.include('The wave closed');
    expect(shownValues(res.text)).to.deep.include({ ...typed, open_2: '4' });
    expect(res.text).to.match(/name="keep-open_2" value="1" checked/);
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    // Opened now, the form says so before anything is typed.
    expect((await clerk.get(entryUrl('CG-001')).expect(200)).text).to.include('a form keyed in now cannot be saved');
  });

  it('says on the review page that a wave closed meanwhile cannot be saved, and refuses the confirm', async function () {
    const form = await clerk.get(entryUrl('CG-001')).expect(200);
    await services.waves.closeNow(await services.projects.bySlug('p4c'), wave1.id, 'test');
    const review = await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), ...typed })
      .expect(200);
    expect(review.text).to.include('this form cannot be saved');
    const res = await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ ...hiddenFieldsOf(review.text, 'paper-review'), _step: 'confirm' })
      .expect(409);
    expect(res.text).to.include('Nothing was saved').and.include('The wave closed');
    expect(shownValues(res.text)).to.deep.include(typed);
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
  });

  it('shows the form again as typed when the store fails at saving, never a 500', async function () {
    const form = await clerk.get(entryUrl('CG-001')).expect(200);
    failCall(store.responses, 'submit', new Error('disk I/O error'));
    const res = await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), _step: 'confirm', ...typed })
      .expect(503);
    expect(res.headers['x-error-code']).to.equal('STORE_UNAVAILABLE');
    expect(res.text).to.include('Nothing was saved').and.include('could not be stored');
    expect(shownValues(res.text)).to.deep.include(typed);
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    // Sent again as shown, it goes through.
    await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(res.text), _step: 'confirm', ...shownValues(res.text) })
      .expect(303);
    expect((await store.responses.get(anna.id, wave1.id))?.answers).to.deep.include({
      trust_1: 4,
      open_1: typed.open_1,
    });
  });

  it('refuses to print or key in a questionnaire for a participant who has withdrawn', async function () {
    const form = await clerk.get(entryUrl('CG-001')).expect(200);
    await store.participants.update(anna.id, { status: 'withdrawn' });
    const refused = await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), trust_1: '4' })
      .expect(410);
    expect(refused.headers['x-error-code']).to.equal('PARTICIPANT_WITHDRAWN');
    await clerk.get(entryUrl('CG-001')).expect(410);
    const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    await lead.get(`/projects/p4c/waves/${wave1.id}/paper-pack?participant=CG-001`).expect(410);
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
  });

  it('refuses a second submitted response for the same participant and wave', async function () {
    const form = await clerk.get(entryUrl('CG-001')).expect(200);
    await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), _step: 'confirm', trust_1: '4' })
      .expect(303);
    const again = await clerk
      .post(entryUrl('CG-001'))
      .type('form')
      .send({ _csrf: csrfFrom(form.text), _step: 'confirm', trust_1: '1', open_1: 'Scritto a mano' })
      .expect(409);
    expect(again.headers['x-error-code']).to.equal('ALREADY_SUBMITTED');
    // Refused with what was typed kept, so the clerk can compare it with what is stored.
    expect(again.text)
      .to.include('already has a submitted response')
      .and.include('Nothing was saved')
      .and.include('value="1"')
      .and.include('Scritto a mano');
    expect((await store.responses.get(anna.id, wave1.id))?.answers.trust_1).to.equal(4);
    const reopened = await clerk.get(entryUrl('CG-001')).expect(200);
    expect(reopened.text).to.include('already has a submitted response').and.not.include('name="trust_1"');
  });

  it('prints a paper pack for paper participants, or for one, with QR code, access code and link', async function () {
    const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    const pack = await lead.get(`/projects/p4c/waves/${wave1.id}/paper-pack`).expect(200);
    expect(pack.text)
      .to.include('<svg')
      .and.include(`/s/${anna.token}`)
      .and.include(`${anna.accessCode.slice(0, 4)}-${anna.accessCode.slice(4)}`);
    expect(pack.text).to.include('lang="it"').and.include('Il suo questionario');
    expect(pack.text.match(/class="paper-participant"/g)).to.have.length(1);
    const one = await lead.get(`/projects/p4c/waves/${wave1.id}/paper-pack?participant=CG-002`).expect(200);
    expect(one.text).to.include('Your questionnaire for Wave 1');
  });

  it('keeps evaluators and other projects out', async function () {
    const evaluator = await signIn(app, await staffUser(services, 'evaluator', 'p4c'));
    await evaluator.get('/projects/p4c/paper').expect(403);
    await services.projects.create({ slug: 'other', name: 'Other', instrument: 'coassess-core' }, 'test');
    const stranger = await signIn(app, await staffUser(services, 'data-entry', 'other'));
    await stranger.get(entryUrl('CG-001')).expect(404);
  });
});

describe('reminder letters without SMTP (staff)', function () {
  it('prints letters for everyone due a message, with the questionnaire only for paper participants', async function () {
    const { services, store } = testServices(() => new Date('2026-03-18T09:00:00Z'));
    const { app } = testApp(services);
    const seeded = await seededProject(services);
    // CG-002 has answered, so only CG-001 (paper, Italian) and PR-001 (web) are due a reminder.
    await store.responses.submit({
      projectId: seeded.project.id,
      participantId: seeded.participants[1]!.id,
      waveId: seeded.wave1.id,
      group: 'caregiver',
      answers: { trust_1: 4 },
      source: 'web',
      enteredBy: null,
      at: '2026-03-12T10:00:00.000Z',
    });
    const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    const contacts = await lead.get('/projects/p4c/contacts').expect(200);
    expect(contacts.text).to.include('/projects/p4c/contacts/letters');
    const letters = await lead.get('/projects/p4c/contacts/letters').expect(200);
    expect(letters.text.match(/class="paper-participant"/g)).to.have.length(2);
    expect(letters.text).to.include('CG-001').and.include('PR-001').and.not.include('CG-002');
    expect(letters.text.match(/class="paper-questionnaire"/g)).to.have.length(1);
    expect(letters.text.match(/<svg/g)).to.have.length(2);
    await store.close();
  });
});
