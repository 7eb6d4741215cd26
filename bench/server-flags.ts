import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');

/**
 * The Node flags `npm start` gives the server, read from package.json so that every figure
 * measures the server as it is deployed: `--import tsx` and its value are added by each caller.
 */
export function serverFlags(): string[] {
  const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const args = start.split(/\s+/).slice(1);
  const flags: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--import') i += 1;
    else if (args[i]!.startsWith('--')) flags.push(args[i]!);
  }
  return flags;
}
