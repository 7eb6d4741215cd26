import { expect } from 'chai';
import request from 'supertest';
import { ERROR_CODES } from '../../../server/domain/errors.js';
import { staffMessages } from '../../../server/i18n/staff-messages.js';
import { it as importsItalian } from '../../../server/i18n/staff/imports.js';
import { refusalKey } from '../../../server/routes/staff/form.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { decodeEntities, csrfFrom } from '../../helpers/forms.js';
import { signIn, STAFF_PASSWORD, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

/** The codes a staff form shows beside its fields (server/routes/staff/form.ts's isFixable). */
const FORM_CODES = (Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]).filter(
  (code) =>
    code === 'LOGIN_FAILED' || code === 'ACCOUNT_DISABLED' || ERROR_CODES[code] === 400 || ERROR_CODES[code] === 409,
);

const english = staffMessages.translator('en');
const italian = staffMessages.translator('it');

/** Posts a form of a page, both read in the browser's language (Italian unless given). */
async function postInItalian(
  agent: Agent,
  formPage: string,
  action: string,
  fields: Record<string, string>,
  language = 'it',
) {
  const form = await agent.get(formPage).set('Accept-Language', language).expect(200);
  const res = await agent
    .post(action)
    .set('Accept-Language', language)
    .type('form')
    .send({ _csrf: csrfFrom(form.text), ...fields });
  return { status: res.status, text: decodeEntities(res.text) };
}

describe('staff forms say why they refused in the reader’s language (ADR 0112)', function () {
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];

  beforeEach(async () => {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    await seededProject(services);
  });
  afterEach(() => store.close());

  it('has words for every code a form can show, in English and in Italian', function () {
    const missing = FORM_CODES.filter((code) => refusalKey(code) === undefined);
    expect(missing).to.deep.equal([]);
    for (const code of FORM_CODES) {
      const key = refusalKey(code)!;
      expect(italian(key), key).to.not.equal(english(key));
    }
  });

  it('refuses a sign-in in Italian, not with the service’s English', async function () {
    const user = await staffUser(services, 'lead', 'p4c');
    const wrong = await postInItalian(request.agent(app), '/login', '/login', {
      email: user.email,
      password: 'not the password',
    });
    expect(wrong.status).to.equal(401);
    expect(wrong.text).to.include(italian('refusal.LOGIN_FAILED'));
    expect(wrong.text).to.not.include('The email address or the password is not right');

    await services.users.disable(user.id, 'test');
    const disabled = await postInItalian(request.agent(app), '/login', '/login', {
      email: user.email,
      password: STAFF_PASSWORD,
    });
    expect(disabled.status).to.equal(403);
    expect(disabled.text).to.include(italian('refusal.ACCOUNT_DISABLED'));
    expect(disabled.text).to.not.include('This account has been disabled');
  });

  it('refuses users, passwords and waves in Italian, naming what it can', async function () {
    const adminUser = await staffUser(services, 'admin');
    const admin = await signIn(app, adminUser);
    const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));

    const taken = await postInItalian(admin, '/users', '/users', {
      name: 'Again',
      email: adminUser.email,
      role: 'admin',
      project: '',
      password: STAFF_PASSWORD,
    });
    expect(taken.status).to.equal(409);
    expect(taken.text).to.include(italian('refusal.DUPLICATE.email')).and.not.include('is already registered');

    const own = await postInItalian(admin, '/users', `/users/${adminUser.id}/disable`, {});
    expect(own.status).to.equal(400);
    expect(own.text).to.include(italian('refusal.VALIDATION.ownAccount')).and.not.include('You cannot disable');

    const current = await postInItalian(admin, '/account', '/account/password', {
      current: 'not the password',
      password: 'a new password long enough',
    });
    expect(current.status).to.equal(400);
    expect(current.text).to.include(italian('refusal.VALIDATION.current')).and.not.include('This is not your current');

    const overlap = await postInItalian(lead, '/projects/p4c/waves', '/projects/p4c/waves/series', {
      labelPrefix: 'Wave',
      firstNumber: '3',
      firstOpensOn: '2026-06-10',
      everyMonths: '3',
      count: '2',
      openDays: '21',
    });
    expect(overlap.status).to.equal(409);
    expect(overlap.text)
      .to.include(italian('refusal.WAVE_OVERLAP.wave', { wave: 'Wave 2', opens: '2026-06-01', closes: '2026-06-21' }))
      .and.not.include('overlaps "Wave 2"');

    const again = await postInItalian(lead, '/projects/p4c/waves', '/projects/p4c/waves/series', {
      labelPrefix: 'Wave',
      firstNumber: '2',
      firstOpensOn: '2026-09-01',
      everyMonths: '3',
      count: '1',
      openDays: '21',
    });
    expect(again.status).to.equal(409);

    const wave1 = (await services.waves.timeline(await services.projects.bySlug('p4c')))[0]!;
    const early = await postInItalian(lead, '/projects/p4c/waves', `/projects/p4c/waves/${wave1.id}/closing`, {
      closesOn: '2026-02-01',
    });
    expect(early.status).to.equal(400);
    expect(early.text)
      .to.include(italian('refusal.VALIDATION.beforeOpening', { opens: '2026-03-01' }))
      .and.not.include('must be on or after');
    expect(again.text)
      .to.include(italian('refusal.DUPLICATE.firstNumber', { wave: 'Wave 2' }))
      .and.not.include('start the numbering later');
  });

  it('words the rules a service checks beside each field in Italian: consent texts, wave names, corrections', async function () {
    const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    const consent = await postInItalian(lead, '/projects/p4c/consent', '/projects/p4c/consent', {
      it_privacyNotice: 'x'.repeat(4001),
      en_contact: 'Ring \u0007 me',
    });
    expect(consent.status).to.equal(400);
    expect(consent.text)
      .to.include(italian('rule.atMost', { max: '4000' }))
      .and.include(italian('rule.controlCharactersButLines'));
    expect(consent.text).to.not.match(/must be at most|must not contain/);

    const wave = await postInItalian(lead, '/projects/p4c/waves', '/projects/p4c/waves', {
      label: 'Ondata\u00073',
      opens: '2026-09-01',
      closes: '2026-09-21',
    });
    expect(wave.status).to.equal(400);
    expect(wave.text).to.include(italian('rule.controlCharacters')).and.not.include('must not contain');

    const project = await services.projects.bySlug('p4c');
    const [wave1] = await services.waves.list(project);
    const ben = (await services.participants.list(project)).find((p) => p.code === 'CG-002')!;
    await store.responses.submit({
      projectId: project.id,
      participantId: ben.id,
      waveId: wave1!.id,
      group: 'caregiver',
      answers: { trust_1: 5 },
      source: 'web',
      enteredBy: null,
      at: '2026-03-05T18:00:00.000Z',
    });
    const page = `/projects/p4c/responses/CG-002/${wave1!.id}`;
    const corrected = await postInItalian(lead, page, page, { trust_1: '9', reason: 'x'.repeat(1001) });
    expect(corrected.status).to.equal(400);
    expect(corrected.text)
      .to.include(italian('rule.answerOutOfScale'))
      .and.include(italian('rule.atMost', { max: '1000' }));
    expect(corrected.text).to.not.match(/Enter one of the values|must be at most/);
    expect(await store.responses.history(ben.id, wave1!.id)).to.deep.equal([]);
  });

  it('words an import refusal in the account’s language, not the browser’s', async function () {
    const user = await staffUser(services, 'lead', 'p4c');
    await services.users.setLanguage(user.id, 'it');
    const lead = await signIn(app, user);
    const refused = await postInItalian(
      lead,
      '/projects/p4c/participants',
      '/projects/p4c/participants/import',
      { csv: 'code group language mode\nCG-090 caregiver it web\n' },
      'en',
    );
    expect(refused.status).to.equal(400);
    expect(refused.text).to.include(`riga 1: ${importsItalian['imports.noSeparator'] as string}`);
    expect(refused.text).to.not.include('the header line has no column separator');
  });

  it('words every problem of a refused participant file in Italian, each on its line', async function () {
    const user = await staffUser(services, 'lead', 'p4c');
    await services.users.setLanguage(user.id, 'it');
    const lead = await signIn(app, user);
    const refused = await postInItalian(
      lead,
      '/projects/p4c/participants',
      '/projects/p4c/participants/import',
      {
        csv: 'code,group,language,mode,email\nCG-001,caregiver,it,web,\nCG-091,family,it,post,nobody\nCG-091,caregiver,it,web,\n',
      },
      'en',
    );
    expect(refused.status).to.equal(400);
    for (const words of [
      'riga 2: il codice "CG-001" è già usato in questo progetto',
      'riga 3: gruppo sconosciuto "family"',
      'riga 3: modalità sconosciuta "post" (usa web o paper)',
      'riga 3: "nobody" non è un indirizzo email',
      'riga 4: il codice "CG-091" è anche alla riga 3',
    ])
      expect(refused.text).to.include(words);
    expect(refused.text).to.not.match(/already used|unknown group|unknown mode|not an email|also on line/);
  });

  it('says it in English to an English reader, and has no words for a code it does not know', async function () {
    const user = await staffUser(services, 'lead', 'p4c');
    const wrong = await postInItalian(
      request.agent(app),
      '/login',
      '/login',
      { email: user.email, password: 'not the password' },
      'en',
    );
    expect(wrong.status).to.equal(401);
    expect(wrong.text).to.include(english('refusal.LOGIN_FAILED'));
    expect(refusalKey('NO_SUCH_CODE')).to.equal(undefined);
  });
});
