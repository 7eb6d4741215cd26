import { expect } from 'chai';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createApp } from '../../../server/app.js';
import { EXPORT_KINDS } from '../../../server/services/export-service.js';
import { SYNTAX_FILES } from '../../../server/services/labels-exports.js';
import type { Services } from '../../../server/services/services.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { decodeEntities } from '../../helpers/forms.js';
import { csrfFor, postForm, signIn, staffUser, type Agent } from '../../helpers/staff-agent.js';
import { testApp } from '../../helpers/test-app.js';
import { seededProject, testServices } from '../../helpers/test-services.js';

/** Collects a binary body as a Buffer (supertest only buffers text by itself). */
function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('export downloads', function () {
  this.timeout(60_000);
  let services: Services;
  let store: SqliteStore;
  let app: ReturnType<typeof testApp>['app'];
  let evaluator: Agent;
  let secret: string;

  before(async function () {
    ({ services, store } = testServices());
    ({ app } = testApp(services));
    const { project } = await seededProject(services);
    await services.responseImports.importCsv(
      project,
      'participant,wave,trust_1,reciprocity_1,open_1\nCG-001,Wave 1,4,NA,Reciprocità\nPR-001,Wave 1,2,3,\n',
      'cli',
    );
    evaluator = await signIn(app, await staffUser(services, 'evaluator', 'p4c'));
    const created = await postForm(evaluator, '/account/tokens', { label: 'R script' }, 201);
    secret = /<p class="secret">([^<]+)<\/p>/.exec(created.text)?.[1] ?? '';
  });
  after(() => store.close());

  it('lists every export as CSV and .xlsx, and the syntax files in each language, on the exports page', async function () {
    const page = (await evaluator.get('/projects/p4c/exports').expect(200)).text;
    for (const kind of ['items-wide', 'open-answers', 'participation', 'scores', 'actions', 'codebook'])
      for (const format of ['csv', 'xlsx']) expect(page).to.include(`href="/projects/p4c/exports/${kind}.${format}"`);
    expect(page).to.include('<p class="body" lang="en">One row per action agreed');
    const italian = (await evaluator.get('/projects/p4c/exports').set('Accept-Language', 'it').expect(200)).text;
    expect(italian).to.include('<p class="body" lang="it">Una riga per ogni azione');
    for (const file of ['labels.sps', 'labels.do', 'labels.R'])
      for (const lang of ['en', 'it']) expect(page).to.include(`href="/projects/p4c/exports/${file}?lang=${lang}"`);
  });

  it('starts a web CSV with a UTF-8 byte-order mark, so spreadsheets read the accents', async function () {
    const res = await evaluator.get('/projects/p4c/exports/items-wide.csv').buffer(true).parse(binary).expect(200);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(body.subarray(3).toString('utf8')).to.match(/^participant,group,wave,wave_index,source,submitted_at,/);
    expect(body.toString('utf8')).to.include('Reciprocità');
    expect(res.headers['content-type']).to.equal('text/csv; charset=utf-8');
  });

  it('sends .xlsx as a workbook attachment that reads back', async function () {
    const res = await evaluator.get('/projects/p4c/exports/scores.xlsx').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).to.equal('attachment; filename="p4c-scores.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).to.equal('participant');
  });

  it('sends labels.R in the language asked for, and answers 400 in plain text for one the questionnaire lacks', async function () {
    const italian = await evaluator.get('/projects/p4c/exports/labels.R?lang=it').expect(200);
    expect(italian.headers['content-disposition']).to.equal('attachment; filename="p4c-labels.R"');
    expect(italian.text).to.include('items_wide <- read.csv("p4c-items-wide.csv"');
    expect(italian.text).to.include('"Familiari caregiver"');
    const french = await evaluator.get('/projects/p4c/exports/labels.sps?lang=fr').expect(400);
    expect(french.headers['content-type']).to.match(/^text\/plain/);
    expect(french.headers['x-error-code']).to.equal('VALIDATION');
  });

  it('answers a script without session or token 401 with WWW-Authenticate: Bearer, and a bad token invalid_token', async function () {
    const anonymous = await request(app).get('/projects/p4c/exports/scores.csv').expect(401);
    expect(anonymous.headers['www-authenticate']).to.equal('Bearer');
    expect(anonymous.text).to.match(
      /^401 UNAUTHENTICATED: send a personal API token as "Authorization: Bearer <token>"/,
    );
    // Even a browser asking for HTML is not sent to sign in: it could be R's download.file.
    await request(app).get('/projects/p4c/exports/labels.do').set('Accept', 'text/html').expect(401);
    const forged = await request(app)
      .get('/projects/p4c/exports/scores.csv')
      .set('Authorization', 'Bearer coa_forged')
      .expect(401);
    expect(forged.headers['www-authenticate']).to.equal('Bearer error="invalid_token"');
    // A file that is no export: 401 without a token, a plain-text 404 with one.
    await request(app).get('/projects/p4c/exports/nothing.csv').expect(401);
    const missing = await request(app)
      .get('/projects/p4c/exports/sub/nothing.csv')
      .set('Authorization', `Bearer ${secret}`)
      .expect(404);
    expect(missing.text).to.equal('404 NOT_FOUND: no such export\n');
    // The exports page itself is a page: it still sends a visitor to sign in.
    await request(app)
      .get('/projects/p4c/exports')
      .expect(303)
      .expect('Location', /^\/login/);
  });

  it('lets an API token read exports, and no page, not even those its owner may open', async function () {
    const bearer = (path: string) => request(app).get(path).set('Authorization', `Bearer ${secret}`);
    const csv = await bearer('/projects/p4c/exports/participation.csv').buffer(true).parse(binary).expect(200);
    // Plain, as from the CLI: a script reads the first column's name as it is.
    expect((csv.body as Buffer).subarray(0, 12).toString('utf8')).to.equal('participant,');
    await bearer('/projects/p4c/exports/participation.xlsx').expect(200);
    await bearer('/projects/p4c/exports/labels.do').expect(200);
    for (const path of [
      '/projects/p4c/exports',
      '/projects/p4c/dashboard',
      '/projects/p4c/codebook',
      '/projects/p4c',
      '/account',
      '/projects',
    ]) {
      const res = await bearer(path);
      expect(res.status, path).to.equal(403);
      expect(res.headers['x-error-code'], path).to.equal('FORBIDDEN');
    }
  });
});

describe('names and postal addresses (ADR 0115)', function () {
  this.timeout(120_000);
  /** What must never leave the participants' contact details: parts of every name and address given. */
  const PRIVATE = ["D'Angelo", 'Pian di Borno', 'Esine', 'Àlberti', 'Olmo', 'Nobile', 'Sondalo'];
  let services: Services;
  let store: SqliteStore;

  before(() => ({ services, store } = testServices()));
  after(() => store.close());

  it('never appear in an export, a syntax file, the evaluator pages, the audit log or the log', async function () {
    const logged: string[] = [];
    const app = createApp({
      services,
      config: { baseUrl: 'https://coassess.test', sessionSecret: 'x'.repeat(40), trustProxy: false },
      log: (message) => logged.push(message),
    });
    const { project } = await seededProject(services);
    const lead = await signIn(app, await staffUser(services, 'lead', 'p4c'));
    const people = [
      'code,group,language,mode,email,name,address',
      `CG-401,caregiver,it,paper,,Maria D'Angelo,"Località Pian di Borno 3\n25040 Esine BS"`,
      'CG-402,caregiver,it,web,luca@example.org,Luca Àlberti,"Via dell’Olmo 12\n20121 Milano MI"',
      'PR-401,provider,it,paper,,Giulia Nobile,"Frazione Cà Nova 1\n23030 Sondalo SO"',
    ].join('\n');
    // A refused file first: its problems are shown and logged without the names it holds.
    await lead
      .post('/projects/p4c/participants/import')
      .field('_csrf', await csrfFor(lead, '/projects/p4c/participants'))
      .field('csv', `${people}\nCG-403,caregiver,it,paper,,"Maria\tD'Angelo",`)
      .expect(400);
    await lead
      .post('/projects/p4c/participants/import')
      .field('_csrf', await csrfFor(lead, '/projects/p4c/participants'))
      .field('csv', people)
      .expect(303);
    await postForm(
      lead,
      '/projects/p4c/participants/CG-401',
      { group: 'caregiver', language: 'it', mode: 'paper', name: "Maria D'Angelo", address: 'Via Nobile 1' },
      303,
      '/projects/p4c/participants/CG-401',
    );
    await services.responseImports.importCsv(
      project,
      'participant,wave,trust_1,reciprocity_1,open_1\nCG-401,Wave 1,4,3,Ci ascoltano\nCG-402,Wave 1,2,NA,\nPR-401,Wave 1,3,3,Bene\n',
      'cli',
    );

    const evaluator = await signIn(app, await staffUser(services, 'evaluator', 'p4c'));
    const seen: [where: string, text: string][] = [];
    for (const kind of EXPORT_KINDS) {
      const csv = await evaluator.get(`/projects/p4c/exports/${kind}.csv`).buffer(true).parse(binary).expect(200);
      seen.push([`${kind}.csv`, (csv.body as Buffer).toString('utf8')]);
      const xlsx = await evaluator.get(`/projects/p4c/exports/${kind}.xlsx`).buffer(true).parse(binary).expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as ArrayBuffer);
      const cells: string[] = [];
      for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
      seen.push([`${kind}.xlsx`, cells.join('\n')]);
    }
    for (const file of Object.keys(SYNTAX_FILES))
      seen.push([file, (await evaluator.get(`/projects/p4c/exports/${file}?lang=it`).expect(200)).text]);
    for (const page of ['dashboard', 'report', 'codebook', 'actions', 'exports'])
      seen.push([page, decodeEntities((await evaluator.get(`/projects/p4c/${page}`).expect(200)).text)]);
    seen.push(['audit log', JSON.stringify(await store.audit.list({}))]);
    seen.push(['log', logged.join('\n')]);

    // The exports hold the people, so a name could have been there to find.
    expect(seen.find(([where]) => where === 'participation.csv')?.[1]).to.include('CG-401');
    for (const [where, text] of seen) for (const part of PRIVATE) expect(text, where).to.not.include(part);
  });
});
