/**
 * What a syntax file needs to load a CSV export with labels, in one language: the data file,
 * each of its columns with its label, and the labels of coded values. It names no domain type,
 * so each format (labels-spss.ts, labels-stata.ts, labels-r.ts) only writes syntax.
 */
export interface LabelsModel {
  /** The CSV the syntax loads, from the working directory. */
  dataFile: string;
  project: string;
  language: string;
  /** Every column of the CSV, in file order. */
  variables: LabelledVariable[];
  /** Named sets of coded values, shared by the items on the same scale. */
  valueSets: ValueSet[];
}

export type LabelledVariable = { name: string; label: string } &
  /** `long` for answers in the participant's own words (thousands of characters). */
  (
    | { kind: 'string'; long?: boolean }
    | { kind: 'date-time' }
    /** A text code with a label per known code (group, source); the levels in this order. */
    | { kind: 'category'; levels: readonly { code: string; label: string }[] }
    /** A whole number with a label per value (wave_index). */
    | { kind: 'index'; levels: readonly { value: number; label: string }[] }
    /** A coded answer: a value of `valueSet`, NA for "does not apply", empty when not answered. */
    | { kind: 'coded'; valueSet: string }
  );

export interface ValueSet {
  name: string;
  values: readonly { value: number; label: string }[];
  /** The label of NA, when the items offer "does not apply". */
  notApplicable?: string;
}

/** A variable name every one of SPSS, Stata and R accepts: letters, digits and `_`, at most 32 characters. */
export function syntaxName(column: string): string {
  const name = column.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 32);
  return /^[A-Za-z]/.test(name) ? name : `v_${name}`.slice(0, 32);
}

/** The longest start of `text` that fits in `bytes` bytes of UTF-8, whole characters only. */
export function fitUtf8(text: string, bytes: number): string {
  let used = 0;
  let end = 0;
  for (const character of text) {
    used += Buffer.byteLength(character);
    if (used > bytes) break;
    end += character.length;
  }
  return text.slice(0, end);
}

/** A code for NA that no scale uses as a value: -9, or lower when a scale reaches it. */
export function notApplicableCode(model: LabelsModel): number {
  const lowest = Math.min(0, ...model.valueSets.flatMap((set) => set.values.map(({ value }) => value)));
  return Math.min(-9, lowest - 1);
}
