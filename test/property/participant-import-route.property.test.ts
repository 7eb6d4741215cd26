import { expect } from 'chai';
import fc from 'fast-check';
import type request from 'supertest';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Participant } from '../../server/domain/records.js';
import { csrfFor, signIn, staffUser, type Agent } from '../helpers/staff-agent.js';
import { storeSnapshot } from '../helpers/store-snapshot.js';
import { testApp } from '../helpers/test-app.js';
import { seededProject, testServices } from '../helpers/test-services.js';
import { csvText, PARTICIPANT_COLUMNS } from './csv-arbitraries.js';
import { expectPageOrRedirect, formBody, hostileForm, hostileString, NASTY_KEYS, RUNS } from './hostile.js';

type Res = request.Response;

const PAGE = '/projects/p4c/participants';
const IMPORT = `${PAGE}/import`;

/** No hostile field name reached Object.prototype (multer builds nested objects from names such as a[b]). */
function expectPrototypeClean(): void {
  expect(Object.keys(Object.prototype)).to.deep.equal([]);
  expect(({} as Record<string, unknown>).admin).to.equal(undefined);
}

/**
 * A well-formed participant file whose rows the test knows: the required columns and any of the
 * optional ones in any order, cells padded or quoted at random, any line ending, maybe a BOM. The
 * codes get a prefix unique to the run, so an unmutated file is always valid and new. Sometimes
 * one cell is replaced by hostile text (always quoted correctly, so the rows stay known).
 */
interface Plan {
  columns: string[];
  rows: { suffix: string; cells: Record<string, string>; quoted: boolean[] }[];
  mutation: { row: number; column: number; value: string } | null;
  eol: string;
  bom: boolean;
  trailing: boolean;
}

const OPTIONAL_COLUMNS = ['language', 'mode', 'email', 'enrolled_on'];
const plan: fc.Arbitrary<Plan> = fc.record({
  columns: fc
    .subarray(OPTIONAL_COLUMNS)
    .chain((optional) => fc.shuffledSubarray(['code', 'group', ...optional], { minLength: optional.length + 2 })),
  rows: fc.uniqueArray(
    fc.record({
      suffix: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,8}$/),
      cells: fc.record({
        group: fc.constantFrom('caregiver', 'provider', ' provider '),
        language: fc.constantFrom('', 'en', 'it', ' it'),
        mode: fc.constantFrom('', 'web', 'paper', 'PAPER', ' Web '),
        email: fc.constantFrom('', 'a@example.org', 'x.y+z@example.com'),
        enrolled_on: fc.constantFrom('', '2026-01-15', ' 2025-12-31 '),
      }),
      quoted: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 6, selector: (r) => r.suffix.toLowerCase() },
  ),
  mutation: fc.option(fc.record({ row: fc.nat(), column: fc.nat(), value: hostileString }), { freq: 2 }),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  trailing: fc.boolean(),
});

/** The text of a plan under a random prefix: mostly new codes, so such a file is often taken. */
const planText = fc.tuple(plan, fc.integer({ min: 1, max: 1e9 })).map(([p, n]) => render(p, `H${n}`).text);

/** CSV for the hostile properties: hostile and plausible text from the CSV properties, or a well-formed file. */
const someCsv = fc.oneof({ arbitrary: csvText(PARTICIPANT_COLUMNS), weight: 2 }, { arbitrary: planText, weight: 1 });

interface ExpectedRow {
  code: string;
  group: string;
  language: string;
  mode: string;
  email: string;
  enrolledOn: string;
}

/** The CSV text of a plan, and the participants an accepted import of it must add. */
function render(p: Plan, prefix: string): { text: string; rows: ExpectedRow[] } {
  const table = p.rows.map((r) => ({ ...r.cells, code: `${prefix}-${r.suffix}` }) as Record<string, string>);
  if (p.mutation)
    table[p.mutation.row % table.length]![p.columns[p.mutation.column % p.columns.length]!] = p.mutation.value;
  const cell = (value: string, quote: boolean) =>
    quote || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  const lines = [
    p.columns.join(','),
    ...table.map((row, i) => p.columns.map((c, j) => cell(row[c]!, p.rows[i]!.quoted[j]!)).join(',')),
  ];
  const text = (p.bom ? '\ufeff' : '') + lines.join(p.eol) + (p.trailing ? p.eol : '');
  // As documented for imports: line endings are read as one (also inside quotes), cells are
  // trimmed, a missing language is the questionnaire's first (en), a missing mode is web, a
  // missing enrolment day is the services' today.
  const read = (row: Record<string, string>, column: string) =>
    p.columns.includes(column) ? row[column]!.replace(/\r\n?/g, '\n').trim() : '';
  const rows = table.map((row) => ({
    code: read(row, 'code'),
    group: read(row, 'group'),
    language: read(row, 'language') || 'en',
    mode: read(row, 'mode').toLowerCase() || 'web',
    email: read(row, 'email'),
    enrolledOn: read(row, 'enrolled_on') || '2026-03-10',
  }));
  return { text, rows };
}

describe('hostile input on the web participant import (pasted and uploaded)', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let lead: Agent;
  let token: string;
  let projectId: string;
  let run = 0;

  before(async function () {
    ({ services, store } = testServices());
    ({ app } = testApp(services));
    projectId = (await seededProject(services)).project.id;
    lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    token = await csrfFor(lead, PAGE);
  });
  after(() => store.close());

  const participants = () => store.participants.list(projectId);

  /**
   * Sends an import and checks the all-or-nothing rule: a refusal (4xx) leaves the whole store as
   * it was; an acceptance redirects with the count and adds exactly that many participants,
   * leaving everyone already there untouched. Returns the response and the participants added.
   */
  async function importing(send: () => Promise<Res>): Promise<{ res: Res; added: Participant[] }> {
    const before = await storeSnapshot(store);
    const old = await participants();
    const res = await send();
    expectPageOrRedirect(res);
    expectPrototypeClean();
    if (res.status >= 400) {
      expect(await storeSnapshot(store), `${res.status} on the import wrote something`).to.equal(before);
      return { res, added: [] };
    }
    expect(res.status).to.equal(303);
    const count = Number(
      /^\/projects\/p4c\/participants\?done=imported%20(\d+)$/.exec(res.headers.location ?? '')?.[1],
    );
    const now = await participants();
    const oldIds = new Set(old.map((p) => p.id));
    expect(
      now.filter((p) => oldIds.has(p.id)),
      'an import changed a participant already there',
    ).to.deep.equal(old);
    const added = now.filter((p) => !oldIds.has(p.id));
    expect(added).to.have.length(count).and.length.greaterThan(0);
    return { res, added };
  }

  /** What an accepted import added, in the shape of the rows expected. */
  async function asRows(added: Participant[]): Promise<ExpectedRow[]> {
    const rows = [];
    for (const p of added) {
      expect(p.status).to.equal('active');
      rows.push({
        code: p.code,
        group: p.group,
        language: p.language,
        mode: p.mode,
        email: (await store.participants.getContact(p.id))?.email ?? '',
        enrolledOn: p.enrolledOn,
      });
    }
    return rows.sort((a, b) => a.code.localeCompare(b.code));
  }

  /** Every participant added is a valid one, and its code is in the text that was imported. */
  function expectFrom(text: string, added: Participant[]): void {
    for (const p of added) {
      expect(text).to.include(p.code);
      expect(p.group).to.be.oneOf(['caregiver', 'provider']);
      expect(p.language).to.be.oneOf(['en', 'it']);
      expect(p.mode).to.be.oneOf(['web', 'paper']);
    }
  }

  const paste = (pairs: [string, string][]) => () => lead.post(IMPORT).type('form').send(formBody(token, pairs));

  it('a well-formed file, pasted or uploaded, adds exactly its rows; with a hostile cell, exactly its rows or nothing', async function () {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(plan, fc.constantFrom('paste', 'upload'), async (p, how) => {
        const { text, rows } = render(p, `R${++run}`);
        const send =
          how === 'paste'
            ? paste([['csv', text]])
            : () => lead.post(IMPORT).field('_csrf', token).attach('file', Buffer.from(text, 'utf8'), 'people.csv');
        const { res, added } = await importing(send);
        // Without a hostile cell the file is valid and every code new: it must be taken.
        if (!p.mutation) expect(res.status, res.text.slice(0, 500)).to.equal(303);
        if (res.status >= 400) {
          // A refusal says which lines are at fault.
          expect(res.text).to.match(/line \d+/);
          return;
        }
        accepted += 1;
        expect(await asRows(added)).to.deep.equal([...rows].sort((a, b) => a.code.localeCompare(b.code)));
      }),
      { ...RUNS, numRuns: 60 },
    );
    expect(accepted).to.be.greaterThan(0);
  });

  it('pasted CSV: hostile text and hostile form fields never give a 5xx, and are imported whole or not at all', async function () {
    await fc.assert(
      fc.asyncProperty(hostileForm({ csv: someCsv }), async (pairs) => {
        const { res, added } = await importing(paste(pairs));
        if (res.status !== 303) return;
        // Only one pasted text can have been taken: a field sent twice arrives as a list, which is refused.
        const sent = pairs.filter(([k]) => k === 'csv');
        expect(sent).to.have.length(1);
        expectFrom(sent[0]![1], added);
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it('uploaded CSV: hostile files and multipart tricks never give a 5xx, and are imported whole or not at all', async function () {
    const content = fc.oneof(
      { arbitrary: someCsv.map((s) => Buffer.from(s, 'utf8')), weight: 6 },
      // Not UTF-8 at all, or empty.
      { arbitrary: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)), weight: 1 },
    );
    const file = fc.record({
      name: fc.oneof(
        { arbitrary: fc.constant('file'), weight: 6 },
        { arbitrary: fc.constantFrom('csv', 'upload', 'file[]', '_csrf'), weight: 1 },
      ),
      filename: fc.constantFrom(
        'people.csv',
        'people.txt',
        'a"b.csv',
        '../../etc/passwd',
        'ü.csv',
        'x\r\n.csv',
        '%00.csv',
      ),
      contentType: fc.constantFrom('text/csv', 'application/octet-stream', 'image/png', 'text/html; charset=utf-16'),
      content,
    });
    // Text fields beside the file: prototype-polluting names, names multer nests (a[b]), a pasted
    // csv that the file must win over, and names that are not names at all.
    const fieldName = fc.oneof(
      { arbitrary: fc.constantFrom(...NASTY_KEYS), weight: 3 },
      { arbitrary: fc.constantFrom('csv', 'csv[]', 'csv[a]', '_csrf[x]', 'file', 'code', 'project'), weight: 2 },
      { arbitrary: hostileString.map((s) => s.slice(0, 100)), weight: 1 },
    );
    const field = fc.tuple(fieldName, fc.oneof(hostileString, someCsv));
    const upload = fc.record({
      files: fc.oneof(
        { arbitrary: fc.array(file, { minLength: 1, maxLength: 1 }), weight: 6 },
        { arbitrary: fc.array(file, { maxLength: 2 }), weight: 1 },
      ),
      fields: fc.array(field, { maxLength: 4 }),
      filesFirst: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(upload, async ({ files, fields, filesFirst }) => {
        const { res, added } = await importing(async () => {
          let req = lead.post(IMPORT);
          const addFiles = () => {
            for (const f of files)
              req = req.attach(f.name, f.content, { filename: f.filename, contentType: f.contentType });
          };
          if (filesFirst) addFiles();
          req = req.field('_csrf', token);
          for (const [name, value] of fields) req = req.field(name, value);
          if (!filesFirst) addFiles();
          return req;
        });
        if (res.status !== 303) return;
        // Taken only from one file under the expected name, or (without a file) from one pasted csv field.
        expect(files.filter((f) => f.name !== 'file')).to.deep.equal([]);
        expect(files.length).to.be.at.most(1);
        const text = files[0]
          ? files[0].content.toString('utf8')
          : fields
              .filter(([k]) => k === 'csv')
              .map(([, v]) => v)
              .join('');
        expectFrom(text, added);
      }),
      { ...RUNS, numRuns: 60 },
    );
  });
});
