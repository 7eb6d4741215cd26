import { stripControlCharacters } from '../domain/control-characters.js';

/**
 * Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"); a
 * leading line break too, which some spreadsheets skip like the tab and CR before a formula.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * A text cell as exported: control characters and bidi overrides dropped (tab and newline kept),
 * whatever the store holds from before they were refused (ADR 0078), then prefixed with `'` when
 * a spreadsheet would otherwise run it as a formula.
 */
export function neutraliseFormula(text: string): string {
  const clean = stripControlCharacters(text);
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}
