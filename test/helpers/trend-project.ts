import type { Services } from '../../server/services/services.js';

const TRUST = ['trust_1', 'trust_2', 'trust_3', 'trust_4', 'trust_5'];
const COHESION = ['cohesion_1', 'cohesion_2', 'cohesion_3', 'cohesion_4', 'cohesion_5'];

/**
 * Three waves of a project through the real services: 12 caregivers whose trust collapses in
 * wave 3, and 3 providers (a group too small to show). trust_3 and cohesion_4 are reverse-coded.
 */
export async function trendProject(services: Services, slug = 'p4c'): Promise<void> {
  const project = await services.projects.create({ slug, name: 'Place4Carers', instrument: 'coassess-core' }, 'test');
  const waves = [
    ['Wave 1', '2026-03-01'],
    ['Wave 2', '2026-06-01'],
    ['Wave 3', '2026-09-01'],
  ] as const;
  for (const [label, opens] of waves)
    await services.waves.add({ project, label, opensOn: opens, closesOn: opens.replace(/-01$/, '-21') }, 'test');
  const people = [
    ...Array.from({ length: 12 }, (_, i) => `CG-${String(i + 1).padStart(3, '0')},caregiver`),
    'PR-001,provider',
    'PR-002,provider',
    'PR-003,provider',
  ];
  await services.participants.importCsv(project, `code,group\n${people.join('\n')}\n`, 'test');
  const lines = ['participant,wave,' + [...TRUST, ...COHESION].join(',')];
  people.forEach((row, i) => {
    const [code, group] = row.split(',') as [string, string];
    waves.forEach(([label], w) => {
      const collapse = group === 'caregiver' && w === 2;
      const trust = collapse ? 2 + (i % 2) : 4 + (i % 2);
      const cohesion = 3 + Math.min(w, 1) + (i % 2) * 0;
      const value = (item: string, v: number) => (item === 'trust_3' || item === 'cohesion_4' ? 6 - v : v);
      lines.push(
        [code, label, ...TRUST.map((t) => value(t, trust)), ...COHESION.map((c) => value(c, cohesion))].join(','),
      );
    });
  });
  await services.responseImports.importCsv(project, `${lines.join('\n')}\n`, 'test');
}
