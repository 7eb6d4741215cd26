import type { Router } from 'express';
import { requireProjectRole } from '../../http/require-role.js';
import type { Services } from '../../services/services.js';
import { page, projectOf } from './render.js';

/** Response progress per wave and group, and who has not answered yet. */
export function registerMonitoringRoutes(router: Router, services: Services): void {
  router.get('/projects/:slug/monitoring', requireProjectRole(services, 'lead', 'evaluator'), async (_req, res) => {
    const project = projectOf(res);
    page(res, 'monitoring', { title: `Monitoring – ${project.name}`, waves: await services.monitoring.progress(project) });
  });
}
