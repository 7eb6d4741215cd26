/**
 * Short access codes for people who type rather than click: no 0/O, 1/I/L or 5/S look-alikes,
 * shown in two groups of four (K7M2-9QXP).
 */
export const ACCESS_CODE_ALPHABET = '2346789ABCDEFGHJKMNPQRTUVWXYZ';
export const ACCESS_CODE_LENGTH = 8;

export function formatAccessCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Accepts what people type: lower case, spaces and dashes. */
export function normaliseAccessCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isWellFormedAccessCode(code: string): boolean {
  return code.length === ACCESS_CODE_LENGTH && [...code].every((c) => ACCESS_CODE_ALPHABET.includes(c));
}
