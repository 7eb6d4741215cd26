import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { formatAccessCode } from '../../domain/access-code.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../services/csv-import.js';
import {
  MAX_ADDRESS_CHARS,
  MAX_NAME_CHARS,
  PARTICIPANT_IMPORT_OPTIONAL,
  type ParticipantFilter,
} from '../../services/participant-service.js';
import type { Services } from '../../services/services.js';
import { handleForm, LISTED_LINE_PROBLEMS, type FieldErrors } from './form.js';
import { messageRef } from '../../i18n/staff-messages.js';
import { doneSentence, page, param, projectOf, staffOf, translatorOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';

const addForm = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'form.enterCode')
    .max(40, messageRef('form.atMost', { max: 40 })),
  group: z.string().trim().min(1, 'form.chooseGroup').max(40),
  language: z.string().trim().min(1, 'form.chooseLanguage').max(10),
  mode: z.enum(['web', 'paper'], 'form.chooseMode'),
  email: z.string().trim().max(320, 'form.emailTooLong').default(''),
  // Checked as a date by the service, by the same rule as an import's enrolled_on; empty is today.
  enrolledOn: z.string().trim().max(40, 'form.dateFormat').default(''),
  // For letters (ADR 0115); checked by the service, by the same rules as an import's.
  name: z.string().default(''),
  address: z.string().default(''),
});

const importForm = z.object({
  // An uploaded file arrives here as text too (server/http/csv-upload.ts); its size is capped there.
  csv: z.string().trim().min(1, 'form.chooseCsv'),
});

const editForm = z.object({
  group: z.string().trim().min(1, 'form.chooseGroup').max(40),
  language: z.string().trim().min(1, 'form.chooseLanguage').max(10),
  mode: z.enum(['web', 'paper'], 'form.chooseMode'),
  // The form always sends both (empty clears); a post without them leaves them as they were.
  name: z.string().optional(),
  address: z.string().optional(),
});

/** The longest name and address kept, for the forms' hints. */
const LETTER_LIMITS = { name: MAX_NAME_CHARS, address: MAX_ADDRESS_CHARS };

const eraseForm = z.object({ confirm: z.string().trim().min(1, 'form.confirmCode') });

/** What the participants page says after each action, from the redirect's `done`: a sentence naming what was done. */
const DONE = [
  [/^added (.+)$/, (t, code) => t('participants.added', { code })],
  [/^imported (\d+)$/, (t, count) => t('participants.imported', { count: Number(count) })],
  [/^updated (.+)$/, (t, code) => t('participants.updated', { code })],
  [/^withdrew (.+)$/, (t, code) => t('participants.withdrew', { code })],
  [/^erased$/, (t) => t('participants.erased')],
] as const satisfies Parameters<typeof doneSentence>[2];

/** The participants page's filter and page, from its query; anything unexpected is no filter, or page 1. */
function browsingOf(req: Request): { filter: ParticipantFilter; page: number } {
  const text = (name: string) => {
    const value = req.query[name];
    return typeof value === 'string' ? value.trim().slice(0, 100) : '';
  };
  const status = text('status');
  const page = /^\d{1,9}$/.test(text('page')) ? Number(text('page')) : 1;
  return {
    filter: {
      group: text('group'),
      status: status === 'active' || status === 'withdrawn' ? status : '',
      code: text('code'),
    },
    page,
  };
}

/** The address of a page of the list, keeping the filter: what every page link and the form lead to. */
function pageHref(slug: string, filter: ParticipantFilter, page: number): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) query.set(name, value);
  if (page > 1) query.set('page', String(page));
  const search = query.toString();
  return `/projects/${slug}/participants${search ? `?${search}` : ''}`;
}

/** Participants of one project: leads only, since the list carries personal links. */
export function registerProjectParticipantRoutes(router: Router, services: Services): void {
  // Every route here acts on the participants page, so each takes its guard.
  const participantsGuard = pageGuard(services, 'participants');

  /**
   * The participants page: one page of the list, filtered, then the forms. After a refused post
   * it shows the first page, unfiltered, with the form's problems.
   */
  async function listPage(
    res: Response,
    status = 200,
    errors: FieldErrors = {},
    values: Record<string, string> = {},
    notice: { sentence: string } | null = null,
    browsing: { filter: ParticipantFilter; page: number } = { filter: { group: '', status: '', code: '' }, page: 1 },
  ) {
    const project = projectOf(res);
    const instrument = await services.projects.instrumentFor(project);
    const { filter } = browsing;
    const shown = await services.participants.browse(project, filter, browsing.page);
    const participants = shown.participants.map((p) => ({
      ...p,
      accessCode: formatAccessCode(p.accessCode),
      link: services.participants.personalLink(p),
    }));
    const href = (n: number) => pageHref(project.slug, filter, n);
    page(
      res,
      'participants',
      {
        title: translatorOf(res)('participants.title', { project: project.name }),
        participants,
        filter,
        filtered: Boolean(filter.group || filter.status || filter.code),
        pager: {
          page: shown.page,
          pages: shown.pages,
          total: shown.total,
          from: shown.from,
          to: shown.from === 0 ? 0 : shown.from + participants.length - 1,
          first: shown.page > 1 ? href(1) : null,
          previous: shown.page > 1 ? href(shown.page - 1) : null,
          next: shown.page < shown.pages ? href(shown.page + 1) : null,
          last: shown.page < shown.pages ? href(shown.pages) : null,
        },
        importLimits: {
          rows: MAX_IMPORT_ROWS,
          megabytes: MAX_IMPORT_BYTES / 1024 / 1024,
          listed: LISTED_LINE_PROBLEMS,
        },
        importOptional: PARTICIPANT_IMPORT_OPTIONAL,
        letterLimits: LETTER_LIMITS,
        languages: instrument.languages,
        errors,
        notice,
        values: {
          mode: 'web',
          language: instrument.languages[0] ?? 'en',
          enrolledOn: services.clock.today(project),
          ...values,
        },
      },
      status,
    );
  }

  router.get(STAFF_PAGES.participants.path, participantsGuard, (req, res) =>
    listPage(res, 200, {}, {}, doneSentence(req, res, DONE), browsingOf(req)),
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
      // An uploaded file is not put back in the form (it may be megabytes); pasted text is.
      (status, errors, { csv = '', ...values }) =>
        listPage(res, status, errors, req.file ? values : { ...values, csv }),
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
        letterLimits: LETTER_LIMITS,
        responses: await services.corrections.submittedWaves(project, participant),
        languages: instrument.languages,
        errors,
        values: values ?? {
          group: participant.group,
          language: participant.language,
          mode: participant.mode,
          name: contact?.name ?? '',
          address: contact?.address ?? '',
        },
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
        if (data.confirm !== code) return editPage(res, code, 400, { confirm: 'form.confirmCodeExactly' });
        await services.participants.erase(projectOf(res), code, staffOf(res).id);
        res.redirect(303, `/projects/${projectOf(res).slug}/participants?done=erased`);
      },
    );
  });
}
