// StrykerJS for `npm run mutate` (bench/mutate.ts): one scope per run, chosen by MUTATE_SCOPE.
// Each scope mutates one area and runs only the tests of that area, so a run fits a busy
// 2-core machine; never part of `npm test` or .ci/run.
const SCOPES = {
  // The statistics, scoring and suppression code: the numbers and thresholds people see.
  core: {
    mutate: ['server/domain/statistics/**/*.ts', 'server/domain/scoring.ts', 'server/domain/analysis/small-groups.ts'],
    spec: [
      'test/domain/statistics/**/*.test.ts',
      'test/domain/scoring.test.ts',
      'test/domain/analysis/**/*.test.ts',
      'test/routes/evaluator/dashboard-small-group-boundary.test.ts',
    ],
  },
  domain: {
    mutate: ['server/domain/**/*.ts'],
    spec: ['test/domain/**/*.test.ts', 'test/property/analysis-storage-order.property.test.ts'],
  },
  http: {
    mutate: ['server/http/**/*.ts'],
    spec: ['test/http/**/*.test.ts'],
  },
};

const scope = process.env.MUTATE_SCOPE ?? 'core';
const chosen = SCOPES[scope];
if (!chosen) throw new Error(`MUTATE_SCOPE must be one of ${Object.keys(SCOPES).join(', ')}, not "${scope}"`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'mocha',
  // TypeScript runs through tsx in the test workers, as in `npm test`; nothing is built.
  testRunnerNodeArgs: ['--require', './bench/mocha-12-paths.cjs', '--import', 'tsx'],
  mochaOptions: { spec: chosen.spec },
  mutate: chosen.mutate,
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  // Results per scope are kept, so a rerun tests only the mutants whose code or tests changed.
  incremental: true,
  incrementalFile: `reports/mutation/${scope}-incremental.json`,
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${scope}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'data', 'data-demo', 'test-artifacts', 'reports', '.stryker-tmp'],
  plugins: ['@stryker-mutator/mocha-runner'],
};
