import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figureLine, progress, type BenchContext, type FigureRunner, type StandaloneRunner } from './figure.js';
import { analysisFigures } from './figures/analysis.js';
import { cliStartFigures } from './figures/cli-start.js';
import { coldStartFigures } from './figures/cold-start.js';
import { eventLoopFigures } from './figures/event-loop.js';
import { exportFigures } from './figures/exports.js';
import { httpFigures, submissionRunner } from './figures/http.js';
import { seedBenchStore } from './seed.js';

/**
 * Each module measures some figures; add new ones here. Those marked `seeded` measure the
 * shared seeded store, which is made only when one of them runs.
 */
const RUNNERS: ({ name: string } & ({ seeded: true; run: FigureRunner } | { seeded: false; run: StandaloneRunner }))[] =
  [
    { name: 'http', seeded: false, run: httpFigures },
    { name: 'submissions', seeded: false, run: submissionRunner },
    { name: 'analysis', seeded: true, run: analysisFigures },
    { name: 'exports', seeded: true, run: exportFigures },
    { name: 'cold-start', seeded: false, run: coldStartFigures },
    { name: 'cli-start', seeded: false, run: cliStartFigures },
    { name: 'event-loop', seeded: false, run: eventLoopFigures },
  ];

// `npm run bench -- event-loop analysis` runs only those modules; with no names, all of them.
const names = process.argv.slice(2);
const unknown = names.filter((name) => !RUNNERS.some((r) => r.name === name));
if (unknown.length > 0)
  throw new Error(`no figures called ${unknown.join(', ')}: choose from ${RUNNERS.map((r) => r.name).join(', ')}`);
const chosen = names.length > 0 ? RUNNERS.filter((r) => names.includes(r.name)) : RUNNERS;

const dir = mkdtempSync(join(tmpdir(), 'coassess-bench-'));
let context: BenchContext | null = null;
try {
  if (chosen.some((r) => r.seeded)) {
    const started = performance.now();
    progress('seeding 2,000 participants × 12 waves × 30 items…');
    context = await seedBenchStore(dir);
    progress(`seeded ${context.answers} answers in ${Math.round(performance.now() - started)} ms`);
  }
  for (const runner of chosen) {
    const figures = runner.seeded ? await runner.run(context!) : await runner.run();
    for (const figure of figures) process.stdout.write(figureLine(figure));
  }
} finally {
  await context?.services.system.close();
  rmSync(dir, { recursive: true, force: true });
}
