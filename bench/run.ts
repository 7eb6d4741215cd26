import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figureLine, progress, type FigureRunner } from './figure.js';
import { analysisFigures } from './figures/analysis.js';
import { cliStartFigures } from './figures/cli-start.js';
import { coldStartFigures } from './figures/cold-start.js';
import { exportFigures } from './figures/exports.js';
import { httpFigures } from './figures/http.js';
import { seedBenchStore } from './seed.js';

/** Each module measures some figures on the shared seeded store; add new ones here. */
const RUNNERS: FigureRunner[] = [httpFigures, analysisFigures, exportFigures, coldStartFigures, cliStartFigures];

const dir = mkdtempSync(join(tmpdir(), 'coassess-bench-'));
try {
  const started = performance.now();
  progress('seeding 2,000 participants × 12 waves × 30 items…');
  const context = await seedBenchStore(dir);
  progress(`seeded ${context.answers} answers in ${Math.round(performance.now() - started)} ms`);
  try {
    for (const run of RUNNERS) {
      for (const figure of await run(context)) process.stdout.write(figureLine(figure));
    }
  } finally {
    await context.services.system.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
