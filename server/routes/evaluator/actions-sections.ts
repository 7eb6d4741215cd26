import type { Request, Response } from 'express';
import type { Locale } from '../../i18n/catalogue.js';
import type { LoadedAnalysis } from '../../services/analysis-service.js';
import type { Services } from '../../services/services.js';
import { roleIn } from '../staff/render.js';
import { actionLabels, actionRow, meetingPack, recordHref } from './actions-model.js';
import { actionsTranslator } from './actions-translator.js';

/**
 * What the dashboard's and the report's action partials need beyond the page's own locals, in
 * the page's language (`pageLocale`): the account's on the dashboard, the one printed in on the report.
 */
async function common(pageLocale: Locale, res: Response, services: Services, loaded: LoadedAnalysis, until?: number) {
  const { locale, t } = actionsTranslator(pageLocale);
  const { project } = loaded;
  const instruments = [...(await services.projects.instrumentsInUse(project, loaded.waves)).values()];
  const labels = actionLabels(project, instruments, locale);
  const followUps = await services.actions.followUps(project, loaded, until);
  return {
    t,
    locale,
    labels,
    slug: project.slug,
    canEdit: ['lead', 'admin'].includes(roleIn(res)),
    followUps: followUps.map((f) => ({ followUp: f, row: actionRow(t, locale, labels, f) })),
  };
}

/**
 * The dashboard's actions: open ones past their due date first, then every action with its
 * follow-up, and for a lead a link to record one, with one per area needing attention.
 */
export async function dashboardActions(
  pageLocale: Locale,
  res: Response,
  services: Services,
  loaded: LoadedAnalysis,
  attention: readonly { waveIndex: number; group: string; dimension: string }[],
) {
  const { t, locale, labels, slug, canEdit, followUps } = await common(pageLocale, res, services, loaded);
  const waveLabel = (index: number) => loaded.analysis.waves.find((w) => w.index === index)?.label ?? '';
  return {
    t,
    locale,
    slug,
    canEdit,
    rows: followUps.map((f) => f.row),
    overdue: followUps.filter((f) => f.followUp.overdue).map((f) => f.row),
    record: attention.map((c) => ({
      href: recordHref(slug, c.waveIndex, c.group, c.dimension),
      label: t('dashboard.recordFor', {
        cell: t('cell.name', {
          wave: waveLabel(c.waveIndex),
          group: labels.group(c.group),
          dimension: labels.dimension(c.dimension),
        }),
      }),
    })),
  };
}

/**
 * The report's actions for the wave it covers: "Actions since last time" (those agreed after an
 * earlier wave, followed up to this one) and, when asked for, the meeting pack of this wave.
 */
export async function reportActions(
  req: Request,
  pageLocale: Locale,
  res: Response,
  services: Services,
  loaded: LoadedAnalysis,
  covered: { index: number; wave: string } | null,
  withPack: boolean,
) {
  const { t, locale, labels, slug, canEdit, followUps } = await common(
    pageLocale,
    res,
    services,
    loaded,
    covered?.index,
  );
  const query = (pack: boolean) =>
    new URLSearchParams({ ...(covered ? { wave: String(covered.index) } : {}), ...(pack ? { meeting: '1' } : {}) });
  return {
    t,
    locale,
    slug,
    canEdit,
    covered,
    since: covered ? followUps.filter((f) => f.followUp.agreed.index < covered.index).map((f) => f.row) : [],
    pack: covered && withPack ? meetingPack(t, locale, labels, loaded.analysis, covered.index, slug) : null,
    packToggle: `/projects/${slug}/report?${query(!withPack).toString()}`,
    withPack,
    // Printed on paper, so the whole address, as this browser reached the app.
    actionsAddress: `${req.protocol}://${req.get('host') ?? 'localhost'}/projects/${slug}/actions`,
  };
}
