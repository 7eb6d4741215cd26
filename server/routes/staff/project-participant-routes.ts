import type { Response, Router } from 'express';
import { z } from 'zod';
import { formatAccessCode } from '../../domain/access-code.js';
import type { Services } from '../../services/services.js';
import { handleForm, type FieldErrors } from './form.js';
import { noticeFrom, page, param, projectOf, staffOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';

/** A pasted or uploaded participant list is read as text; this keeps it well within the body limit. */

const addForm = z.object({
  code: z.string().trim().min(1, 'Enter a code.').max(40, 'Use at most 40 characters.'),
  group: z.string().trim().min(1, 'Choose a group.').max(40),
  language: z.string().trim().min(1, 'Choose a language.').max(10),
  mode: z.enum(['web', 'paper'], 'Choose web or paper.'),
  email: z.string().trim().max(320, 'This is too long for an email address.').default(''),
  // Checked as a date by the service, by the same rule as an import's enrolled_on; empty is today.
  enrolledOn: z.string().trim().max(40, 'Enter the date as YYYY-MM-DD.').default(''),
});

const importForm = z.object({
  // An uploaded file arrives here as text too (server/http/csv-upload.ts); its size is capped there.
  csv: z.string().trim().min(1, 'Choose a CSV file, or paste the CSV with its header row first.'),
});

const editForm = z.object({
  group: z.string().trim().min(1, 'Choose a group.').max(40),
  language: z.string().trim().min(1, 'Choose a language.').max(10),
  mode: z.enum(['web', 'paper'], 'Choose web or paper.'),
});

const eraseForm = z.object({ confirm: z.string().trim().min(1, 'Type the participant code to confirm.') });

/** Participants of one project: leads only, since the list carries personal links. */
export function registerProjectParticipantRoutes(router: Router, services: Services): void {
  // Every route here acts on the participants page, so each takes its guard.
  const participantsGuard = pageGuard(services, 'participants');

  async function listPage(
    res: Response,
    status = 200,
    errors: FieldErrors = {},
    values: Record<string, string> = {},
    notice: string | null = null,
  ) {
    const project = projectOf(res);
    const instrument = await services.projects.instrumentFor(project);
    const participants = (await services.participants.list(project)).map((p) => ({
      ...p,
      accessCode: formatAccessCode(p.accessCode),
      link: services.participants.personalLink(p),
    }));
    page(
      res,
      'participants',
      {
        title: `Participants – ${project.name}`,
        participants,
        languages: instrument.languages,
        errors,
        notice,
        values: {
          mode: 'web',
          language: instrument.languages[0] ?? 'en',
          enrolledOn: services.clock.today(),
          ...values,
        },
      },
      status,
    );
  }

  router.get(STAFF_PAGES.participants.path, participantsGuard, (req, res) =>
    listPage(res, 200, {}, {}, noticeFrom(req)),
  );

  router.post('/projects/:slug/participants', participantsGuard, async (req, res) => {
    await handleForm(
      res,
      addForm,
      req.body,
      (status, errors, values) => listPage(res, status, errors, values),
      async (data) => {
        const created = await services.participants.addOne(projectOf(res), data, staffOf(res).id);
        res.redirect(
          303,
          `/projects/${projectOf(res).slug}/participants?done=${encodeURIComponent(`added ${created.code}`)}`,
        );
      },
    );
  });

  router.post('/projects/:slug/participants/import', participantsGuard, async (req, res) => {
    await handleForm(
      res,
      importForm,
      req.body,
      (status, errors, values) => listPage(res, status, errors, values),
      async (data) => {
        const created = await services.participants.importCsv(projectOf(res), data.csv, staffOf(res).id);
        res.redirect(
          303,
          `/projects/${projectOf(res).slug}/participants?done=${encodeURIComponent(`imported ${created.length}`)}`,
        );
      },
    );
  });

  async function editPage(
    res: Response,
    code: string,
    status = 200,
    errors: FieldErrors = {},
    values?: Record<string, string>,
  ) {
    const project = projectOf(res);
    const participant = await services.participants.byCode(project, code);
    const instrument = await services.projects.instrumentFor(project);
    const contact = await services.participants.contact(participant);
    page(
      res,
      'participant',
      {
        title: `${participant.code} – ${project.name}`,
        participant,
        hasEmail: Boolean(contact?.email),
        responses: await services.corrections.submittedWaves(project, participant),
        languages: instrument.languages,
        errors,
        values: values ?? { group: participant.group, language: participant.language, mode: participant.mode },
      },
      status,
    );
  }

  router.get('/projects/:slug/participants/:code', participantsGuard, (req, res) => editPage(res, param(req, 'code')));

  router.post('/projects/:slug/participants/:code', participantsGuard, async (req, res) => {
    const code = param(req, 'code');
    await handleForm(
      res,
      editForm,
      req.body,
      (status, errors, values) => editPage(res, code, status, errors, values),
      async (data) => {
        await services.participants.update(projectOf(res), code, data, staffOf(res).id);
        res.redirect(
          303,
          `/projects/${projectOf(res).slug}/participants?done=${encodeURIComponent(`updated ${code}`)}`,
        );
      },
    );
  });

  router.post('/projects/:slug/participants/:code/withdraw', participantsGuard, async (req, res) => {
    const code = param(req, 'code');
    await services.participants.withdraw(projectOf(res), code, staffOf(res).id);
    res.redirect(303, `/projects/${projectOf(res).slug}/participants?done=${encodeURIComponent(`withdrew ${code}`)}`);
  });

  router.post('/projects/:slug/participants/:code/erase', participantsGuard, async (req, res) => {
    const code = param(req, 'code');
    await handleForm(
      res,
      eraseForm,
      req.body,
      (status, errors) => editPage(res, code, status, errors),
      async (data) => {
        if (data.confirm !== code)
          return editPage(res, code, 400, { confirm: 'Type the participant code exactly as shown to confirm.' });
        await services.participants.erase(projectOf(res), code, staffOf(res).id);
        res.redirect(303, `/projects/${projectOf(res).slug}/participants?done=erased`);
      },
    );
  });
}
