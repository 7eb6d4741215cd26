import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { figure, medianMs, type FigureRunner } from '../figure.js';

const run = promisify(execFile);

/** Discards the CSV, so a figure measures producing it and nothing else. */
function nullWritable(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

export const exportFigures: FigureRunner = async ({ services, slug, answers, databaseFile }) => {
  const project = await services.projects.bySlug(slug);
  const trendsMs = await medianMs(3, () => services.exports.write('trends', project, nullWritable(), 'bench'));

  // responses.csv has one row per answer.
  const responsesMs = await medianMs(1, () => services.exports.write('responses', project, nullWritable(), 'bench'));
  const rowsPerSecond = answers / (responsesMs / 1000);

  const probe = fileURLToPath(new URL('../probes/export-rss.js', import.meta.url));
  const { stdout } = await run(process.execPath, ['--expose-gc', probe, databaseFile, slug]);
  const { growthMb } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { growthMb: number };

  return [
    figure('trends export', trendsMs, 'ms', 2000),
    figure('export', rowsPerSecond, 'rows/s', 300_000),
    figure('export rss', growthMb, 'MB', 100),
  ];
};
