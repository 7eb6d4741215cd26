import { Writable } from 'node:stream';
import { InstrumentRegistry } from '../../server/services/instrument-registry.js';
import { createServices } from '../../server/services/services.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { benchInstrument } from '../seed.js';

/**
 * Streams responses.csv from the seeded file in a process of its own and prints the peak RSS
 * growth over what the process held before the export began. In the bench's main process the
 * seeding and earlier figures have already grown RSS, which never shrinks back, so growth
 * measured there would read as zero.
 */
const [file, slug] = process.argv.slice(2) as [string, string];
const store = SqliteStore.open(file);
const instruments = new InstrumentRegistry();
instruments.add(benchInstrument(), 'bench-30.json');
const services = createServices({ store, instruments, baseUrl: 'http://localhost', now: () => new Date() });
const project = await services.projects.bySlug(slug);

(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage.rss();
let peak = before;
const sample = (): void => {
  peak = Math.max(peak, process.memoryUsage.rss());
};
const timer = setInterval(sample, 5);
let chunks = 0;
await services.exports.write(
  'responses',
  project,
  new Writable({
    write(_chunk, _encoding, callback) {
      chunks += 1;
      if (chunks % 16 === 0) sample();
      callback();
    },
  }),
  'bench',
);
clearInterval(timer);
sample();
await store.close();
process.stdout.write(`${JSON.stringify({ growthMb: (peak - before) / 2 ** 20, beforeMb: before / 2 ** 20 })}\n`);
