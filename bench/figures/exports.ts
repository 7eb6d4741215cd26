import { Writable } from 'node:stream';
import { figure, medianMs, type FigureRunner } from '../figure.js';

/** Discards the CSV, so a figure measures producing it and nothing else. */
function nullWritable(onChunk: () => void = () => {}): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      onChunk();
      callback();
    },
  });
}

export const exportFigures: FigureRunner = async ({ services, slug, answers }) => {
  const trendsMs = await medianMs(3, () => services.exports.write('trends', slug, nullWritable(), 'bench'));

  // responses.csv has one row per answer.
  const responsesMs = await medianMs(1, () => services.exports.write('responses', slug, nullWritable(), 'bench'));
  const rowsPerSecond = answers / (responsesMs / 1000);

  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  let chunks = 0;
  const timer = setInterval(sample, 5);
  await services.exports.write('responses', slug, nullWritable(() => {
    chunks += 1;
    if (chunks % 64 === 0) sample();
  }), 'bench');
  clearInterval(timer);
  sample();

  return [
    figure('trends export', trendsMs, 'ms', 2000),
    figure('export', rowsPerSecond, 'rows/s', 300_000),
    figure('export rss', (peak - before) / 2 ** 20, 'MB', 100),
  ];
};
