import fc from 'fast-check';
import { hostileString } from './hostile.js';

/** Shared by the CSV import properties of the services, the command line and the web form. */
export const PARTICIPANT_COLUMNS = ['code', 'group', 'language', 'mode', 'email', 'enrolled_on'];
export const RESPONSE_COLUMNS = ['participant', 'wave', 'trust_1', 'trust_2', 'trust_3', 'open_1', 'engagement_1'];
const PLAUSIBLE_CELLS = [
  'CG-001',
  'CG-002',
  'PR-001',
  'X-1',
  'caregiver',
  'provider',
  'en',
  'it',
  'web',
  'paper',
  'a@example.org',
  '2026-02-01',
  '2026-02-30',
  'Wave 1',
  'Wave 2',
  '1',
  '3',
  '5',
  'NA',
  '',
  '6',
  'x',
  '3,5',
  'a;b',
];

/** Turns cells into one CSV line, quoting some of them (and sometimes breaking the quoting). */
function csvLine(cells: [string, number][], separator: string): string {
  return cells
    .map(([text, style]) =>
      style === 0
        ? text
        : style === 1
          ? `"${text.replace(/"/g, '""')}"`
          : style === 2
            ? `"${text}`
            : text.split(separator).join(''),
    )
    .join(separator);
}

/**
 * CSV-ish text: a plausible or hostile header, rows of plausible or hostile cells, any line
 * endings, or plain noise; columns separated by `separator` (a comma unless given).
 */
export function csvText(columns: string[], separator = ','): fc.Arbitrary<string> {
  const cell = fc.tuple(
    fc.oneof({ arbitrary: fc.constantFrom(...PLAUSIBLE_CELLS), weight: 4 }, { arbitrary: hostileString, weight: 1 }),
    fc.nat({ max: 6 }),
  );
  const headerCell = fc.tuple(
    fc.oneof({ arbitrary: fc.constantFrom(...columns), weight: 8 }, { arbitrary: hostileString, weight: 1 }),
    fc.constantFrom(0, 0, 0, 1),
  );
  const header = fc.oneof(
    fc.constant(columns.slice(0, 2).map((c) => [c, 0] as [string, number])),
    fc.shuffledSubarray(columns, { minLength: 2 }).map((cs) => cs.map((c) => [c, 0] as [string, number])),
    fc.array(headerCell, { maxLength: 8 }),
  );
  const structured = fc
    .tuple(
      header,
      fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 8 }),
      fc.constantFrom('\n', '\r\n', '\r'),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([h, rows, eol, bom, trailing]) => {
      const text = [h, ...rows].map((cells) => csvLine(cells, separator)).join(eol) + (trailing ? eol : '');
      return bom ? `\ufeff${text}` : text;
    });
  return fc.oneof(
    { arbitrary: structured, weight: 8 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
    { arbitrary: hostileString, weight: 1 },
  );
}
