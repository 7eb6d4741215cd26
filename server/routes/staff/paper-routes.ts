import type { Response, Router } from 'express';
import { formatDate, translator } from '../../i18n/participant-messages.js';
import { sectionsForGroup } from '../../domain/answer-form.js';
import { itemTypeOf, paperEntryKey } from '../../domain/item-types/registry.js';
import type { Services } from '../../services/services.js';
import { noticeFrom, page, param, projectOf, staffOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';

const MESSAGES = {
  out_of_scale: 'Type one of the box numbers, NA, or leave it empty',
  not_applicable_not_offered: 'This question has no "does not apply" box: type a number or leave it empty',
  too_long: 'This answer is longer than 5,000 characters',
} as const;

/**
 * Paper questionnaires: the printable pack (cover letters with QR codes, then blank
 * questionnaires) and keying returned ones in. Leads and data-entry staff only.
 */
export function registerPaperRoutes(router: Router, services: Services): void {
  const paperStaff = pageGuard(services, 'paper');

  router.get(STAFF_PAGES.paper.path, paperStaff, async (req, res) => {
    const project = projectOf(res);
    const waves = await services.waves.list(project);
    const participants = (await services.participants.list(project)).filter((p) => p.status === 'active');
    const today = services.clock.today();
    const current = waves.filter((w) => w.opensOn <= today).at(-1) ?? waves[0];
    page(res, 'paper/index', {
      title: 'Paper questionnaires',
      waves,
      participants,
      defaultWaveId: current?.id ?? null,
      notice: noticeFrom(req),
    });
  });

  router.get('/projects/:slug/waves/:waveId/paper-pack', paperStaff, async (req, res) => {
    const code =
      typeof req.query.participant === 'string' && req.query.participant.trim()
        ? req.query.participant.trim()
        : undefined;
    const pack = await services.paper.pack(projectOf(res), param(req, 'waveId'), code);
    res.render('staff/paper/pack', { ...pack, translatorFor: translator, formatDate });
  });

  const entryContext = async (project: ReturnType<typeof projectOf>, waveId: string, code: string) => {
    const { wave, instrument } = await services.paper.wave(project, waveId);
    const participant = await services.paper.participantForEntry(project, code);
    const lang = instrument.languages.includes(participant.language)
      ? participant.language
      : (instrument.languages[0] ?? 'en');
    const sections = sectionsForGroup(instrument, participant.group);
    const key = paperEntryKey(
      instrument,
      sections.flatMap((s) => s.items),
      lang,
    );
    const existing = await services.paper.savedResponse(participant, wave);
    return {
      wave,
      instrument,
      participant,
      lang,
      sections,
      existing,
      scaleHelp: key?.values ?? '',
      naLabel: key?.notApplicable ?? '',
    };
  };

  interface EntryForm {
    errorList: { id: string; message: string }[];
    errorsByItem: Record<string, string>;
    values: Record<string, string>;
  }
  const blankForm: EntryForm = { errorList: [], errorsByItem: {}, values: {} };
  // The view keys each item in with the control its type's paperEntry names, asking itemTypeOf.
  const entryPage = (res: Response, context: Awaited<ReturnType<typeof entryContext>>, form: EntryForm, status = 200) =>
    page(res, 'paper/entry', { title: `Key in ${context.participant.code}`, ...context, ...form, itemTypeOf }, status);

  const queryParams = (req: { query: Record<string, unknown> }) => ({
    waveId: typeof req.query.wave === 'string' ? req.query.wave : '',
    code: typeof req.query.participant === 'string' ? req.query.participant.trim() : '',
  });

  router.get('/projects/:slug/paper/entry', paperStaff, async (req, res) => {
    const { waveId, code } = queryParams(req);
    const context = await entryContext(projectOf(res), waveId, code);
    entryPage(res, context, blankForm);
  });

  router.post('/projects/:slug/paper/entry', paperStaff, async (req, res) => {
    const project = projectOf(res);
    const { waveId, code } = queryParams(req);
    const context = await entryContext(project, waveId, code);
    if (context.existing?.status === 'submitted') {
      entryPage(res, context, blankForm, 409);
      return;
    }
    const result = await services.paper.record(
      { project, ...context },
      (req.body ?? {}) as Record<string, unknown>,
      staffOf(res).id,
    );
    if (!result.ok) {
      const errorsByItem = Object.fromEntries(result.problems.map((p) => [p.itemId, MESSAGES[p.reason]]));
      const errorList = result.problems.map((p) => ({ id: p.itemId, message: `${p.itemId}: ${MESSAGES[p.reason]}` }));
      entryPage(res, context, { errorList, errorsByItem, values: result.values }, 400);
      return;
    }
    // noticeFrom shows plain words only (no commas, no wave label of any spelling), or nothing at all.
    res.redirect(
      303,
      `/projects/${project.slug}/paper?done=${encodeURIComponent(`Saved ${context.participant.code} as a paper response`)}`,
    );
  });
}
