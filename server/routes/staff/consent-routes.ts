import type { Response, Router } from 'express';
import { staffMessages } from '../../i18n/staff-messages.js';
import { z } from 'zod';
import { CONSENT_FIELDS, checkConsentTexts, consentFieldName, consentTextFor } from '../../domain/consent-texts.js';
import type { ConsentText, ConsentTexts, Project } from '../../domain/records.js';
import { isLocale, LANGUAGE_NAMES } from '../../i18n/catalogue.js';
import { builtInConsentText } from '../../i18n/consent-defaults.js';
import { formatLocalDate } from '../../i18n/format.js';
import { translator as participantTranslator } from '../../i18n/participant-messages.js';
import type { Services } from '../../services/services.js';
import { handleForm, type FieldErrors } from './form.js';
import { noticeFrom, page, projectOf, staffOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';

const consentForm = z.looseObject({ action: z.enum(['save', 'preview']).default('save') });

/** The form's values: the saved texts, each field under its form name. */
function valuesOf(saved: ConsentTexts | null, languages: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const lang of languages)
    for (const field of CONSENT_FIELDS) values[consentFieldName(lang, field)] = saved?.texts[lang]?.[field] ?? '';
  return values;
}

/** Each language's texts as a participant reads them, with the headings of their consent page. */
function previewOf(project: Project, texts: Record<string, ConsentText> | undefined, languages: readonly string[]) {
  return languages.map((lang) => ({
    lang,
    name: isLocale(lang) ? LANGUAGE_NAMES[lang] : lang,
    pt: participantTranslator(lang),
    text: consentTextFor(texts?.[lang], builtInConsentText(lang, project.name)),
  }));
}

/**
 * A lead sets the project's consent texts in each language of its questionnaire: every save is a
 * new version (ADR 0094). "Preview" shows what participants would read without saving.
 */
export function registerConsentRoutes(router: Router, services: Services): void {
  const guard = pageGuard(services, 'consent');

  const consentPage = async (
    res: Response,
    options: {
      status?: number;
      errors?: FieldErrors;
      values?: Record<string, string>;
      preview?: Record<string, ConsentText>;
      notice?: string | null;
    },
  ) => {
    const project = projectOf(res);
    const locale = res.locals.locale ?? 'en';
    const t = staffMessages.translator(locale);
    const languages = await services.consent.languages(project);
    const saved = await services.consent.current(project);
    page(
      res,
      'project-consent',
      {
        title: `${t('consentPageTitle')} – ${project.name}`,
        t,
        languages: languages.map((lang) => ({
          lang,
          name: isLocale(lang) ? LANGUAGE_NAMES[lang] : lang,
          builtIn: builtInConsentText(lang, project.name),
        })),
        fields: CONSENT_FIELDS,
        fieldName: consentFieldName,
        current: saved
          ? {
              version: saved.version,
              date: formatLocalDate(locale, saved.savedAt, services.projects.timeZoneOf(project)),
            }
          : null,
        errors: options.errors ?? {},
        values: options.values ?? valuesOf(saved, languages),
        preview: previewOf(project, options.preview ?? saved?.texts, languages),
        previewUnsaved: options.preview !== undefined,
        notice: options.notice ?? null,
      },
      options.status ?? 200,
    );
  };

  router.get(STAFF_PAGES.consent.path, guard, (req, res) => consentPage(res, { notice: noticeFrom(req) }));

  router.post(STAFF_PAGES.consent.path, guard, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    await handleForm(
      res,
      consentForm,
      body,
      (status, errors, values) => consentPage(res, { status, errors, values }),
      async (data) => {
        const project = projectOf(res);
        if (data.action === 'preview') {
          const typed = checkConsentTexts(await services.consent.languages(project), body);
          const values = Object.fromEntries(
            Object.entries(body).filter(([key, value]) => key !== '_csrf' && typeof value === 'string'),
          ) as Record<string, string>;
          return consentPage(res, { values, preview: typed });
        }
        const saved = await services.consent.save(project, body, staffOf(res).id);
        res.redirect(
          303,
          `${STAFF_PAGES.consent.path.replace(':slug', project.slug)}?done=${encodeURIComponent(`consent texts saved as version ${saved.version}`)}`,
        );
      },
    );
  });
}
