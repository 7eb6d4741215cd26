import type { Response } from 'express';
import type { z } from 'zod';
import { DomainError, ERROR_CODES, isDomainError, wasRolledBack, type FieldProblem } from '../../domain/errors.js';
import { problemWording } from './edge-translator.js';
import { messageRef, type StaffKey } from '../../i18n/staff-messages.js';

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

function errorsOf(error: DomainError, wording: (problem: FieldProblem) => string): FieldErrors {
  const errors: FieldErrors = {};
  const isLine = (where: string) => /^line \d+$/.test(where);
  for (const p of error.problems) if (!isLine(p.where)) errors[p.where] ??= wording(p);
  // Import problems are listed one per line of the file, in file order, the first ones only.
  const lines = error.problems.filter((p) => isLine(p.where));
  const listed = lines.slice(0, LISTED_LINE_PROBLEMS).map((p) => `${p.where}: ${wording(p)}`);
  const more = lines.length - listed.length;
  if (more > 0) listed.push(messageRef('common.moreProblems', { count: more }));
  if (listed.length > 0) errors._lines = listed.join('\n');
  if (error.problems.length === 0) errors._form = error.message;
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
    if (isFixable(error))
      return render(ERROR_CODES[error.code], errorsOf(error, problemWording(res.req)), keptValues(body));
    if (!wasRolledBack(error) || isDomainError(error)) throw error;
    // The page says only that it was not saved; the operator needs the cause.
    (res.locals.log ?? console.error)(
      `${res.req.method} ${res.req.originalUrl}: not saved: ${(error as Error)?.stack ?? String(error)}`,
    );
    res.setHeader('X-Error-Code', 'NOT_SAVED');
    return render(503, { _form: NOT_SAVED_MESSAGE }, keptValues(body));
  }
}
