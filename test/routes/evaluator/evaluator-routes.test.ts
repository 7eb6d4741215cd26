import { expect } from 'chai';
import { ruleDefinitions } from '../../../server/domain/statistics/status-definitions.js';
import { DEFAULT_STATUS_THRESHOLDS } from '../../../server/domain/statistics/status-rules.js';
import { escapeHtml } from '../../../server/http/view-engine.js';
import { evaluatorRoutes, jsonForHtml } from '../../../server/routes/evaluator/evaluator-routes.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { signIn, staffUser } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { testServices } from '../../helpers/test-services.js';
import { trendProject } from '../../helpers/trend-project.js';
import request from 'supertest';

const ROUTES = ['/projects/:slug/dashboard', '/projects/:slug/report', '/projects/:slug/codebook'];

describe('evaluator pages', function () {
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];

  before(async function () {
    ({ services, store } = testServices(() => new Date('2026-10-01T09:00:00Z')));
    ({ app } = testApp(services));
    await trendProject(services);
    await services.projects.create({ slug: 'other', name: 'Other', instrument: 'coassess-core' }, 'test');
  });
  after(() => store.close());

  it('lists every evaluator route in this test', function () {
    const router = evaluatorRoutes(services) as unknown as { stack: { route?: { path: string } }[] };
    expect(router.stack.flatMap((l) => (l.route ? [l.route.path] : []))).to.have.members(ROUTES);
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
    expect(
      providers.points.every((p: { mean: number | null; suppressed: boolean }) => p.suppressed && p.mean === null),
    ).to.equal(true);
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

  it('puts JSON in the page so that no text can close the script element', function () {
    expect(jsonForHtml({ reason: '</script><script>alert(1)</script> & more' }))
      .to.not.include('<')
      .and.not.include('>')
      .and.not.include('&');
  });
});
