/**
 * `npm run mutate [-- core|domain|http ...]`: StrykerJS on one area at a time (stryker.config.mjs),
 * then one figure line per area on stdout, as the bench prints them: the share of valid mutants
 * the area's tests kill (killed or timed out, over killed, timed out, survived and uncovered),
 * held against its target. Stryker's own report goes to stderr and reports/mutation/. Long on
 * 2 cores: never part of `npm test` or .ci/run.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { figure, figureLine, progress } from './figure.js';

/** Killed share each area must reach, in percent (issue 18), and the Stryker scopes it is run in. */
const TARGETS: Record<string, { area: string; target: number; parts: string[] }> = {
  core: { area: 'server/domain statistics, scoring and suppression', target: 85, parts: ['core'] },
  domain: { area: 'server/domain', target: 85, parts: ['domain-core', 'domain-analysis', 'domain-rest'] },
  http: { area: 'server/http', target: 75, parts: ['http'] },
};

interface MutantReport {
  status: string;
}
interface StrykerReport {
  files: Record<string, { mutants: MutantReport[] }>;
}

/** Stryker's mutation score: detected over valid mutants; compile errors and ignored ones do not count. */
export function mutationScore(report: StrykerReport): { score: number; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  }
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return { score: valid === 0 ? Number.NaN : (100 * detected) / valid, counts };
}

/** Runs Stryker on one scope of stryker.config.mjs and reads its report. */
function runScope(scope: string): StrykerReport {
  progress(`mutate: stryker on ${scope}`);
  // Stryker's output goes to stderr: stdout carries only the figures.
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, MUTATE_SCOPE: scope, NODE_OPTIONS: '--require ./bench/mocha-12-paths.cjs' },
  });
  if (run.status !== 0) throw new Error(`stryker failed on ${scope} (exit ${run.status})`);
  return JSON.parse(readFileSync(`reports/mutation/${scope}.json`, 'utf8')) as StrykerReport;
}

const areas = process.argv.slice(2);
for (const area of areas.length > 0 ? areas : ['domain', 'http']) {
  const target = TARGETS[area];
  if (!target) throw new Error(`unknown area "${area}": use ${Object.keys(TARGETS).join(', ')}`);
  progress(`mutate: ${target.area} (${area})`);
  // An area run in parts is scored on all its mutants together, as one run would score it.
  const files: StrykerReport['files'] = {};
  for (const part of target.parts) Object.assign(files, runScope(part).files);
  const { score, counts } = mutationScore({ files });
  progress(`mutate: ${area} ${JSON.stringify(counts)}`);
  process.stdout.write(figureLine(figure(`mutation score: ${target.area}`, score, '% killed', target.target)));
}
