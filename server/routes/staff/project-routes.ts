import type { Response, Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { projectSettingsOf, THRESHOLD_NAMES } from '../../domain/project-settings.js';
import { DEFAULT_STATUS_THRESHOLDS, type StatusThresholds } from '../../domain/statistics/status-rules.js';
import { ruleDefinitions } from '../../domain/statistics/status-definitions.js';
import { requireAdmin } from '../../http/require-role.js';
import type { StakeholderGroup } from '../../domain/records.js';
import { DEFAULT_GROUPS } from '../../domain/records.js';
import { ESTIMATE_MAX_GROUP, ESTIMATE_MAX_WAVES } from '../../services/analysis-service.js';
import type { Services } from '../../services/services.js';
import { handleForm, type FieldErrors } from './form.js';
import { doneSentence, page, param, projectOf, staffOf, translatorOf } from './render.js';
import { messageRef } from '../../i18n/staff-messages.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';
import { formatLocalDate } from '../../i18n/format.js';
import { staffLocale, timeText } from './staff-time.js';

// Either decimal mark is taken: Italian staff type "0,5".
const number = () =>
  z
    .string()
    .trim()
    .min(1, 'form.enterValue')
    .regex(/^-?\d+([.,]\d+)?$/, 'form.enterNumber')
    .transform((value) => Number(value.replace(',', '.')));

/** Threshold fields are named `t_<threshold>` in the forms. */
const thresholdFields = Object.fromEntries(THRESHOLD_NAMES.map((name) => [`t_${name}`, number()])) as Record<
  `t_${keyof StatusThresholds}`,
  ReturnType<typeof number>
>;

const settingsShape = {
  // Checked against Intl by the service, and worded for the page by timeZoneField. A post without
  // the field keeps the project's zone (a new project: DEFAULT_TIME_ZONE); an empty one is refused.
  timeZone: z.string().trim().min(1, 'timeZoneMissing').max(100, 'timeZoneUnknown').optional(),
  reminderDays: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'form.wholeDays')
    .transform(Number),
  // A checkbox: sent as "on" when ticked, absent when not.
  doubleEntry: z
    .string()
    .optional()
    .transform((value) => value === 'on'),
  ...thresholdFields,
};

const projectForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'form.projectName')
    .max(200, messageRef('form.atMost', { max: 200 })),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'form.slug'),
  instrument: z.string().trim().min(1, 'form.chooseInstrument').max(200),
  groups: z.string().trim().min(1, 'form.listGroups').max(5000, 'form.listTooLong'),
  ...settingsShape,
});

const settingsForm = z.object(settingsShape);

function thresholdsFrom(data: Record<string, unknown>): StatusThresholds {
  return Object.fromEntries(THRESHOLD_NAMES.map((name) => [name, data[`t_${name}`]])) as unknown as StatusThresholds;
}

/** Problems about a threshold are shown beside its `t_` field. */
function withThresholdFields(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors))
    out[(THRESHOLD_NAMES as string[]).includes(key) ? `t_${key}` : key] = message;
  return out;
}

/**
 * The time zone field's words, and its problem said in the page's language with what was typed:
 * the service's and the form's messages are for logs and the CLI.
 */
function timeZoneField(res: Response, errors: FieldErrors, values: Record<string, string>) {
  const t = timeText(res);
  const message =
    errors.timeZone === 'timeZoneMissing'
      ? t('timeZoneMissing')
      : t('timeZoneUnknown', { typed: values.timeZone ?? '' });
  return {
    errors: errors.timeZone === undefined ? errors : { ...errors, timeZone: message },
    timeZoneField: { label: t('timeZoneLabel'), hint: t('timeZoneHint') },
  };
}

/** "id | label in language 1 | label in language 2", one group per line. */
function parseGroups(text: string, languages: string[]): StakeholderGroup[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [id = '', ...labels] = line.split('|').map((part) => part.trim());
      return { id, label: Object.fromEntries(languages.map((language, i) => [language, labels[i] ?? ''])) };
    });
}

function groupsText(groups: StakeholderGroup[], languages: string[]): string {
  return groups.map((g) => [g.id, ...languages.map((l) => g.label[l] ?? '')].join(' | ')).join('\n');
}

function settingsValues(
  settings: {
    statusThresholds: StatusThresholds;
    reminderDays: number;
    doubleEntry: boolean;
  },
  timeZone: string,
): Record<string, string> {
  return {
    timeZone,
    reminderDays: String(settings.reminderDays),
    doubleEntry: settings.doubleEntry ? 'on' : '',
    ...Object.fromEntries(THRESHOLD_NAMES.map((n) => [`t_${n}`, String(settings.statusThresholds[n])])),
  };
}

/** Project list, creation and archiving (admins), overview (every role) and settings (leads). */
export function registerProjectRoutes(router: Router, services: Services): void {
  const instruments = () =>
    services.projects.offeredInstruments().map((i) => ({
      ref: `${i.id}@${i.version}`,
      title: i.title.en ?? Object.values(i.title)[0] ?? i.id,
      languages: i.languages,
    }));
  const defaultLanguages = () => instruments()[0]?.languages ?? ['en'];
  const newProjectPage = (
    res: Parameters<typeof page>[0],
    status = 200,
    errors: FieldErrors = {},
    values?: Record<string, string>,
  ) => {
    const shown = values ?? {
      groups: groupsText(DEFAULT_GROUPS, defaultLanguages()),
      ...settingsValues(projectSettingsOf({}), services.projects.defaultTimeZone()),
    };
    page(
      res,
      'project-new',
      {
        title: 'projectNew.title',
        instruments: instruments(),
        thresholdNames: THRESHOLD_NAMES,
        defaults: DEFAULT_STATUS_THRESHOLDS,
        ...timeZoneField(res, errors, shown),
        values: shown,
      },
      status,
    );
  };

  const settingsGuard = pageGuard(services, 'settings');

  router.get(STAFF_PAGES.projects.path, pageGuard(services, 'projects'), async (req, res) => {
    const all = await services.projects.visibleTo(staffOf(res));
    const showArchived = req.query.archived === '1';
    page(res, 'projects', {
      title: 'projects.title',
      projects: all.filter((p) => showArchived || !p.archivedAt),
      showArchived,
      notice: doneSentence(req, res, [[/^archived$/, (t) => t('projects.archived')]]),
    });
  });

  router.get('/projects/new', requireAdmin(), (_req, res) => newProjectPage(res));

  router.post('/projects/new', requireAdmin(), async (req, res) => {
    await handleForm(
      res,
      projectForm,
      req.body,
      (status, errors, values) => newProjectPage(res, status, withThresholdFields(errors), values),
      async (data) => {
        const languages = services.projects
          .offeredInstruments()
          .find((i) => `${i.id}@${i.version}` === data.instrument)?.languages;
        if (!languages)
          throw new DomainError('VALIDATION', 'unknown questionnaire', [
            { where: 'instrument', message: 'form.chooseListedInstrument' },
          ]);
        const project = await services.projects.create(
          {
            slug: data.slug,
            name: data.name,
            instrument: data.instrument,
            groups: parseGroups(data.groups, languages),
            timeZone: data.timeZone,
            settings: {
              reminderDays: data.reminderDays,
              doubleEntry: data.doubleEntry,
              statusThresholds: thresholdsFrom(data),
            },
          },
          staffOf(res).id,
        );
        res.redirect(303, `/projects/${project.slug}`);
      },
    );
  });

  router.post('/projects/:slug/archive', requireAdmin(), async (req, res) => {
    await services.projects.archive(await services.projects.bySlug(param(req, 'slug')), staffOf(res).id);
    res.redirect(303, '/projects?done=archived');
  });

  router.get(STAFF_PAGES.project.path, pageGuard(services, 'project'), async (_req, res) => {
    const project = projectOf(res);
    const waves = await services.waves.timeline(project);
    const participants = await services.participants.list(project);
    page(res, 'project', {
      title: project.name,
      // The day it was archived where the project is, as a sentence says a day.
      archivedOnShown: project.archivedAt
        ? formatLocalDate(staffLocale(res), project.archivedAt, services.projects.timeZoneOf(project))
        : null,
      waves,
      participantCount: participants.filter((p) => p.status === 'active').length,
    });
  });

  /**
   * The settings form, the rules in words for the saved thresholds, and what those thresholds
   * do to false alarms for this project's own group sizes (the calibration harness's figure),
   * beside the defaults' when they differ.
   */
  const settingsPage = async (
    res: Parameters<typeof page>[0],
    status = 200,
    errors: FieldErrors = {},
    values?: Record<string, string>,
    notice: { sentence: string } | null = null,
  ) => {
    const project = projectOf(res);
    const saved = projectSettingsOf(project.settings).statusThresholds;
    const current = await services.analyses.falseAlarmEstimate(project, saved);
    const changed = THRESHOLD_NAMES.some((name) => saved[name] !== DEFAULT_STATUS_THRESHOLDS[name]);
    const defaults = changed
      ? await services.analyses.falseAlarmEstimate(project, { ...DEFAULT_STATUS_THRESHOLDS })
      : null;
    const shown = values ?? settingsValues(projectSettingsOf(project.settings), services.projects.timeZoneOf(project));
    page(
      res,
      'project-settings',
      {
        title: translatorOf(res)('settings.title', { project: project.name }),
        thresholdNames: THRESHOLD_NAMES,
        defaults: DEFAULT_STATUS_THRESHOLDS,
        ...timeZoneField(res, errors, shown),
        notice,
        values: shown,
        rules: ruleDefinitions(saved),
        estimate: { current, defaults, maxGroup: ESTIMATE_MAX_GROUP, maxWaves: ESTIMATE_MAX_WAVES },
      },
      status,
    );
  };

  router.get(STAFF_PAGES.settings.path, settingsGuard, (req, res) =>
    settingsPage(res, 200, {}, undefined, doneSentence(req, res, [[/^saved$/, (t) => t('settings.saved')]])),
  );

  router.post(STAFF_PAGES.settings.path, settingsGuard, async (req, res) => {
    await handleForm(
      res,
      settingsForm,
      req.body,
      (status, errors, values) => settingsPage(res, status, withThresholdFields(errors), values),
      async (data) => {
        await services.projects.updateSettings(
          projectOf(res),
          {
            reminderDays: data.reminderDays,
            doubleEntry: data.doubleEntry,
            statusThresholds: thresholdsFrom(data),
            timeZone: data.timeZone,
          },
          staffOf(res).id,
        );
        res.redirect(303, `/projects/${projectOf(res).slug}/settings?done=saved`);
      },
    );
  });
}
