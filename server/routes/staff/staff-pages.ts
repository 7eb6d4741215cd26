import type { RequestHandler } from 'express';
import { admits, requireAccess, type Access } from '../../http/require-role.js';
import type { Project, ProjectRoleName, StaffUser } from '../../domain/records.js';
import type { Services } from '../../services/services.js';
import type { StaffKey } from '../../i18n/staff-messages.js';

interface StaffPage {
  /** The route; a project's pages have `:slug`. */
  path: string;
  /** Its link in the navigation, as a key of the staff catalogue. */
  label: StaffKey;
  access: Access;
}

/**
 * The staff pages the navigation links to, in its order: the site's, then a project's. Each
 * page's route takes its guard from here (pageGuard), and the navigation shows a page to exactly
 * those its guard lets in, so a new page is added here once and appears wherever it may.
 */
export const STAFF_PAGES = {
  projects: { path: '/projects', label: 'nav.projects', access: 'staff' },
  users: { path: '/users', label: 'nav.users', access: 'admin' },
  audit: { path: '/audit', label: 'nav.audit', access: 'admin' },
  account: { path: '/account', label: 'nav.account', access: 'staff' },
  project: { path: '/projects/:slug', label: 'nav.project', access: ['lead', 'evaluator', 'data-entry'] },
  participants: { path: '/projects/:slug/participants', label: 'nav.participants', access: ['lead'] },
  paper: { path: '/projects/:slug/paper', label: 'nav.paper', access: ['lead', 'data-entry'] },
  waves: { path: '/projects/:slug/waves', label: 'nav.waves', access: ['lead', 'evaluator'] },
  monitoring: { path: '/projects/:slug/monitoring', label: 'nav.monitoring', access: ['lead', 'evaluator'] },
  dashboard: { path: '/projects/:slug/dashboard', label: 'nav.dashboard', access: ['lead', 'evaluator'] },
  exports: { path: '/projects/:slug/exports', label: 'nav.exports', access: ['lead', 'evaluator'] },
  contacts: { path: '/projects/:slug/contacts', label: 'nav.contacts', access: ['lead'] },
  settings: { path: '/projects/:slug/settings', label: 'nav.settings', access: ['lead'] },
  consent: { path: '/projects/:slug/consent', label: 'nav.consent', access: ['lead'] },
  projectAudit: { path: '/projects/:slug/audit', label: 'nav.projectAudit', access: ['lead'] },
} as const satisfies Record<string, StaffPage>;

type StaffPageName = keyof typeof STAFF_PAGES;

/** The guard of a page of the navigation, for its route and for those that act on the same page. */
export function pageGuard(services: Services, name: StaffPageName): RequestHandler {
  return requireAccess(services, STAFF_PAGES[name].access);
}

interface NavigationLink {
  href: string;
  label: StaffKey;
}

const pages: readonly StaffPage[] = Object.values(STAFF_PAGES);
const isProjectPage = (page: StaffPage) => page.path.includes(':slug');

/** What the staff page head links to; views cannot import, so staff routes give it as the `navigation` local. */
export const staffNavigation = {
  /** The site's pages this user may open. */
  site(staff: StaffUser): NavigationLink[] {
    return pages
      .filter((page) => !isProjectPage(page) && admits(page.access, staff))
      .map(({ path, label }) => ({ href: path, label }));
  },
  /** The pages of this project that this user, holding projectRole in it, may open. */
  project(staff: StaffUser, project: Project, projectRole: ProjectRoleName | 'admin'): NavigationLink[] {
    return pages
      .filter((page) => isProjectPage(page) && admits(page.access, staff, projectRole))
      .map(({ path, label }) => ({ href: path.replace(':slug', project.slug), label }));
  },
};
