import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { createApp } from '../../../server/app.js';
import { CONTACT_LIST_COLUMNS } from '../../../server/services/invitation-service.js';
import { InstrumentRegistry } from '../../../server/services/instrument-registry.js';
import { smtpMailer } from '../../../server/services/mailer.js';
import { createServices, type Services } from '../../../server/services/services.js';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { csrfFrom, decodeEntities } from '../../helpers/forms.js';
import { startSmtp, type TestSmtp } from '../../helpers/smtp-server.js';
import { signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { storeSnapshot } from '../../helpers/store-snapshot.js';
import { seededProject, SURVEYS_DIR } from '../../helpers/test-services.js';

const WARNING = {
  en: 'Links will not work outside this computer',
  it: 'I link non funzioneranno fuori da questo computer',
};

describe('invitation routes', function () {
  this.timeout(30_000);
  let smtp: TestSmtp;
  let store: SqliteStore;
  let services: Services;
  let lead: Agent;
  let seeded: Awaited<ReturnType<typeof seededProject>>;

  /** The app as main.ts builds it, with links on `baseUrl`, a real SMTP mailer, and a lead signed in. */
  async function start(baseUrl: string, withMailer = true) {
    store = SqliteStore.open(':memory:');
    services = createServices({
      store,
      instruments: InstrumentRegistry.fromDirectory(SURVEYS_DIR),
      baseUrl,
      now: () => new Date('2026-03-10T09:00:00Z'),
    });
    const app = createApp({
      services,
      config: { baseUrl, sessionSecret: 'x'.repeat(40), trustProxy: false },
      log: () => {},
      mailer: withMailer ? smtpMailer(smtp.url, 'CoAssess <noreply@coassess.test>') : null,
    });
    seeded = await seededProject(services);
    await services.participants.importCsv(
      seeded.project,
      'code,group,language,email\nCG-101,caregiver,it,anna@example.org\nPR-101,provider,en,pia@example.org\n',
      'test',
    );
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
  }

  beforeEach(async () => (smtp = await startSmtp()));
  afterEach(async () => {
    await store.close();
    await smtp.close();
  });

  describe('while BASE_URL is unset (links on http://localhost:3000)', function () {
    beforeEach(() => start('http://localhost:3000'));

    it('refuses to send, says why in English or Italian, and neither sends nor claims nor writes anything', async function () {
      const page = await lead.get('/projects/p4c/contacts').expect(200);
      const before = await storeSnapshot(store);
      for (const [language, words] of [
        ['en', 'No email was sent'],
        ['it', 'Nessuna email è stata inviata'],
      ] as const) {
        const refused = await lead
          .post('/projects/p4c/invitations/send')
          .set('Accept-Language', language)
          .type('form')
          .send({ _csrf: csrfFrom(page.text) })
          .expect(409);
        expect(refused.headers['x-error-code']).to.equal('BASE_URL_NOT_SET');
        expect(decodeEntities(refused.text)).to.include(words).and.include('http://localhost:3000');
      }
      expect(smtp.received).to.deep.equal([]);
      expect(await store.sends.list(seeded.wave1.id)).to.deep.equal([]);
      expect(await storeSnapshot(store)).to.equal(before);
    });

    it('warns on the invitations, letters, paper and paper-pack pages, offers no send button, and prints no warning', async function () {
      const contacts = await lead.get('/projects/p4c/contacts').expect(200);
      expect(contacts.text).to.include(WARNING.en).and.not.include('/invitations/send');
      const italian = await lead.get('/projects/p4c/contacts').set('Accept-Language', 'it-IT,it;q=0.9').expect(200);
      expect(decodeEntities(italian.text)).to.include(WARNING.it).and.include('Inviti e promemoria');
      for (const path of ['/contacts/letters', '/paper', `/waves/${seeded.wave1.id}/paper-pack`]) {
        const res = await lead.get(`/projects/p4c${path}`).expect(200);
        // no-print: the warning is for staff on screen, never on a participant's letter.
        expect(res.text, path).to.match(new RegExp(`class="warning-panel no-print"[^>]*><h2[^>]*>${WARNING.en}`));
      }
    });
  });

  describe('with a public BASE_URL', function () {
    beforeEach(() => start('https://coassess.example.org'));

    it('shows no warning, offers the send, and sends through the real SMTP server with public links', async function () {
      const page = await lead.get('/projects/p4c/contacts').expect(200);
      expect(page.text).to.include('Send the 2 due emails now');
      expect(page.text).to.not.include(WARNING.en);
      for (const path of ['/contacts/letters', '/paper'])
        expect((await lead.get(`/projects/p4c${path}`).expect(200)).text).to.not.include('warning-panel');
      const sent = await lead
        .post('/projects/p4c/invitations/send')
        .type('form')
        .send({ _csrf: csrfFrom(page.text) })
        .expect(303);
      expect(sent.headers.location).to.equal('/projects/p4c/contacts?sent=2&failed=0&unaudited=0');
      expect(smtp.received.flatMap((m) => m.to).sort()).to.deep.equal(['anna@example.org', 'pia@example.org']);
      expect(
        smtp.received.every((m) => m.raw.replace(/=\r?\n/g, '').includes('https://coassess.example.org/s/')),
      ).to.equal(true);
      const report = await lead.get(sent.headers.location!).set('Accept-Language', 'it').expect(200);
      expect(decodeEntities(report.text)).to.include('2 email inviate');
    });

    it('downloads the people to contact by letter as a mail-merge CSV with exactly its columns, a BOM and CRLF', async function () {
      const res = await lead.get('/projects/p4c/contacts/contacts.csv').buffer(true).expect(200);
      expect(res.headers['content-type']).to.equal('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).to.equal('attachment; filename="p4c-contacts.csv"');
      const text = res.text;
      expect(text.startsWith('\uFEFFcode,name,address,language,link,access_code\r\n')).to.equal(true);
      const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0]!)).to.deep.equal([...CONTACT_LIST_COLUMNS]);
      // With SMTP only those without an address are listed: the three seeded participants.
      const participants = await store.participants.list(seeded.project.id);
      const expected = participants
        .filter((p) => ['CG-001', 'CG-002', 'PR-001'].includes(p.code))
        .map((p) => ({
          code: p.code,
          name: '',
          address: '',
          language: p.language,
          link: `https://coassess.example.org/s/${p.token}`,
          access_code: `${p.accessCode.slice(0, 4)}-${p.accessCode.slice(4)}`,
        }));
      expect(rows).to.deep.equal(expected);
      const audit = await store.audit.list({ projectId: seeded.project.id });
      expect(audit.some((e) => e.action === 'export' && e.target === 'contacts.csv')).to.equal(true);
    });
  });

  it('fills name and address from the contact details, an address of several lines whole in one quoted cell, a formula neutralised, the withdrawn left out', async function () {
    await start('https://coassess.example.org');
    await services.participants.importCsv(
      seeded.project,
      [
        'code,group,language,mode,name,address',
        `CG-201,caregiver,it,paper,Maria D'Angelo,"Località Pian di Borno 3\n25040 Esine BS"`,
        'CG-202,caregiver,it,paper,"=HYPERLINK(""http://evil.example"")","@Via Roma 1"',
        'CG-203,caregiver,it,paper,Giulia Nobile,Via Nazionale 2',
      ].join('\n'),
      'test',
    );
    await services.participants.withdraw(seeded.project, 'CG-203', 'test');
    const res = await lead.get('/projects/p4c/contacts/contacts.csv').buffer(true).expect(200);
    expect(res.text).to.include('"Località Pian di Borno 3\n25040 Esine BS"');
    const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    const byCode = Object.fromEntries(rows.map((r) => [r.code, [r.name, r.address]]));
    expect(byCode).to.deep.include({
      'CG-201': ["Maria D'Angelo", 'Località Pian di Borno 3\n25040 Esine BS'],
      'CG-202': [`'=HYPERLINK("http://evil.example")`, "'@Via Roma 1"],
      // Seeded without either: empty cells, as before.
      'CG-001': ['', ''],
    });
    expect(byCode).to.not.have.property('CG-203');
    // Its taking is audited as an export's is, without a name or an address in the entry.
    const audit = JSON.stringify(await store.audit.list({ projectId: seeded.project.id }));
    expect(audit).to.include('contacts.csv').and.not.include('Angelo').and.not.include('Esine');
  });

  it('lists everyone due in the CSV without SMTP, those with an email address too', async function () {
    await start('https://coassess.example.org', false);
    const res = await lead.get('/projects/p4c/contacts/contacts.csv').buffer(true).expect(200);
    const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.code).sort()).to.deep.equal(['CG-001', 'CG-002', 'CG-101', 'PR-001', 'PR-101']);
  });
});
