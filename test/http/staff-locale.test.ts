import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import type { Project, StaffUser } from '../../server/domain/records.js';
import { staffFormatOf, staffLocale } from '../../server/http/staff-locale.js';
import {
  formatCalendarDate,
  formatLocalDate,
  formatLocalDateTime,
  formatLocalShort,
  formatNumber,
  formatPercent,
} from '../../server/i18n/format.js';
import { staffMessages } from '../../server/i18n/staff-messages.js';
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

/**
 * staffLocale on a tiny app: `x-language` stands in for a signed-in account's choice ('none' for
 * an account that chose none), `x-project-zone` for the page's project. The route answers with
 * what staffLocale left in res.locals, its formats applied to fixed values.
 */
function localeApp() {
  const app = express();
  app.use((req, res, next) => {
    const language = req.headers['x-language'];
    if (typeof language === 'string')
      res.locals.staff = { id: 'u1', language: language === 'none' ? null : language } as StaffUser;
    next();
  });
  app.get('/plain', (_req, res) => {
    // Before any language is chosen: English formats, in UTC.
    const fmt = staffFormatOf(res);
    res.json({ number: fmt.number(1234.5), zone: fmt.zone(), dateTime: fmt.dateTime(INSTANT) });
  });
  app.use(staffLocale('Europe/Rome'));
  app.use((req, res, next) => {
    const zone = req.headers['x-project-zone'];
    // The project guard runs after staffLocale: the formats read the zone when they are used.
    if (typeof zone === 'string') res.locals.project = { timeZone: zone === 'none' ? null : zone } as Project;
    next();
  });
  app.get('/{*page}', (_req, res) => {
    const { locale, t, staffT, fmt, staffLanguages, here, hrefIn, defaultTimeZone } = res.locals;
    const f = fmt!;
    res.json({
      locale,
      sameT: t === staffT,
      heading: (t as (key: string) => string)('error.heading.404'),
      defaultTimeZone,
      staffLanguages,
      here,
      hrefs: { en: hrefIn!('en'), it: hrefIn!('it') },
      kept: staffFormatOf(res) === fmt,
      number: f.number(1234.5678),
      numberTo1: f.number(1234.5678, 1),
      percent: f.percent(0.256),
      noPercent: f.percent(null),
      day: f.date('2026-03-01'),
      instantDay: f.date(INSTANT),
      dateTime: f.dateTime(INSTANT),
      short: f.short(INSTANT),
      shortIn: f.short(INSTANT, 'Asia/Tokyo'),
      zone: f.zone(),
    });
  });
  return app;
}

/** Late on 28 February in New York, 1 March in Rome and Tokyo. */
const INSTANT = '2026-03-01T04:30:00Z';

describe('staffLocale on requests', function () {
  const app = localeApp();

  it("takes the account's language over ?lang and the browser's", async function () {
    const res = await request(app)
      .get('/page?lang=en')
      .set('x-language', 'it')
      .set('Accept-Language', 'en')
      .expect(200);
    expect(res.body.locale).to.equal('it');
    expect(res.body.heading).to.equal(staffMessages.translator('it')('error.heading.404'));
  });

  it('follows the browser for an account that chose no language, ?lang or not', async function () {
    const res = await request(app)
      .get('/page?lang=it')
      .set('x-language', 'none')
      .set('Accept-Language', 'en-GB')
      .expect(200);
    expect(res.body.locale).to.equal('en');
    const italian = await request(app).get('/page?lang=en').set('x-language', 'none').set('Accept-Language', ITALIAN);
    expect(italian.body.locale).to.equal('it');
  });

  it('lets a signed-out visitor ask with ?lang, for a language it ships; else the browser decides', async function () {
    const locale = async (path: string, acceptLanguage?: string) => {
      const req = request(app).get(path);
      return (await (acceptLanguage ? req.set('Accept-Language', acceptLanguage) : req).expect(200)).body.locale;
    };
    expect(await locale('/page?lang=it', 'en')).to.equal('it');
    expect(await locale('/page?lang=en', ITALIAN)).to.equal('en');
    expect(await locale('/page?lang=fr', ITALIAN)).to.equal('it');
    expect(await locale('/page?lang=it&lang=en', 'en')).to.equal('en');
    // The browser's preferences by q-value, then order; a language with q=0 is refused.
    expect(await locale('/page', 'en;q=0.5, it;q=0.9')).to.equal('it');
    expect(await locale('/page', 'fr, it-CH;q=0.8, en;q=0.7')).to.equal('it');
    expect(await locale('/page', 'it;q=0, en;q=0.1')).to.equal('en');
    expect(await locale('/page', 'de')).to.equal('en');
    expect(await locale('/page')).to.equal('en');
  });

  it('sets the translator for pages and for the header, the language switch and this address', async function () {
    const res = await request(app).get('/login?next=%2Fprojects&lang=it').expect(200);
    expect(res.body).to.include({ locale: 'it', sameT: true, here: '/login?next=%2Fprojects&lang=it' });
    expect(res.body.staffLanguages).to.deep.equal([
      { code: 'en', name: 'English' },
      { code: 'it', name: 'Italiano' },
    ]);
    // The rest of the address survives a change of language.
    expect(res.body.hrefs).to.deep.equal({
      en: '/login?next=%2Fprojects&lang=en',
      it: '/login?next=%2Fprojects&lang=it',
    });
    const bare = await request(app).get('/projects').expect(200);
    expect(bare.body.hrefs).to.deep.equal({ en: '/projects?lang=en', it: '/projects?lang=it' });
  });

  it("writes figures and dates as the page's language does, in the project's time zone, else the default", async function () {
    for (const locale of ['en', 'it'] as const) {
      const inRome = (await request(app).get('/page').set('x-language', locale).expect(200)).body;
      expect(inRome, locale).to.deep.include({
        defaultTimeZone: 'Europe/Rome',
        kept: true,
        number: formatNumber(locale, 1234.5678),
        numberTo1: formatNumber(locale, 1234.5678, 1),
        percent: formatPercent(locale, 0.256),
        noPercent: '–',
        day: formatCalendarDate(locale, '2026-03-01'),
        instantDay: formatLocalDate(locale, INSTANT, 'Europe/Rome'),
        dateTime: formatLocalDateTime(locale, INSTANT, 'Europe/Rome'),
        short: formatLocalShort(locale, INSTANT, 'Europe/Rome'),
        shortIn: formatLocalShort(locale, INSTANT, 'Asia/Tokyo'),
        zone: 'Europe/Rome',
      });
      const inNewYork = (
        await request(app).get('/page').set('x-language', locale).set('x-project-zone', 'America/New_York').expect(200)
      ).body;
      expect(inNewYork, locale).to.deep.include({
        // A calendar day stays that day in any zone; an instant falls on the project's own day.
        day: formatCalendarDate(locale, '2026-03-01'),
        instantDay: formatLocalDate(locale, INSTANT, 'America/New_York'),
        dateTime: formatLocalDateTime(locale, INSTANT, 'America/New_York'),
        short: formatLocalShort(locale, INSTANT, 'America/New_York'),
        shortIn: formatLocalShort(locale, INSTANT, 'Asia/Tokyo'),
        zone: 'America/New_York',
      });
      expect(inNewYork.instantDay).not.to.equal(inRome.instantDay);
      const noZone = (await request(app).get('/page').set('x-language', locale).set('x-project-zone', 'none')).body;
      expect(noZone.zone).to.equal('Europe/Rome');
    }
  });

  it('gives a page written before any language was chosen English formats, in UTC', async function () {
    expect((await request(app).get('/plain').set('x-language', 'it').expect(200)).body).to.deep.equal({
      number: formatNumber('en', 1234.5),
      zone: 'UTC',
      dateTime: formatLocalDateTime('en', INSTANT, 'UTC'),
    });
  });
});
