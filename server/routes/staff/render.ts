import type { Request, Response } from 'express';
import type { ParamsDictionary } from 'express-serve-static-core';
import { DomainError } from '../../domain/errors.js';
import type { Project, StaffUser } from '../../domain/records.js';
import { messageText, staffMessages, type StaffTranslate } from '../../i18n/staff-messages.js';
import type { FieldErrors } from './form.js';

/** The page's translator, which the staff locale middleware has set. */
export function translatorOf(res: Response): StaffTranslate {
  return (res.locals.t as StaffTranslate | undefined) ?? staffMessages.translator('en');
}

/**
 * Renders a staff page with empty errors and values unless given: every form view expects both.
 * A title or a form message given as a catalogue key (or messageRef) is put in the page's language.
 */
export function page(
  res: Response,
  view: string,
  locals: Record<string, unknown> & { title: string; errors?: FieldErrors },
  status = 200,
): void {
  const t = translatorOf(res);
  const errors: FieldErrors = {};
  // An import's problems come one per line, each its own message.
  for (const [field, message] of Object.entries(locals.errors ?? {}))
    errors[field] = message
      .split('\n')
      .map((line) => messageText(t, line))
      .join('\n');
  res.status(status).render(`staff/${view}`, {
    values: {},
    notice: null,
    ...locals,
    title: messageText(t, locals.title),
    errors,
  });
}

/** The signed-in user; the guards have made sure there is one. */
export function staffOf(res: Response): StaffUser {
  if (!res.locals.staff) throw new DomainError('UNAUTHENTICATED', 'please sign in');
  return res.locals.staff;
}

/** The caller's role in the project, which the guard has loaded. */
export function roleIn(res: Response): NonNullable<Response['locals']['projectRole']> {
  const role = res.locals.projectRole;
  if (!role) throw new DomainError('FORBIDDEN', 'no role in this project');
  return role;
}

/** The project the guard loaded for a /projects/:slug/… route. */
export function projectOf(res: Response): Project {
  if (!res.locals.project) throw new DomainError('PROJECT_NOT_FOUND', 'no project');
  return res.locals.project;
}

/** A route parameter as a string: Express 5 types allow arrays for wildcards. */
export function param(req: Request<ParamsDictionary>, name: string): string {
  return String(req.params[name] ?? '');
}

/** Only same-site paths: "/projects/x", never "//evil.example" or "https://…". */
export function safeNext(next: unknown): string | null {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : null;
}

/**
 * A confirmation carried across the redirect after a successful post, as a sentence naming what
 * was done: `sentences` maps what the redirect's `done` may say to the sentence for it, with
 * the parts it captured ("added CG-014" → "Participant CG-014 added."). Anything else shows nothing.
 */
export function doneSentence(
  req: Request,
  res: Response,
  sentences: readonly (readonly [RegExp, (t: StaffTranslate, ...parts: string[]) => string])[],
): { sentence: string } | null {
  const done = noticeFrom(req);
  if (done === null) return null;
  for (const [pattern, sentence] of sentences) {
    const match = pattern.exec(done);
    if (match) return { sentence: sentence(translatorOf(res), ...match.slice(1)) };
  }
  return null;
}

/** A one-line confirmation carried across the redirect after a successful post. */
export function noticeFrom(req: Request): string | null {
  const done = req.query.done;
  // Plain words only: a crafted link cannot put arbitrary text on a staff page.
  return typeof done === 'string' && /^[\w .-]{1,80}$/.test(done) ? done : null;
}
