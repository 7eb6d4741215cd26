import { expect } from 'chai';
import request from 'supertest';
import { staffMessages } from '../../../server/i18n/staff-messages.js';
import { STAFF_PAGES, staffNavigation } from '../../../server/routes/staff/staff-pages.js';
import type { Project, StaffUser } from '../../../server/domain/records.js';
import { signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

const DENIED = [401, 403, 404];
/** The navigation's labels are catalogue keys; an English browser reads them in English. */
const english = staffMessages.translator('en');

/** The links of one navigation bar of a page: `<nav class="…" …>…</nav>`. */
function navLinks(html: string, navClass: string): string[] {
  const nav = new RegExp(`<nav class="${navClass}"[^>]*>([\\s\\S]*?)</nav>`).exec(html)?.[1] ?? '';
  return [...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map(([, href, label]) => `${label} ${href}`);
}

describe('staff navigation', function () {
  this.timeout(60_000);
  const { services, store } = testServices();
  const { app } = testApp(services);
  const agents = new Map<string, Agent>();

  before(async function () {
    await seededProject(services);
    await seededProject(services, 'other');
    agents.set('admin', await signIn(app, await staffUser(services, 'admin')));
    for (const role of ['lead', 'evaluator', 'data-entry'] as const)
      agents.set(role, await signIn(app, await staffUser(services, role, 'p4c')));
    agents.set('lead of another project', await signIn(app, await staffUser(services, 'lead', 'other')));
  });
  after(() => store.close());

  for (const who of ['admin', 'lead', 'evaluator', 'data-entry', 'lead of another project']) {
    it(`shows ${/^[ae]/.test(who) ? 'an' : 'a'} ${who} exactly the pages their guards let them open`, async function () {
      const agent = agents.get(who)!;
      const opens: { site: string[]; project: string[] } = { site: [], project: [] };
      for (const { path, label } of Object.values(STAFF_PAGES)) {
        const url = path.replace(':slug', 'p4c');
        const res = await agent.get(url).set('Accept', 'text/html');
        expect(res.status, `${url}: ${res.text.slice(0, 200)}`).to.not.equal(500);
        if (!DENIED.includes(res.status))
          opens[path.includes(':slug') ? 'project' : 'site'].push(`${english(label)} ${url}`);
      }
      const site = await agent.get('/projects').expect(200);
      expect(navLinks(site.text, 'staff-nav')).to.deep.equal(opens.site);
      expect(site.text, 'no project nav outside a project').to.not.include('class="project-nav"');
      if (opens.project.length === 0) return;
      const project = await agent.get('/projects/p4c').expect(200);
      expect(navLinks(project.text, 'staff-nav')).to.deep.equal(opens.site);
      expect(navLinks(project.text, 'project-nav')).to.deep.equal(opens.project);
    });
  }

  it('shows a visitor who is not signed in no navigation', async function () {
    const login = await request(app).get('/login').expect(200);
    expect(login.text).to.not.include('<nav');
  });

  it("lists a project's pages in the table's order, with the project's slug", function () {
    expect(
      staffNavigation.project({ isAdmin: false } as StaffUser, { slug: 'x' } as Project, 'evaluator'),
    ).to.deep.equal([
      { href: '/projects/x', label: 'nav.project' },
      { href: '/projects/x/waves', label: 'nav.waves' },
      { href: '/projects/x/monitoring', label: 'nav.monitoring' },
      { href: '/projects/x/dashboard', label: 'nav.dashboard' },
      { href: '/projects/x/exports', label: 'nav.exports' },
    ]);
  });
});
