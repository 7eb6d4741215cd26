import { expect } from 'chai';
import { ALL_GROUPS } from '../../server/domain/analysis/analysis-design.js';
import { seededProject, testServices } from '../helpers/test-services.js';
import { trendProject } from '../helpers/trend-project.js';

describe('MonitoringService', function () {
  it('reports the same response rates as the analysis, however people joined or moved', async function () {
    let now = new Date('2026-03-10T09:00:00Z');
    const { services, store } = testServices(() => now);
    await trendProject(services);
    const project = await services.projects.bySlug('p4c');
    // One caregiver moves to the providers after answering; someone joins after the waves.
    const moved = (await store.participants.list(project.id)).find((p) => p.code === 'CG-001')!;
    await store.participants.update(moved.id, { group: 'provider' });
    now = new Date('2026-10-01T09:00:00Z');
    await services.participants.importCsv(project, 'code,group\nCG-900,caregiver\n', 'test');

    const progress = await services.monitoring.progress(project);
    const { analysis } = await services.analyses.analyse(project);
    for (const wave of progress) {
      for (const row of [...wave.groups, wave.total]) {
        const group = row.group === 'all' ? ALL_GROUPS : row.group;
        const cell = analysis.cells.find((c) => c.waveId === wave.wave.id && c.group === group)!;
        expect([wave.wave.label, row.group, row.invited, row.responseRate]).to.deep.equal([
          wave.wave.label,
          row.group,
          cell.invited,
          cell.responseRate,
        ]);
      }
    }
    expect(progress[0]!.groups.find((g) => g.group === 'caregiver')).to.include({ invited: 12, submitted: 12 });
    // Added after every wave closed: invited to none, so missing from no list.
    expect(progress.flatMap((w) => w.notResponded.map((p) => p.code))).to.deep.equal([]);
    await store.close();
  });

  it('invites by enrolment and withdrawal days, and lists only the invited who have not answered', async function () {
    let now = new Date('2026-03-10T09:00:00Z');
    const { services, store } = testServices(() => now);
    try {
      const { project, wave1, wave2 } = await seededProject(services);
      await services.participants.importCsv(
        project,
        'code,group,enrolled_on\nCG-010,caregiver,2026-04-15\nCG-011,caregiver,2026-02-01\nCG-012,caregiver,2026-02-01\nPR-010,provider,2026-07-01\n',
        'test',
      );
      const byCode = new Map((await store.participants.list(project.id)).map((p) => [p.code, p]));
      now = new Date('2026-03-15T09:00:00Z');
      await services.participants.withdraw(project, 'CG-011', 'test');
      // Withdrawn before dates were kept: no day, so only the waves answered count them.
      await store.participants.update(byCode.get('CG-012')!.id, { status: 'withdrawn' });
      const submit = (code: string, waveId: string, group: string) =>
        store.responses.submit({
          projectId: project.id,
          participantId: byCode.get(code)!.id,
          waveId,
          group,
          answers: { trust_1: 4 },
          source: 'web',
          enteredBy: null,
          at: '2026-06-10T10:00:00.000Z',
        });
      await submit('CG-012', wave1.id, 'caregiver');
      // Answered wave 2 before the enrolment day keyed in for them: counted all the same.
      await submit('PR-010', wave2.id, 'provider');

      const [first, second] = await services.monitoring.progress(project);
      const invited = (w: typeof first) => Object.fromEntries(w!.groups.map((g) => [g.group, g.invited]));
      expect(invited(first)).to.deep.equal({ caregiver: 4, provider: 1 });
      expect(invited(second)).to.deep.equal({ caregiver: 3, provider: 2 });
      expect(first!.notResponded.map((p) => [p.code, p.withdrawnOn])).to.deep.equal([
        ['CG-001', null],
        ['CG-002', null],
        ['CG-011', '2026-03-15'],
        ['PR-001', null],
      ]);
      expect(second!.notResponded.map((p) => p.code)).to.deep.equal(['CG-001', 'CG-002', 'CG-010', 'PR-001']);
    } finally {
      await store.close();
    }
  });
});
