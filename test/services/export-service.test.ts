import { Writable } from 'node:stream';
import { expect } from 'chai';
import type { RawExportKind } from '../../server/services/export-service.js';
import type { Services } from '../../server/services/services.js';
import { seededProject, testServices } from '../helpers/test-services.js';

async function exportText(services: Services, kind: RawExportKind): Promise<string[]> {
  let text = '';
  const out = new Writable({ write(chunk, _e, cb) { text += chunk.toString(); cb(); } });
  await services.exports.write(kind, 'p4c', out, 'test');
  return text.split('\r\n');
}

describe('ExportService', function () {
  let services: Services;
  let seeded: Awaited<ReturnType<typeof seededProject>>;
  const at = '2026-03-10T09:00:00.000Z';

  beforeEach(async () => {
    services = testServices();
    seeded = await seededProject(services);
    await services.responseImports.importCsv('p4c', 'participant,wave,trust_1,trust_3,open_1\nPR-001,Wave 1,4,2,"=1+1, said ""me"""\nCG-001,Wave 2,5,NA,\n', 'cli');
    // A draft: exported in responses.csv with an empty submitted_at, left out of scores.csv.
    await services.ctx.store.saveDraft({ projectId: seeded.project.id, participantId: seeded.participants[1]!.id, waveId: seeded.wave1.id, group: 'caregiver', answers: { trust_1: 1 }, source: 'web', enteredBy: null, at });
  });
  afterEach(() => services.ctx.store.close());

  it('writes responses.csv long, with reverse coding, text in value, formulas neutralised and drafts unsubmitted', async function () {
    const lines = await exportText(services, 'responses');
    expect(lines[0]).to.equal('project,wave,wave_opens,participant,group,item,dimension,value,scored_value,source,submitted_at');
    expect(lines.slice(1)).to.deep.equal([
      'p4c,Wave 1,2026-03-01,CG-002,caregiver,trust_1,trust,1,1,web,',
      'p4c,Wave 1,2026-03-01,PR-001,provider,trust_1,trust,4,4,import,2026-03-10T09:00:00.000Z',
      'p4c,Wave 1,2026-03-01,PR-001,provider,trust_3,trust,2,4,import,2026-03-10T09:00:00.000Z',
      `p4c,Wave 1,2026-03-01,PR-001,provider,open_1,,"'=1+1, said ""me""",,import,2026-03-10T09:00:00.000Z`,
      'p4c,Wave 2,2026-06-01,CG-001,caregiver,trust_1,trust,5,5,import,2026-03-10T09:00:00.000Z',
      'p4c,Wave 2,2026-06-01,CG-001,caregiver,trust_3,trust,NA,,import,2026-03-10T09:00:00.000Z',
    ]);
  });

  it('writes scores.csv for submitted responses, empty when fewer than half the items were answered', async function () {
    await services.responseImports.importCsv('p4c', 'participant,wave,trust_1,trust_2,trust_3,trust_4,trust_5\nCG-002,Wave 2,5,4,2,NA,4\n', 'cli');
    const lines = await exportText(services, 'scores');
    expect(lines[0]).to.equal('participant,group,wave,dimension,score,items_answered');
    expect(lines).to.include('PR-001,provider,Wave 1,trust,,2');
    // (5 + 4 + (6 - 2) + 4) / 4 = 4.25: trust_3 is reverse-coded, NA does not count.
    expect(lines).to.include('CG-002,caregiver,Wave 2,trust,4.25,4');
    expect(lines.filter((l) => l.startsWith('CG-002,caregiver,Wave 1'))).to.deep.equal([]);
    expect(lines.filter((l) => l.startsWith('PR-001'))).to.have.length(5);
  });

  it('records each export in the audit log', async function () {
    await exportText(services, 'scores');
    const [latest] = await services.ctx.store.listAudit({ projectId: seeded.project.id, limit: 1 });
    expect(latest).to.include({ action: 'export', target: 'scores.csv', actor: 'test' });
  });
});
