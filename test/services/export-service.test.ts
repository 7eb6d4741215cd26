import { Writable } from 'node:stream';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DEFAULT_STATUS_THRESHOLDS } from '../../server/domain/statistics/status-rules.js';
import {
  CODEBOOK_LEADING_COLUMNS,
  columnMeanings,
  FLAGS_COLUMNS,
  TRENDS_COLUMNS,
  WIDE_LEADING_COLUMNS,
} from '../../server/services/analysis-exports.js';
import {
  DATE_COLUMNS,
  EXPORT_KINDS,
  RESPONSES_COLUMNS,
  SCORES_COLUMNS,
  type ExportFormat,
  type ExportKind,
} from '../../server/services/export-service.js';
import {
  ITEMS_WIDE_LEADING_COLUMNS,
  OPEN_ANSWERS_COLUMNS,
  PARTICIPATION_COLUMNS,
} from '../../server/services/item-exports.js';
import { ACTIONS_COLUMNS } from '../../server/services/action-exports.js';
import type { Services } from '../../server/services/services.js';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { seededProject, testServices } from '../helpers/test-services.js';

/** What an export writes, as one buffer. */
async function exportBytes(
  services: Services,
  kind: ExportKind,
  options: { format?: ExportFormat; bom?: boolean } = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk, _e, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  await services.exports.write(kind, await services.projects.bySlug('p4c'), out, 'test', options);
  return Buffer.concat(chunks);
}

async function exportText(services: Services, kind: ExportKind): Promise<string[]> {
  const text = (await exportBytes(services, kind)).toString('utf8');
  expect(text.endsWith('\r\n'), 'every record ends with CRLF').to.equal(true);
  return text.slice(0, -2).split('\r\n');
}

describe('ExportService', function () {
  let services: Services;
  let store: SqliteStore;
  let seeded: Awaited<ReturnType<typeof seededProject>>;
  const at = '2026-03-10T09:00:00.000Z';

  beforeEach(async () => {
    ({ services, store } = testServices());
    seeded = await seededProject(services);
    await services.responseImports.importCsv(
      seeded.project,
      'participant,wave,trust_1,trust_3,open_1\nPR-001,Wave 1,4,2,"=1+1, said ""me"""\nCG-001,Wave 2,5,NA,\n',
      'cli',
    );
    // A draft: exported in responses.csv with an empty submitted_at, left out of scores.csv.
    await store.responses.saveDraft({
      projectId: seeded.project.id,
      participantId: seeded.participants[1]!.id,
      waveId: seeded.wave1.id,
      group: 'caregiver',
      changes: { trust_1: 1 },
      source: 'web',
      enteredBy: null,
      at,
    });
  });
  afterEach(() => store.close());

  it('writes responses.csv long, with reverse coding, text in value, formulas neutralised and drafts unsubmitted', async function () {
    const lines = await exportText(services, 'responses');
    expect(lines[0]).to.equal(
      'project,wave,wave_opens,participant,group,item,dimension,value,scored_value,source,submitted_at,revised_at',
    );
    expect(lines.slice(1)).to.deep.equal([
      'p4c,Wave 1,2026-03-01,CG-002,caregiver,trust_1,trust,1,1,web,,',
      'p4c,Wave 1,2026-03-01,PR-001,provider,trust_1,trust,4,4,import,2026-03-10T09:00:00.000Z,',
      'p4c,Wave 1,2026-03-01,PR-001,provider,trust_3,trust,2,4,import,2026-03-10T09:00:00.000Z,',
      `p4c,Wave 1,2026-03-01,PR-001,provider,open_1,,"'=1+1, said ""me""",,import,2026-03-10T09:00:00.000Z,`,
      'p4c,Wave 2,2026-06-01,CG-001,caregiver,trust_1,trust,5,5,import,2026-03-10T09:00:00.000Z,',
      'p4c,Wave 2,2026-06-01,CG-001,caregiver,trust_3,trust,NA,,import,2026-03-10T09:00:00.000Z,',
    ]);
  });

  it('writes the current values of a corrected response, with when it was corrected', async function () {
    const [lead] = await store.users.list();
    await services.corrections.correct(
      seeded.project,
      'PR-001',
      seeded.wave1.id,
      { trust_1: '2', open_1: '' },
      'Misread the sheet',
      { id: lead?.id ?? 'admin', role: 'lead' },
    );
    const lines = await exportText(services, 'responses');
    expect(lines.filter((l) => l.includes('PR-001'))).to.deep.equal([
      `p4c,Wave 1,2026-03-01,PR-001,provider,trust_1,trust,2,2,import,2026-03-10T09:00:00.000Z,${at}`,
      `p4c,Wave 1,2026-03-01,PR-001,provider,trust_3,trust,2,4,import,2026-03-10T09:00:00.000Z,${at}`,
    ]);
    expect(lines).to.include('p4c,Wave 1,2026-03-01,CG-002,caregiver,trust_1,trust,1,1,web,,');
  });

  it('writes scores.csv for submitted responses, empty when fewer than half the items were answered', async function () {
    await services.responseImports.importCsv(
      seeded.project,
      'participant,wave,trust_1,trust_2,trust_3,trust_4,trust_5\nCG-002,Wave 2,5,4,2,NA,4\n',
      'cli',
    );
    const lines = await exportText(services, 'scores');
    expect(lines[0]).to.equal('participant,group,wave,wave_index,wave_opens,dimension,score,items_answered');
    expect(lines).to.include('PR-001,provider,Wave 1,1,2026-03-01,trust,,2');
    // (5 + 4 + (6 - 2) + 4) / 4 = 4.25: trust_3 is reverse-coded, NA does not count.
    expect(lines).to.include('CG-002,caregiver,Wave 2,2,2026-06-01,trust,4.25,4');
    expect(lines.filter((l) => l.startsWith('CG-002,caregiver,Wave 1'))).to.deep.equal([]);
    expect(lines.filter((l) => l.startsWith('PR-001'))).to.have.length(5);
  });

  it('records each export in the audit log', async function () {
    await exportText(services, 'scores');
    const [latest] = await store.audit.list({ projectId: seeded.project.id, limit: 1 });
    expect(latest).to.include({ action: 'export', target: 'scores.csv', actor: 'test' });
  });
});

describe('ExportService analysis exports', function () {
  let services: Services;
  let store: SqliteStore;

  beforeEach(async () => {
    ({ services, store } = testServices());
    const { project } = await seededProject(services);
    await services.responseImports.importCsv(
      project,
      'participant,wave,trust_1,trust_2,trust_3\nCG-001,Wave 1,4,4,2\nCG-002,Wave 1,3,3,3\nPR-001,Wave 1,5,5,1\nCG-001,Wave 2,3,3,3\n',
      'cli',
    );
  });
  afterEach(() => store.close());

  it('writes trends.csv with the exact header, an `all` row, wave labels and empty undefined statistics', async function () {
    const lines = await exportText(services, 'trends');
    expect(lines[0]).to.equal(
      'wave,wave_index,group,dimension,n,mean,sd,ci_low,ci_high,alpha,alpha_ci_low,alpha_ci_high,response_rate,status',
    );
    expect(lines).to.have.length(1 + 2 * 3 * 5);
    // mean 4, sd 1, CI 4 ± t(0.975, 2)/√3; alpha is empty: nobody answered all five trust items.
    // The pooled row is described, not tested: its status is empty.
    expect(lines).to.include('Wave 1,1,all,trust,3,4,1,1.515862288249668,6.484137711750332,,,,1,');
    // One provider: no sd, CI or alpha; the cells are empty, never NaN.
    expect(lines).to.include('Wave 1,1,provider,trust,1,5,,,,,,,1,too-few');
    // The provider joined before Wave 2 closed and did not answer: a rate of 0, but no mean to judge.
    expect(lines).to.include('Wave 2,2,provider,engagement,0,,,,,,,,0,');
    expect(lines.join('\n')).to.not.match(/NaN|Infinity/);
  });

  it('writes flags.csv with the status, the change it rests on, participation and the reason', async function () {
    const lines = await exportText(services, 'flags');
    expect(lines[0]).to.equal(
      'wave,group,dimension,status,flags,mean,change,p_adjusted,reliable_deterioration,gap_g,reason,linked,change_ci_low,change_ci_high,participation',
    );
    const row = lines.find((l) => l.startsWith('Wave 1,caregiver,trust,'))!;
    expect(row).to.equal(
      'Wave 1,caregiver,trust,too-few,,3.5,,,,,"Trust among family caregivers is at 3.5 in Wave 1, the first wave: there is nothing earlier to compare with yet.",,,,too-few',
    );
    const later = lines.find((l) => l.startsWith('Wave 2,caregiver,trust,'))!;
    // One caregiver answered both waves (4, then 3): described, too few to test.
    expect(later).to.equal(
      'Wave 2,caregiver,trust,too-few,,3,-1,,,,"Trust among family caregivers is at 3.0 in Wave 2. Only 1 of them answered both Wave 2 and an earlier wave, too few to test a change (at least 5 are needed).",1,,,too-few',
    );
    expect(lines.find((l) => l.startsWith('Wave 1,all,trust,'))).to.match(/^Wave 1,all,trust,,,4,/);
    // Participation once per wave and group: on the first dimension's row only.
    const participation = lines
      .slice(1)
      .map((l) => l.split(','))
      .filter((f) => f.at(-1) !== '')
      .map((f) => `${f[0]}/${f[1]}/${f[2]}`);
    expect(participation).to.deep.equal([
      'Wave 1/caregiver/trust',
      'Wave 1/provider/trust',
      'Wave 2/caregiver/trust',
      'Wave 2/provider/trust',
    ]);
  });

  it('writes wide.csv with one row per participant and wave and one column per dimension', async function () {
    const lines = await exportText(services, 'wide');
    expect(lines[0]).to.equal(
      'participant,group,wave,wave_index,wave_opens,trust,engagement,cohesion,reciprocity,strain',
    );
    expect(lines.slice(1)).to.deep.equal([
      'CG-001,caregiver,Wave 1,1,2026-03-01,4,,,,',
      'CG-002,caregiver,Wave 1,1,2026-03-01,3,,,,',
      'PR-001,provider,Wave 1,1,2026-03-01,5,,,,',
      'CG-001,caregiver,Wave 2,2,2026-06-01,3,,,,',
    ]);
  });

  it('writes the codebook: items with texts, dimensions, and the meaning of every export column', async function () {
    const lines = await exportText(services, 'codebook');
    expect(lines[0]).to.equal(
      'entry,name,instrument_version,dimension,item_type,scale,scale_min,scale_max,reverse,groups,text_en,text_it,labels_en,labels_it,meaning',
    );
    const english =
      '1 = Strongly disagree; 2 = Disagree; 3 = Neither agree nor disagree; 4 = Agree; 5 = Strongly agree; NA = Does not apply to me';
    expect(lines).to.include(
      `item,trust_3,1,trust,scale,agree5,1,5,true,,The people running the project keep important things from me.,Chi gestisce il progetto mi nasconde cose importanti.,${english},1 = Fortemente in disaccordo; 2 = In disaccordo; 3 = Né d'accordo né in disaccordo; 4 = D'accordo; 5 = Fortemente d'accordo; NA = Non mi riguarda,${english}`,
    );
    // The conventions come before the columns: NA against empty, the ' prefix, the encoding.
    const conventions = lines.filter((l) => l.startsWith('convention,')).map((l) => l.split(',')[1]);
    expect(conventions).to.deep.equal(['empty', 'NA', "'", 'CSV encoding', 'xlsx', 'languages']);
    expect(lines).to.include(
      'dimension,trust,1,,,,,,,,Trust,Fiducia,,,"Mean of the answered, reverse-coded items of the dimension when at least half were answered; higher is better."',
    );
    const columns: Record<string, readonly string[]> = {
      'responses.csv': RESPONSES_COLUMNS,
      'scores.csv': SCORES_COLUMNS,
      'trends.csv': TRENDS_COLUMNS,
      'flags.csv': FLAGS_COLUMNS,
      'wide.csv': [...WIDE_LEADING_COLUMNS, '<dimension id>'],
      'items-wide.csv': [...ITEMS_WIDE_LEADING_COLUMNS, '<item id>'],
      'open-answers.csv': OPEN_ANSWERS_COLUMNS,
      'participation.csv': PARTICIPATION_COLUMNS,
      'actions.csv': ACTIONS_COLUMNS,
      'codebook.csv': [...CODEBOOK_LEADING_COLUMNS, 'text_<language>', 'labels_<language>', 'meaning'],
    };
    for (const [file, names] of Object.entries(columns)) {
      expect(Object.keys(columnMeanings(DEFAULT_STATUS_THRESHOLDS)[file]!), file).to.deep.equal([...names]);
      for (const name of names)
        expect(
          lines.some((l) => l.startsWith(`${file},${name},`)),
          `${file} ${name}`,
        ).to.equal(true);
    }
  });
});

describe('ExportService before any wave', function () {
  it('names every dimension in wide.csv even with no wave yet', async function () {
    const { services, store } = testServices();
    await services.projects.create({ slug: 'p4c', name: 'P', instrument: 'coassess-core' }, 'test');
    expect(await exportText(services, 'wide')).to.deep.equal([
      'participant,group,wave,wave_index,wave_opens,trust,engagement,cohesion,reciprocity,strain',
    ]);
    await store.close();
  });
});

/** Columns whose values are codes, text even when they look like numbers (a questionnaire version). */
const TEXT_CODES = new Set(['instrument_version']);

describe('ExportService item-level exports', function () {
  let services: Services;
  let store: SqliteStore;

  beforeEach(async () => {
    ({ services, store } = testServices());
    const { project, wave1 } = await seededProject(services);
    // CG-003 joins between the waves; CG-002 only starts Wave 1 (a draft); PR-001 answers Wave 1
    // on paper dated by hand, then withdraws; rows come in any order.
    await services.participants.importCsv(
      project,
      'code,group,language,enrolled_on\nCG-003,caregiver,it,2026-05-15\n',
      'test',
    );
    await services.responseImports.importCsv(
      project,
      [
        'participant,wave,submitted_at,trust_1,trust_3,open_1,open_2',
        'PR-001,Wave 1,2026-03-05 14:30,2,,"-not sure, really",',
        'CG-001,Wave 1,2026-03-04,5,1,"Più incontri,\nmeno carte",Reciprocità',
        'CG-003,Wave 2,,3,NA,,',
      ].join('\n'),
      'cli',
    );
    await store.responses.saveDraft({
      projectId: project.id,
      participantId: (await services.participants.byCode(project, 'CG-002')).id,
      waveId: wave1.id,
      group: 'caregiver',
      changes: { trust_1: 1, open_1: 'unfinished' },
      source: 'web',
      enteredBy: null,
      at: '2026-03-06T10:00:00.000Z',
    });
    await services.participants.withdraw(project, 'PR-001', 'test');
  });
  afterEach(() => store.close());

  it('writes items-wide.csv: one row per submitted response, raw answers, NA kept apart from empty', async function () {
    const lines = await exportText(services, 'items-wide');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 9)).to.deep.equal([
      'participant',
      'group',
      'wave',
      'wave_index',
      'source',
      'submitted_at',
      'trust_1',
      'trust_2',
      'trust_3',
    ]);
    expect(header.slice(-3)).to.deep.equal(['open_1', 'open_2', 'open_3']);
    const rows = parse(lines.join('\r\n'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => `${r.participant}/${r.wave}/${r.wave_index}`)).to.deep.equal([
      'CG-001/Wave 1/1',
      'PR-001/Wave 1/1',
      'CG-003/Wave 2/2',
    ]);
    expect(rows[0]).to.include({
      group: 'caregiver',
      source: 'import',
      submitted_at: '2026-03-04T00:00:00.000Z',
      trust_1: '5',
      trust_2: '',
      trust_3: '1',
      open_1: 'Più incontri,\nmeno carte',
      open_2: 'Reciprocità',
    });
    // Raw, not reverse-coded; formula neutralised; a time without zone is UTC.
    expect(rows[1]).to.include({
      trust_1: '2',
      trust_3: '',
      open_1: "'-not sure, really",
      submitted_at: '2026-03-05T14:30:00.000Z',
    });
    expect(rows[2]).to.include({ trust_1: '3', trust_3: 'NA', open_1: '', submitted_at: '2026-03-10T09:00:00.000Z' });
  });

  it("writes open-answers.csv: every non-empty open answer with its question in the answer's language", async function () {
    const rows = parse((await exportBytes(services, 'open-answers')).toString('utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0]!)).to.deep.equal([...OPEN_ANSWERS_COLUMNS]);
    expect(rows).to.deep.equal([
      {
        participant: 'CG-001',
        group: 'caregiver',
        wave: 'Wave 1',
        wave_index: '1',
        language: 'it',
        item: 'open_1',
        question: 'Che cosa ha funzionato bene nel progetto finora?',
        answer: 'Più incontri,\nmeno carte',
      },
      {
        participant: 'CG-001',
        group: 'caregiver',
        wave: 'Wave 1',
        wave_index: '1',
        language: 'it',
        item: 'open_2',
        question: rows[1]!.question,
        answer: 'Reciprocità',
      },
      {
        participant: 'PR-001',
        group: 'provider',
        wave: 'Wave 1',
        wave_index: '1',
        language: 'en',
        item: 'open_1',
        question: 'What has worked well in the project so far?',
        answer: "'-not sure, really",
      },
    ]);
    expect(rows[1]!.question).to.match(/[àèéìòù]|\?$/);
  });

  it('writes participation.csv: every participant in every wave, invited by their dates, drafts not answered', async function () {
    const lines = await exportText(services, 'participation');
    expect(lines[0]).to.equal(PARTICIPATION_COLUMNS.join(','));
    expect(lines.slice(1)).to.deep.equal([
      'CG-001,caregiver,Wave 1,1,1,1,import,2026-03-04T00:00:00.000Z,2026-03-10,',
      'CG-002,caregiver,Wave 1,1,1,0,,,2026-03-10,',
      // Enrolled after Wave 1 closed: not invited to it.
      'CG-003,caregiver,Wave 1,1,0,0,,,2026-05-15,',
      'PR-001,provider,Wave 1,1,1,1,import,2026-03-05T14:30:00.000Z,2026-03-10,2026-03-10',
      'CG-001,caregiver,Wave 2,2,1,0,,,2026-03-10,',
      'CG-002,caregiver,Wave 2,2,1,0,,,2026-03-10,',
      'CG-003,caregiver,Wave 2,2,1,1,import,2026-03-10T09:00:00.000Z,2026-05-15,',
      // Withdrew before Wave 2 opened.
      'PR-001,provider,Wave 2,2,0,0,,,2026-03-10,2026-03-10',
    ]);
  });

  it("writes each export as .xlsx holding the CSV's values: numbers as numbers, dates as dates, text as text", async function () {
    for (const kind of EXPORT_KINDS) {
      const csv = parse((await exportBytes(services, kind, { bom: true })).toString('utf8'), {
        bom: true,
        relax_column_count: false,
      }) as string[][];
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await exportBytes(services, kind, { format: 'xlsx' })) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name, kind).to.equal(kind);
      expect(sheet.views[0], kind).to.include({ state: 'frozen', ySplit: 1 });
      expect(sheet.rowCount, kind).to.equal(csv.length);
      const header = csv[0]!;
      csv.forEach((line, r) => {
        const row = sheet.getRow(r + 1);
        line.forEach((text, c) => {
          const cell = row.getCell(c + 1);
          const where = `${kind} ${header[c]} row ${r + 1}`;
          const dates = r > 0 ? DATE_COLUMNS[header[c]!] : undefined;
          if (text === '') expect(cell.value, where).to.equal(null);
          else if (dates) {
            expect(cell.type, where).to.equal(ExcelJS.ValueType.Date);
            const expected = dates === 'date' ? new Date(`${text}T00:00:00Z`) : new Date(text);
            expect((cell.value as Date).getTime(), where).to.equal(expected.getTime());
          } else if (r > 0 && /^-?\d+(\.\d+)?(e-?\d+)?$/.test(text) && !TEXT_CODES.has(header[c]!)) {
            expect(cell.type, where).to.equal(ExcelJS.ValueType.Number);
            expect(cell.value, where).to.equal(Number(text));
          } else {
            expect(cell.type, where).to.equal(ExcelJS.ValueType.String);
            expect(cell.value, where).to.equal(text);
          }
        });
      });
    }
  });

  it('types every number of the analysis exports as a number, and keeps codes that look like numbers as text', async function () {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportBytes(services, 'items-wide', { format: 'xlsx' })) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (row: number, column: string) => sheet.getRow(row).getCell(header.indexOf(column) + 1);
    expect(cell(2, 'wave_index').value).to.equal(1);
    expect(cell(2, 'trust_1').value).to.equal(5);
    expect(cell(4, 'trust_3').value).to.equal('NA');
    expect(cell(2, 'open_2').value).to.equal('Reciprocità');
    expect(cell(3, 'open_1').value).to.equal("'-not sure, really");
    expect(cell(3, 'open_1').formula).to.equal(undefined);
    expect(cell(2, 'submitted_at').numFmt).to.equal('yyyy-mm-dd hh:mm:ss');
  });

  it('starts a CSV with a UTF-8 byte-order mark only when asked', async function () {
    const plain = await exportBytes(services, 'open-answers');
    const marked = await exportBytes(services, 'open-answers', { bom: true });
    expect([...plain.subarray(0, 3)]).to.not.deep.equal([0xef, 0xbb, 0xbf]);
    expect([...marked.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(marked.subarray(3).equals(plain)).to.equal(true);
  });
});
