import { expect } from 'chai';
import request from 'supertest';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Participant, Project, Wave } from '../../server/domain/records.js';
import { csrfFrom, hiddenFieldsOf } from '../helpers/forms.js';
import { csrfFor, signIn, staffUser, type Agent } from '../helpers/staff-agent.js';
import { testApp } from '../helpers/test-app.js';
import { testServices } from '../helpers/test-services.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(2)</script>',
  '</script><script>alert(3)</script>',
];
const ALL = PAYLOADS.join(' ');

/** None of the payloads' markup survives as markup: only escaped text. */
function expectEscaped(html: string, where: string): void {
  expect(html, where).to.not.include('<script>alert');
  expect(html, where).to.not.match(/<img src=x/i);
  expect(html, where).to.not.match(/<svg onload/i);
  expect(html, where).to.not.include('</textarea><script>');
}

/**
 * Participant codes cannot carry markup (letters, digits, ".", "_", "-" only), so the payloads go
 * where people can type freely: open-text answers, the project name, wave labels and group labels.
 */
describe('XSS through stored text on staff, evaluator and participant pages', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let project: Project;
  let wave: Wave;
  let people: Participant[];
  let lead: Agent;

  before(async function () {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    ({ app } = testApp(services));
    const label = { en: `Carer ${PAYLOADS[1]}`, it: `Familiare ${PAYLOADS[0]}` };
    project = await services.projects.create(
      {
        slug: 'xss',
        name: `Proj ${PAYLOADS[0]}${PAYLOADS[1]}`,
        instrument: 'coassess-core',
        groups: [
          { id: 'caregiver', label },
          { id: 'provider', label },
        ],
      },
      'test',
    );
    wave = await services.waves.add(
      { project, label: `W ${PAYLOADS[1]}`.slice(0, 60), opensOn: '2026-03-01', closesOn: '2026-03-21' },
      'test',
    );
    people = await services.participants.importCsv(
      project,
      `code,group,mode\n${Array.from({ length: 6 }, (_, i) => `P-${i},caregiver,paper`).join('\n')}\n`,
      'test',
    );
    for (const p of people.slice(0, 5))
      await services.paper.enter(
        project,
        wave.id,
        p.code,
        { trust_1: '3', trust_2: '4', open_1: ALL, open_2: PAYLOADS[1] },
        'test',
      );
    lead = await signIn(app, await staffUser(services, 'lead', 'xss'));
  });
  after(() => store.close());

  it('escapes them on every staff and evaluator page that shows project, wave, group or answer text', async function () {
    const pages = [
      '/projects',
      '/projects/xss',
      '/projects/xss/waves',
      '/projects/xss/participants',
      '/projects/xss/participants/P-0',
      '/projects/xss/monitoring',
      '/projects/xss/paper',
      '/projects/xss/audit',
      '/projects/xss/contacts',
      '/projects/xss/exports',
      '/projects/xss/settings',
      '/projects/xss/dashboard',
      '/projects/xss/report',
      '/projects/xss/codebook',
      `/projects/xss/waves/${wave.id}/paper-pack`,
      `/projects/xss/paper/entry?wave=${wave.id}&participant=P-5`,
      `/projects/xss/paper/entry?wave=${wave.id}&participant=P-0`,
    ];
    let shown = 0;
    for (const path of pages) {
      const res = await lead.get(path);
      expect(res.status, path).to.equal(200);
      expectEscaped(res.text, path);
      if (res.text.includes('&lt;script&gt;alert(1)') || res.text.includes('&#34;&gt;&lt;img')) shown += 1;
    }
    expect(shown, 'pages showing the escaped text').to.be.greaterThan(5);
  });

  it('escapes an open-text answer put back into the paper entry form after a mistake', async function () {
    const token = await csrfFor(lead);
    const res = await lead
      .post(`/projects/xss/paper/entry?wave=${wave.id}&participant=P-5`)
      .type('form')
      .send({ _csrf: token, trust_1: '9', open_1: ALL, trust_2: PAYLOADS[1] })
      .expect(400);
    expectEscaped(res.text, 'paper entry after a mistake');
    expect(res.text).to.include('&lt;/textarea&gt;&lt;script&gt;alert(2)');
  });

  it('escapes an open-text answer on the paper review page and in its hidden field, and saves it as typed', async function () {
    const [extra] = await services.participants.importCsv(project, 'code,group,mode\nP-9,caregiver,paper\n', 'test');
    const token = await csrfFor(lead);
    const url = `/projects/xss/paper/entry?wave=${wave.id}&participant=P-9`;
    const review = await lead.post(url).type('form').send({ _csrf: token, trust_1: '2', open_1: ALL }).expect(200);
    expectEscaped(review.text, 'paper review page');
    expect(hiddenFieldsOf(review.text, 'paper-review').open_1).to.equal(ALL);
    await lead
      .post(url)
      .type('form')
      .send({ ...hiddenFieldsOf(review.text, 'paper-review'), _step: 'confirm' })
      .expect(303);
    expect((await store.responses.get(extra!.id, wave.id))?.answers.open_1).to.equal(ALL.trim());
  });

  it("escapes them on the participant's own pages: check your answers, receipt and print header", async function () {
    const p = people[5]!;
    const agent = request.agent(app);
    const page = await agent.get(`/s/${p.token}`).expect(200);
    expectEscaped(page.text, 'consent');
    const csrf = csrfFrom(page.text);
    await agent.post(`/s/${p.token}/consent`).type('form').send({ _csrf: csrf, consent: 'yes' }).expect(303);
    const bad = await agent
      .post(`/s/${p.token}/section/6`)
      .type('form')
      .send({ _csrf: csrf, open_1: ALL, open_2: 'x'.repeat(5001) })
      .expect(400);
    expectEscaped(bad.text, 'section shown again');
    await agent.post(`/s/${p.token}/section/6`).type('form').send({ _csrf: csrf, open_1: ALL }).expect(303);
    expectEscaped((await agent.get(`/s/${p.token}/check`).expect(200)).text, 'check');
    await agent.post(`/s/${p.token}/submit`).type('form').send({ _csrf: csrf }).expect(303);
    const receipt = await agent.get(`/s/${p.token}/done`).expect(200);
    expectEscaped(receipt.text, 'receipt');
    expect(receipt.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    const css = (await agent.get(`/s/${p.token}/print.css`).expect(200)).text;
    // One CSS string: nothing in the project name or wave label can close it or open markup.
    expect(css).to.not.match(/[<>]/);
    expect(css.match(/(?<!\\)"/g)).to.have.length(2);
  });

  it('keeps the dashboard data block a single JSON script element', async function () {
    const res = await lead.get('/projects/xss/dashboard').expect(200);
    const block = /<script type="application\/json" id="dashboard-data">([\s\S]*?)<\/script>/.exec(res.text);
    expect(block, 'data block').to.not.equal(null);
    expect(() => JSON.parse(block![1]!)).to.not.throw();
    expect(block![1]).to.not.match(/[<>]/);
  });
});
