import { Router, type Request, type Response } from 'express';
import { DomainError } from '../../domain/errors.js';
import { requireProjectRole } from '../../http/require-role.js';
import { dimensionScales } from '../../domain/scoring.js';
import { ruleDefinitions } from '../../domain/statistics/status-definitions.js';
import { codebookColumns, codebookRows } from '../../services/analysis-exports.js';
import { projectThresholds } from '../../services/analysis-service.js';
import type { Project } from '../../domain/records.js';
import { isLocale, LANGUAGE_NAMES, type Locale } from '../../i18n/catalogue.js';
import { evaluatorMessages } from '../../i18n/evaluator-messages.js';
import { formatCalendarDate, formatFixed, formatPercent } from '../../i18n/format.js';
import type { Services } from '../../services/services.js';
import { projectOf } from '../staff/render.js';
import { pageGuard, STAFF_PAGES } from '../staff/staff-pages.js';
import { registerActionRoutes } from './action-routes.js';
import { dashboardActions, reportActions } from './actions-sections.js';
import { dashboardModel } from './dashboard-model.js';
import { askedLocale, pageLocale, projectLocales } from './evaluator-locale.js';
import { trendChartSvg } from './report-charts.js';

/** JSON for a `<script type="application/json">` block: nothing in it can close the element. */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * What every evaluator view uses to speak `locale`: the translator and the figures as that
 * language writes them ("3,40", "73%").
 */
function inLocale(locale: Locale) {
  const t = evaluatorMessages.translator(locale);
  return {
    locale,
    t,
    fixed: (value: number, digits: number) => formatFixed(locale, value, digits),
    percent: (share: number) => formatPercent(locale, share, 0),
    /** An open wave's progress in words; under 5 submitted it says so rather than give the count. */
    progressText: (progress: { until: string; submitted: number | null; invited: number }) =>
      t('progress', {
        until: progress.until,
        submitted: progress.submitted === null ? t('hiddenFewer') : progress.submitted,
        invited: progress.invited,
      }),
  };
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

  const load = async (req: Request, res: Response, project: Project) => {
    const loaded = await services.analyses.analyse(project);
    const instruments = await services.projects.instrumentsInUse(project, loaded.waves);
    const instrument = instruments.get(loaded.waves.at(-1)?.instrumentVersion ?? project.instrumentVersion)!;
    const schedule = { waves: loaded.waves, today: services.clock.today(project) };
    const locales = projectLocales([...instruments.values()]);
    return {
      loaded,
      locales,
      locale: pageLocale(req, res, locales),
      model: (wave: number | undefined, locale: Locale) =>
        dashboardModel(loaded.analysis, dimensionScales(instrument), schedule, wave, locale),
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
    const { loaded, locale, model } = await load(req, res, project);
    const dashboard = model(undefined, locale);
    const words = inLocale(locale);
    // The script draws the charts in the page's language too: their axis titles travel with the data.
    const axes = { mean: words.t('axisMean'), rate: words.t('axisRate'), gap: words.t('axisGap') };
    // The areas needing attention, by ids, for the links that record an action against them.
    const shownWaves = new Set(dashboard.wavesWithResults.map((w) => w.index));
    const attention = loaded.analysis.cells
      .filter((c) => shownWaves.has(c.waveIndex) && (c.status === 'co-destruction' || c.status === 'watch'))
      .sort((a, b) => b.waveIndex - a.waveIndex);
    res.render('evaluator/dashboard', {
      ...words,
      title: words.t('dashboardTitle', { project: project.name }),
      dashboard,
      rules: ruleDefinitions(loaded.analysis.thresholds, locale),
      chartData: jsonForHtml({ ...dashboard, axes }),
      actions: await dashboardActions(locale, res, services, loaded, attention),
    });
  });

  router.get('/projects/:slug/report', readers, async (req, res) => {
    const project = projectOf(res);
    const { loaded, locales, locale: pageLanguage, model } = await load(req, res, project);
    // Chosen when printing: the meeting's language, whatever the evaluator reads the dashboard in.
    const locale = askedLocale(req.query.lang, locales) ?? pageLanguage;
    const latest = model(undefined, locale);
    const wave = reportWave(req.query.wave, latest.wavesWithResults);
    const dashboard = wave === undefined ? latest : model(wave, locale);
    const words = inLocale(locale);
    const withPack = req.query.meeting === '1';
    res.render('evaluator/report', {
      ...words,
      title: words.t('reportTitle', { project: project.name }),
      dashboard,
      chosenWave: wave ?? null,
      reportLanguages: locales.map((code) => ({ code, name: LANGUAGE_NAMES[code] })),
      rules: ruleDefinitions(loaded.analysis.thresholds, locale),
      charts: dashboard.dimensions.map((d) => trendChartSvg(d, dashboard.waves, words.t, locale)),
      generatedOn: formatCalendarDate(locale, services.clock.today(project)),
      actions: await reportActions(req, locale, res, services, loaded, dashboard.latest, withPack),
    });
  });

  router.get('/projects/:slug/codebook', readers, async (req, res) => {
    const project = projectOf(res);
    const instruments = [...(await services.projects.instrumentsInUse(project)).values()];
    const rows = [...codebookRows(instruments, projectThresholds(project))];
    // Each language's labels side by side, headed with the language's own name where we know it.
    const languages = codebookColumns(instruments)
      .filter((c) => c.startsWith('text_'))
      .map((c) => c.slice('text_'.length))
      .map((code) => ({ code, name: isLocale(code) ? LANGUAGE_NAMES[code] : code }));
    const words = inLocale(pageLocale(req, res, projectLocales(instruments)));
    res.render('evaluator/codebook', {
      ...words,
      title: words.t('codebookTitle', { project: project.name }),
      rows,
      languages,
    });
  });

  registerActionRoutes(router, services);

  return router;
}
