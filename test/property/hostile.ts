import { expect } from 'chai';
import fc from 'fast-check';
import type request from 'supertest';

/** Inputs that have broken form handlers elsewhere: markup, formulas, numbers that are not, keys that are not. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\t',
  '\r\n',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE participants; --",
  "=cmd|' /C calc'!A0",
  '+1',
  '-1+1',
  '@SUM(1)',
  '\t=1',
  '\r=1',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '-0',
  '0x10',
  '1.5',
  '-1',
  '99999999999999999999',
  '9007199254740993',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31',
  '__proto__',
  'constructor',
  'toString',
  '{"__proto__":{"admin":true}}',
  '../../etc/passwd',
  '%00',
  '%',
  '\u202e',
  '\ufeff',
  '𝕏😀',
  'e\u0301',
  'ß',
  'İ',
  'NA',
  'na',
  'yes',
  'paper',
  'web',
  'caregiver',
  'provider',
  'en',
  'it',
  '3',
  '5',
  '0',
  '6',
];

/** Field names that target prototypes and parsers rather than the form. */
export const NASTY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__proto__[admin]',
  'constructor[prototype][admin]',
  'a[]',
  'a[b]',
  '',
  ' ',
];

const controlChars = fc.string({
  unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)),
  maxLength: 20,
});

/** One form value: short unicode, control characters, lone surrogates, known-nasty text, or very long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: controlChars, weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '<', '"'), fc.string({ maxLength: 20 }))
      .map(([a, b]) => a + b),
    weight: 2,
  },
  { arbitrary: fc.integer({ min: -1e6, max: 1e6 }).map(String), weight: 2 },
  { arbitrary: fc.double().map(String), weight: 1 },
  { arbitrary: fc.nat({ max: 3 }).chain((n) => fc.constant('x'.repeat([201, 5001, 20_000, 60_000][n]!))), weight: 1 },
);

/** A field is missing, sent once, or sent several times (which the body parser turns into an array). */
export type FieldValue = undefined | string | string[];

export function formValue(plausible: fc.Arbitrary<string> = hostileString): fc.Arbitrary<FieldValue> {
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: plausible, weight: 3 },
    { arbitrary: hostileString, weight: 3 },
    { arbitrary: fc.array(hostileString, { minLength: 2, maxLength: 3 }), weight: 1 },
  );
}

/** A whole form: the named fields, plus sometimes extra fields with prototype-polluting names. */
export function hostileForm(fields: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<[string, string][]> {
  const named = fc.record(
    Object.fromEntries(Object.entries(fields).map(([k, plausible]) => [k, formValue(plausible)])) as Record<
      string,
      fc.Arbitrary<FieldValue>
    >,
  );
  const extra = fc.array(fc.tuple(fc.constantFrom(...NASTY_KEYS), hostileString), { maxLength: 3 });
  return fc
    .tuple(named, extra)
    .map(([values, more]) => [
      ...Object.entries(values).flatMap(([k, v]) =>
        v === undefined ? [] : ([] as string[]).concat(v).map((one) => [k, one] as [string, string]),
      ),
      ...more,
    ]);
}

/** Percent-encodes the UTF-8 bytes, so lone surrogates and NULs travel as a browser would send them. */
function encode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** An application/x-www-form-urlencoded body with a valid CSRF token first. */
export function formBody(csrf: string, pairs: [string, string][]): string {
  return [['_csrf', csrf] as [string, string], ...pairs].map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
}

/** Fixed seed so a failure reproduces; fast-check prints the seed and path of any counterexample anyway. */
export const RUNS = { seed: 20_260_310, endOnFailure: true } as const;

/**
 * A form answered a page or a redirect, never a server error. A redirect stays on our own site,
 * under `within` when given (participant pages never send anyone out of /s).
 */
export function expectPageOrRedirect(res: request.Response, within: RegExp = /^\/(?![/\\])/): void {
  expect(res.status, res.text.slice(0, 300)).to.be.below(500);
  if (res.status >= 300 && res.status < 400) expect(res.headers.location).to.match(within);
  else expect(res.headers['content-type']).to.match(/^text\/html/);
}
