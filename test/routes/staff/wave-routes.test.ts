import { expect } from 'chai';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { postForm, signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { testServices } from '../../helpers/test-services.js';

/** The value a field of the waves page is filled with. */
const valueOf = (html: string, name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];

describe('wave routes: the series form', function () {
  this.timeout(30_000);
  let services: Services;
  let store: SqliteStore;
  let lead: Agent;

  beforeEach(async () => {
    ({ services, store } = testServices(() => new Date('2026-03-10T09:00:00Z')));
    const { app } = testApp(services);
    await services.projects.create({ slug: 'p4c', name: 'Place4Carers', instrument: 'coassess-core' }, 'test');
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
  });
  afterEach(() => store.close());

  const seriesDefaults = async () => {
    const html = (await lead.get('/projects/p4c/waves').expect(200)).text;
    return { labelPrefix: valueOf(html, 'labelPrefix') ?? '', firstNumber: valueOf(html, 'firstNumber') ?? '' };
  };
  const schedule = (fields: Record<string, string>, status: number) =>
    postForm(
      lead,
      '/projects/p4c/waves/series',
      { everyMonths: '3', count: '4', openDays: '21', ...fields },
      status,
      '/projects/p4c/waves',
    );

  it('offers Wave 1 in a new project, then 5 once waves 1 to 4 exist, and that default is accepted', async function () {
    expect(await seriesDefaults()).to.deep.equal({ labelPrefix: 'Wave', firstNumber: '1' });
    await schedule({ ...(await seriesDefaults()), firstOpensOn: '2026-04-01' }, 303);
    expect(await seriesDefaults()).to.deep.equal({ labelPrefix: 'Wave', firstNumber: '5' });
    // What the form offers is scheduled as it stands: the refusal the issue describes is gone.
    await schedule({ ...(await seriesDefaults()), firstOpensOn: '2027-04-01' }, 303);
    const project = await services.projects.bySlug('p4c');
    expect((await services.waves.timeline(project)).map((w) => w.label)).to.deep.equal([
      'Wave 1',
      'Wave 2',
      'Wave 3',
      'Wave 4',
      'Wave 5',
      'Wave 6',
      'Wave 7',
      'Wave 8',
    ]);
    expect(await seriesDefaults()).to.deep.equal({ labelPrefix: 'Wave', firstNumber: '9' });
  });

  it('continues after the highest number when waves are missing in between', async function () {
    const project = await services.projects.bySlug('p4c');
    await services.waves.add({ project, label: 'Wave 1', opensOn: '2026-04-01', closesOn: '2026-04-21' }, 'test');
    await services.waves.add({ project, label: 'Wave 3', opensOn: '2026-07-01', closesOn: '2026-07-21' }, 'test');
    expect(await seriesDefaults()).to.deep.equal({ labelPrefix: 'Wave', firstNumber: '4' });
  });

  it('puts back what was typed, not the default, when the series is refused', async function () {
    const refused = await schedule({ labelPrefix: 'Wave', firstNumber: '2', firstOpensOn: 'soon' }, 400);
    expect(valueOf(refused.text, 'firstNumber')).to.equal('2');
  });
});
