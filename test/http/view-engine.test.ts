import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import ejs from 'ejs';
import express from 'express';
import request from 'supertest';
import * as scope from 'eslint-scope';
import * as espree from 'espree';
import globals from 'globals';
import {
  declaredLocals,
  escapeHtml,
  useStockViews,
  useViews,
  viewOptions,
  viewRenderer,
} from '../../server/http/view-engine.js';

const viewsDir = join(fileURLToPath(import.meta.url), '..', '..', '..', 'views');
const views = (readdirSync(viewsDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ejs')).sort();

/** EJS's generated code for a template, which its typings do not expose. */
interface GeneratedTemplate {
  generateSource(): void;
  source: string;
}

/** The names a template reads but never declares: what it expects from its locals. */
function freeNames(text: string): string[] {
  const template = new ejs.Template(text, { _with: false, compileDebug: false }) as unknown as GeneratedTemplate;
  template.generateSource();
  const source = `(function (locals, escapeFn, include, rethrow) {\n${template.source}\n})`;
  const ast = espree.parse(source, { ecmaVersion: 'latest', range: true, loc: true });
  const analysis = scope.analyze(ast as Parameters<typeof scope.analyze>[0], { ecmaVersion: 2022 });
  const names = analysis.globalScope!.through.map((reference) => reference.identifier.name);
  return [...new Set(names)].filter((name) => !(name in globals.builtin) && name !== '__append');
}

describe('view engine', function () {
  it('finds views to check', function () {
    expect(views).to.include('participant/section.ejs').and.to.include('staff/partials/head.ejs');
  });

  for (const file of views) {
    it(`declares in its first line exactly the locals ${file} reads, and compiles with the app's options`, function () {
      const text = readFileSync(join(viewsDir, file), 'utf8');
      const read = freeNames(text);
      const declared = declaredLocals(text);
      expect(
        read.filter((name) => !declared.includes(name)),
        "read but not declared: add to the view's first line, <%# locals: … -%>",
      ).to.deep.equal([]);
      expect(
        declared.filter((name) => !read.includes(name)),
        "declared but never read: drop from the view's first line",
      ).to.deep.equal([]);
      // A top-level const in a view that shares a name with a declared local fails here.
      expect(() =>
        ejs.compile(text, { ...viewOptions(), destructuredLocals: declared, filename: join(viewsDir, file) }),
      ).not.to.throw();
    });
  }

  it('the free-name check can fail: it sees an undeclared name, and not a declared one or a builtin', function () {
    expect(freeNames('<% const shown = String(1); %><%= shown %><%= notALocal %><%= locals.other %>')).to.deep.equal([
      'notALocal',
    ]);
  });

  it('reads a declaration only from the first line, ended by -%> so that it adds nothing to the page', function () {
    expect(declaredLocals('<%# locals: title, rows,\n  lang -%>\n<p>')).to.deep.equal(['title', 'rows', 'lang']);
    expect(declaredLocals('<%# locals: title %>\n<p>'), 'a declaration that would leave a blank line').to.deep.equal(
      [],
    );
    expect(declaredLocals('<p>\n<%# locals: title -%>'), 'not the first line').to.deep.equal([]);
    expect(ejs.render('<%# locals: title -%>\n<p><%= title %></p>', { title: 'T' }), "EJS's own renderer").to.equal(
      '<p>T</p>',
    );
    const dir = mkdtempSync(join(tmpdir(), 'coassess-views-'));
    try {
      writeFileSync(join(dir, 'page.ejs'), '<%# locals: title -%>\n<p><%= title %></p>');
      writeFileSync(join(dir, 'undeclared.ejs'), '<p><%= title %></p>');
      const { render } = viewRenderer(dir);
      expect(render(join(dir, 'page.ejs'), { title: 'T' })).to.equal('<p>T</p>');
      expect(() => render(join(dir, 'undeclared.ejs'), { title: 'T' })).to.throw(ReferenceError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders a view with its includes, escaping what it shows', function () {
    const { render } = viewRenderer(viewsDir);
    const locals = {
      errors: [{ href: 'q1', message: '<b>x</b>' }],
      t: (key: string) => key,
      lang: 'en',
      languages: [],
      title: 'T',
    };
    const html = render(join(viewsDir, 'participant/partials/head.ejs'), locals);
    expect(html)
      .to.include('href="#q1"')
      .and.to.include('&lt;b&gt;x&lt;/b&gt;')
      .and.to.include('<title>errorSummary: T</title>');
  });

  it("gives an include its extra locals without changing the including view's, and nothing inherited", function () {
    const dir = mkdtempSync(join(tmpdir(), 'coassess-views-'));
    try {
      mkdirSync(join(dir, 'p'));
      writeFileSync(
        join(dir, 'p', 'page.ejs'),
        "<%# locals: title, label -%>\n<%- include('/p/part', { title: 'inner' }) %>|<%= title %>|<%= typeof label %>",
      );
      writeFileSync(join(dir, 'p', 'part.ejs'), '<%# locals: title -%>\n<%= title %>');
      writeFileSync(join(dir, 'p', 'relative.ejs'), "<%- include('part') %>");
      const { render } = viewRenderer(dir);
      (Object.prototype as Record<string, unknown>).label = 'polluted';
      try {
        expect(render(join(dir, 'p', 'page.ejs'), { title: 'outer' })).to.equal('inner|outer|undefined');
      } finally {
        delete (Object.prototype as Record<string, unknown>).label;
      }
      expect(() => render(join(dir, 'p', 'relative.ejs'), {})).to.throw(/include views from views\//);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives a view that includes nothing and reads no `locals` just its declared names, the include's over the page's, and nothing inherited", function () {
    const dir = mkdtempSync(join(tmpdir(), 'coassess-views-'));
    try {
      mkdirSync(join(dir, 'p'));
      writeFileSync(
        join(dir, 'p', 'page.ejs'),
        "<%# locals: title -%>\n<%- include('/p/leaf', { title: 'inner', error: undefined }) %>|<%- include('/p/reader', { title: 'inner' }) %>|<%= title %>",
      );
      writeFileSync(
        join(dir, 'p', 'leaf.ejs'),
        '<%# locals: title, lang, error, label -%>\n<%= title %> <%= lang %> <%= typeof error %> <%= typeof label %>',
      );
      // It reads `locals` itself, so it sees every local, as an include always did.
      writeFileSync(
        join(dir, 'p', 'reader.ejs'),
        '<%# locals: title -%>\n<%= title %> <%= locals.lang %> <%= Object.keys(locals).length %>',
      );
      const { render } = viewRenderer(dir);
      (Object.prototype as Record<string, unknown>).label = 'polluted';
      try {
        expect(render(join(dir, 'p', 'page.ejs'), { title: 'outer', lang: 'en', error: 'page' })).to.equal(
          'inner en undefined undefined|inner en 3|outer',
        );
      } finally {
        delete (Object.prototype as Record<string, unknown>).label;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders res.render(view, locals) from the response locals and the given ones, keeping the status, and passes a missing view on as an error', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'coassess-views-'));
    try {
      mkdirSync(join(dir, 'p'));
      writeFileSync(join(dir, 'p', 'page.ejs'), '<%# locals: title, lang -%>\n<p><%= title %> <%= lang %></p>');
      const app = express();
      useViews(app, dir);
      app.get('/page', (_req, res) => {
        res.locals.lang = 'it';
        res.status(400).render('p/page', { title: '<T>' });
      });
      app.get('/accented', (_req, res) => res.render('p/page', { title: 'Perché è così', lang: 'it' }));
      app.get('/missing', (_req, res) => res.render('p/nowhere', {}));
      app.get('/callback', (_req, res) =>
        res.render('p/page', { title: 'cb', lang: 'en' }, (error: Error, html: string) => res.send(html.toUpperCase())),
      );
      app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        res.status(500).send(`error: ${error.message}`);
      });
      const page = await request(app).get('/page');
      expect(page.status).to.equal(400);
      expect(page.headers['content-type']).to.match(/^text\/html/);
      expect(page.text).to.equal('<p>&lt;T&gt; it</p>');
      const accented = await request(app).get('/accented');
      expect(accented.text).to.equal('<p>Perché è così it</p>');
      expect(Number(accented.headers['content-length'])).to.equal(Buffer.byteLength('<p>Perché è così it</p>'));
      const head = await request(app).head('/accented');
      expect(head.status).to.equal(200);
      expect(head.headers['content-length']).to.equal(accented.headers['content-length']);
      expect(head.text ?? '').to.equal('');
      expect((await request(app).get('/missing')).text).to.match(/^error: there is no view p\/nowhere/);
      expect((await request(app).get('/callback')).text).to.equal('<P>CB EN</P>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("renders, with the device off (useStockViews), through Express and EJS's own renderer the same pages, includes named from views/ included", async function () {
    const dir = mkdtempSync(join(tmpdir(), 'coassess-views-'));
    try {
      mkdirSync(join(dir, 'p'));
      writeFileSync(
        join(dir, 'p', 'page.ejs'),
        "<%# locals: title, lang, label -%>\n<%- include('/p/part', { title: 'inner' }) %>|<%= title %> <%= lang %>|<%= typeof label %>",
      );
      writeFileSync(join(dir, 'p', 'part.ejs'), '<%# locals: title -%>\n<b><%= title %></b>');
      const pages: string[] = [];
      for (const use of [useViews, useStockViews]) {
        const app = express();
        use(app, dir);
        app.get('/page', (_req, res) => {
          res.locals.lang = 'it';
          res.status(400).render('p/page', { title: '<T>' });
        });
        const page = await request(app).get('/page');
        expect(page.status).to.equal(400);
        expect(page.headers['content-type']).to.equal('text/html; charset=utf-8');
        pages.push(page.text);
      }
      expect(pages).to.deep.equal(['<b>inner</b>|&lt;T&gt; it|undefined', '<b>inner</b>|&lt;T&gt; it|undefined']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an include to a view that includes nothing under its own name, rather than include with the page’s locals', function () {
    const dir = mkdtempSync(join(tmpdir(), 'coassess-views-'));
    try {
      mkdirSync(join(dir, 'p'));
      writeFileSync(join(dir, 'p', 'part.ejs'), '<%# locals: title -%>\n<b><%= title %></b>');
      // It names include without calling it, so it counts as a view that includes nothing.
      writeFileSync(
        join(dir, 'p', 'sly.ejs'),
        "<%# locals: title -%>\n<% const inc = include; %><%- inc('/p/part') %>",
      );
      const { render } = viewRenderer(dir);
      expect(() => render(join(dir, 'p', 'sly.ejs'), { title: 'T' })).to.throw(/includes nothing was asked to include/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compiles a view once per process, in both renderers and by every form of render: a view gone from disk still renders', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'coassess-views-'));
    try {
      mkdirSync(join(dir, 'p'));
      const page = "<%# locals: title -%>\n<%- include('/p/part', { title: 'inner' }) %>|<%= title %>";
      const part = '<%# locals: title -%>\n<b><%= title %></b>';
      const apps = [useViews, useStockViews].map((use) => {
        const app = express();
        use(app, dir);
        app.get('/page', (_req, res) => res.render('p/page', { title: 'T' }));
        app.get('/callback', (_req, res) =>
          res.render('p/page', { title: 'C' }, (error: Error | null, html: string) => {
            if (error) res.status(500).send(`error: ${error.message}`);
            else res.send(html);
          }),
        );
        return app;
      });
      writeFileSync(join(dir, 'p', 'page.ejs'), page);
      writeFileSync(join(dir, 'p', 'part.ejs'), part);
      for (const app of apps) {
        expect((await request(app).get('/page').expect(200)).text).to.equal('<b>inner</b>|T');
        expect((await request(app).get('/callback').expect(200)).text).to.equal('<b>inner</b>|C');
      }
      rmSync(join(dir, 'p'), { recursive: true, force: true });
      for (const app of apps) {
        expect((await request(app).get('/page').expect(200)).text).to.equal('<b>inner</b>|T');
        expect((await request(app).get('/callback').expect(200)).text).to.equal('<b>inner</b>|C');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hands an error met while rendering to the callback of res.render', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'coassess-views-'));
    try {
      writeFileSync(join(dir, 'undeclared.ejs'), '<p><%= title %></p>');
      const app = express();
      useViews(app, dir);
      app.get('/', (_req, res) =>
        res.render('undeclared', { title: 'T' }, (error: Error | null, html?: string) => {
          res.send(error ? `error: ${error.name}` : `page: ${html}`);
        }),
      );
      expect((await request(app).get('/').expect(200)).text).to.equal('error: ReferenceError');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('escapes exactly what EJS escapes', function () {
    for (const value of [
      'plain',
      '<script>alert("x")</script>',
      "O'Brien & sons",
      42,
      null,
      undefined,
      '',
      '&amp;',
      // Nothing but characters to escape.
      '<',
      '&',
      '"',
      "'",
      '<>',
    ]) {
      expect(escapeHtml(value)).to.equal(ejs.escapeXML(value as string));
    }
  });
});
