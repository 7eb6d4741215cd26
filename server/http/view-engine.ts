import { readFileSync } from 'node:fs';
import ejs from 'ejs';
import type { Express } from 'express';

/**
 * Every name a view may read from its locals. Views are compiled without EJS's default
 * `with (locals)` block, so these names are declared at the top of each compiled view instead.
 * `with` stops V8 from resolving variables ahead of time: dropping it, with the two settings
 * below, renders a questionnaire page about four times faster. A name missing here is a
 * ReferenceError, and test/http/view-engine.test.ts fails for any view that reads one.
 */
export const VIEW_LOCALS = [
  'actors', 'alreadySent', 'answers', 'autocomplete', 'backLink', 'body', 'chartData', 'codeEntryUrl',
  'csrfToken', 'dashboard', 'defaultWaveId', 'defaults', 'dimension', 'emptyText', 'entries', 'entry',
  'errorList', 'errors', 'errorsByItem', 'events', 'existing', 'formatDate', 'generatedOn', 'hasEmail',
  'heading', 'hint', 'index', 'instrument', 'instruments', 'label', 'lang',
  'languages', 'message', 'messages', 'naLabel', 'name', 'notice', 'participant', 'participantCount',
  'participants', 'project', 'projectRole', 'projects', 'returnTo', 'rows', 'scaleHelp', 'scheduled',
  'secret', 'section', 'sections', 'showArchived', 'shown', 'skipText', 'smtp', 'staff', 'status',
  'submittedOn', 't', 'thresholdNames', 'thresholds', 'title', 'token', 'tokens', 'translatorFor',
  'upcomingOn', 'users', 'value', 'values', 'wave', 'waves', 'withChangeLinks',
] as const;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/**
 * EJS's `<%= %>` escaping, with the same entities as EJS's own, but most values on a page
 * (ids, labels, numbers) contain nothing to escape and are returned after one scan.
 */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITIES[c]!) : text;
}

/** EJS options for every view; `root` lets includes name views from views/ with no file lookup. */
export function viewOptions(viewsDir: string) {
  return {
    root: viewsDir,
    // Compiled once per process: views change only with a new release, which restarts it.
    cache: true,
    _with: false,
    destructuredLocals: [...VIEW_LOCALS],
    escape: escapeHtml,
    // Without per-line debug bookkeeping a compiled view runs markedly faster; a view error still
    // names the file, and the test suite renders every view.
    compileDebug: false,
  };
}

/** EJS views from viewsDir, compiled once per process. */
export function useViews(app: Express, viewsDir: string): void {
  const options = viewOptions(viewsDir);
  // EJS takes no options from Express's settings, so the engine is registered with them, and
  // keeps each compiled view itself rather than going through renderFile's option handling.
  const compiled = new Map<string, ejs.TemplateFunction>();
  app.engine('ejs', (path, data, callback) => {
    try {
      let view = compiled.get(path);
      if (!view) {
        view = ejs.compile(readFileSync(path, 'utf8'), { ...options, filename: path });
        compiled.set(path, view);
      }
      callback(null, view(data as ejs.Data));
    } catch (error) {
      callback(error);
    }
  });
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  // Express looks a view's file up once, as it does by default only under NODE_ENV=production,
  // which `npm start` does not set.
  app.set('view cache', true);
}
