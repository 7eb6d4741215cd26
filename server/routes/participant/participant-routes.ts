import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AnswerProblem } from '../../domain/answer-form.js';
import { MAX_TEXT_ANSWER_LENGTH } from '../../domain/answers.js';
import { isDomainError } from '../../domain/errors.js';
import { isLocale, LANGUAGE_NAMES } from '../../i18n/catalogue.js';
import { BUILT_IN_CONSENT_VERSION, consentTextFor } from '../../domain/consent-texts.js';
import { receiptReference } from '../../domain/receipt-reference.js';
import { unansweredBySection } from '../../domain/unanswered-questions.js';
import { builtInConsentText } from '../../i18n/consent-defaults.js';
import { formatLocalDateTime } from '../../i18n/format.js';
import { cssString } from '../../http/css-string.js';
import { StoredRateLimits } from '../../http/rate-limit-store.js';
import { itemTypeOf } from '../../domain/item-types/registry.js';
import {
  formatDate,
  PARTICIPANT_LANGUAGES,
  translator,
  type ParticipantMessageKey,
  type Translate,
} from '../../i18n/participant-messages.js';
import type { Visit } from '../../services/questionnaire-service.js';
import type { Services } from '../../services/services.js';
import { youSaidView, type YouSaidView } from './you-said-view.js';

const LANG_COOKIE = 'coassess.lang';

interface PageErrors {
  href: string;
  message: string;
}

/** Participant pages by error code: a plain explanation in their language, never a stack trace. */
const ERROR_PAGES: Record<string, [ParticipantMessageKey, ParticipantMessageKey]> = {
  PARTICIPANT_NOT_FOUND: ['notFoundTitle', 'notFoundBody'],
  NOT_FOUND: ['notFoundTitle', 'notFoundBody'],
  HTTP_404: ['notFoundTitle', 'notFoundBody'],
  PARTICIPANT_WITHDRAWN: ['withdrawnTitle', 'withdrawnBody'],
  CSRF_INVALID: ['expiredTitle', 'expiredBody'],
  HTTP_413: ['tooLargeTitle', 'tooLargeBody'],
  RATE_LIMITED: ['tooManyTitle', 'tooManyBody'],
};

function chooseLanguage(req: Request, res: Response, offered: readonly string[], fallback: string): string {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (asked && offered.includes(asked)) {
    res.cookie(LANG_COOKIE, asked, { maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax', httpOnly: true, path: '/s' });
    return asked;
  }
  const remembered = req.cookies?.[LANG_COOKIE] as string | undefined;
  if (remembered && offered.includes(remembered)) return remembered;
  return offered.includes(fallback) ? fallback : (offered[0] ?? 'en');
}

/** Sets language, translator and the error page for everything under /s. */
type ErrorPage = (error: { status: number; code: string; message: string }) => void;

function localise(res: Response, lang: string, offered: readonly string[], backLink: string | null): Translate {
  const t = translator(lang);
  res.locals.lang = lang;
  res.locals.t = t;
  res.locals.languages = offered.map((code) => ({ code, name: isLocale(code) ? LANGUAGE_NAMES[code] : code }));
  res.locals.errorPage = ({ status, code }: { status: number; code: string }) => {
    const [heading, body] =
      ERROR_PAGES[code] ?? (status === 404 ? ERROR_PAGES.NOT_FOUND! : ['genericTitle', 'genericBody']);
    // A withdrawn link leads nowhere: pointing back at it would only show this page again.
    const back = code === 'PARTICIPANT_WITHDRAWN' ? null : status === 404 && !backLink ? '/s' : backLink;
    res.render('participant/error', { heading: t(heading), body: t(body), backLink: back });
  };
  return t;
}

function problemMessage(t: Translate, problem: AnswerProblem): string {
  return problem.reason === 'too_long' ? t('tooLong', { max: MAX_TEXT_ANSWER_LENGTH }) : t('chooseOption');
}

/** For pages reached before anyone knows whose link it is: the language asked for, remembered, or the browser's. */
function localiseByBrowser(req: Request, res: Response): Translate {
  const guess = req.acceptsLanguages(...PARTICIPANT_LANGUAGES) || 'en';
  return localise(res, chooseLanguage(req, res, PARTICIPANT_LANGUAGES, guess), PARTICIPANT_LANGUAGES, null);
}

/**
 * Error pages in the participant's language: the one asked for, else remembered, else the
 * participant's own. The language is worked out only when an error page is needed, and whose
 * link it is only then asked of the store: a page that renders normally has its route localise it.
 */
function participantLocale(services: Services) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.errorPage = (error: Parameters<ErrorPage>[0]) => {
      const token = /^\/s\/([A-Za-z0-9_-]{16,64})(?:[/?]|$)/.exec(req.originalUrl)?.[1];
      const lookup = token ? services.participants.byToken(token) : Promise.resolve(null);
      const localised = lookup.then(
        (participant) => {
          if (!participant) return localiseByBrowser(req, res);
          return localise(
            res,
            chooseLanguage(req, res, PARTICIPANT_LANGUAGES, participant.language),
            PARTICIPANT_LANGUAGES,
            `/s/${participant.token}`,
          );
        },
        () => localiseByBrowser(req, res),
      );
      // localise() has replaced this function with the page renderer for that language.
      void localised.then(() => (res.locals.errorPage as ErrorPage)(error));
    };
    next();
  };
}

type Handler = (req: Request, res: Response, visit: Visit, t: Translate) => Promise<void> | void;

/**
 * The participant's route table, mounted at /s: personal link or access code in, then consent,
 * sections, check your answers, submit, receipt. Plain forms and redirects: no JavaScript needed.
 * It brings only what participant pages need, the language first so that even a refused form
 * or an oversized body is explained in the participant's language, then the form parser and
 * CSRF protection it is given. Participants never have a staff session.
 */
export function participantRoutes(services: Services, forms: { body: RequestHandler; csrf: RequestHandler }): Router {
  const router = Router();
  const questionnaires = services.questionnaires;
  router.use(participantLocale(services), forms.body, forms.csrf);

  // Wrong codes only count: 10 per 15 minutes per address, then 429 until the window passes.
  // Counted in the store like sign-ins (ADR 0076).
  const codeAttempts = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 10,
    store: new StoredRateLimits(services.rateLimits, 'access-code:'),
    passOnStoreError: true,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).setHeader('X-Error-Code', 'RATE_LIMITED');
      (res.locals.errorPage as ErrorPage)({ status: 429, code: 'RATE_LIMITED', message: '' });
    },
  });

  /** Resolves the visit from the token and localises the page before the handler runs. */
  const withVisit = (handler: Handler) => async (req: Request, res: Response, next: NextFunction) => {
    const token = String(req.params.token);
    try {
      const visit = await questionnaires.visit(token);
      const offered = (visit.instrument?.languages ?? PARTICIPANT_LANGUAGES).filter((l) =>
        PARTICIPANT_LANGUAGES.includes(l),
      );
      const t = localise(res, chooseLanguage(req, res, offered, visit.participant.language), offered, `/s/${token}`);
      Object.assign(res.locals, {
        participant: visit.participant,
        project: visit.project,
        wave: visit.wave,
        instrument: visit.instrument,
        sections: visit.sections,
      });
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Referrer-Policy', 'no-referrer');
      await handler(req, res, visit, t);
    } catch (error) {
      // Submitted from another tab between reading the visit and writing: what was saved stays
      // saved, and the link's own page now shows the receipt.
      if (isDomainError(error) && error.code === 'ALREADY_SUBMITTED' && !res.headersSent)
        return res.redirect(303, `/s/${token}`);
      next(error);
    }
  };

  const go = (res: Response, visit: Visit, path = '') => res.redirect(303, `/s/${visit.participant.token}${path}`);

  /** The latest published "You said, we did" of a wave before the open one, in the page's language (ADR 0106). */
  const youSaid = async (res: Response, visit: Visit): Promise<YouSaidView | null> => {
    if (!visit.wave) return null;
    const lang = res.locals.lang as string;
    return youSaidView(await services.summaries.shownWith(visit.project, visit.wave, lang), lang);
  };

  /** The project's consent texts in the page's language, each field it left empty built in, and their version. */
  const consentTexts = async (visit: Visit, lang: string) => {
    const saved = await services.consent.current(visit.project);
    return {
      consentVersion: saved?.version ?? BUILT_IN_CONSENT_VERSION,
      consentText: consentTextFor(saved?.texts[lang], builtInConsentText(lang, visit.project.name)),
    };
  };

  const renderConsent = async (res: Response, visit: Visit, errors: PageErrors[], status = 200) => {
    // Agreed already: this is the start the first section's Back link leads to, with the box ticked.
    const agreed = visit.response !== null;
    res.status(status).render('participant/consent', {
      errors,
      agreed,
      ...(await consentTexts(visit, res.locals.lang as string)),
      youSaid: await youSaid(res, visit),
    });
  };

  const renderReceipt = async (res: Response, visit: Visit, alreadySent: boolean) => {
    const response = visit.response!;
    const lang = res.locals.lang as string;
    res.render('participant/receipt', {
      answers: response.answers,
      alreadySent,
      reference: receiptReference(response.participantId, response.waveId),
      submittedAt: formatLocalDateTime(
        isLocale(lang) ? lang : 'en',
        response.submittedAt ?? response.updatedAt,
        visit.timeZone,
      ),
      contact: (await consentTexts(visit, lang)).consentText.contact,
      itemTypeOf,
      youSaid: await youSaid(res, visit),
    });
  };

  router.get('/', (req, res) => {
    localiseByBrowser(req, res);
    res.render('participant/code', { errors: [], value: '' });
  });

  router.post('/', codeAttempts, async (req, res, next) => {
    try {
      const t = localiseByBrowser(req, res);
      const value = typeof req.body?.code === 'string' ? req.body.code.slice(0, 40) : '';
      const token = value.trim() ? await questionnaires.tokenForAccessCode(value) : null;
      if (token) return res.redirect(303, `/s/${token}`);
      res.status(400).render('participant/code', {
        errors: [{ href: 'code', message: value.trim() ? t('codeWrong') : t('codeMissing') }],
        value,
      });
    } catch (error) {
      next(error);
    }
  });

  router.get(
    '/:token',
    withVisit(async (_req, res, visit) => {
      const target = questionnaires.resumeTarget(visit);
      switch (target.kind) {
        case 'no-wave':
          return res.render('participant/no-wave', {
            upcomingOn: visit.upcoming ? formatDate(visit.upcoming.opensOn, res.locals.lang as string) : null,
            scheduled: visit.scheduled,
          });
        case 'consent':
          return renderConsent(res, visit, []);
        case 'receipt':
          return renderReceipt(res, visit, false);
        case 'section':
          return go(res, visit, `/section/${target.index + 1}`);
        case 'check':
          return go(res, visit, '/check');
      }
    }),
  );

  router.get(
    '/:token/consent',
    withVisit(async (_req, res, visit) => {
      if (!visit.wave || visit.response?.status === 'submitted') return go(res, visit);
      await renderConsent(res, visit, []);
    }),
  );

  router.post(
    '/:token/consent',
    withVisit(async (req, res, visit, t) => {
      // No wave open (it closed while the page was on screen) or already sent: the link's page says which.
      if (!visit.wave || visit.response?.status === 'submitted') return go(res, visit);
      const refused = () => renderConsent(res, visit, [{ href: 'consent', message: t('consentRequired') }], 400);
      if (req.body?.consent !== 'yes') return refused();
      // The version of the texts on the page the participant read, which is what they agreed to;
      // a form without it (a script) agrees to the newest.
      const raw: unknown = req.body?.version;
      const shown =
        raw === undefined ? undefined : typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
      try {
        await questionnaires.consent(visit, shown);
      } catch (error) {
        if (isDomainError(error) && error.code === 'VALIDATION') return refused();
        throw error;
      }
      go(res, visit, '/section/1');
    }),
  );

  /** Section pages need an open wave, consent, and a draft that is not yet submitted. */
  const sectionIndex = (req: Request, visit: Visit): number | null => {
    const n = Number(req.params.n);
    return Number.isInteger(n) && n >= 1 && n <= visit.sections.length ? n - 1 : null;
  };
  const notAnswering = (res: Response, visit: Visit): boolean => {
    const target = questionnaires.resumeTarget(visit);
    if (target.kind === 'no-wave' || target.kind === 'consent' || target.kind === 'receipt') {
      go(res, visit);
      return true;
    }
    return false;
  };

  router.get(
    '/:token/section/:n',
    withVisit((req, res, visit) => {
      if (notAnswering(res, visit)) return;
      const index = sectionIndex(req, visit);
      if (index === null) return go(res, visit);
      const saved = visit.response?.answers ?? {};
      const values = Object.fromEntries(Object.entries(saved).map(([k, v]) => [k, String(v)]));
      res.render('participant/section', {
        section: visit.sections[index],
        index,
        errors: [],
        errorsByItem: {},
        values,
        returnTo: req.query.return === 'check',
      });
    }),
  );

  router.post(
    '/:token/section/:n',
    withVisit(async (req, res, visit, t) => {
      if (notAnswering(res, visit)) return;
      const index = sectionIndex(req, visit);
      if (index === null) return go(res, visit);
      const result = await questionnaires.saveSection(visit, index, (req.body ?? {}) as Record<string, unknown>);
      const returnTo = req.query.return === 'check';
      if (!result.ok && result.notSaved) {
        const section = visit.sections[index]!;
        const first = section.items[0];
        const href = first ? itemTypeOf(first).fieldId(visit.instrument!, first) : 'main';
        res.setHeader('X-Error-Code', 'NOT_SAVED');
        res.status(503).render('participant/section', {
          section,
          index,
          errors: [{ href, message: t('notSaved') }],
          errorsByItem: {},
          values: result.values,
          returnTo,
        });
        return;
      }
      if (!result.ok) {
        const section = visit.sections[index]!;
        const errors: PageErrors[] = result.problems.map((p) => {
          const item = section.items.find((i) => i.id === p.itemId)!;
          return {
            href: itemTypeOf(item).fieldId(visit.instrument!, item),
            message: `${item.text[res.locals.lang as string]!.replace(/[.?!:;]+$/, '')}: ${problemMessage(t, p)}`,
          };
        });
        const errorsByItem = Object.fromEntries(result.problems.map((p) => [p.itemId, problemMessage(t, p)]));
        res
          .status(400)
          .render('participant/section', { section, index, errors, errorsByItem, values: result.values, returnTo });
        return;
      }
      if (returnTo || index + 1 >= visit.sections.length) return go(res, visit, '/check');
      go(res, visit, `/section/${index + 2}`);
    }),
  );

  router.get(
    '/:token/check',
    withVisit((_req, res, visit) => {
      if (notAnswering(res, visit)) return;
      const answers = visit.response?.answers ?? {};
      res.render('participant/check', {
        answers,
        unanswered: unansweredBySection(visit.sections, answers),
        itemTypeOf,
      });
    }),
  );

  router.post(
    '/:token/submit',
    withVisit(async (_req, res, visit) => {
      if (!visit.wave || !visit.response) return go(res, visit);
      const { alreadySubmitted } = await questionnaires.submit(visit);
      go(res, visit, alreadySubmitted ? '/done?again=1' : '/done');
    }),
  );

  /**
   * Print headers: participant code, project and wave in the top margin of every printed page.
   * A per-link stylesheet, because our CSP allows no inline style and @page margin boxes take
   * their text from CSS.
   */
  router.get(
    '/:token/print.css',
    withVisit((_req, res, visit, t) => {
      const head = [
        `${t('participant')}: ${visit.participant.code}`,
        `${t('project')}: ${visit.project.name}`,
        visit.wave ? `${t('wave')}: ${visit.wave.label}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      res
        .type('text/css')
        .send(
          `@media print { @page { @top-left { content: ${cssString(head)}; font: 10pt system-ui, sans-serif; } } }\n`,
        );
    }),
  );

  router.get(
    '/:token/done',
    withVisit(async (req, res, visit) => {
      if (visit.response?.status !== 'submitted') return go(res, visit);
      await renderReceipt(res, visit, req.query.again === '1');
    }),
  );

  return router;
}
