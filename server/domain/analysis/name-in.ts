/**
 * A group's or dimension's name in `language` where the project or instrument gives one, else
 * its display label (English, or the instrument's first language).
 */
export function nameIn(named: { label: string; names?: Readonly<Record<string, string>> }, language: string): string {
  return named.names?.[language] ?? named.label;
}
