import type { Request, Response, Router } from 'express';
import { staffMessages } from '../../i18n/staff-messages.js';
import { stripControlCharacters } from '../../domain/control-characters.js';
import { isDomainError, wasRolledBack } from '../../domain/errors.js';
import type { Project, SummaryTexts, Wave } from '../../domain/records.js';
import {
  MAX_SUMMARY_TEXT_LENGTH,
  SUMMARY_PARTS,
  summaryField,
  summaryIn,
  type SummaryProblem,
} from '../../domain/wave-summary.js';
import { isLocale, negotiateLocale, type Locale, type Translate } from '../../i18n/catalogue.js';
import { formatDate, translator as participantTranslator } from '../../i18n/participant-messages.js';
import { en } from '../../i18n/staff/summaries.js';
import { requireProjectRole } from '../../http/require-role.js';
import type { Services } from '../../services/services.js';
import type { SummaryPage, SummaryResult } from '../../services/wave-summary-service.js';
import { youSaidView } from '../participant/you-said-view.js';
import { page, param, projectOf, staffOf } from './render.js';

type SummaryKey = keyof typeof en;

/**
 * The staff text of these pages in the page's language: the account's choice, else the
 * browser's, as staffLocale set it for every staff request (ADR 0110).
 */
export function summaryTranslator(req: Request): { locale: Locale; t: Translate<SummaryKey> } {
  const chosen: unknown = req.res?.locals.locale;
  const locale = isLocale(chosen) ? chosen : negotiateLocale(req.get('accept-language'));
  return { locale, t: staffMessages.translator(locale) };
}

const NOTICES: Record<string, SummaryKey> = {
  saved: 'summarySavedNotice',
  published: 'summaryPublishedNotice',
  unpublished: 'summaryUnpublishedNotice',
};

/** A language named in the staff page's language: "Italian", "inglese". */
function languageName(code: string, locale: Locale): string {
  return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
}

/** The form's fields as typed, for the form shown again: only control characters are dropped (ADR 0078). */
function typedValues(body: unknown, languages: readonly string[]): Record<string, string> {
  const form = (body ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const language of languages)
    for (const part of SUMMARY_PARTS) {
      const field = summaryField(part, language);
      const value = form[field];
      values[field] = typeof value === 'string' ? stripControlCharacters(value) : '';
    }
  return values;
}

function valuesOf(texts: SummaryTexts, languages: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const language of languages)
    for (const part of SUMMARY_PARTS) values[summaryField(part, language)] = texts[language]?.[part] ?? '';
  return values;
}

/**
 * "You said, we did" for leads (issue 19): one page per wave to write the summary in every
 * project language, save it as a draft, preview it as participants will see it in each
 * language, and publish or unpublish it. One form with three buttons, so every action carries
 * the texts as typed and nothing typed is lost (ADR 0107).
 */
export function registerSummaryRoutes(router: Router, services: Services): void {
  const lead = requireProjectRole(services, 'lead');
  const path = '/projects/:slug/waves/:waveId/summary';

  async function render(
    req: Request,
    res: Response,
    options: {
      status?: number;
      values?: Record<string, string>;
      problems?: SummaryProblem[];
      formError?: SummaryKey | null;
      preview?: SummaryTexts | null;
    } = {},
  ): Promise<void> {
    const project = projectOf(res);
    const { locale, t } = summaryTranslator(req);
    const summaryPage = await services.summaries.page(project, param(req, 'waveId'));
    const { wave, languages, summary } = summaryPage;
    const names = await userNames(summaryPage);
    // Own keys only: "?done=__proto__" names no notice.
    const asked = req.query.done;
    const done = typeof asked === 'string' && Object.hasOwn(NOTICES, asked) ? NOTICES[asked] : undefined;
    page(
      res,
      'summary',
      {
        title: t('summaryTitle', { wave: wave.label }),
        t,
        locale,
        wave,
        languages: languages.map((code) => ({ code, name: languageName(code, locale) })),
        summary,
        publishedLine: summary?.published
          ? t('summaryPublished', {
              version: String(summary.published.version),
              date: formatDate(summary.published.at, locale),
              name: names.get(summary.published.by) ?? summary.published.by,
            })
          : t('summaryNotPublished'),
        draftLine: summary
          ? t('summaryDraftSaved', {
              date: formatDate(summary.draftAt, locale),
              name: names.get(summary.draftBy) ?? summary.draftBy,
            })
          : null,
        smallGroupsLine:
          summaryPage.smallGroups.length > 0
            ? t('summarySmallGroups', { groups: groupNames(project, summaryPage.smallGroups, locale) })
            : t('summaryNoSmallGroups'),
        values: options.values ?? valuesOf(summary?.draft ?? {}, languages),
        fieldErrors: fieldErrors(options.problems ?? [], project, locale, t),
        formError: options.formError ? t(options.formError) : null,
        notice: done ? t(done) : null,
        maxLength: MAX_SUMMARY_TEXT_LENGTH,
        previews: options.preview ? previews(project, options.preview, wave, languages, locale, t) : null,
      },
      options.status ?? 200,
    );
  }

  /** Who saved and who published, by name; an account since removed shows its id. */
  async function userNames(summaryPage: SummaryPage): Promise<Map<string, string>> {
    const ids = new Set([summaryPage.summary?.draftBy, summaryPage.summary?.published?.by].filter(Boolean) as string[]);
    const names = new Map<string, string>();
    for (const id of ids) {
      const user = await services.users.get(id);
      if (user) names.set(id, user.name);
    }
    return names;
  }

  /** Each project language's preview: the participant partial in that language, as shownWith would give it. */
  function previews(
    project: Project,
    texts: SummaryTexts,
    wave: Wave,
    languages: string[],
    locale: Locale,
    t: Translate<SummaryKey>,
  ) {
    // As if published today, by the services' clock, where the project is.
    const at = services.clock.today(project);
    return languages.map((language) => {
      const text = summaryIn(texts, language, languages);
      return {
        language,
        heading: t('summaryPreviewTitle', { language: languageName(language, locale) }),
        nothing: text ? null : t('summaryPreviewNothing', { language: languageName(language, locale) }),
        youSaid: youSaidView(text ? { ...text, wave, publishedAt: at, version: 0 } : null, language),
        pt: participantTranslator(language),
      };
    });
  }

  function fieldErrors(problems: SummaryProblem[], project: Project, locale: Locale, t: Translate<SummaryKey>) {
    const errors: Record<string, string> = {};
    for (const p of problems) {
      const message =
        p.kind === 'too-long'
          ? t('summaryTooLong', { max: p.max })
          : p.kind === 'half-written'
            ? t('summaryHalfWritten', { language: languageName(p.language, locale) })
            : p.kind === 'nothing-written'
              ? t('summaryNothingWritten')
              : t('summaryNumbers', {
                  found: p.found.map((f) => `«${f}»`).join(', '),
                  groups: groupNames(project, p.groups, locale),
                });
      errors[p.where] ??= message;
    }
    return errors;
  }

  /** Renders the outcome of a save, preview or publish that was refused or failed. */
  async function refused(req: Request, res: Response, result: Extract<SummaryResult, { ok: false }>) {
    res.setHeader('X-Error-Code', result.code);
    const { languages } = await services.summaries.page(projectOf(res), param(req, 'waveId'));
    await render(req, res, {
      status: 400,
      values: typedValues(req.body, languages),
      problems: result.problems,
      // A text too long is not kept at all; otherwise a refused publication was kept as the draft.
      formError: result.problems.some((p) => p.kind === 'too-long') ? null : 'summaryNotPublishedBecause',
    });
  }

  /** A fault that undid the save: the form comes back as typed, saying plainly that nothing was kept (ADR 0069). */
  async function notSaved(req: Request, res: Response, error: unknown): Promise<void> {
    if (res.headersSent || !wasRolledBack(error) || isDomainError(error)) throw error;
    (res.locals.log ?? console.error)(
      `${req.method} ${req.originalUrl}: not saved: ${(error as Error)?.stack ?? String(error)}`,
    );
    res.setHeader('X-Error-Code', 'NOT_SAVED');
    const { languages } = await services.summaries.page(projectOf(res), param(req, 'waveId'));
    await render(req, res, { status: 503, values: typedValues(req.body, languages), formError: 'summaryNotSaved' });
  }

  router.get(path, lead, (req, res) => render(req, res));

  router.post(path, lead, async (req, res) => {
    const project = projectOf(res);
    const waveId = param(req, 'waveId');
    const form = (req.body ?? {}) as Record<string, unknown>;
    const action = form.action === 'publish' ? 'publish' : form.action === 'preview' ? 'preview' : 'save';
    try {
      const result =
        action === 'publish'
          ? await services.summaries.publish(project, waveId, form, staffOf(res).id)
          : await services.summaries.saveDraft(project, waveId, form, staffOf(res).id);
      if (!result.ok) return await refused(req, res, result);
      if (action === 'preview') return await render(req, res, { preview: result.texts });
      res.redirect(
        303,
        `/projects/${project.slug}/waves/${waveId}/summary?done=${action === 'publish' ? 'published' : 'saved'}`,
      );
    } catch (error) {
      await notSaved(req, res, error);
    }
  });

  router.post(`${path}/unpublish`, lead, async (req, res) => {
    const project = projectOf(res);
    const waveId = param(req, 'waveId');
    try {
      await services.summaries.unpublish(project, waveId, staffOf(res).id);
      res.redirect(303, `/projects/${project.slug}/waves/${waveId}/summary?done=unpublished`);
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'NOT_PUBLISHED') return notSaved(req, res, error);
      res.setHeader('X-Error-Code', error.code);
      await render(req, res, { status: 409, formError: 'summaryNothingToUnpublish' });
    }
  });
}

/** Stakeholder groups by their label in the staff page's language, else English, else their id. */
function groupNames(project: Project, ids: readonly string[], locale: Locale): string {
  return ids
    .map((id) => {
      const label = project.groups.find((g) => g.id === id)?.label;
      return label?.[locale] ?? label?.en ?? id;
    })
    .join(', ');
}
