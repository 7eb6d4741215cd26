/**
 * Every failure the core can name. The HTTP error handler and the CLI map these codes to a
 * status, a page or an exit line; tests assert codes, never wording.
 */
export const ERROR_CODES = {
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  /** The account was disabled by an administrator: it cannot sign in, and its tokens are refused. */
  ACCOUNT_DISABLED: 403,
  RATE_LIMITED: 429,
  PROJECT_NOT_FOUND: 404,
  PARTICIPANT_NOT_FOUND: 404,
  WAVE_NOT_FOUND: 404,
  INSTRUMENT_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  PARTICIPANT_WITHDRAWN: 410,
  DUPLICATE: 409,
  WAVE_OVERLAP: 409,
  ALREADY_SUBMITTED: 409,
  WAVE_CLOSED: 409,
  RESPONSE_NOT_SUBMITTED: 409,
  /** Double data entry: the account that keyed a form's first entry tried to key its second. */
  SAME_KEYING_ACCOUNT: 409,
  /** Double data entry: the form has been keyed twice already; it is reconciled, not keyed again. */
  ALREADY_KEYED_TWICE: 409,
  /** Double data entry: there is nothing (or no longer anything) to reconcile for this form. */
  NOT_AWAITING_RECONCILIATION: 409,
  /** Double data entry: a data-entry account that keyed one of the entries may not reconcile them. */
  RECONCILER_KEYED_ENTRY: 403,
  INSTRUMENT_CHANGED: 409,
  /** "You said, we did": there is no published summary of this wave to unpublish. */
  NOT_PUBLISHED: 409,
  /** "You said, we did": a text holds a number while a group of the wave is too small to report (ADR 0105). */
  SUMMARY_HAS_NUMBERS: 400,
  VALIDATION: 400,
  IMPORT_REJECTED: 400,
  INSTRUMENT_INVALID: 400,
  CONFIG_INVALID: 500,
  STORE_UNAVAILABLE: 503,
} as const;

type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldProblem {
  /** Where the problem is: a form field, a JSON path, or `line N` of a CSV file. */
  where: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly problems: FieldProblem[];

  constructor(code: ErrorCode, message: string, problems: FieldProblem[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.problems = problems;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Errors that left a transaction rolled back: what they interrupted was certainly not kept. */
const rolledBack = new WeakSet<object>();

/**
 * Marks an error that a store's transaction was rolled back for, so a page can say plainly that
 * nothing of that change was saved (ADR 0069). Only a transaction that is known to have been
 * undone marks its error; anything else may or may not have been kept.
 */
export function markRolledBack(error: unknown): void {
  if (typeof error === 'object' && error !== null) rolledBack.add(error);
}

export function wasRolledBack(error: unknown): boolean {
  return typeof error === 'object' && error !== null && rolledBack.has(error);
}
