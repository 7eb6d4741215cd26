import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ejs from 'ejs';
import type { Express, Response } from 'express';

/**
 * The locals a view reads, as it declares them in its first line: `<%# locals: title, rows -%>`.
 * Views are compiled without EJS's default `with (locals)` block, so each view's names are
 * declared at the top of its compiled function instead. `with` stops V8 from resolving
 * variables ahead of time: dropping it, with the escaping and includes below, renders a
 * questionnaire page about ten times faster. The declaration is an EJS comment, so EJS's own
 * renderer ignores it, and `-%>` keeps it from adding a line to the page. A name read but not
 * declared is a ReferenceError, and test/http/view-engine.test.ts fails for any view that
 * reads one, or declares one it never reads.
 */
export function declaredLocals(text: string): string[] {
  const declaration = /^<%#\s*locals:([\s\w$,]*?)-%>/.exec(text);
  return declaration ? declaration[1]!.split(/[\s,]+/).filter(Boolean) : [];
}

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

/** EJS's options for every view; each also declares the locals it names (see viewRenderer). */
export function viewOptions() {
  return {
    _with: false,
    // Errors are named by file below instead of EJS's per-line bookkeeping, which slows every view.
    compileDebug: false,
  };
}

type CompiledView = (locals: Record<string, unknown>, escapeFn: (value: unknown) => string, include: Include) => string;
type Include = (view: string, extra?: Record<string, unknown>) => string;

/** EJS's generated code for a template, complete once compiled; its typings do not expose it. */
interface GeneratedTemplate {
  compile(): unknown;
  source: string;
}

interface ViewRenderer {
  /** Renders a view file with the given locals, merged in order. */
  render(file: string, ...data: object[]): string;
  /** The file of a view named from views/, as `participant/section` or `/participant/section`. */
  fileOf(view: string): string;
}

/** A compiled view, and what it reads. */
interface View {
  run: CompiledView;
  /** Its declared locals. */
  names: string[];
  /**
   * It includes nothing and never reads `locals` itself, so the declared names are all it can
   * see: it is given just those, in a small object of their own.
   */
  leaf: boolean;
}

/**
 * Renders views/<file>: EJS compiles each view once, and runs it with our own `include`.
 * EJS's include copied every local twice and resolved the file path on every call. Here the
 * locals are copied once per page (onto an object without a prototype, as EJS does, so nothing
 * inherited can pose as a local), and again only for an include that adds some. A leaf view
 * (a question of the questionnaire, the participant page head) gets only the names it declares,
 * set on an object of its own: each of a section's questions is an include
 * (views/participant/items/), and copying every local for each made the page render in twice
 * the time. Includes name views from
 * views/, as `include('/participant/partials/head')`.
 */
export function viewRenderer(viewsDir: string): ViewRenderer {
  const compiled = new Map<string, View>();
  const viewOf = (file: string): View => {
    let view = compiled.get(file);
    if (!view) {
      const text = readFileSync(file, 'utf8');
      const names = declaredLocals(text);
      const template = new ejs.Template(text, {
        ...viewOptions(),
        destructuredLocals: names,
        filename: file,
      }) as unknown as GeneratedTemplate;
      template.compile();
      view = {
        // sourceURL names the view in any stack trace.
        run: new Function('locals, escapeFn, include', `${template.source}\n//# sourceURL=${file}`) as CompiledView,
        names,
        // "locals:" is the declaration itself.
        leaf: !/\binclude\s*\(|\blocals\b(?!:)/.test(text),
      };
      compiled.set(file, view);
    }
    return view;
  };
  const files = new Map<string, string>();
  const fileOf = (view: string): string => {
    let file = files.get(view);
    if (!file) {
      file = join(viewsDir, `${view.replace(/^\//, '')}.ejs`);
      if (!existsSync(file)) throw new Error(`there is no view ${view} in ${viewsDir}`);
      files.set(view, file);
    }
    return file;
  };
  const run = (file: string, locals: Record<string, unknown>, extra?: Record<string, unknown>): string => {
    const view = viewOf(file);
    if (view.leaf) {
      // Every declared name is an own property, even when undefined: nothing inherited can pose as one.
      const own: Record<string, unknown> = {};
      for (const name of view.names) own[name] = extra && Object.hasOwn(extra, name) ? extra[name] : locals[name];
      return view.run(own, escapeHtml, leafInclude);
    }
    const mine = extra ? Object.assign(Object.create(null) as Record<string, unknown>, locals, extra) : locals;
    const include: Include = (name, more) => {
      if (!name.startsWith('/'))
        throw new Error(`${file}: include views from views/, as '/participant/partials/head', not '${name}'`);
      return run(fileOf(name), mine, more);
    };
    return view.run(mine, escapeHtml, include);
  };
  return {
    render: (file, ...data) => run(file, Object.assign(Object.create(null) as Record<string, unknown>, ...data)),
    fileOf,
  };
}

/** What a leaf view is given for `include`, which it never calls. */
const leafInclude: Include = () => {
  throw new Error('a view that includes nothing was asked to include');
};

/**
 * EJS views from viewsDir, compiled once per process. `res.render(view, locals)` renders at once
 * from the response's locals and the given ones, copied once, and sends the page. Express's own
 * render merged them into one object, which the engine copied again, and sent the page a tick
 * later; its other forms (a callback, `app.render`) still work and go through the engine
 * registered here.
 */
export function useViews(app: Express, viewsDir: string): void {
  const views = viewRenderer(viewsDir);
  app.engine('ejs', (path, data, callback) => {
    try {
      callback(null, views.render(path, data));
    } catch (error) {
      callback(error);
    }
  });
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  // Express looks a view's file up once, as it does by default only under NODE_ENV=production,
  // which `npm start` does not set.
  app.set('view cache', true);

  const expressRender = app.response.render as (
    this: Response,
    view: string,
    locals?: object,
    callback?: RenderCallback,
  ) => void;
  app.response.render = function renderView(
    this: Response,
    view: string,
    locals?: object | RenderCallback,
    callback?: RenderCallback,
  ) {
    if (typeof locals === 'function' || callback)
      return expressRender.call(this, view, locals as object | undefined, callback);
    let html: string;
    try {
      html = views.render(views.fileOf(view), this.locals, locals ?? {});
    } catch (error) {
      this.req.next?.(error);
      return;
    }
    // What res.send does for a page, without its content-type parsing and its copy of the page
    // into a buffer: ended as a string, the page leaves with its headers in one write.
    if (!this.getHeader('Content-Type')) this.setHeader('Content-Type', 'text/html; charset=utf-8');
    this.setHeader('Content-Length', Buffer.byteLength(html));
    this.end(this.req.method === 'HEAD' ? undefined : html);
  } as typeof app.response.render;
}

type RenderCallback = (error: Error, html: string) => void;

/**
 * The plain alternative to useViews, for DEVICE_VIEW_RENDERER=off (ADR 0013): Express's own
 * res.render and EJS's own renderer, `with (locals)` and EJS's include. Compiled once per
 * process, as Express and EJS do under NODE_ENV=production, so switching the device off
 * measures the renderer, not recompiling. `root` resolves includes named from views/, as
 * `include('/participant/partials/head')`, the way useViews does.
 */
export function useStockViews(app: Express, viewsDir: string): void {
  app.engine('ejs', (path, data, callback) => ejs.renderFile(path, data, { root: viewsDir, cache: true }, callback));
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  app.set('view cache', true);
}
