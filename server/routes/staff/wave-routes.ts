import type { Response, Router } from 'express';
import { z } from 'zod';
import { requireProjectRole } from '../../http/require-role.js';
import { nextSeriesNumbering } from '../../domain/wave-series.js';
import type { Services } from '../../services/services.js';
import { handleForm, type FieldErrors } from './form.js';
import { noticeFrom, page, param, projectOf, staffOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';

const date = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} as a date such as 2026-03-01.`);
const whole = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, `Enter ${what} as a whole number.`)
    .transform(Number);

const oneForm = z.object({
  label: z.string().trim().min(1, 'Give the wave a name, such as "Wave 1".').max(60, 'Use at most 60 characters.'),
  opens: date('opening day'),
  closes: date('closing day'),
});

const seriesForm = z.object({
  labelPrefix: z
    .string()
    .trim()
    .min(1, 'Enter how waves are named, such as "Wave".')
    .max(50, 'Use at most 50 characters.'),
  firstNumber: whole('the first number'),
  firstOpensOn: date('first opening day'),
  everyMonths: whole('the months between waves'),
  count: whole('the number of waves'),
  openDays: whole('the days each wave is open'),
});

const closingForm = z.object({ closesOn: date('new closing day') });

/** The wave timeline (leads and evaluators) and scheduling (leads). */
export function registerWaveRoutes(router: Router, services: Services): void {
  const lead = requireProjectRole(services, 'lead');

  async function wavesPage(
    res: Response,
    status = 200,
    errors: FieldErrors = {},
    values: Record<string, string> = {},
    notice: string | null = null,
  ) {
    const project = projectOf(res);
    const waves = await services.waves.timeline(project);
    // The series form continues the project's numbering, so its defaults are never refused as duplicates.
    const { labelPrefix, firstNumber } = nextSeriesNumbering(waves.map((w) => w.label));
    page(
      res,
      'waves',
      {
        title: `Waves – ${project.name}`,
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
    wavesPage(res, 200, {}, {}, noticeFrom(req)),
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
