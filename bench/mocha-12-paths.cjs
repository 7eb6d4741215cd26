// @stryker-mutator/mocha-runner 9 requires mocha's CLI helpers by extensionless path
// (lib/cli/run-helpers); mocha 12 ships them as .cjs. Letting require() try .cjs too is all it
// needs. Loaded only by `npm run mutate`, in Stryker and its test runners.
const Module = process.getBuiltinModule('node:module');
if (!Module._extensions['.cjs']) Module._extensions['.cjs'] = Module._extensions['.js'];
