// StrykerJS for `npm run mutate` (bench/mutate.ts): one scope per run, chosen by MUTATE_SCOPE.
// Each scope mutates one area and runs only the tests of that area, so a run fits a busy
// 2-core machine; never part of `npm test` or .ci/run.
/** The tests of server/domain: its unit tests, and the property test of analysis by storage order. */
const DOMAIN_TESTS = ['test/domain/**/*.test.ts', 'test/property/analysis-storage-order.property.test.ts'];

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
  // server/domain, measured in three parts so that each run is short enough to finish and keep its
  // results (an interrupted Stryker run keeps nothing); bench/mutate.ts adds their counts up. Every
  // part runs the whole area's tests: per-test coverage runs only those that reach a mutant.
  'domain-core': {
    mutate: ['server/domain/statistics/**/*.ts', 'server/domain/scoring.ts', 'server/domain/analysis/small-groups.ts'],
    spec: DOMAIN_TESTS,
  },
  'domain-analysis': {
    mutate: [
      'server/domain/analysis/**/*.ts',
      '!server/domain/analysis/small-groups.ts',
      'server/domain/calibration/**/*.ts',
    ],
    spec: DOMAIN_TESTS,
  },
  'domain-rest': {
    mutate: [
      'server/domain/**/*.ts',
      '!server/domain/statistics/**',
      '!server/domain/scoring.ts',
      '!server/domain/analysis/**',
      '!server/domain/calibration/**',
    ],
    spec: DOMAIN_TESTS,
  },
  http: {
    mutate: ['server/http/**/*.ts'],
    spec: ['test/http/**/*.test.ts'],
  },
  // A few files against a few test files, for working on one gap quickly; never a reported figure.
  files: {
    mutate: (process.env.MUTATE_FILES ?? '').split(',').filter(Boolean),
    spec: (process.env.MUTATE_SPEC ?? DOMAIN_TESTS.join(',')).split(',').filter(Boolean),
  },
};

const scope = process.env.MUTATE_SCOPE ?? 'core';
const chosen = SCOPES[scope];
if (!chosen) throw new Error(`MUTATE_SCOPE must be one of ${Object.keys(SCOPES).join(', ')}, not "${scope}"`);
if (chosen.mutate.length === 0) throw new Error('MUTATE_SCOPE=files needs MUTATE_FILES, a comma-separated list');

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
  // A directory per scope, so two scopes can run side by side.
  tempDirName: `.stryker-tmp-${scope}`,
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'data', 'data-demo', 'test-artifacts', 'reports', '.stryker-tmp*'],
  plugins: ['@stryker-mutator/mocha-runner'],
};
