import { Router } from 'express';
import { DomainError } from '../../domain/errors.js';
import { requireProjectRole } from '../../http/require-role.js';
import { dimensionScales } from '../../domain/scoring.js';
import { ruleDefinitions } from '../../domain/statistics/status-definitions.js';
import { codebookColumns, codebookRows } from '../../services/analysis-exports.js';
import { projectThresholds } from '../../services/analysis-service.js';
import type { Project } from '../../domain/records.js';
import type { Services } from '../../services/services.js';
import { projectOf } from '../staff/render.js';
import { pageGuard, STAFF_PAGES } from '../staff/staff-pages.js';
import { registerActionRoutes } from './action-routes.js';
import { dashboardActions, reportActions } from './actions-sections.js';
import { shownDay } from '../staff/staff-time.js';
import { dashboardModel } from './dashboard-model.js';
import { trendChartSvg } from './report-charts.js';

/** JSON for a `<script type="application/json">` block: nothing in it can close the element. */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * The evaluators' route table: the dashboard, the shareable report and the codebook, for leads and
 * evaluators of the project, and the actions agreed on what they show (action-routes.ts). The dashboard's charts are drawn by a script file from a JSON block;
 * the report's are inline SVG drawn here, so it prints as shown and ships no script. Every chart
 * has a table with the same numbers, so nothing depends on JavaScript.
 */
export function evaluatorRoutes(services: Services): Router {
  const router = Router();
  const readers = requireProjectRole(services, 'lead', 'evaluator');

  const load = async (project: Project) => {
    const loaded = await services.analyses.analyse(project);
    const instrument = await services.projects.instrumentFor(
      project,
      loaded.waves.at(-1)?.instrumentVersion ?? project.instrumentVersion,
    );
    const schedule = { waves: loaded.waves, today: services.clock.today(project) };
    return {
      loaded,
      model: (wave?: number) => dashboardModel(loaded.analysis, dimensionScales(instrument), schedule, wave),
    };
  };

  /**
   * The wave a report covers, from `?wave=` (its number): only a closed wave with results can
   * be picked, anything else is a wave that cannot be found. Without it, the model's default.
   */
  const reportWave = (asked: unknown, withResults: readonly { index: number }[]): number | undefined => {
    if (asked === undefined) return undefined;
    const index = typeof asked === 'string' && /^[1-9][0-9]{0,3}$/.test(asked) ? Number(asked) : NaN;
    if (!withResults.some((w) => w.index === index))
      throw new DomainError('WAVE_NOT_FOUND', 'no wave with results has that number');
    return index;
  };

  router.get(STAFF_PAGES.dashboard.path, pageGuard(services, 'dashboard'), async (req, res) => {
    const project = projectOf(res);
    const { loaded, model } = await load(project);
    const dashboard = model();
    // The areas needing attention, by ids, for the links that record an action against them.
    const shownWaves = new Set(dashboard.wavesWithResults.map((w) => w.index));
    const attention = loaded.analysis.cells
      .filter((c) => shownWaves.has(c.waveIndex) && (c.status === 'co-destruction' || c.status === 'watch'))
      .sort((a, b) => b.waveIndex - a.waveIndex);
    res.render('evaluator/dashboard', {
      title: `Dashboard – ${project.name}`,
      dashboard,
      rules: ruleDefinitions(loaded.analysis.thresholds),
      chartData: jsonForHtml(dashboard),
      actions: await dashboardActions(req, res, services, loaded, attention),
    });
  });

  router.get('/projects/:slug/report', readers, async (req, res) => {
    const project = projectOf(res);
    const { loaded, model } = await load(project);
    const latest = model();
    const wave = reportWave(req.query.wave, latest.wavesWithResults);
    const dashboard = wave === undefined ? latest : model(wave);
    const withPack = req.query.meeting === '1';
    res.render('evaluator/report', {
      title: `Report – ${project.name}`,
      dashboard,
      rules: ruleDefinitions(loaded.analysis.thresholds),
      charts: dashboard.dimensions.map((d) => trendChartSvg(d, dashboard.waves)),
      generatedOn: shownDay(res, services.clock.today(project)),
      actions: await reportActions(req, res, services, loaded, dashboard.latest, withPack),
    });
  });

  router.get('/projects/:slug/codebook', readers, async (_req, res) => {
    const project = projectOf(res);
    const instruments = [...(await services.projects.instrumentsInUse(project)).values()];
    const rows = [...codebookRows(instruments, projectThresholds(project))];
    const languages = codebookColumns(instruments)
      .filter((c) => c.startsWith('text_'))
      .map((c) => c.slice('text_'.length));
    res.render('evaluator/codebook', { title: `Codebook – ${project.name}`, rows, languages });
  });

  registerActionRoutes(router, services);

  return router;
}
