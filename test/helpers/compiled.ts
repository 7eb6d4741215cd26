import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../server/package-root.js';

let building: Promise<unknown> | undefined;

/**
 * Brings dist/ up to date with the sources, once per test run, as `npm install` does through
 * `prepare`: the tests of the compiled entry points then test this code, never an older build.
 * The build is incremental, so when dist/ is current it costs only tsc's check.
 */
export function built(): Promise<unknown> {
  building ??= promisify(execFile)('npm', ['run', '--silent', 'build'], { cwd: PACKAGE_ROOT });
  return building;
}

/** A module resolve hook that refuses TypeScript: a .ts file, or tsx itself. */
const refuseTypeScript = `export async function resolve(specifier, context, next) {
  if (/\\.ts$|^tsx(\\/|$)/.test(specifier)) throw new Error('TypeScript at run time: ' + specifier);
  return next(specifier, context);
}`;
const registration = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(refuseTypeScript)}));`;

/**
 * NODE_OPTIONS under which any Node process, and every Node process it starts, fails as soon as
 * it would load TypeScript: what shows that an entry point runs compiled JavaScript.
 */
export const NO_TYPESCRIPT = { NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(registration)}` };
