import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { PACKAGE_ROOT } from '../../server/package-root.js';

const VIEWS = join(PACKAGE_ROOT, 'views');

/**
 * Views whose words are not in a catalogue yet, each converted by whoever owns it. The
 * integrator empties this list; a view on it that is already clean fails the test below, so
 * it can only shrink.
 */
const PENDING: readonly string[] = [];

/** Literal text that reads the same in every language. */
const SAME_IN_EVERY_LANGUAGE = new Set([
  // The product's name.
  'CoAssess',
  '– CoAssess',
  // What a clerk types for "does not apply", printed beside its box: the same code in every language.
  'NA',
  // The statistician's notation for a number of people.
  'n =',
  // File names and an address's query, as typed.
  'codebook.csv',
  '?participant=CODE',
]);

/** Attributes a person reads or hears; `value` only where it is a button's text. */
const READ_ATTRIBUTES = ['title', 'alt', 'aria-label', 'placeholder', 'label'];
const BUTTON_INPUT = /^(submit|button|reset)$/i;

/** A stand-in for what EJS writes out: never literal text. */
const OUTPUT = '\u0000';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (text: string) => text.replace(/&(\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole);

function viewFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? viewFiles(join(dir, entry.name)) : entry.name.endsWith('.ejs') ? [join(dir, entry.name)] : [],
  );
}

/** What a view shows that came from no catalogue: text nodes and read attributes with a letter in them. */
export function literalText(template: string): string[] {
  const html = template
    .replace(/<%[\s\S]*?%>/g, OUTPUT)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2>)/gi, '$1$3');
  const found: string[] = [];
  const hasLetter = (text: string) => /\p{L}/u.test(text);
  const note = (text: string) => {
    const shown = decode(text.split(OUTPUT).join(' ')).replace(/\s+/g, ' ').trim();
    if (hasLetter(shown) && !SAME_IN_EVERY_LANGUAGE.has(shown)) found.push(shown);
  };
  for (const chunk of html.split(/<[^>]*>/)) note(chunk);
  for (const [, name, attributes] of html.matchAll(/<([a-zA-Z][\w-]*)\b([^>]*)>/g)) {
    const values = new Map<string, string>();
    for (const [, attribute, doubled, single] of attributes!.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      values.set(attribute!.toLowerCase(), doubled ?? single ?? '');
    for (const attribute of READ_ATTRIBUTES) if (values.has(attribute)) note(values.get(attribute)!);
    // A <button>'s value is sent, not shown (its text is its content); an input button shows its value.
    const isButton = name!.toLowerCase() === 'input' && BUTTON_INPUT.test(values.get('type') ?? '');
    if (isButton && values.has('value')) note(values.get('value')!);
  }
  return found;
}

describe('text in views', function () {
  const files = viewFiles(VIEWS).map((file) => ({ file, name: relative(VIEWS, file).split('\\').join('/') }));

  it('finds literal text, in text and in read attributes, but not what EJS writes out, comments, scripts or styles', function () {
    expect(
      literalText(
        '<%# locals: t -%><p>Hello <%= name %></p><!-- a note --><script>const x = "words";</script>' +
          '<style>p::after { content: "x" }</style><button aria-label="Close it" value="<%= v %>">Go</button>' +
          '<input type="submit" value="Send"><input type="hidden" name="mode" value="web"><img alt="<%= t(\'x\') %>">' +
          "<a title=\"Help\">&lt;</a> <span>CoAssess</span> <%- include('/x', { label: 'Words' }) %>",
      ),
    ).to.deep.equal(['Hello', 'Go', 'Close it', 'Send', 'Help']);
  });

  for (const { file, name } of files) {
    if (PENDING.includes(name)) continue;
    it(`${name} shows no text that is not in a catalogue`, function () {
      expect(literalText(readFileSync(file, 'utf8'))).to.deep.equal([]);
    });
  }

  it('lists as pending only views that exist and still hold literal text', function () {
    for (const name of PENDING) {
      const found = files.find((f) => f.name === name);
      expect(found, `${name} is pending but does not exist: take it off PENDING`).to.not.equal(undefined);
      expect(
        literalText(readFileSync(found!.file, 'utf8')),
        `${name} is pending but already clean: take it off PENDING`,
      ).to.not.deep.equal([]);
    }
  });
});
