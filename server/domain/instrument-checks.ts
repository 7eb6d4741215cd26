import type { FieldProblem } from './errors.js';

// What every check of an instrument file is made of: the file as read, the problems found so
// far, and the checks its parts share. instrument.ts checks the file, and each item type
// (item-types/) checks what its items add.

export type Json = unknown;
export type JsonObject = Record<string, Json>;

// Ids become CSV column names and URL parts, so keep them plain.
const ID_PATTERN = /^[a-z][a-z0-9_-]*$/;

export function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class Collector {
  readonly problems: FieldProblem[] = [];
  add(where: string, message: string): void {
    this.problems.push({ where, message });
  }
}

export function checkId(value: Json, path: string, c: Collector): value is string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    c.add(path, 'must be an id: lower-case letters, digits, "_" or "-", starting with a letter');
    return false;
  }
  return true;
}

export function checkText(value: Json, path: string, languages: string[], c: Collector): void {
  if (!isObject(value)) {
    c.add(path, `must be an object with a text for each language (${languages.join(', ')})`);
    return;
  }
  for (const lang of languages) {
    const text = value[lang];
    if (typeof text !== 'string' || text.trim() === '') c.add(`${path}.${lang}`, 'is missing or empty');
  }
}
