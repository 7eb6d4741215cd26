import type { Request, Response, Router } from 'express';
import { isDomainError } from '../../domain/errors.js';
import { formatDate, translator } from '../../i18n/participant-messages.js';
import { paperWords, type PaperWords } from './paper-words.js';
import { sectionsForGroup } from '../../domain/answer-form.js';
import { waveState } from '../../domain/wave-schedule.js';
import { projectSettingsOf } from '../../domain/project-settings.js';
import { itemTypeOf, paperEntryKey } from '../../domain/item-types/registry.js';
import { keepField, type PaperProblem } from '../../services/paper-service.js';
import { DoubleEntryService, type KeyingOutcome } from '../../services/double-entry-service.js';
import { NOT_APPLICABLE, type Answers } from '../../domain/answers.js';
import type { Services } from '../../services/services.js';
import { pageNumbersCss, returnContacts } from './paper-return.js';
import { noticeFrom, page, param, projectOf, staffOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';
import { youSaidView, type YouSaidView } from '../participant/you-said-view.js';
import { shownAt, shownDay } from './staff-time.js';

/** What is wrong with one answer, by the paper service's reason. */
const MESSAGES = {
  out_of_scale: 'paperOutOfScale',
  not_applicable_not_offered: 'paperNaNotOffered',
  too_long: 'paperTooLong',
  lone_digit: 'paperLoneDigit',
} as const;

/** Why a whole form was refused, said above it; nothing is saved in any of these cases. */
const REFUSALS = {
  WAVE_CLOSED: 'paperRefusedWaveClosed',
  ALREADY_SUBMITTED: 'paperRefusedAlreadySubmitted',
  STORE_UNAVAILABLE: 'paperRefusedStoreUnavailable',
  SAME_KEYING_ACCOUNT: 'paperRefusedSameAccount',
  ALREADY_KEYED_TWICE: 'paperRefusedKeyedTwice',
} as const;

/** Why a form cannot be keyed by this account now, said instead of the form (double data entry). */
const BLOCKED = {
  SAME_KEYING_ACCOUNT: 'paperBlockedSameAccount',
  ALREADY_KEYED_TWICE: 'paperBlockedKeyedTwice',
} as const;

/** The confirmation after saving, by what the keying did; plain words for noticeFrom. */
const SAVED = {
  stored: 'paperSavedStored',
  'first-keying': 'paperSavedFirst',
  agreed: 'paperSavedAgreed',
  'awaiting-reconciliation': 'paperSavedAwaiting',
} as const satisfies Record<KeyingOutcome['kind'], string>;

/** Which button of the review page sent the form; the entry form sends neither. */
const STEP_FIELD = '_step';

interface ReviewValue {
  kind: 'blank' | 'na' | 'value';
  text: string;
}

/**
 * Paper questionnaires: the printable pack (cover letters with QR codes, then blank
 * questionnaires) and keying returned ones in. Leads and data-entry staff only.
 */
export function registerPaperRoutes(router: Router, services: Services, log: (message: string) => void): void {
  const paperStaff = pageGuard(services, 'paper');

  router.get(STAFF_PAGES.paper.path, paperStaff, async (req, res) => {
    const project = projectOf(res);
    const words = paperWords(req, res);
    page(res, 'paper/index', { ...(await lookupPage(project, staffOf(res).id, words)), notice: noticeFrom(req) });
  });

  /** The page with the code lookup form; `lookup` is what was asked for when a code was not found. */
  const lookupPage = async (
    project: ReturnType<typeof projectOf>,
    staffId: string,
    words: PaperWords,
    lookup?: { waveId: string; code: string; message: string },
  ) => {
    const waves = await services.waves.list(project);
    const participants = (await services.participants.list(project)).filter((p) => p.status === 'active');
    const today = services.clock.today(project);
    const current = waves.filter((w) => w.opensOn <= today).at(-1) ?? waves[0];
    const chosen = waves.find((w) => w.id === lookup?.waveId) ?? current;
    return {
      ...words,
      title: words.pt('paperTitle'),
      waves,
      participants,
      defaultWaveId: chosen?.id ?? null,
      lookupError: lookup?.message ?? null,
      typedCode: lookup?.code ?? '',
      pending: await services.doubleEntry.pending(project),
      doubleEntryOn: projectSettingsOf(project.settings).doubleEntry,
      staffId,
      youSaidPacks: await services.summaries.packOptions(project),
    };
  };

  /** An unknown code shows the lookup form again, with the code as typed, instead of a dead end. */
  const entryOrLookup = async (req: Request, res: Response, show: () => Promise<void>) => {
    try {
      await show();
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'PARTICIPANT_NOT_FOUND') throw error;
      const { waveId, code } = queryParams(req);
      const words = paperWords(req, res);
      const message = code ? words.pt('paperNoCode', { code }) : words.pt('paperTypeCode');
      res.setHeader('X-Error-Code', error.code);
      const lookup = await lookupPage(projectOf(res), staffOf(res).id, words, { waveId, code, message });
      page(res, 'paper/index', { ...lookup, notice: null }, 404);
    }
  };

  router.get('/projects/:slug/waves/:waveId/paper-pack', paperStaff, async (req, res) => {
    const code =
      typeof req.query.participant === 'string' && req.query.participant.trim()
        ? req.query.participant.trim()
        : undefined;
    const pack = await services.paper.pack(projectOf(res), param(req, 'waveId'), code);
    // Ticked on the paper page: each letter prints the summary in its participant's language (ADR 0106).
    const youSaidByLang: Record<string, YouSaidView | null> = {};
    if (req.query.yousaid === '1')
      for (const lang of pack.instrument.languages)
        youSaidByLang[lang] = youSaidView(await services.summaries.shownWith(projectOf(res), pack.wave, lang), lang);
    res.render('staff/paper/pack', {
      ...pack,
      ...paperWords(req, res),
      translatorFor: translator,
      formatDate,
      returnContacts: await returnContacts(services, projectOf(res)),
      youSaidByLang,
    });
  });

  // The same for every project; the pack links it with its project's guard.
  const pagesCss = pageNumbersCss();
  router.get('/projects/:slug/paper/pages.css', paperStaff, (_req, res) => {
    res.type('text/css').send(pagesCss);
  });

  const entryContext = async (
    project: ReturnType<typeof projectOf>,
    waveId: string,
    code: string,
    actor: string,
    words: PaperWords,
  ) => {
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
    const doubleEntry = await services.doubleEntry.state(project, participant, wave);
    let blocked: { code: keyof typeof BLOCKED; message: string } | null = null;
    try {
      DoubleEntryService.checkMayKey(doubleEntry.keying, actor);
    } catch (error) {
      if (!isDomainError(error) || !(error.code in BLOCKED)) throw error;
      const code = error.code as keyof typeof BLOCKED;
      blocked = { code, message: words.pt(BLOCKED[code]) };
    }
    return {
      ...words,
      // Which keying this is under double data entry (1 or 2), or null without it.
      keyingRound: doubleEntry.on ? (doubleEntry.keying ? 2 : 1) : null,
      blocked,
      wave,
      instrument,
      participant,
      lang,
      sections,
      existing,
      timeZone: services.projects.timeZoneOf(project),
      // Said before any typing: a closed wave's form is refused at saving.
      waveClosed: waveState(wave, services.clock.today(project)) === 'closed',
      scaleHelp: key?.values ?? '',
      naLabel: key?.notApplicable ?? '',
    };
  };

  interface EntryForm {
    errorList: { id: string; message: string }[];
    errorsByItem: Record<string, string>;
    values: Record<string, string>;
    /** Written answers that may be kept as a lone digit: flagged now, or ticked before. */
    keepable: Record<string, boolean>;
    keep: Record<string, boolean>;
    /** Why the whole form was refused, if it was. */
    refusal: string | null;
  }
  const blankForm: EntryForm = { errorList: [], errorsByItem: {}, values: {}, keepable: {}, keep: {}, refusal: null };

  /** Everything as typed, to show again after a refusal. */
  const typedForm = (context: Awaited<ReturnType<typeof entryContext>>, body: Record<string, unknown>) => {
    const values: Record<string, string> = {};
    const keep: Record<string, boolean> = {};
    for (const item of context.sections.flatMap((s) => s.items)) {
      const raw = body[item.id];
      values[item.id] = Array.isArray(raw) ? String(raw.at(-1) ?? '') : typeof raw === 'string' ? raw : '';
      if (body[keepField(item.id)] !== undefined) keep[item.id] = true;
    }
    return { values, keep, keepable: { ...keep } };
  };
  // The view keys each item in with the control its type's paperEntry names, asking itemTypeOf.
  const entryPage = (res: Response, context: Awaited<ReturnType<typeof entryContext>>, form: EntryForm, status = 200) =>
    page(
      res,
      'paper/entry',
      {
        title: context.pt('paperEntryTitle', { code: context.participant.code }),
        ...context,
        ...form,
        ...shownDates(res, context),
        itemTypeOf,
      },
      status,
    );

  /** The saved response's time, local to the project, and the closing day, as the notices say them. */
  const shownDates = (res: Response, context: Awaited<ReturnType<typeof entryContext>>) => ({
    existingAt: shownAt(res, context.existing?.submittedAt, context.timeZone),
    closesOnShown: shownDay(res, context.wave.closesOn),
  });

  /**
   * The check before saving: every question in paper order with the value keyed and its label,
   * blanks and NA said in words. The form carries every value as keyed, for confirming or going back.
   */
  const reviewPage = (
    res: Response,
    context: Awaited<ReturnType<typeof entryContext>>,
    typed: { values: Record<string, string>; keep: Record<string, boolean> },
    answers: Answers,
  ) => {
    const sections = context.sections.map((section) => ({
      title: section.title[context.lang] ?? '',
      rows: section.items.map((item) => {
        const value = answers[item.id];
        const box = itemTypeOf(item).paperEntry.control === 'box-value';
        const shown: ReviewValue =
          value === undefined
            ? { kind: 'blank', text: context.pt('paperBlank') }
            : value === NOT_APPLICABLE
              ? { kind: 'na', text: context.pt('paperNotApplicable') }
              : box
                ? {
                    kind: 'value',
                    text: `${value} = ${itemTypeOf(item).answerText(context.instrument, item, value, context.lang)}`,
                  }
                : { kind: 'value', text: String(value) };
        return { id: item.id, question: item.text[context.lang] ?? '', ...shown };
      }),
    }));
    page(res, 'paper/review', {
      locale: context.locale,
      pt: context.pt,
      day: context.day,
      title: context.pt('paperReviewTitle', { code: context.participant.code }),
      participant: context.participant,
      wave: context.wave,
      lang: context.lang,
      sections,
      values: typed.values,
      keepFields: Object.keys(typed.keep).map(keepField),
      stepField: STEP_FIELD,
      waveClosed: context.waveClosed,
      closesOnShown: shownDates(res, context).closesOnShown,
    });
  };

  const queryParams = (req: { query: Record<string, unknown> }) => ({
    waveId: typeof req.query.wave === 'string' ? req.query.wave : '',
    code: typeof req.query.participant === 'string' ? req.query.participant.trim() : '',
  });

  router.get('/projects/:slug/paper/entry', paperStaff, (req, res) =>
    entryOrLookup(req, res, async () => {
      const { waveId, code } = queryParams(req);
      const context = await entryContext(projectOf(res), waveId, code, staffOf(res).id, paperWords(req, res));
      if (context.blocked && context.existing?.status !== 'submitted') {
        res.setHeader('X-Error-Code', context.blocked.code);
        entryPage(res, context, blankForm, 409);
        return;
      }
      entryPage(res, context, blankForm);
    }),
  );

  router.post('/projects/:slug/paper/entry', paperStaff, (req, res) =>
    entryOrLookup(req, res, async () => {
      const project = projectOf(res);
      const { waveId, code } = queryParams(req);
      const context = await entryContext(project, waveId, code, staffOf(res).id, paperWords(req, res));
      const { pt } = context;
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (context.existing?.status === 'submitted') {
        // Answered meanwhile (on the web, or keyed by someone else): refused, with what was typed kept.
        res.setHeader('X-Error-Code', 'ALREADY_SUBMITTED');
        entryPage(
          res,
          context,
          { ...blankForm, ...typedForm(context, body), refusal: pt(REFUSALS.ALREADY_SUBMITTED) },
          409,
        );
        return;
      }
      if (context.blocked) {
        // Keyed meanwhile by others, or by this account: refused at once, with what was typed kept.
        res.setHeader('X-Error-Code', context.blocked.code);
        const refusal = pt(REFUSALS[context.blocked.code]);
        entryPage(res, context, { ...blankForm, ...typedForm(context, body), refusal }, 409);
        return;
      }
      const step = body[STEP_FIELD];
      if (step === 'back') {
        // From the review page: the form again with everything as keyed, nothing saved.
        entryPage(res, context, { ...blankForm, ...typedForm(context, body) });
        return;
      }
      const refused = (problems: PaperProblem[]) => {
        const errorsByItem = Object.fromEntries(problems.map((p) => [p.itemId, pt(MESSAGES[p.reason])]));
        const errorList = problems.map((p) => ({ id: p.itemId, message: `${p.itemId}: ${pt(MESSAGES[p.reason])}` }));
        const typed = typedForm(context, body);
        for (const p of problems) if (p.reason === 'lone_digit') typed.keepable[p.itemId] = true;
        entryPage(res, context, { ...blankForm, ...typed, errorList, errorsByItem }, 400);
      };
      if (step !== 'confirm') {
        // The entry form: checked, then shown for review. Nothing is stored until confirmed.
        const checked = services.paper.check(context.instrument, context.participant, body);
        if (checked.problems.length > 0) {
          refused(checked.problems);
          return;
        }
        reviewPage(res, context, typedForm(context, body), checked.answers);
        return;
      }
      // Confirmed on the review page: every hidden value is checked again by record().
      let result: Awaited<ReturnType<typeof services.paper.record>>;
      try {
        result = await services.paper.record({ project, ...context }, body, staffOf(res).id, { whileOpen: true });
      } catch (error) {
        // Nothing was saved (the save is one transaction): the form comes back as typed, never a dead end.
        const code = isDomainError(error) && error.code in REFUSALS ? (error.code as keyof typeof REFUSALS) : null;
        const shown = code ?? 'STORE_UNAVAILABLE';
        if (!code) log(`paper entry for ${context.participant.id}: ${(error as Error)?.stack ?? String(error)}`);
        res.setHeader('X-Error-Code', shown);
        const status = shown === 'STORE_UNAVAILABLE' ? 503 : 409;
        entryPage(res, context, { ...blankForm, ...typedForm(context, body), refusal: pt(REFUSALS[shown]) }, status);
        return;
      }
      if (!result.ok) {
        refused(result.problems);
        return;
      }
      // noticeFrom shows plain words only (no commas, no wave label of any spelling), or nothing at all.
      res.redirect(
        303,
        `/projects/${project.slug}/paper?done=${encodeURIComponent(pt(SAVED[result.outcome.kind], { code: context.participant.code }))}`,
      );
    }),
  );
}
