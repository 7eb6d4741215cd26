import { expect } from 'chai';
import { ruleDefinitions } from '../../../server/domain/statistics/status-definitions.js';
import { DEFAULT_STATUS_THRESHOLDS } from '../../../server/domain/statistics/status-rules.js';
import { escapeHtml } from '../../../server/http/view-engine.js';
import { evaluatorRoutes, jsonForHtml } from '../../../server/routes/evaluator/evaluator-routes.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFrom } from '../../helpers/forms.js';
import { signIn, staffUser } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { testServices } from '../../helpers/test-services.js';
import { trendProject } from '../../helpers/trend-project.js';
import request from 'supertest';

const ROUTES = ['/projects/:slug/dashboard', '/projects/:slug/report', '/projects/:slug/codebook'];
/** The actions' routes and who may use them (the lead-only ones answer 403 to evaluators). */
const ACTION_ROUTES: [method: 'GET' | 'POST', path: string, roles: ('lead' | 'evaluator')[]][] = [
  ['GET', '/projects/:slug/actions', ['lead', 'evaluator']],
  ['POST', '/projects/:slug/actions', ['lead']],
  ['GET', '/projects/:slug/actions/:actionId', ['lead']],
  ['POST', '/projects/:slug/actions/:actionId', ['lead']],
];

describe('evaluator pages', function () {
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];

  before(async function () {
    ({ services, store } = testServices(() => new Date('2026-10-01T09:00:00Z')));
    ({ app } = testApp(services));
    await trendProject(services);
    await services.projects.create({ slug: 'other', name: 'Other', instrument: 'coassess-core' }, 'test');
    const project = await services.projects.bySlug('p4c');
    await services.actions.record(
      project,
      {
        wave: '3',
        group: 'caregiver',
        dimension: 'trust',
        what: 'Meet monthly',
        owner: 'Coordinator',
        due: '2026-11-30',
        meeting_on: '2026-09-30',
        status: 'open',
      },
      'test',
    );
  });
  after(() => store.close());

  it('lists every evaluator route in this test', function () {
    const router = evaluatorRoutes(services) as unknown as {
      stack: { route?: { path: string; methods: Record<string, boolean> } }[];
    };
    const registered = router.stack.flatMap((l) =>
      l.route ? Object.keys(l.route.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`) : [],
    );
    expect(registered.sort()).to.deep.equal(
      [...ROUTES.map((r) => `GET ${r}`), ...ACTION_ROUTES.map(([method, path]) => `${method} ${path}`)].sort(),
    );
  });

  for (const route of ROUTES) {
    it(`guards ${route}: anonymous, other project, wrong role, right roles`, async function () {
      const path = route.replace(':slug', 'p4c');
      await request(app)
        .get(path)
        .expect(303)
        .expect('Location', `/login?next=${encodeURIComponent(path)}`);
      await (await signIn(app, await staffUser(services, 'lead', 'other'))).get(path).expect(404);
      await (await signIn(app, await staffUser(services, 'data-entry', 'p4c'))).get(path).expect(403);
      await (await signIn(app, await staffUser(services, 'evaluator', 'p4c'))).get(path).expect(200);
      await (await signIn(app, await staffUser(services, 'lead', 'p4c'))).get(path).expect(200);
    });
  }

  for (const [method, route, roles] of ACTION_ROUTES) {
    it(`guards ${method} ${route}: anonymous, other project, wrong role, right roles, CSRF`, async function () {
      const project = await services.projects.bySlug('p4c');
      const action = (await services.actions.list(project))[0]!;
      const path = route.replace(':slug', 'p4c').replace(':actionId', action.id);
      const call = async (agent: Awaited<ReturnType<typeof signIn>> | ReturnType<typeof request.agent>) => {
        if (method === 'GET') return agent.get(path);
        const token = csrfFrom((await agent.get('/account')).text);
        return agent.post(path).type('form').send({ _csrf: token });
      };
      const anonymous = request.agent(app);
      const res = method === 'GET' ? await anonymous.get(path) : await anonymous.post(path).type('form').send({});
      expect(res.status).to.be.oneOf([303, 403]);
      if (res.status === 303) expect(res.headers.location).to.match(/^\/login/);
      expect((await call(await signIn(app, await staffUser(services, 'lead', 'other')))).status).to.equal(404);
      expect((await call(await signIn(app, await staffUser(services, 'data-entry', 'p4c')))).status).to.equal(403);
      const evaluator = (await call(await signIn(app, await staffUser(services, 'evaluator', 'p4c')))).status;
      expect(evaluator).to.equal(roles.includes('evaluator') ? 200 : 403);
      const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
      // An empty form is a form with problems: shown again (400), never refused as unauthorized.
      expect((await call(lead)).status).to.be.oneOf(method === 'GET' ? [200] : [400]);
      if (method === 'POST') {
        const refused = await lead.post(path).type('form').send({});
        expect(refused.status).to.equal(403);
        expect(refused.headers['x-error-code']).to.equal('CSRF_INVALID');
      }
    });
  }

  it('shows trends with data tables, statuses with reasons, and hides groups under 5 people', async function () {
    const evaluator = await signIn(app, await staffUser(services, 'evaluator', 'p4c'));
    const page = (await evaluator.get('/projects/p4c/dashboard').expect(200)).text;
    expect(page).to.include('<canvas id="trend-trust"').and.include('<table class="data-table">');
    expect(page)
      .to.include('co-destruction')
      .and.include('This points to co-destruction.')
      .and.include('Trust among family caregivers is at ');
    expect(page).to.include('fewer than 5');
    expect(page).to.not.match(/Trust among service providers/);
    expect(page).to.include('<script src="/static/vendor/chart.js/chart.umd.min.js" defer></script>');
    expect(page).to.not.match(/<script>(?!\s*<\/script>)/);
    const data = JSON.parse(/<script type="application\/json" id="dashboard-data">([^<]*)<\/script>/.exec(page)![1]!);
    const providers = data.dimensions[0].series.find((s: { group: string }) => s.group === 'provider');
    expect(providers.points).to.deep.equal(
      Array(3).fill({ mean: null, ciLow: null, ciHigh: null, n: null, hidden: 'fewer-than-5' }),
    );
    const caregivers = data.dimensions[0].series.find((s: { group: string }) => s.group === 'caregiver');
    expect(caregivers.points.map((p: { n: number }) => p.n)).to.deep.equal([12, 12, 12]);
  });

  it('prints a plain-language report that names what needs attention', async function () {
    const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    const report = (await lead.get('/projects/p4c/report').expect(200)).text;
    expect(report)
      .to.include('How is Place4Carers going?')
      .and.include('These areas need attention')
      .and.include('Trust, family caregivers: co-destruction.');
    expect(report).to.not.include('Trust among service providers');
  });

  it('opens the dashboard with what needs attention, naming wave, group and dimension and linking to chart and row', async function () {
    const evaluator = await signIn(app, await staffUser(services, 'evaluator', 'p4c'));
    const page = (await evaluator.get('/projects/p4c/dashboard').expect(200)).text;
    const attention = page.indexOf('What needs attention</h2>');
    expect(attention).to.be.above(0).and.below(page.indexOf('Where things stand in Wave 3'));
    expect(page.indexOf('Where things stand in Wave 3')).to.be.below(page.indexOf('>Trends</h2>'));
    const list = /<ul class="attention-list">([\s\S]*?)<\/ul>/.exec(page)![1]!;
    expect(list.match(/<li>/g)).to.have.length(1);
    expect(list)
      .to.include('Wave 3, family caregivers, Trust:')
      .and.include('This points to co-destruction.')
      .and.include('<a href="#chart-trust">Trust chart</a>')
      .and.include('<a href="#status-3-caregiver-trust">');
    expect(page).to.include('<figure class="chart-figure" id="chart-trust">');
    expect(page).to.match(
      /<tr id="status-3-caregiver-trust"><td>Wave 3<\/td><td>Trust<\/td><td>Family caregivers<\/td>/,
    );
  });

  it('shows hidden response rates and Everyone beside a hidden group as such, never as a number', async function () {
    const evaluator = await signIn(app, await staffUser(services, 'evaluator', 'p4c'));
    const page = (await evaluator.get('/projects/p4c/dashboard').expect(200)).text;
    const rates = /<caption>Submitted as a share of those invited<\/caption>[\s\S]*?<\/table>/.exec(page)![0];
    const row = (label: string) => new RegExp(`<th scope="row">${label}</th>([\\s\\S]*?)</tr>`).exec(rates)![1]!;
    expect(row('Service providers').match(/fewer than 5/g)).to.have.length(3);
    expect(row('Everyone').match(/not shown: would reveal a small group/g)).to.have.length(3);
    expect(row('Everyone')).to.not.match(/%/);
    expect(row('Family caregivers').match(/\d+%/g)).to.have.length(3);
  });

  it('lets the lead pick the wave a report covers, and finds no other', async function () {
    const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    const latest = (await lead.get('/projects/p4c/report').expect(200)).text;
    expect(latest)
      .to.include('<option value="3" selected>Wave 3</option>')
      .and.include('<h2 class="heading-m">In Wave 3</h2>');
    const second = (await lead.get('/projects/p4c/report?wave=2').expect(200)).text;
    expect(second)
      .to.include('<option value="2" selected>Wave 2</option>')
      .and.include('<h2 class="heading-m">In Wave 2</h2>')
      .and.include('No area needs attention');
    expect(second).to.not.include('<th scope="col">Wave 3</th>');
    for (const wave of ['4', '0', 'two', '2.0', '', '<script>']) {
      const res = await lead.get(`/projects/p4c/report?wave=${encodeURIComponent(wave)}`).expect(404);
      expect(res.text).to.not.include('<script>');
    }
    await lead.get('/projects/p4c/report?wave=1&wave=2').expect(404);
  });

  it('shows a wave still being answered as progress, and summarises the last closed one', async function () {
    const during = testServices(() => new Date('2026-09-10T09:00:00Z'));
    try {
      await trendProject(during.services);
      const { app: duringApp } = testApp(during.services);
      const lead = await signIn(duringApp, await staffUser(during.services, 'lead', 'p4c'));
      for (const path of ['/projects/p4c/dashboard', '/projects/p4c/report']) {
        const page = (await lead.get(path).expect(200)).text;
        expect(page, path).to.include('Wave 3 is open, answering until 21 September 2026: 15 of 15 so far.');
        expect(page, path).to.not.include('co-destruction.</strong>').and.not.include('This points to co-destruction');
        expect(page, path).to.include('still being answered');
      }
      const dashboard = (await lead.get('/projects/p4c/dashboard').expect(200)).text;
      expect(dashboard).to.include('Where things stand in Wave 2').and.include('Nothing: no wave with results');
      const data = JSON.parse(/id="dashboard-data">([^<]*)<\/script>/.exec(dashboard)![1]!);
      expect(data.responseRates.map((r: { rates: (number | null)[] }) => r.rates[2])).to.deep.equal([null, null, null]);
    } finally {
      during.store.close();
    }
  });

  it('draws the report charts on the server, one image per dimension beside its table, and ships no script', async function () {
    const evaluator = await signIn(app, await staffUser(services, 'evaluator', 'p4c'));
    const report = (await evaluator.get('/projects/p4c/report').expect(200)).text;
    const charts = [...report.matchAll(/<svg class="line-chart" [^>]*role="img" aria-label="([^"]*)"/g)].map(
      (m) => m[1],
    );
    expect(charts).to.have.length(5);
    expect(charts[0]).to.equal('Trust by wave; the table below has the same numbers');
    expect(report).to.not.include('<script').and.not.include('<canvas');
    // Providers (3 people) are hidden: their legend entry stays, with no point on the chart.
    const trust = /<svg class="line-chart"[^>]*aria-label="Trust[\s\S]*?<\/svg>/.exec(report)![0];
    expect(trust).to.include('>Service providers</text>');
    expect([...trust.matchAll(/<polygon points="[^"]*" fill="#d4351c"/g)]).to.have.length(1);
  });

  it('draws the report of a project with no waves, and of one with a wave nobody answered', async function () {
    const project = await services.projects.create(
      { slug: 'quiet', name: 'Quiet', instrument: 'coassess-core' },
      'test',
    );
    const lead = await signIn(app, await staffUser(services, 'lead', 'quiet'));
    expect((await lead.get('/projects/quiet/report').expect(200)).text).to.include(
      'No wave has enough answers to show yet.',
    );
    // Closed with nobody answering: no wave with results, so no chart, and no NaN anywhere.
    await services.waves.add({ project, label: 'Wave 1', opensOn: '2026-09-01', closesOn: '2026-09-21' }, 'test');
    const report = (await lead.get('/projects/quiet/report').expect(200)).text;
    expect(report).to.include('No wave has enough answers to show yet.');
    expect(report).to.not.include('<polyline').and.not.include('NaN');
  });

  it('explains every item and export column on the codebook page', async function () {
    const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    const page = (await lead.get('/projects/p4c/codebook').expect(200)).text;
    expect(page)
      .to.include('<code>trust_3</code>')
      .and.include('trends.csv')
      .and.include('<code>alpha_ci_low</code>')
      .and.include('lang="it"');
    // Italian scale labels, the conventions, and the new exports' columns.
    expect(page)
      .to.include('5 = Fortemente d&#39;accordo')
      .and.include('<h2 class="heading-m">How the exports are written</h2>')
      .and.include('<code>NA</code>')
      .and.include('<code>&#39;</code>')
      .and.include('byte-order mark')
      .and.include('items-wide.csv')
      .and.include('open-answers.csv')
      .and.include('<code>withdrawn_on</code>');
  });

  it('renders the rules on the dashboard, the report, the exports page and the codebook from their one definition', async function () {
    const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    const project = await services.projects.bySlug('p4c');
    await store.projects.update(project.id, {
      settings: { ...project.settings, statusThresholds: { minChange: 0.4, watchAlpha: 0.3 } },
    });
    try {
      const rules = ruleDefinitions({ ...DEFAULT_STATUS_THRESHOLDS, minChange: 0.4, watchAlpha: 0.3 });
      const sentences = [...rules.statuses, rules.pooled, ...rules.participation].map((d) => d.rule);
      expect(sentences.join(' ')).to.include('0.40 points').and.include('looser 0.3');
      for (const path of [
        '/projects/p4c/dashboard',
        '/projects/p4c/report',
        '/projects/p4c/exports',
        '/projects/p4c/codebook',
      ]) {
        const page = (await lead.get(path).expect(200)).text;
        for (const sentence of sentences) expect(page, `${path}: ${sentence}`).to.include(escapeHtml(sentence));
      }
      const codebook = (await lead.get('/projects/p4c/exports/codebook.csv').expect(200)).text;
      for (const { id, rule } of rules.statuses) expect(codebook).to.include(`${id}: ${rule}`);
    } finally {
      await store.projects.update(project.id, { settings: project.settings });
    }
  });

  it('prints the report in Italian when chosen: Italian headings, names and reasons, with decimal commas', async function () {
    const evaluator = await signIn(app, await staffUser(services, 'evaluator', 'p4c'));
    const report = (await evaluator.get('/projects/p4c/report?lang=it').expect(200)).text;
    expect(report)
      .to.include('<html lang="it">')
      .and.include('Come sta andando Place4Carers?')
      .and.include('<h2 class="heading-m">In Wave 3</h2>')
      .and.include('Questi ambiti richiedono attenzione.')
      .and.include('Fiducia, familiari caregiver: co-distruzione.</strong>')
      .and.include('<h2 class="heading-m">Come si decidono gli stati</h2>')
      .and.include('preparata il 1 ottobre 2026.')
      // The actions too, in the language printed in rather than the browser's (English here).
      .and.include('Le azioni dall’ultima volta</h2>');
    const concern = /<ul class="report-concerns">([\s\S]*?)<\/ul>/.exec(report)![1]!;
    expect(concern).to.match(
      /Fiducia tra familiari caregiver: media 2,\d in Wave 3\. Le 12 persone che hanno risposto sia a Wave 3 sia a una rilevazione precedente hanno ottenuto in media \d,\d\d punti in meno rispetto alla propria media nelle rilevazioni precedenti \(IC 95% da \d,\d\d a \d,\d\d punti in meno\)\..*Questo indica co-distruzione\./,
    );
    // The tables write figures with the decimal comma, and the charts are named in Italian.
    expect(report).to.match(/<td>4,50 <span class="muted">\(\d,\d\d–\d,\d\d\)<\/span>/);
    expect(report).to.include('aria-label="Fiducia per rilevazione; la tabella sotto riporta gli stessi numeri"');
    expect(report).to.include('<th scope="row">Tutti</th>').and.include('meno di 5');
    expect(report).to.not.include('Trust among').and.not.include('points lower');
    // The choice is a plain GET form: the wave and the language, selected as shown.
    expect(report)
      .to.include('<select id="report-language" name="lang">')
      .and.include('<option value="it" lang="it" selected>Italiano</option>');
  });

  it('shows the pages in the browser’s language, and the report in the one chosen over it', async function () {
    const evaluator = await signIn(app, await staffUser(services, 'evaluator', 'p4c'));
    const dashboard = (
      await evaluator.get('/projects/p4c/dashboard').set('Accept-Language', 'it-IT,it;q=0.9').expect(200)
    ).text;
    expect(dashboard)
      .to.include('<html lang="it">')
      .and.include('<h1 class="heading-l">Cruscotto</h1>')
      .and.include('Che cosa richiede attenzione</h2>')
      .and.include('<a href="#chart-trust">grafico di Fiducia</a>')
      .and.include('co-distruzione');
    const data = JSON.parse(/id="dashboard-data">([^<]*)<\/script>/.exec(dashboard)![1]!);
    expect(data.axes).to.deep.equal({ mean: 'Punteggio medio', rate: 'Tasso di risposta (%)', gap: 'g di Hedges' });
    const report = (await evaluator.get('/projects/p4c/report').set('Accept-Language', 'it').expect(200)).text;
    expect(report).to.include('Come sta andando Place4Carers?');
    const english = (
      await evaluator.get('/projects/p4c/report?lang=en&wave=2').set('Accept-Language', 'it').expect(200)
    ).text;
    expect(english)
      .to.include('How is Place4Carers going?')
      .and.include('<h2 class="heading-m">In Wave 2</h2>')
      .and.include('Actions since last time</h2>');
    // A language the project does not have is no choice at all: the page's language stands.
    const unknown = (await evaluator.get('/projects/p4c/report?lang=de').set('Accept-Language', 'it').expect(200)).text;
    expect(unknown).to.include('Come sta andando Place4Carers?');
    const codebook = (await evaluator.get('/projects/p4c/codebook').set('Accept-Language', 'it').expect(200)).text;
    expect(codebook).to.include('<h2 class="heading-m">Come sono scritti i file esportati</h2>');
  });

  it('puts JSON in the page so that no text can close the script element', function () {
    expect(jsonForHtml({ reason: '</script><script>alert(1)</script> & more' }))
      .to.not.include('<')
      .and.not.include('>')
      .and.not.include('&');
  });
});
