import type { Router } from 'express';
import { ruleDefinitions } from '../../domain/statistics/status-definitions.js';
import { requireProjectRole } from '../../http/require-role.js';
import { projectThresholds } from '../../services/analysis-service.js';
import { EXPORT_KINDS } from '../../services/export-service.js';
import type { Services } from '../../services/services.js';
import { page, projectOf, staffOf } from './render.js';

/**
 * CSV downloads for leads and evaluators, by browser or by script with a personal API token
 * (`Authorization: Bearer …`): the same guard decides in both cases.
 */
export function registerExportRoutes(router: Router, services: Services): void {
  const readers = requireProjectRole(services, 'lead', 'evaluator');

  router.get('/projects/:slug/exports', readers, (_req, res) => {
    page(res, 'exports', { title: `Exports – ${projectOf(res).name}`, rules: ruleDefinitions(projectThresholds(projectOf(res))) });
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
