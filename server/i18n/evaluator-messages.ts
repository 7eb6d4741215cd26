/**
 * Every word the evaluator pages (dashboard, report, codebook) print around the results, in
 * each language: parts in server/i18n/evaluator/, one per area, merged here into one catalogue.
 * The reasons and rules themselves are written by the domain (cell-reason.ts,
 * status-definitions.ts), which knows their numbers.
 */
import { defineCatalogue, mergeParts, type Message } from './catalogue.js';
import * as codebook from './evaluator/codebook.js';
import * as dashboard from './evaluator/dashboard.js';
import * as report from './evaluator/report.js';
import * as results from './evaluator/results.js';

type English = typeof results.en & typeof dashboard.en & typeof report.en & typeof codebook.en;

// mergeParts refuses a key two parts both define, which spreading would silently overwrite.
const merged = mergeParts(results, dashboard, report, codebook);

export const evaluatorMessages = defineCatalogue(merged.en as English, {
  it: merged.it as Record<keyof English, Message>,
});

export type EvaluatorKey = keyof English;
