import type { Router } from 'express';
import { requireAdmin, requireProjectRole } from '../../http/require-role.js';
import type { Services } from '../../services/services.js';
import { page, projectOf } from './render.js';

const SHOWN = 500;

/** The audit log: all of it for admins, one project's part for its leads. */
export function registerAuditRoutes(router: Router, services: Services): void {
  const names = async () => new Map((await services.users.list()).map((u) => [u.id, u.email]));

  router.get('/audit', requireAdmin(), async (_req, res) => {
    const projects = new Map((await services.projects.list()).map((p) => [p.id, p.slug]));
    page(res, 'audit', { title: 'Audit log', events: await services.audit.list(SHOWN), actors: await names(), projects, shown: SHOWN });
  });

  router.get('/projects/:slug/audit', requireProjectRole(services, 'lead'), async (_req, res) => {
    const project = projectOf(res);
    page(res, 'audit', {
      title: `Audit log – ${project.name}`, events: await services.audit.listFor(project, SHOWN),
      actors: await names(), projects: new Map([[project.id, project.slug]]), shown: SHOWN,
    });
  });
}
