import type { LocalizedText } from './instrument.js';

/** Reasons and exports are in English; an instrument without English falls back to its first language. */
export function englishText(text: LocalizedText): string {
  return text.en ?? Object.values(text)[0] ?? '';
}
