/**
 * Characters that are not text (ADR 0078): the C0 controls (NUL, BEL, ESC …), DEL, the C1
 * controls, and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069), which reorder how the text around them is shown (the "Trojan Source" trick).
 * The bidi marks (LRM, RLM, ALM) only guide neutral characters and stay: right-to-left text
 * needs them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The same but for tab and newline, which multi-line text keeps. */
// eslint-disable-next-line no-control-regex -- as above
const NOT_TEXT_BUT_LINES = /(?![\t\n])[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Whether a name or label holds a character that is not text, tab and newline included: such names are refused. */
export function hasControlCharacter(text: string): boolean {
  return NOT_TEXT.test(text);
}

/** What a refused name or label is told, naming no character that could not be shown. */
export const CONTROL_CHARACTER_MESSAGE =
  'must not contain control characters (such as tab, line break or escape) or bidirectional overrides';

/**
 * Multi-line text as kept or shown: line ends made `\n` (a browser sends CRLF), tab and newline
 * kept, every other character that is not text dropped. For written answers as they are saved,
 * and for every CSV cell and terminal line, so nothing there can ring, move the cursor, recolour
 * or reorder what is shown.
 */
export function stripControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(NOT_TEXT_BUT_LINES, '');
}
