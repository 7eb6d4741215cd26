import { expect } from 'chai';
import type { Project } from '../../../server/domain/records.js';
import { MAX_IMPORT_ROWS } from '../../../server/services/csv-import.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { staffMessages } from '../../../server/i18n/staff-messages.js';
import { MAX_ADDRESS_CHARS } from '../../../server/services/participant-service.js';
import { csrfFrom, decodeEntities, textareaOf } from '../../helpers/forms.js';
import { csrfFor, signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

const PAGE = '/projects/p4c/participants';

/** The codes listed in the page's table, in order. */
const codesOn = (html: string) =>
  [...html.matchAll(/<tr><td><a href="\/projects\/p4c\/participants\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
/** The page links under the table, by their text. */
const linksOn = (html: string) =>
  Object.fromEntries(
    [
      ...(/<nav class="pagination"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '').matchAll(/<a href="([^"]+)"[^>]*>([^<]+)</g),
    ].map((m) => [m[2], m[1]!.replace(/&amp;/g, '&')]),
  );

describe('the participants page', function () {
  this.timeout(30_000);
  let services: Services;
  let store: SqliteStore;
  let lead: Agent;
  let project: Project;

  beforeEach(async () => {
    ({ services, store } = testServices());
    const { app } = testApp(services);
    ({ project } = await seededProject(services));
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
  });
  afterEach(() => store.close());

  describe('with 253 participants', function () {
    beforeEach(async () => {
      // CG-001, CG-002, PR-001 are there already; L-000 to L-249 join them, every fifth a provider, every tenth withdrawn.
      await store.participants.createMany(
        Array.from({ length: 250 }, (_, i) => ({
          projectId: project.id,
          code: `L-${String(i).padStart(3, '0')}`,
          group: i % 5 === 0 ? 'provider' : 'caregiver',
          language: 'en',
          mode: 'web' as const,
          enrolledOn: '2026-01-01',
          token: `t${String(i).padStart(31, '0')}`,
          accessCode: `A${String(i).padStart(7, '0')}`,
          ...(i % 10 === 0 ? { status: 'withdrawn' as const, withdrawnOn: '2026-02-01' } : {}),
        })),
      );
    });

    it('shows 100 at a time by code, with plain links to the other pages', async function () {
      const first = (await lead.get(PAGE).expect(200)).text;
      expect(codesOn(first)).to.have.length(100);
      expect(codesOn(first).slice(0, 4)).to.deep.equal(['CG-001', 'CG-002', 'L-000', 'L-001']);
      expect(first).to.include('1–100 of 253 participants, by code.').and.include('Page 1 of 3');
      expect(linksOn(first)).to.deep.equal({ 'Next page': `${PAGE}?page=2`, 'Last page': `${PAGE}?page=3` });

      const last = (await lead.get(`${PAGE}?page=3`).expect(200)).text;
      expect(codesOn(last)).to.have.length(53);
      expect(codesOn(last).at(-1)).to.equal('PR-001');
      expect(last).to.include('201–253 of 253 participants');
      expect(linksOn(last)).to.deep.equal({ 'First page': PAGE, 'Previous page': `${PAGE}?page=2` });
    });

    it('filters by group, status and part of a code, from a GET form, and every page link keeps the filter', async function () {
      const providers = (await lead.get(`${PAGE}?group=provider&status=active`).expect(200)).text;
      expect(codesOn(providers)).to.have.length(26);
      expect(codesOn(providers).slice(0, 3)).to.deep.equal(['L-005', 'L-015', 'L-025']);
      expect(providers)
        .to.include('26 participants matching the filters')
        .and.include('<option value="provider" selected>')
        .and.include('<option value="active" selected>');

      const withdrawn = (await lead.get(`${PAGE}?status=withdrawn&code=l-2`).expect(200)).text;
      expect(codesOn(withdrawn)).to.deep.equal(['L-200', 'L-210', 'L-220', 'L-230', 'L-240']);
      expect(withdrawn).to.include('value="l-2"');

      const caregivers = (await lead.get(`${PAGE}?group=caregiver&code=L&page=2`).expect(200)).text;
      expect(caregivers).to.include('101–200 of 200 participants matching the filters');
      expect(linksOn(caregivers)).to.deep.equal({
        'First page': `${PAGE}?group=caregiver&code=L`,
        'Previous page': `${PAGE}?group=caregiver&code=L`,
      });
      expect(caregivers).to.include(`<a href="${PAGE}">Show everyone</a>`);
    });

    it('answers odd queries with a page, never an error: a page past the last, words, repeats, patterns, markup', async function () {
      expect(codesOn((await lead.get(`${PAGE}?page=99`).expect(200)).text).at(-1)).to.equal('PR-001');
      for (const query of ['page=two', 'page=-1', 'page=99999999999999999999', 'status=gone', 'group=x&group=y'])
        expect(codesOn((await lead.get(`${PAGE}?${query}`).expect(200)).text)[0], query).to.equal('CG-001');
      expect((await lead.get(`${PAGE}?group=nobody`).expect(200)).text).to.include(
        'No participant matches these filters.',
      );
      expect(codesOn((await lead.get(`${PAGE}?code=%25`).expect(200)).text)).to.deep.equal([]);
      const markup = (await lead.get(`${PAGE}?code=${encodeURIComponent('"><script>x</script>')}`).expect(200)).text;
      expect(markup).to.include('value="&#34;&gt;&lt;script&gt;x&lt;/script&gt;"').and.not.include('<script>x');
    });
  });

  it('imports a file as Italian Excel saves it (BOM, semicolons, CRLF, quoted cells), uploaded or pasted', async function () {
    const file = Buffer.from(
      '\ufeffcode;group;language;mode;email;enrolled_on\r\nIT-1;caregiver;it;paper;;2026-02-01\r\n"IT-2";provider;it;web;"anna@example.org";\r\n',
      'utf8',
    );
    await lead
      .post(`${PAGE}/import`)
      .field('_csrf', await csrfFor(lead, PAGE))
      .attach('file', file, 'persone.csv')
      .expect(303);
    await lead
      .post(`${PAGE}/import`)
      .field('_csrf', await csrfFor(lead, PAGE))
      .field('csv', 'code\tgroup\nIT-3\tcaregiver\n')
      .expect(303);
    const imported = (await store.participants.list(project.id)).filter((p) => p.code.startsWith('IT-'));
    expect(imported.map((p) => [p.code, p.group, p.language, p.mode, p.enrolledOn])).to.deep.equal([
      ['IT-1', 'caregiver', 'it', 'paper', '2026-02-01'],
      ['IT-2', 'provider', 'it', 'web', '2026-03-10'],
      ['IT-3', 'caregiver', 'en', 'web', '2026-03-10'],
    ]);
    expect(await store.participants.getContact(imported[1]!.id)).to.deep.equal({
      email: 'anna@example.org',
      name: null,
      address: null,
    });
  });

  describe('a name and a postal address, for letters', function () {
    const MARIA = "Maria D'Angelo";
    const ESINE = 'Località Pian di Borno 3\n25040 Esine BS';

    it('are asked, optional, when adding one participant, and kept with the contact details', async function () {
      const page = (await lead.get(PAGE).expect(200)).text;
      expect(page).to.match(/<input id="f-name" name="name" type="text" value="" autocomplete="off">/);
      expect(textareaOf(page, 'address')).to.equal('');
      await lead
        .post(PAGE)
        .type('form')
        .send({ _csrf: csrfFrom(page), code: 'CG-300', group: 'caregiver', language: 'it', mode: 'paper' })
        .expect(303);
      await lead
        .post(PAGE)
        .type('form')
        .send({
          _csrf: csrfFrom(page),
          code: 'CG-301',
          group: 'caregiver',
          language: 'it',
          mode: 'paper',
          name: MARIA,
          address: ESINE.replace('\n', '\r\n'),
        })
        .expect(303);
      const contactOf = async (code: string) =>
        store.participants.getContact((await store.participants.getByCode(project.id, code))!.id);
      expect(await contactOf('CG-300')).to.equal(null);
      expect(await contactOf('CG-301')).to.deep.equal({ email: null, name: MARIA, address: ESINE });
    });

    it('are shown, changed and cleared on the participant page, a refusal beside its field in Italian, with the typed values kept', async function () {
      await services.participants.importCsv(
        project,
        `code,group,email,name,address\nCG-310,caregiver,maria@example.org,${MARIA},"${ESINE}"\n`,
        'test',
      );
      const path = `${PAGE}/CG-310`;
      const page = (await lead.get(path).expect(200)).text;
      expect(decodeEntities(/<input id="f-name"[^>]*value="([^"]*)"/.exec(page)![1]!)).to.equal(MARIA);
      expect(textareaOf(page, 'address')).to.equal(ESINE);
      const edit = { _csrf: csrfFrom(page), group: 'caregiver', language: 'it', mode: 'paper' };

      const long = 'Via '.padEnd(MAX_ADDRESS_CHARS + 1, 'à');
      const refused = await lead
        .post(path)
        .set('Accept-Language', 'it-IT,it;q=0.9')
        .type('form')
        .send({ ...edit, name: 'Maria Dangelo', address: long })
        .expect(400);
      const said = staffMessages.translator('it')('imports.addressTooLong', { max: MAX_ADDRESS_CHARS });

      expect(decodeEntities(refused.text)).to.match(
        new RegExp(`id="f-address-error">[^<]*<span[^>]*>[^<]*</span> ${said}</p>`),
      );
      expect(textareaOf(refused.text, 'address')).to.equal(long);
      expect(decodeEntities(refused.text)).to.include('value="Maria Dangelo"');

      await lead
        .post(path)
        .type('form')
        .send({ ...edit, name: 'Maria Assunta D’Angelo', address: 'Via Roma 1\r\n23100 Sondrio SO' })
        .expect(303);
      const person = await services.participants.byCode(project, 'CG-310');
      expect(await store.participants.getContact(person.id)).to.deep.equal({
        email: 'maria@example.org',
        name: 'Maria Assunta D’Angelo',
        address: 'Via Roma 1\n23100 Sondrio SO',
      });
      // A post without the two fields (not from this form) leaves them as they were.
      await lead.post(path).type('form').send(edit).expect(303);
      expect(await store.participants.getContact(person.id)).to.deep.include({ name: 'Maria Assunta D’Angelo' });
      await lead
        .post(path)
        .type('form')
        .send({ ...edit, name: '', address: '' })
        .expect(303);
      expect(await store.participants.getContact(person.id)).to.deep.equal({
        email: 'maria@example.org',
        name: null,
        address: null,
      });
    });

    it('are read from an import, and a line with a bad one is listed by its problem in Italian', async function () {
      const csv = `code,group,name,address\nCG-320,caregiver,${MARIA},"${ESINE}"\nCG-321,caregiver,"Maria\tD'Angelo",\n`;
      const italian = await lead
        .post(`${PAGE}/import`)
        .set('Accept-Language', 'it-IT,it;q=0.9')
        .field('_csrf', await csrfFor(lead, PAGE))
        .field('csv', csv)
        .expect(400);
      const said = staffMessages.translator('it')('imports.nameControl').toString();
      expect(decodeEntities(italian.text)).to.include(`riga 4: ${said}`);
      expect(await store.participants.getByCode(project.id, 'CG-320')).to.equal(null);
      await lead
        .post(`${PAGE}/import`)
        .field('_csrf', await csrfFor(lead, PAGE))
        .field('csv', csv.split('\n').slice(0, 3).join('\n'))
        .expect(303);
      const person = await services.participants.byCode(project, 'CG-320');
      expect(await store.participants.getContact(person.id)).to.deep.equal({
        email: null,
        name: MARIA,
        address: ESINE,
      });
    });
  });

  describe('an import refused', function () {
    it('over the row limit, says the limit and writes nothing', async function () {
      const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `B-${i},caregiver`).join('\n');
      const res = await lead
        .post(`${PAGE}/import`)
        .field('_csrf', await csrfFor(lead, PAGE))
        .attach('file', Buffer.from(`code,group\n${rows}\n`), 'people.csv')
        .expect(400);
      expect(res.text).to.include(
        `line ${MAX_IMPORT_ROWS + 2}: the file has more than 50,000 rows, the most one import takes: split it into files of at most 50,000 rows`,
      );
      expect(await store.participants.list(project.id)).to.have.length(3);
    });

    it('separated by anything else, says which separators are accepted and writes nothing', async function () {
      const res = await lead
        .post(`${PAGE}/import`)
        .field('_csrf', await csrfFor(lead, PAGE))
        .attach('file', Buffer.from('code|group\r\nIT-9|caregiver\r\n'), 'people.csv')
        .expect(400);
      expect(res.text).to.include(
        'line 1: the header line has no column separator this import reads: separate the columns with a comma (,), a semicolon (;) or a tab',
      );
      const italian = await lead
        .post(`${PAGE}/import`)
        .set('Accept-Language', 'it-IT,it;q=0.9,en;q=0.5')
        .field('_csrf', await csrfFor(lead, PAGE))
        .attach('file', Buffer.from('code;group,mode\r\nIT-9;caregiver,web\r\n'), 'people.csv')
        .expect(400);
      expect(italian.text).to.include(
        'riga 1: la riga di intestazione separa le colonne con più di un tipo di separatore (; ,): usane uno solo, una virgola (,), un punto e virgola (;) o una tabulazione',
      );
      expect(await store.participants.list(project.id)).to.have.length(3);
    });

    it('lists the first 100 bad lines and says how many more, without putting an uploaded file back in the form', async function () {
      const bad = Array.from({ length: 102 }, (_, i) => `B-${i},martians`).join('\n');
      const res = await lead
        .post(`${PAGE}/import`)
        .field('_csrf', await csrfFor(lead, PAGE))
        .attach('file', Buffer.from(`code,group\n${bad}\n`), 'people.csv')
        .expect(400);
      const listed = [...res.text.matchAll(/<li>(line \d+): /g)].map((m) => m[1]);
      expect(listed).to.have.length(100);
      expect([listed[0], listed[99]]).to.deep.equal(['line 2', 'line 101']);
      expect(res.text).to.include('and 2 more problems after these: mend these and import again to see the rest');
      expect(res.text).to.match(/<textarea id="f-csv" name="csv"[^>]*><\/textarea>/);

      const pasted = await lead
        .post(`${PAGE}/import`)
        .field('_csrf', await csrfFor(lead, PAGE))
        .field('csv', 'code,group\nB-1,martians\n')
        .expect(400);
      expect(pasted.text).to.include('code,group\nB-1,martians');
    });
  });
});
