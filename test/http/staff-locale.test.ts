import { expect } from 'chai';
import request from 'supertest';
import { csrfFrom } from '../helpers/forms.js';
import { postForm, signIn, staffUser } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';

const ITALIAN = 'it-IT,it;q=0.9,en;q=0.5';
const langOf = (html: string) => /<html lang="(\w+)">/.exec(html)?.[1];

describe('staff language', function () {
  this.timeout(60_000);
  const { services, store } = testServices();
  const { app } = testApp(services);
  before(async () => {
    await seededProject(services);
  });
  after(() => store.close());

  describe('signed out', function () {
    it("follows the browser's language on the sign-in page, and a ?lang link over it", async function () {
      const italian = await request(app).get('/login').set('Accept-Language', ITALIAN).expect(200);
      expect(langOf(italian.text)).to.equal('it');
      expect(italian.text).to.include('<h1 class="heading-l">Accedi</h1>').and.include('href="/login?lang=en"');
      const going = await request(app).get('/login?next=%2Fprojects%2Fp4c').set('Accept-Language', ITALIAN).expect(200);
      expect(going.text).to.include('href="/login?next=%2Fprojects%2Fp4c&amp;lang=en"');
      const english = await request(app).get('/login?lang=en').set('Accept-Language', ITALIAN).expect(200);
      expect(langOf(english.text)).to.equal('en');
      expect(english.text).to.include('<h1 class="heading-l">Sign in</h1>');
      expect(langOf((await request(app).get('/login').set('Accept-Language', 'fr-FR').expect(200)).text)).to.equal(
        'en',
      );
    });

    it('keeps a refused sign-in in the language the sign-in page was asked in, whatever the browser speaks', async function () {
      const lead = await staffUser(services, 'lead', 'p4c');
      const agent = request.agent(app);
      const form = await agent.get('/login?lang=it').set('Accept-Language', 'en-GB').expect(200);
      expect(form.text).to.include('<form method="post" action="/login?lang=it" novalidate>');
      const refused = await agent
        .post('/login?lang=it')
        .set('Accept-Language', 'en-GB')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: lead.email, password: 'not the password' })
        .expect(401);
      expect(langOf(refused.text)).to.equal('it');
      expect(/id="f-password-error">([\s\S]*?)<\/p>/.exec(refused.text)?.[1]).to.equal(
        '<span class="visually-hidden">Errore:</span> L’indirizzo email o la password non sono corretti.',
      );
    });

    it('has a home page linking to staff sign-in and to the access-code page, in either language', async function () {
      const english = await request(app).get('/').set('Accept-Language', 'en-GB').expect(200);
      expect(langOf(english.text)).to.equal('en');
      expect(english.text).to.include('href="/s?lang=en"').and.include('href="/login?lang=en"');
      expect(english.text).to.include('Enter your access code').and.include('Staff sign-in');
      const italian = await request(app).get('/?lang=it').set('Accept-Language', 'en-GB').expect(200);
      expect(langOf(italian.text)).to.equal('it');
      expect(italian.text).to.include('href="/s?lang=it"').and.include('href="/login?lang=it"');
      expect(italian.text).to.include('Inserisca il Suo codice di accesso').and.include('href="/?lang=en"');
      // Both links lead somewhere, in the language they carry.
      expect(langOf((await request(app).get('/login?lang=it').expect(200)).text)).to.equal('it');
      expect((await request(app).get('/s?lang=it').expect(200)).text).to.include('lang="it"');
    });

    it('explains a missing page in the browser language, with its code and a way to the start page', async function () {
      const res = await request(app).get('/no-such-page').set('Accept-Language', ITALIAN).expect(404);
      expect(res.headers['x-error-code']).to.equal('HTTP_404');
      expect(langOf(res.text)).to.equal('it');
      expect(res.text).to.include('href="/"').and.not.include('class="staff-nav"');
    });
  });

  describe('signed in', function () {
    it('follows the browser until the account chooses, then keeps the choice on every browser', async function () {
      const lead = await staffUser(services, 'lead', 'p4c');
      const agent = await signIn(app, lead);
      const before = await agent.get('/projects/p4c').set('Accept-Language', 'en-GB').expect(200);
      expect(langOf(before.text)).to.equal('en');
      expect(before.text).to.include('action="/account/language"').and.include('value="it"');

      const switched = await postForm(
        agent,
        '/account/language',
        { language: 'it', next: '/projects/p4c/waves' },
        303,
        '/projects/p4c',
      );
      expect(switched.headers.location).to.equal('/projects/p4c/waves');
      expect((await services.users.get(lead.id))?.language).to.equal('it');
      const after = await agent.get('/projects/p4c/waves').set('Accept-Language', 'en-GB').expect(200);
      expect(langOf(after.text)).to.equal('it');
      expect(after.text).to.include('<h1 class="heading-l">Rilevazioni</h1>').and.include('1 marzo 2026');
      // Another browser, set to English, gets the account's choice too; ?lang does not override it.
      const elsewhere = await signIn(app, lead);
      expect(langOf((await elsewhere.get('/projects?lang=en').set('Accept-Language', 'en').expect(200)).text)).to.equal(
        'it',
      );
    });

    it('refuses a language it does not ship, a foreign return address, and a switch without the form token', async function () {
      const lead = await staffUser(services, 'lead', 'p4c');
      const agent = await signIn(app, lead);
      const refused = await postForm(agent, '/account/language', { language: 'fr' }, 400);
      expect(refused.headers['x-error-code']).to.equal('VALIDATION');
      expect((await services.users.get(lead.id))?.language).to.equal(null);
      const outside = await postForm(agent, '/account/language', { language: 'it', next: '//evil.example/' }, 303);
      expect(outside.headers.location).to.equal('/account');
      const forged = await agent.post('/account/language').type('form').send({ language: 'en' });
      expect(forged.status).to.equal(403);
      expect((await services.users.get(lead.id))?.language).to.equal('it');
      // Refused before anyone is known (no form token): still a page in the browser's language.
      const anonymous = await request(app)
        .post('/account/language')
        .set('Accept-Language', ITALIAN)
        .type('form')
        .send({ language: 'it' })
        .expect(403);
      expect(langOf(anonymous.text)).to.equal('it');
      expect(anonymous.headers['x-error-code']).to.match(/CSRF/i);
      expect(anonymous.text).to.include('href="/"');
    });

    it('says what was done as a sentence naming it, in the account language', async function () {
      const lead = await staffUser(services, 'lead', 'p4c');
      const agent = await signIn(app, lead);
      await postForm(agent, '/account/language', { language: 'it' }, 303);
      const page = await agent.get('/projects/p4c/participants').expect(200);
      const added = await agent
        .post('/projects/p4c/participants')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), code: 'CG-014', group: 'caregiver', language: 'it', mode: 'web' })
        .expect(303);
      const shown = await agent.get(added.headers.location as string).expect(200);
      expect(shown.text).to.include('<p class="notice" role="status">Partecipante CG-014 aggiunto.</p>');
      const refused = await agent
        .post('/projects/p4c/participants')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), code: '', group: 'caregiver', language: 'it', mode: 'web' })
        .expect(400);
      expect(refused.text).to.include('Inserisci un codice.').and.include('value="caregiver" selected');
    });

    it('shows a role that is missing, or a project that is not theirs, with their navigation and a way back', async function () {
      const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
      const forbidden = await lead.get('/projects/new').set('Accept-Language', 'en-GB').expect(403);
      expect(forbidden.headers['x-error-code']).to.equal('FORBIDDEN');
      expect(forbidden.text).to.include('class="staff-nav"').and.include('<a href="/projects">');
      expect(forbidden.text).to.include('FORBIDDEN').and.not.include(' at ');
      const missing = await lead.get('/projects/elsewhere/waves').set('Accept-Language', ITALIAN).expect(404);
      expect(missing.headers['x-error-code']).to.equal('PROJECT_NOT_FOUND');
      expect(langOf(missing.text)).to.equal('it');
      expect(missing.text).to.include('class="staff-nav"').and.include('<a href="/projects">');
    });
  });
});
