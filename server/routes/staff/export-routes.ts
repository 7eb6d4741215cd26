import type { Router } from 'express';
import { staffMessages } from '../../i18n/staff-messages.js';
import { DomainError } from '../../domain/errors.js';
import { ruleDefinitions } from '../../domain/statistics/status-definitions.js';
import { projectThresholds } from '../../services/analysis-service.js';
import { downloadRoute } from '../../http/authenticate.js';
import { EXPORT_FORMATS, EXPORT_KINDS, type ExportFormat } from '../../services/export-service.js';
import { labelLanguages, SYNTAX_FILES, type SyntaxFile } from '../../services/labels-exports.js';
import type { Services } from '../../services/services.js';
import { negotiateLocale } from '../../i18n/catalogue.js';
import { page, projectOf, staffOf, translatorOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * CSV and .xlsx downloads for leads and evaluators, by browser or by script with a personal API token
 * (`Authorization: Bearer …`): the same guard decides in both cases.
 */
export function registerExportRoutes(router: Router, services: Services): void {
  // The downloads are the exports page's: whoever may open it may take them.
  const readers = pageGuard(services, 'exports');

  router.get(STAFF_PAGES.exports.path, readers, async (req, res) => {
    const project = projectOf(res);
    const instruments = [...(await services.projects.instrumentsInUse(project)).values()];
    const locale = res.locals.locale ?? negotiateLocale(req.get('accept-language'));
    page(res, 'exports', {
      title: translatorOf(res)('exports.title', { project: project.name }),
      rules: ruleDefinitions(projectThresholds(project)),
      languages: labelLanguages(instruments),
      actionsExport: { locale, t: staffMessages.translator(locale) },
    });
  });

  for (const file of Object.keys(SYNTAX_FILES) as SyntaxFile[]) {
    router.get(`/projects/:slug/exports/${file}`, downloadRoute, readers, async (req, res) => {
      const project = projectOf(res);
      const lang = typeof req.query.lang === 'string' ? req.query.lang : undefined;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${project.slug}-${file}"`);
      res.setHeader('Cache-Control', 'no-store');
      await services.exports.writeSyntax(file, project, res, staffOf(res).id, lang);
    });
  }

  for (const kind of EXPORT_KINDS) {
    for (const format of EXPORT_FORMATS) {
      router.get(`/projects/:slug/exports/${kind}.${format}`, downloadRoute, readers, async (_req, res) => {
        const project = projectOf(res);
        res.setHeader('Content-Type', CONTENT_TYPES[format]);
        res.setHeader('Content-Disposition', `attachment; filename="${project.slug}-${kind}.${format}"`);
        res.setHeader('Cache-Control', 'no-store');
        // A spreadsheet opening a CSV from the browser needs the byte-order mark to read it as
        // UTF-8; a script with a token gets the file plain, as from the CLI (R's read.csv would
        // otherwise put the mark in the first column's name).
        const bom = format === 'csv' && res.locals.viaApiToken !== true;
        await services.exports.write(kind, project, res, staffOf(res).id, { format, bom });
      });
    }
  }

  // Any other file under exports/ is a download that does not exist: a script is answered like
  // on a real one (401 without a token, plain text), not with the HTML "not found" page.
  router.get('/projects/:slug/exports/*file', downloadRoute, readers, () => {
    throw new DomainError('NOT_FOUND', 'no such export');
  });
}
