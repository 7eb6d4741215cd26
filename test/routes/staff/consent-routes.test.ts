import { expect } from 'chai';
import { receiptReference } from '../../../server/domain/receipt-reference.js';
import type { Project } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFrom, decodeEntities } from '../../helpers/forms.js';
import { signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

/** The lead's page for the project's consent texts: every save a new version, a preview that saves nothing. */
describe('staff consent texts page', function () {
  let services: Services;
  let store: SqliteStore;
  let project: Project;
  let lead: Agent;

  beforeEach(async () => {
    ({ services, store } = testServices());
    const { app } = testApp(services);
    ({ project } = await seededProject(services));
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
  });
  afterEach(() => store.close());

  async function post(fields: Record<string, string>, status: number) {
    const page = await lead.get('/projects/p4c/consent').expect(200);
    return lead
      .post('/projects/p4c/consent')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields })
      .expect(status);
  }

  it('offers every text in every language of the questionnaire, with the built-in text as a hint', async function () {
    const page = decodeEntities((await lead.get('/projects/p4c/consent').expect(200)).text);
    for (const name of ['controller', 'privacyNotice', 'contact', 'consentText'])
      for (const lang of ['en', 'it']) expect(page).to.include(`name="${lang}_${name}"`);
    expect(page).to.include('Built-in text: Il gruppo che gestisce Place4Carers.');
    expect(page).to.include('participants read the built-in texts (version 0)');
  });

  it('saves each change as a new version, keeping the earlier ones as they were', async function () {
    const first = await post({ it_contact: 'Maria, 0342 123456', en_contact: 'Maria, +39 0342 123456' }, 303);
    expect(decodeURIComponent(first.headers.location as string)).to.equal(
      '/projects/p4c/consent?done=consent texts saved as version 1',
    );
    const notice = await lead.get(first.headers.location as string).expect(200);
    expect(notice.text).to.include('Done: consent texts saved as version 1.');
    await post({ it_contact: 'Luca, 0342 654321', it_controller: 'Cooperativa Valle\nvia Roma 1' }, 303);
    expect((await services.consent.version(project, 1))?.texts.it).to.deep.equal({
      controller: '',
      privacyNotice: '',
      contact: 'Maria, 0342 123456',
      consentText: '',
    });
    expect((await services.consent.current(project))?.texts.it).to.include({
      contact: 'Luca, 0342 654321',
      controller: 'Cooperativa Valle\nvia Roma 1',
    });
    const page = decodeEntities((await lead.get('/projects/p4c/consent').expect(200)).text);
    expect(page).to.include('Participants now read version 2');
    expect(page).to.include('>Luca, 0342 654321</textarea>');
    const audit = (await store.audit.list({ projectId: project.id })).filter((e) => e.action === 'consent.texts');
    expect(audit.map((e) => e.details)).to.deep.equal([{ version: 2 }, { version: 1 }]);
  });

  it("shows on a web response's staff page its receipt reference and the consent version agreed to", async function () {
    await post({ en_contact: 'Maria' }, 303);
    const ben = (await store.participants.getByCode(project.id, 'CG-002'))!;
    const wave = (await store.waves.list(project.id))[0]!;
    await services.questionnaires.consent(await services.questionnaires.visit(ben.token), 1);
    await services.questionnaires.submit(await services.questionnaires.visit(ben.token));
    const page = await lead.get(`/projects/p4c/responses/CG-002/${wave.id}`).expect(200);
    expect(page.text).to.include(
      `Receipt reference ${receiptReference(ben.id, wave.id)}. The participant agreed to version 1 of the consent texts`,
    );
  });

  it('previews the typed texts in each language without saving them', async function () {
    const res = await post({ action: 'preview', it_contact: 'Anteprima <b>0342</b>' }, 200);
    expect(res.text).to.include('Anteprima &lt;b&gt;0342&lt;/b&gt;');
    expect(res.text).to.include('It is not saved yet.');
    expect(decodeEntities(res.text)).to.include('Chi è responsabile dei suoi dati (titolare del trattamento)');
    expect(await services.consent.current(project)).to.equal(null);
  });

  it('shows a text that is too long or holds a control character again as typed, saving nothing', async function () {
    const long = 'x'.repeat(4001);
    const res = await post({ it_privacyNotice: long, en_contact: 'Ring \u0007 me', it_contact: 'Maria' }, 400);
    expect(res.text).to.include(long).and.include('>Maria</textarea>');
    expect(res.text).to.include('must be at most 4000 characters');
    expect(res.text).to.include('must not contain control characters');
    expect(await services.consent.current(project)).to.equal(null);
  });
});
