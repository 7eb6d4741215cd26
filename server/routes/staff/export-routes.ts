import type { Router } from 'express';
import { ruleDefinitions } from '../../domain/statistics/status-definitions.js';
import { projectThresholds } from '../../services/analysis-service.js';
import { EXPORT_KINDS } from '../../services/export-service.js';
import type { Services } from '../../services/services.js';
import { page, projectOf, staffOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';

/**
 * CSV downloads for leads and evaluators, by browser or by script with a personal API token
 * (`Authorization: Bearer …`): the same guard decides in both cases.
 */
export function registerExportRoutes(router: Router, services: Services): void {
  // The downloads are the exports page's: whoever may open it may take them.
  const readers = pageGuard(services, 'exports');

  router.get(STAFF_PAGES.exports.path, readers, (_req, res) => {
    page(res, 'exports', {
      title: `Exports – ${projectOf(res).name}`,
      rules: ruleDefinitions(projectThresholds(projectOf(res))),
    });
  });

  for (const kind of EXPORT_KINDS) {
    router.get(`/projects/:slug/exports/${kind}.csv`, readers, async (_req, res) => {
      const project = projectOf(res);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${project.slug}-${kind}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      await services.exports.write(kind, project, res, staffOf(res).id);
    });
  }
}
