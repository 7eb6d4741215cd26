import type { Response } from 'express';
import type { z } from 'zod';
import { DomainError, ERROR_CODES, isDomainError, wasRolledBack, type FieldProblem } from '../../domain/errors.js';
import { isLocale, type Locale } from '../../i18n/catalogue.js';
import { problemWording } from './edge-translator.js';
import { isStaffKey, messageRef, messageText, staffMessages, type StaffKey } from '../../i18n/staff-messages.js';

declare module 'express-serve-static-core' {
  interface Locals {
    /** The app's log, for faults a staff page recovers from (set by staffRoutes). */
    log?: (message: string) => void;
  }
}

/** Field name → message shown beside that field; `_form` for the whole form. */
export type FieldErrors = Record<string, string>;

type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Checks a posted form against a zod schema; the first message per field is kept. */
function readForm<T>(schema: z.ZodType<T>, body: unknown): FormResult<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** What was typed, as strings, to put back in the form. Passwords are never echoed. */
function keptValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (key === '_csrf' || /password|current/i.test(key)) continue;
    if (typeof value === 'string') values[key] = value;
  }
  return values;
}

/** A DomainError the person can fix by changing the form (bad or clashing input), not a fault. */
function isFixable(error: unknown): error is DomainError {
  if (!(error instanceof DomainError)) return false;
  const status = ERROR_CODES[error.code];
  return error.code === 'LOGIN_FAILED' || error.code === 'ACCOUNT_DISABLED' || status === 400 || status === 409;
}

/** Line problems a page lists: enough to mend a file by, and a page that stays small when a whole file is wrong. */
export const LISTED_LINE_PROBLEMS = 100;

/** The catalogue's words for a refusal by its code alone; undefined for a code it has no words for. */
export function refusalKey(code: string): StaffKey | undefined {
  const key = `refusal.${code}`;
  return isStaffKey(key) ? key : undefined;
}

/** The catalogue's words for a refusal of one field, where it has words that precise. */
function fieldRefusalKey(code: string, where: string): StaffKey | undefined {
  const key = `refusal.${code}.${where}`;
  return isStaffKey(key) ? key : undefined;
}

/** A problem's message that is one lower-case word is a rule's name, which its page words (ADR 0104). */
const isRuleName = (message: string) => /^[a-z][a-z-]*$/.test(message);

/**
 * A field's problem in the reader's language (ADR 0112): the message its `text` names (staff
 * catalogue or imports part), the staff message its message already is, the catalogue's words
 * for its code and field. Else the catalogue's words for its code; but an English reader is
 * shown the service's English, which says more (the value typed, the rule broken) than one
 * message per code can. The service's English is the fallback for a code with no words.
 */
function problemText(
  error: DomainError,
  problem: FieldProblem,
  imports: (problem: FieldProblem) => string,
  say: (text: string) => string,
  locale: Locale,
): string {
  // A problem's own values (what was typed, a limit) are shown as they are, not as locale numbers.
  if (problem.text || isRuleName(problem.message)) return imports(problem);
  if (isStaffKey(problem.message.split('?')[0]!)) return say(problem.message);
  const precise = fieldRefusalKey(error.code, problem.where);
  if (precise) return say(precise);
  const byCode = locale === 'en' ? undefined : refusalKey(error.code);
  return byCode ? say(byCode) : problem.message;
}

function errorsOf(error: DomainError, res: Response): FieldErrors {
  const locale: Locale = isLocale(res.locals.locale) ? res.locals.locale : 'en';
  const t = staffMessages.translator(locale);
  const say = (text: string) => messageText(t, text);
  const imports = problemWording(res.req);
  const errors: FieldErrors = {};
  const isLine = (where: string) => /^line \d+$/.test(where);
  for (const p of error.problems) if (!isLine(p.where)) errors[p.where] ??= problemText(error, p, imports, say, locale);
  // Import problems are listed one per line of the file, in file order, the first ones only. Each
  // says what is wrong on its line, which one word for the code would not: the imports part's
  // words where it has them, else the service's.
  const lines = error.problems.filter((p) => isLine(p.where));
  const lineOf = (p: FieldProblem) => t('refusal.line', { line: p.where.slice('line '.length) });
  const listed = lines.slice(0, LISTED_LINE_PROBLEMS).map((p) => `${lineOf(p)}: ${imports(p)}`);
  const more = lines.length - listed.length;
  if (more > 0) listed.push(messageRef('common.moreProblems', { count: more }));
  if (listed.length > 0) errors._lines = listed.join('\n');
  if (error.problems.length === 0) {
    const key = refusalKey(error.code);
    errors._form = key ? say(key) : error.message;
  }
  return errors;
}

/** Said above a form whose change a fault undid (ADR 0069): plainly, nothing of it was kept. */
export const NOT_SAVED_MESSAGE: StaffKey = 'common.notSaved';

/**
 * The shape of every staff form post: validate with zod, run the action, and on a fixable
 * problem render the same page again with the messages beside the fields and the values kept.
 * A fault that rolled the change back (a full disk) renders the page again too, with what was
 * typed and NOT_SAVED_MESSAGE (503). Anything else goes on to the one error handler, whose page
 * says that the change may not have been saved.
 */
export async function handleForm<T>(
  res: Response,
  schema: z.ZodType<T>,
  body: unknown,
  render: (status: number, errors: FieldErrors, values: Record<string, string>) => Promise<void> | void,
  action: (data: T) => Promise<void>,
): Promise<void> {
  const form = readForm(schema, body);
  if (!form.ok) return render(400, form.errors, keptValues(body));
  try {
    await action(form.data);
  } catch (error) {
    if (res.headersSent) throw error;
    if (isFixable(error)) return render(ERROR_CODES[error.code], errorsOf(error, res), keptValues(body));
    if (!wasRolledBack(error) || isDomainError(error)) throw error;
    // The page says only that it was not saved; the operator needs the cause.
    (res.locals.log ?? console.error)(
      `${res.req.method} ${res.req.originalUrl}: not saved: ${(error as Error)?.stack ?? String(error)}`,
    );
    res.setHeader('X-Error-Code', 'NOT_SAVED');
    return render(503, { _form: NOT_SAVED_MESSAGE }, keptValues(body));
  }
}
