import { expect } from 'chai';
import { ALL_GROUPS } from '../../server/domain/analysis/analysis-design.js';
import { testServices } from '../helpers/test-services.js';
import { trendProject } from '../helpers/trend-project.js';

describe('MonitoringService', function () {
  it('reports the same response rates as the analysis, however people joined or moved', async function () {
    let now = new Date('2026-03-10T09:00:00Z');
    const services = testServices(() => now);
    await trendProject(services);
    const project = await services.projects.bySlug('p4c');
    // One caregiver moves to the providers after answering; someone joins after the waves.
    const moved = (await services.ctx.store.listParticipants(project.id)).find((p) => p.code === 'CG-001')!;
    await services.ctx.store.updateParticipant(moved.id, { group: 'provider' });
    now = new Date('2026-10-01T09:00:00Z');
    await services.participants.importCsv('p4c', 'code,group\nCG-900,caregiver\n', 'test');

    const progress = await services.monitoring.progress('p4c');
    const { analysis } = await services.analyses.analyse('p4c');
    for (const wave of progress) {
      for (const row of [...wave.groups, wave.total]) {
        const group = row.group === 'all' ? ALL_GROUPS : row.group;
        const cell = analysis.cells.find((c) => c.waveId === wave.wave.id && c.group === group)!;
        expect([wave.wave.label, row.group, row.invited, row.responseRate]).to.deep.equal([wave.wave.label, row.group, cell.invited, cell.responseRate]);
      }
    }
    expect(progress[0]!.groups.find((g) => g.group === 'caregiver')).to.include({ invited: 12, submitted: 12 });
    // Added after every wave closed: invited to none, so missing from no list.
    expect(progress.flatMap((w) => w.notResponded.map((p) => p.code))).to.deep.equal([]);
    await services.ctx.store.close();
  });
});
