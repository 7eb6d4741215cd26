import { parse } from 'csv-parse/sync';
import { expect } from 'chai';
import type { Participant, Wave } from '../../../server/domain/records.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFrom, decodeEntities, hiddenFieldsOf } from '../../helpers/forms.js';
import { csrfFor, signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

/** CG-001's paper form: what is on the paper, and what the second clerk misread. */
const PAPER = {
  trust_1: '4',
  trust_2: 'NA',
  trust_3: '2',
  engagement_1: '5',
  strain_1: '1',
  open_1: 'Troppe riunioni',
};
const MISREAD = { ...PAPER, trust_3: '3', strain_1: '' };

/** Every input and textarea of a page's first form with its shown value. */
function fieldValues(html: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*\bname="([^"]+)"[^>]*>/g)) {
    const tag = m[0];
    if (/type="(checkbox|radio)"/.test(tag) && !/\bchecked\b/.test(tag)) continue;
    values[m[1]!] = decodeEntities(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  for (const m of html.matchAll(/<textarea[^>]*\bname="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    values[m[1]!] = decodeEntities(m[2]!);
  return values;
}

describe('double data entry (staff pages)', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let anna: Participant;
  let wave1: Wave;
  let lead: Agent;
  let ada: Agent;
  let bea: Agent;
  let cy: Agent;

  beforeEach(async () => {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    const seeded = await seededProject(services);
    anna = seeded.participants[0]!;
    wave1 = seeded.wave1;
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    ada = await signIn(app, await staffUser(services, 'data-entry', 'p4c'));
    bea = await signIn(app, await staffUser(services, 'data-entry', 'p4c'));
    cy = await signIn(app, await staffUser(services, 'data-entry', 'p4c'));
  });
  afterEach(() => store.close());

  const entryUrl = `/projects/p4c/paper/entry?wave=${'{wave}'}&participant=cg-001`;
  const entry = () => entryUrl.replace('{wave}', wave1.id);
  const reconcileUrl = () => `/projects/p4c/paper/reconcile/CG-001/${wave1.id}`;

  /** Turns double entry on as a lead does: the settings form, everything else as it was. */
  async function turnOn() {
    const settings = await lead.get('/projects/p4c/settings').expect(200);
    expect(fieldValues(settings.text)).to.not.have.property('doubleEntry');
    await lead
      .post('/projects/p4c/settings')
      .type('form')
      .send({ ...fieldValues(settings.text), doubleEntry: 'on' })
      .expect(303);
    expect(fieldValues((await lead.get('/projects/p4c/settings').expect(200)).text)).to.include({ doubleEntry: 'on' });
  }

  /** Keys the form in, checks it on the review page and confirms, as a clerk does; returns the notice. */
  async function keyIn(clerk: Agent, form: Record<string, string>): Promise<string> {
    const page = await clerk.get(entry()).expect(200);
    const review = await clerk
      .post(entry())
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...form })
      .expect(200);
    const saved = await clerk
      .post(entry())
      .type('form')
      .send({ ...hiddenFieldsOf(review.text, 'paper-review'), _step: 'confirm' })
      .expect(303);
    return decodeURIComponent(/done=([^&]+)/.exec(saved.headers.location ?? '')?.[1] ?? '');
  }

  async function exported(code: string): Promise<Record<string, string>> {
    const res = await lead.get('/projects/p4c/exports/responses.csv').expect(200);
    const rows = parse(res.text, { columns: true, bom: true }) as Record<string, string>[];
    return Object.fromEntries(rows.filter((r) => r.participant === code).map((r) => [r.item!, r.value!]));
  }

  it('stores one response when two accounts key the same values, and none before', async function () {
    await turnOn();
    expect(await keyIn(ada, PAPER)).to.match(/^First keying of CG-001 saved/);
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);
    expect(await exported('CG-001')).to.deep.equal({});
    expect(await keyIn(bea, PAPER)).to.match(/agrees\. Saved as a paper response$/);
    const response = await store.responses.get(anna.id, wave1.id);
    expect(response).to.deep.include({ status: 'submitted', source: 'paper' });
    const csv = await exported('CG-001');
    expect(csv).to.include({
      trust_1: '4',
      trust_2: 'NA',
      trust_3: '2',
      engagement_1: '5',
      strain_1: '1',
      open_1: 'Troppe riunioni',
    });
  });

  it('shows the second clerk an empty form, and refuses the first clerk a second keying, keeping what was typed', async function () {
    await turnOn();
    await keyIn(ada, PAPER);
    const second = await bea.get(entry()).expect(200);
    expect(second.text).to.include('this is the second keying');
    const shown = fieldValues(second.text);
    for (const item of Object.keys(PAPER)) expect(shown[item], item).to.equal('');
    expect(second.text).to.not.include('Troppe riunioni');

    const again = await ada.get(entry()).expect(409);
    expect(again.headers['x-error-code']).to.equal('SAME_KEYING_ACCOUNT');
    expect(again.text).to.not.include('name="trust_1"');
    // A form already open when refused comes back as typed, with nothing saved.
    const posted = await ada
      .post(entry())
      .type('form')
      .send({ _csrf: await csrfFor(ada), ...PAPER, _step: 'confirm' })
      .expect(409);
    expect(posted.headers['x-error-code']).to.equal('SAME_KEYING_ACCOUNT');
    expect(posted.text).to.include('Nothing was saved').and.include('value="4"').and.include('Troppe riunioni');
    expect((await store.paperKeyings.get(anna.id, wave1.id))?.second).to.equal(null);
  });

  it('holds a difference for reconciliation by a third account, stores the decision, and shows it in the export and the history', async function () {
    await turnOn();
    await keyIn(ada, PAPER);
    expect(await keyIn(bea, MISREAD)).to.match(/differ\. The form waits for reconciliation$/);
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);

    const paperPage = await cy.get('/projects/p4c/paper').expect(200);
    expect(paperPage.text).to.include('Waiting for reconciliation: 1').and.include(reconcileUrl());

    // Neither clerk who keyed it may settle it.
    for (const clerk of [ada, bea]) {
      const refused = await clerk.get(reconcileUrl()).expect(403);
      expect(refused.headers['x-error-code']).to.equal('RECONCILER_KEYED_ENTRY');
    }

    const page = await cy.get(reconcileUrl()).expect(200);
    const text = decodeEntities(page.text);
    expect(text).to.include('They agree on 26 of 28 questions');
    expect(text).to.include('2 = In disaccordo').and.include("3 = Né d'accordo né in disaccordo");
    expect(text).to.include('1 = Fortemente in disaccordo').and.include('(blank)');
    expect(page.text).to.not.include('name="choice-trust_1"');

    // An undecided item and a value off the scale: refused, with the choices made kept.
    const refused = await cy
      .post(reconcileUrl())
      .type('form')
      .send({ _csrf: csrfFrom(page.text), 'choice-trust_3': 'paper', 'paper-trust_3': '9' })
      .expect(400);
    expect(refused.headers['x-error-code']).to.equal('VALIDATION');
    expect(fieldValues(refused.text)).to.include({ 'choice-trust_3': 'paper', 'paper-trust_3': '9' });
    expect(refused.text).to.include('id="choice-strain_1-error"');
    expect(decodeEntities(refused.text))
      .to.include('Choose one of the two values, or type what the paper says')
      .and.include('Type one of the box numbers, NA, or leave it empty');
    // The same refusal read in Italian has none of the service's English (ADR 0112).
    const inItalian = decodeEntities(
      (
        await cy
          .post(reconcileUrl())
          .set('Accept-Language', 'it')
          .type('form')
          .send({ _csrf: csrfFrom(page.text), 'choice-trust_3': 'paper', 'paper-trust_3': '9' })
          .expect(400)
      ).text,
    );
    expect(inItalian)
      .to.include('Scegli uno dei due valori, oppure scrivi quello che dice la carta')
      .and.include('Scrivi uno dei numeri delle caselle, NA, oppure lascia vuoto')
      .and.not.include('Choose one of the two values')
      .and.not.include('Type one of the values of the scale');
    expect(await store.responses.get(anna.id, wave1.id)).to.equal(null);

    await cy
      .post(reconcileUrl())
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        'choice-trust_3': 'first',
        'choice-strain_1': 'paper',
        'paper-strain_1': '2',
      })
      .expect(303);
    expect(await exported('CG-001')).to.include({
      trust_1: '4',
      trust_3: '2',
      strain_1: '2',
      open_1: 'Troppe riunioni',
    });

    const history = decodeEntities((await lead.get(`/projects/p4c/responses/CG-001/${wave1.id}`).expect(200)).text);
    expect(history).to.include('Double data entry').and.include('agreed on 26 of 28 questions');
    const rows = [
      ...history.matchAll(
        /<tr><td>(\w+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g,
      ),
    ].map((m) => m.slice(1));
    expect(rows).to.deep.equal([
      ['trust_3', '2', '3', '2', 'the first keying'],
      ['strain_1', '1', '(no answer)', '2', 'the paper, typed again'],
    ]);
    await cy.get(reconcileUrl()).expect(409);
  });

  it('counts the forms in each state on the monitoring page, with agreement per pair and per wave', async function () {
    await turnOn();
    await keyIn(ada, PAPER);
    await keyIn(bea, MISREAD);
    const page = decodeEntities((await lead.get('/projects/p4c/monitoring').expect(200)).text);
    const wave1Table = /Paper forms under double data entry, Wave 1<\/caption>.*?<tbody>\s*<tr>(.*?)<\/tr>/s.exec(
      page,
    )?.[1];
    expect([...(wave1Table ?? '').matchAll(/<td class="num">(\d+)<\/td>/g)].map((m) => m[1])).to.deep.equal([
      '0',
      '1',
      '1',
      '0',
    ]);
    // 26 of 28 questions agreed: 92.9%.
    expect(page).to.match(
      /data-entry \d+ and data-entry \d+<\/th><td class="num">1<\/td><td class="num">28<\/td><td class="num">26<\/td><td class="num">92\.9%/,
    );
    expect(page).to.match(
      /Wave 1<\/th><td class="num">1<\/td><td class="num">28<\/td><td class="num">26<\/td><td class="num">92\.9%/,
    );
  });

  it('leaves paper entry as it was while double entry is off', async function () {
    expect(await keyIn(ada, PAPER)).to.equal('Saved CG-001 as a paper response');
    expect((await lead.get('/projects/p4c/monitoring').expect(200)).text).to.not.include('Keying agreement');
    expect(await store.paperKeyings.list((await services.projects.bySlug('p4c')).id)).to.deep.equal([]);
  });
});
