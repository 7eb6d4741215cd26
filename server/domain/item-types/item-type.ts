import type { AnswerValue, ParsedAnswer } from '../answers.js';
import type { Instrument, LocalizedText } from '../instrument.js';
import type { Collector, JsonObject } from '../instrument-checks.js';
import type { ScoredItem } from './scored-item.js';

/** What every item has, whatever its type. */
export interface ItemBase {
  id: string;
  type: string;
  text: LocalizedText;
  groups?: string[];
}

/** What an item's check may look up in the rest of the instrument file. */
interface ItemContext {
  languages: string[];
  scales: Record<string, unknown>;
  dimensions: Set<string>;
}

/** The key data-entry staff type by: what each printed box value means. */
export interface PaperEntryKey {
  /** Each box's value and label, as "1 = Strongly disagree, 2 = …". */
  values: string;
  /** The label of the "does not apply" box. */
  notApplicable: string;
}

/** The labels of an item's coded answers in one language. */
export interface ValueLabels {
  /** What items answered on the same labels share (a scale's id). */
  set: string;
  values: { value: number; label: string }[];
  /** The label of NA, when the item offers "does not apply". */
  notApplicable?: string;
}

/** An item's codebook columns that depend on its type, and what its answers mean. */
interface CodebookFields {
  dimension?: string;
  scale?: string;
  scale_min?: number;
  scale_max?: number;
  /** "true" or "false". */
  reverse?: string;
  meaning: string;
}

/**
 * Everything the app does differently for one type of question, in one object: one module per
 * type in this folder, listed in registry.ts. Its web question is views/participant/items/<name>.ejs
 * and its printed one views/staff/paper/items/<name>.ejs, found by name. Nothing outside asks
 * which type an item is (docs/decisions/0011-one-registry-per-extension-point.md).
 */
export interface ItemType<I extends ItemBase> {
  /** The `type` an instrument file gives the item, and the name of its views. */
  readonly name: I['type'];
  /**
   * Checks what this type adds to an item of an instrument file; id, text and groups are
   * checked for every item. Returns the dimension the item names, if it names one.
   */
  check(json: JsonObject, path: string, context: ItemContext, c: Collector): string | undefined;
  /** What scoring depends on besides id, type and groups: a file that changes it needs a new version. */
  fingerprint(item: I): unknown[];
  /** Reads one answer from a form or a CSV cell: `text` is trimmed and not empty, `raw` is as typed. */
  parse(instrument: Instrument, item: I, text: string, raw: string): ParsedAnswer;
  /**
   * Whether the item's answers count toward its dimension's score. docs/methods.md scores a
   * dimension from points on a scale, reverse-coded where the item says so, and the analysis
   * relies on that: so only a type whose items are ScoredItems can score, and it must.
   */
  readonly scored: I extends ScoredItem ? true : false;
  /** An answer as the participant reads it back before sending, and on the receipt. */
  answerText(instrument: Instrument, item: I, value: AnswerValue, lang: string): string;
  /** The id of the control in the web question that an error message or a "Change" link leads to. */
  fieldId(instrument: Instrument, item: I): string;
  /** How data-entry staff key a returned paper questionnaire in. */
  readonly paperEntry: {
    /** 'box-value': the small value printed beside the ticked box; 'written': what was written, copied out. */
    readonly control: 'box-value' | 'written';
    /** For a 'box-value' control: what the printed values mean, shown above the form. */
    key?(instrument: Instrument, item: I, lang: string): PaperEntryKey;
    /** For a 'box-value' control: the values a box takes, so keying can move on once one is complete. */
    values?(instrument: Instrument, item: I): { min: number; max: number; notApplicable: boolean };
  };
  /**
   * What the item's coded answers mean, for the syntax files that label the exports (labels.sps,
   * labels.do, labels.R), in `lang`. A type without it is free text: its answers go to
   * open-answers.csv for qualitative coding.
   */
  valueLabels?(instrument: Instrument, item: I, lang: string): ValueLabels;
  /** The item's row of the codebook, beside the columns every item has. */
  codebook(instrument: Instrument, item: I): CodebookFields;
}
