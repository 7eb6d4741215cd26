import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import ejs from 'ejs';
import * as scope from 'eslint-scope';
import * as espree from 'espree';
import globals from 'globals';
import { escapeHtml, VIEW_LOCALS, viewOptions } from '../../server/http/view-engine.js';

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
    it(`declares every local ${file} reads, and compiles with the app's options`, function () {
      const undeclared = freeNames(readFileSync(join(viewsDir, file), 'utf8')).filter((name) => !(VIEW_LOCALS as readonly string[]).includes(name));
      expect(undeclared, `add to VIEW_LOCALS in server/http/view-engine.ts`).to.deep.equal([]);
      // A top-level const in a view that shares a name with a declared local fails here.
      expect(() => ejs.compile(readFileSync(join(viewsDir, file), 'utf8'), { ...viewOptions(viewsDir), filename: join(viewsDir, file) })).not.to.throw();
    });
  }

  it('the free-name check can fail: it sees an undeclared name, and not a declared one or a builtin', function () {
    expect(freeNames('<% const shown = String(1); %><%= shown %><%= notALocal %><%= locals.other %>')).to.deep.equal(['notALocal']);
  });

  it('renders a view through the app\'s options, escaping what it shows', async function () {
    const locals = { errors: [{ href: 'q1', message: '<b>x</b>' }], t: (key: string) => key, lang: 'en', languages: [], title: 'T' };
    const html = await ejs.renderFile(join(viewsDir, 'participant/partials/head.ejs'), locals, viewOptions(viewsDir));
    expect(html).to.include('href="#q1"').and.to.include('&lt;b&gt;x&lt;/b&gt;');
  });

  it('escapes exactly what EJS escapes', function () {
    for (const value of ['plain', '<script>alert("x")</script>', "O'Brien & sons", 42, null, undefined, '', '&amp;']) {
      expect(escapeHtml(value)).to.equal(ejs.escapeXML(value as string));
    }
  });
});
