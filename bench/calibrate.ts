import { DEFAULT_MODEL } from '../server/domain/calibration/simulation-model.js';
import { runCalibration } from './calibration.js';
import { figureLine, progress } from './figure.js';

/**
 * `npm run calibrate`: the status rules' false-alarm and detection rates, measured by
 * simulation (docs/methods.md, "Calibration"). One JSON line per figure on stdout, as
 * `npm run bench` prints them, with the target in `baseline`; progress and a summary on stderr.
 * Exits 1 when a target is missed. CALIBRATE_PROJECTS (default 1000) and CALIBRATE_SEED
 * (default 20261202) choose the run; the same seed gives the same figures.
 */
const projects = Number(process.env.CALIBRATE_PROJECTS ?? 1000);
const seed = Number(process.env.CALIBRATE_SEED ?? 20261202);
if (!Number.isInteger(projects) || projects < 1 || !Number.isInteger(seed)) {
  progress('CALIBRATE_PROJECTS must be a whole number of at least 1 and CALIBRATE_SEED a whole number');
  process.exit(2);
}
progress(`model: ${JSON.stringify(DEFAULT_MODEL)}`);
progress(`seed ${seed}; ${projects} projects per scenario (two or three times that where no change is simulated)`);
const started = performance.now();
const results = runCalibration(projects, seed, undefined, progress);
for (const { figure } of results) process.stdout.write(figureLine(figure));
const missed = results.filter(({ met }) => met === false);
progress(
  `${results.length} figures in ${Math.round((performance.now() - started) / 1000)} s; ${missed.length === 0 ? 'every target met' : `missed: ${missed.map(({ figure }) => figure.name).join('; ')}`}`,
);
process.exitCode = missed.length === 0 ? 0 : 1;
