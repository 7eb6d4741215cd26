import { expect } from 'chai';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFor, signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { testServices } from '../../helpers/test-services.js';
import { trendProject } from '../../helpers/trend-project.js';

const FORM = {
  wave: '2',
  group: 'caregiver',
  dimension: 'trust',
  what: '<script>alert(1)</script> Meet monthly',
  owner: 'Coordinator "A&B"',
  due: '2026-09-30',
  meeting_on: '2026-07-01',
  meeting: '',
  status: 'open',
  status_note: '',
};

describe('action pages', function () {
  this.timeout(120_000);
  let services: Services;
  let store: SqliteStore;
  let lead: Agent;
  let evaluator: Agent;

  before(async function () {
    ({ services, store } = testServices(() => new Date('2026-10-01T09:00:00Z')));
    const { app } = testApp(services);
    await trendProject(services);
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    evaluator = await signIn(app, await staffUser(services, 'evaluator', 'p4c'));
  });
  after(() => store.close());

  it('records an action from the form, escaped wherever it is shown, and follows it up', async function () {
    const res = await lead
      .post('/projects/p4c/actions')
      .type('form')
      .send({ _csrf: await csrfFor(lead), ...FORM })
      .expect(303);
    expect(res.headers.location).to.match(/^\/projects\/p4c\/actions\?done=recorded#action-/);
    const page = (await lead.get('/projects/p4c/actions?done=recorded').expect(200)).text;
    expect(page).to.include('The action was recorded.');
    expect(page).to.not.include('<script>alert(1)');
    expect(page)
      .to.include('&lt;script&gt;alert(1)&lt;/script&gt; Meet monthly')
      .and.include('Coordinator &#34;A&amp;B&#34;');
    // Each of the 12 caregivers is exactly 2 points lower in wave 3 than in wave 2: no spread, so the interval is the point.
    expect(page).to.include(
      'Agreed after Wave 2 (trust, family caregivers, 4.50). Wave 3: 2.50, down 2.00 (95% CI \u22122.00 to \u22122.00) among the 12 who answered both.',
    );
    const dashboard = (await lead.get('/projects/p4c/dashboard').expect(200)).text;
    expect(dashboard).to.include('<section class="actions-section" lang="en"').and.include('down 2.00');
    // Due on 30 September, open on 1 October.
    expect(/<ul class="overdue-list">([\s\S]*?)<\/ul>/.exec(dashboard)![1]).to.include(
      'Wave 2, Family caregivers, Trust',
    );
    expect(dashboard).to.include('href="/projects/p4c/actions?wave=3&amp;group=caregiver&amp;dimension=trust#record"');
  });

  it('shows a form with problems again as typed, its messages in the reader’s language', async function () {
    const res = await lead
      .post('/projects/p4c/actions')
      .set('Accept-Language', 'it-IT,it;q=0.9,en;q=0.5')
      .type('form')
      .send({ _csrf: await csrfFor(lead), ...FORM, due: '30/09/2026', group: 'all' })
      .expect(400);
    expect(res.text)
      .to.include('<div lang="it">')
      .and.include('Scrivi la data nella forma AAAA-MM-GG')
      .and.include('Scegli una delle opzioni proposte.')
      .and.include('name="due" type="text" value="30/09/2026"')
      .and.include('&lt;script&gt;alert(1)&lt;/script&gt; Meet monthly</textarea>');
  });

  it('lets an evaluator read actions, with no form and no way to change them', async function () {
    const page = (await evaluator.get('/projects/p4c/actions').expect(200)).text;
    expect(page).to.include('Only the project’s lead can record or change actions');
    expect(page).to.not.include('<form method="post" action="/projects/p4c/actions"');
    expect(page).to.not.match(/href="\/projects\/p4c\/actions\/[^"#]+"/);
    const dashboard = (await evaluator.get('/projects/p4c/dashboard').expect(200)).text;
    expect(dashboard).to.include('down 2.00').and.not.include('Record an action');
  });

  it('changes an action from its page, keeping its cell', async function () {
    const [action] = await services.actions.list(await services.projects.bySlug('p4c'));
    const edit = (await lead.get(`/projects/p4c/actions/${action!.id}`).expect(200)).text;
    expect(edit).to.include('Change this action').and.include('<option value="open" selected>open</option>');
    await lead
      .post(`/projects/p4c/actions/${action!.id}`)
      .type('form')
      .send({ _csrf: await csrfFor(lead), ...FORM, status: 'done', status_note: 'Held in September' })
      .expect(303);
    const page = (await lead.get('/projects/p4c/actions').expect(200)).text;
    expect(page).to.include('done: <span class="pre-line">Held in September</span>');
    await lead.get('/projects/p4c/actions/not-an-action').expect(404);
  });

  it('prints the meeting pack only when asked, with the findings, questions and lines to write on', async function () {
    const plain = (await lead.get('/projects/p4c/report').expect(200)).text;
    expect(plain).to.include('Actions since last time').and.not.include('class="pack"');
    expect(plain).to.include('href="/projects/p4c/report?wave=3&amp;meeting=1"');
    const pack = (await lead.get('/projects/p4c/report?wave=3&meeting=1').expect(200)).text;
    expect(pack)
      .to.include('For the partnership meeting')
      .and.include('Family caregivers now score trust at 2.50: 2.00 lower than their own earlier answers')
      .and.include('Are decisions that matter to this group being taken without them? Where?')
      .and.include('<ul class="pack-lines"');
    const italian = (await lead.get('/projects/p4c/report?wave=3&meeting=1').set('Accept-Language', 'it').expect(200))
      .text;
    expect(italian)
      .to.include('Per la riunione della partnership')
      .and.include('Nel gruppo «Familiari caregiver» il punteggio di fiducia è ora 2,50, 2,00 in meno');
  });
});
