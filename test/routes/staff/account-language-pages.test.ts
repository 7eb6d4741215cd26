import { expect } from 'chai';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { decodeEntities } from '../../helpers/forms.js';
import { signIn, staffUser } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

/**
 * Pages whose words keep a catalogue of their own (consent, wave summaries, the exports page's
 * actions line) speak the account's language, not the browser's (issue 17, ADR 0110): a lead
 * who chose Italian reads them in Italian from a browser that asks for English, and the other
 * way round.
 */
describe("staff pages with their own words follow the account's language", function () {
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let waveId: string;

  beforeEach(async () => {
    ({ services, store } = testServices());
    ({ app } = testApp(services));
    waveId = (await seededProject(services)).wave1.id;
  });
  afterEach(() => store.close());

  const pages = () => [
    { path: '/projects/p4c/consent', it: 'Consenso e privacy', en: 'Consent and privacy' },
    { path: `/projects/p4c/waves/${waveId}/summary`, it: 'Lei ci ha detto, noi abbiamo fatto', en: 'You said, we did' },
    { path: '/projects/p4c/exports', it: 'Una riga per ogni azione decisa', en: 'One row per action agreed' },
  ];

  for (const [chosen, browser] of [
    ['it', 'en'],
    ['en', 'it'],
  ] as const)
    it(`shows them in ${chosen === 'it' ? 'Italian' : 'English'} to an account that chose it, from a browser asking for ${browser}`, async function () {
      const lead = await staffUser(services, 'lead', 'p4c');
      await services.users.setLanguage(lead.id, chosen);
      const agent = await signIn(app, lead);
      for (const page of pages()) {
        const text = decodeEntities((await agent.get(page.path).set('Accept-Language', browser).expect(200)).text);
        expect(text, page.path).to.include(page[chosen]);
        expect(text, page.path).not.to.include(page[browser]);
      }
    });
});
