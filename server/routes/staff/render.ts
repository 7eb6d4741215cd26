import type { Request, Response } from 'express';
import type { ParamsDictionary } from 'express-serve-static-core';
import { DomainError } from '../../domain/errors.js';
import type { Project, StaffUser } from '../../domain/records.js';
import type { FieldErrors } from './form.js';

/** Renders a staff page with empty errors and values unless given: every form view expects both. */
export function page(
  res: Response,
  view: string,
  locals: Record<string, unknown> & { title: string },
  status = 200,
): void {
  res.status(status).render(`staff/${view}`, { errors: {} as FieldErrors, values: {}, notice: null, ...locals });
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

/** A one-line confirmation carried across the redirect after a successful post. */
export function noticeFrom(req: Request): string | null {
  const done = req.query.done;
  // Plain words only: a crafted link cannot put arbitrary text on a staff page.
  return typeof done === 'string' && /^[\w .-]{1,80}$/.test(done) ? done : null;
}
