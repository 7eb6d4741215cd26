/**
 * A CSS string literal that no text can end or escape: every character outside [A-Za-z0-9 ]
 * is written as a six-digit hex escape and a space. CSS takes at most six hex digits and then
 * swallows one space (CSS Syntax §4.3.7), so the space always closes the escape: a digit or a
 * space of the text that follows stays itself. CSS reads NUL and lone surrogates as U+FFFD;
 * nothing else changes.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const char of text) {
    out += /^[A-Za-z0-9 ]$/.test(char) ? char : `\\${char.codePointAt(0)!.toString(16).padStart(6, '0')} `;
  }
  return `${out}"`;
}
