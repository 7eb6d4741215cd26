import type { Response, Router } from 'express';
import { z } from 'zod';
import { requireProjectRole } from '../../http/require-role.js';
import { nextSeriesNumbering } from '../../domain/wave-series.js';
import type { Services } from '../../services/services.js';
import { handleForm, type FieldErrors } from './form.js';
import { messageRef } from '../../i18n/staff-messages.js';
import { doneSentence, page, param, projectOf, staffOf, translatorOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';

// Each message is shown beside its field, whose label says which day or number it is.
const date = () =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'form.enterDate');
const whole = () =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, 'form.enterWhole')
    .transform(Number);

const oneForm = z.object({
  label: z
    .string()
    .trim()
    .min(1, 'form.waveName')
    .max(60, messageRef('form.atMost', { max: 60 })),
  opens: date(),
  closes: date(),
});

const seriesForm = z.object({
  labelPrefix: z
    .string()
    .trim()
    .min(1, 'form.wavePrefix')
    .max(50, messageRef('form.atMost', { max: 50 })),
  firstNumber: whole(),
  firstOpensOn: date(),
  everyMonths: whole(),
  count: whole(),
  openDays: whole(),
});

/** What the waves page says after each action, from the redirect's `done`. */
const DONE = [
  [/^added$/, (t) => t('waves.added')],
  [/^scheduled$/, (t) => t('waves.scheduled')],
  [/^changed$/, (t) => t('waves.changed')],
  [/^closed$/, (t) => t('waves.closed')],
] as const satisfies Parameters<typeof doneSentence>[2];

const closingForm = z.object({ closesOn: date() });

/** The wave timeline (leads and evaluators) and scheduling (leads). */
export function registerWaveRoutes(router: Router, services: Services): void {
  const lead = requireProjectRole(services, 'lead');

  async function wavesPage(
    res: Response,
    status = 200,
    errors: FieldErrors = {},
    values: Record<string, string> = {},
    notice: { sentence: string } | null = null,
  ) {
    const project = projectOf(res);
    const waves = await services.waves.timeline(project);
    // The series form continues the project's numbering, so its defaults are never refused as duplicates.
    const { labelPrefix, firstNumber } = nextSeriesNumbering(
      waves.map((w) => w.label),
      translatorOf(res)('waves.defaultPrefix'),
    );
    page(
      res,
      'waves',
      {
        title: translatorOf(res)('waves.title', { project: project.name }),
        waves,
        errors,
        notice,
        values: {
          labelPrefix,
          firstNumber: String(firstNumber),
          everyMonths: '3',
          count: '4',
          openDays: '21',
          ...values,
        },
      },
      status,
    );
  }

  router.get(STAFF_PAGES.waves.path, pageGuard(services, 'waves'), (req, res) =>
    wavesPage(res, 200, {}, {}, doneSentence(req, res, DONE)),
  );

  router.post('/projects/:slug/waves', lead, async (req, res) => {
    await handleForm(
      res,
      oneForm,
      req.body,
      (status, errors, values) => wavesPage(res, status, errors, values),
      async (data) => {
        await services.waves.add(
          { project: projectOf(res), label: data.label, opensOn: data.opens, closesOn: data.closes },
          staffOf(res).id,
        );
        res.redirect(303, `/projects/${projectOf(res).slug}/waves?done=added`);
      },
    );
  });

  router.post('/projects/:slug/waves/series', lead, async (req, res) => {
    await handleForm(
      res,
      seriesForm,
      req.body,
      (status, errors, values) => wavesPage(res, status, errors, values),
      async (data) => {
        await services.waves.addSeries({ project: projectOf(res), ...data }, staffOf(res).id);
        res.redirect(303, `/projects/${projectOf(res).slug}/waves?done=scheduled`);
      },
    );
  });

  router.post('/projects/:slug/waves/:waveId/closing', lead, async (req, res) => {
    await handleForm(
      res,
      closingForm,
      req.body,
      (status, errors, values) => wavesPage(res, status, errors, values),
      async (data) => {
        await services.waves.changeClosing(projectOf(res), param(req, 'waveId'), data.closesOn, staffOf(res).id);
        res.redirect(303, `/projects/${projectOf(res).slug}/waves?done=changed`);
      },
    );
  });

  router.post('/projects/:slug/waves/:waveId/close', lead, async (req, res) => {
    await handleForm(
      res,
      z.object({}),
      req.body,
      (status, errors, values) => wavesPage(res, status, errors, values),
      async () => {
        await services.waves.closeNow(projectOf(res), param(req, 'waveId'), staffOf(res).id);
        res.redirect(303, `/projects/${projectOf(res).slug}/waves?done=closed`);
      },
    );
  });
}
