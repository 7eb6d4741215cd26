import { expect } from 'chai';
import fc from 'fast-check';
import { cssString } from '../../server/http/css-string.js';

const HEX = /[0-9a-fA-F]{1,6}/y;

/**
 * Reads a CSS string token the way a browser does (CSS Syntax Level 3, §4.3.5 and §4.3.7) from
 * the start of `css`: its value, and where the token ended. A newline ends it as a bad string.
 */
function readCssString(css: string): { value: string; end: number; bad: boolean } {
  const quote = css[0]!;
  let value = '';
  let i = 1;
  while (i < css.length) {
    const c = css[i]!;
    if (c === quote) return { value, end: i + 1, bad: false };
    if (c === '\n' || c === '\r' || c === '\f') return { value, end: i, bad: true };
    if (c !== '\\') {
      value += c;
      i += 1;
      continue;
    }
    HEX.lastIndex = i + 1;
    const hex = HEX.exec(css)?.[0];
    if (!hex) {
      value += css[i + 1] ?? '';
      i += 2;
      continue;
    }
    i += 1 + hex.length;
    if (' \t\n\f'.includes(css[i] ?? 'x')) i += 1;
    const n = parseInt(hex, 16);
    value += n === 0 || (n >= 0xd800 && n <= 0xdfff) || n > 0x10ffff ? '\ufffd' : String.fromCodePoint(n);
  }
  return { value, end: i, bad: true };
}

/** What CSS makes of the text: NUL and lone surrogates become U+FFFD. */
function asCssReadsIt(text: string): string {
  return [...text].map((c) => (c === '\0' || /^[\ud800-\udfff]$/.test(c) ? '\ufffd' : c)).join('');
}

function expectSafe(text: string): void {
  const literal = cssString(text);
  expect(literal).to.match(/^"(?:[A-Za-z0-9 ]|\\[0-9a-f]{6} )*"$/);
  // Whatever follows the literal, the string ends exactly where it should, holding the text.
  const read = readCssString(`${literal}; } body { display: none }`);
  expect(read).to.deep.equal({ value: asCssReadsIt(text), end: literal.length, bad: false });
}

describe('cssString', function () {
  it('writes every code point but [A-Za-z0-9 ] as a hex escape that reads back as itself', function () {
    for (let cp = 0; cp <= 0x10ffff; cp += 1) {
      const char = String.fromCodePoint(cp);
      const literal = cssString(char);
      if (/^[A-Za-z0-9 ]$/.test(char)) expect(literal).to.equal(`"${char}"`);
      else if (literal !== `"\\${cp.toString(16).padStart(6, '0')} "`)
        expect.fail(`U+${cp.toString(16)} gave ${literal}`);
    }
  });

  it('keeps any text inside one CSS string, whatever follows it', function () {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme' }),
          fc.string({ unit: 'binary' }),
          fc.string(),
          fc.constantFrom('Evil\f"} body{display:none} x{"', '\\', '\\"'),
        ),
        (text) => expectSafe(text),
      ),
      { numRuns: 300 },
    );
  });

  it('ends the string at the form feed that used to slip through, and at nothing else', function () {
    expectSafe('Wave\f"} body{display:none} x{"');
    expect(cssString('A\fB')).to.equal('"A\\00000c B"');
  });
});
