#!/usr/bin/env node
// The published entry point runs the compiled CLI (npm run build, which npm install runs as
// `prepare`): compiling TypeScript at every launch made each command take seconds.
await import('../dist/server/cli/main.js');
