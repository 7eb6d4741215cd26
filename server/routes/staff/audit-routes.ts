import type { Router } from 'express';
import type { Services } from '../../services/services.js';
import { page, projectOf, translatorOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';

const SHOWN = 500;

/** The audit log: all of it for admins, one project's part for its leads. */
export function registerAuditRoutes(router: Router, services: Services): void {
  const names = async () => new Map((await services.users.list()).map((u) => [u.id, u.email]));

  router.get(STAFF_PAGES.audit.path, pageGuard(services, 'audit'), async (_req, res) => {
    const projects = new Map((await services.projects.list()).map((p) => [p.id, p.slug]));
    page(res, 'audit', {
      title: 'audit.title',
      events: await services.audit.list(SHOWN),
      actors: await names(),
      projects,
      shown: SHOWN,
    });
  });

  router.get(STAFF_PAGES.projectAudit.path, pageGuard(services, 'projectAudit'), async (_req, res) => {
    const project = projectOf(res);
    page(res, 'audit', {
      title: translatorOf(res)('audit.projectTitle', { project: project.name }),
      events: await services.audit.listFor(project, SHOWN),
      actors: await names(),
      projects: new Map([[project.id, project.slug]]),
      shown: SHOWN,
    });
  });
}
