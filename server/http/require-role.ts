/**
 * Route guards for staff pages: the one place that says who may open what.
 *
 *   router.get('/projects/:slug/monitoring', requireProjectRole(services, 'lead', 'evaluator'), handler)
 *
 * - `requireStaff()`: anyone signed in (session, or API token on a download route). Anonymous →
 *   UNAUTHENTICATED, which the error handler turns into a redirect to /login on pages and a 401
 *   on download routes and for scripts. An API token anywhere but a download route (marked by
 *   `downloadRoute` from authenticate.ts) → FORBIDDEN: tokens read exports, not pages.
 * - `requireAdmin()`: staff with StaffUser.isAdmin; others → FORBIDDEN (403).
 * - `requireProjectRole(services, ...roles)`: for routes with a `:slug` parameter. Loads the
 *   project into `res.locals.project` and the caller's role into `res.locals.projectRole`;
 *   handlers pass that project on to the services, which never look it up again.
 *   Someone with no role in that project gets PROJECT_NOT_FOUND (404), so a lead of project A
 *   cannot even learn that project B exists; a role not in `roles` gets FORBIDDEN (403).
 *   Admins manage users and projects, so they pass every project guard, as role "admin".
 *
 * - `requireAccess(services, access)`: whichever of the three an Access names. The staff pages
 *   of the navigation each have one (server/routes/staff/staff-pages.ts), and the navigation
 *   shows a page to whom `admits` lets in, the test the guards themselves make.
 *
 * Every guard needs `authenticate(services)` to have run first (createApp mounts it once, before
 * the staff and evaluator routes). Guards throw DomainErrors; they never write a response themselves.
 */
import type { RequestHandler, Response } from 'express';
import { DomainError } from '../domain/errors.js';
import type { Project, ProjectRoleName, StaffUser } from '../domain/records.js';
import type { Services } from '../services/services.js';

declare module 'express-serve-static-core' {
  interface Locals {
    project?: Project;
    projectRole?: ProjectRoleName | 'admin';
  }
}

/** Who may open a page: anyone signed in, administrators, or these roles in its project. */
export type Access = 'staff' | 'admin' | readonly ProjectRoleName[];

/**
 * Whether access lets in a signed-in user holding `projectRole` in the page's project ('admin'
 * for administrators, who pass every project guard). The guards below decide by this alone.
 */
export function admits(access: Access, staff: StaffUser, projectRole?: ProjectRoleName | 'admin'): boolean {
  if (access === 'staff') return true;
  if (access === 'admin') return staff.isAdmin;
  return projectRole !== undefined && (projectRole === 'admin' || access.includes(projectRole));
}

function signedIn({ locals }: Response): StaffUser {
  if (!locals.staff) throw new DomainError('UNAUTHENTICATED', 'please sign in');
  if (locals.viaApiToken && !locals.downloadRoute)
    throw new DomainError('FORBIDDEN', 'API tokens can only download exports');
  return locals.staff;
}

export function requireStaff(): RequestHandler {
  return (_req, res, next) => {
    signedIn(res);
    next();
  };
}

export function requireAdmin(): RequestHandler {
  return (_req, res, next) => {
    if (!admits('admin', signedIn(res))) throw new DomainError('FORBIDDEN', 'only an administrator can do this');
    next();
  };
}

export function requireProjectRole(services: Services, ...roles: ProjectRoleName[]): RequestHandler {
  return async (req, res, next) => {
    const staff = signedIn(res);
    const slug = String(req.params.slug ?? '');
    const project = await services.projects.findBySlug(slug);
    const role = staff.isAdmin ? 'admin' : project && (await services.projects.roleOf(staff.id, project));
    if (!project || !role) throw new DomainError('PROJECT_NOT_FOUND', `no project "${slug}"`);
    if (!admits(roles, staff, role))
      throw new DomainError('FORBIDDEN', 'your role in this project does not allow this');
    res.locals.project = project;
    res.locals.projectRole = role;
    next();
  };
}

export function requireAccess(services: Services, access: Access): RequestHandler {
  if (access === 'staff') return requireStaff();
  if (access === 'admin') return requireAdmin();
  return requireProjectRole(services, ...access);
}
