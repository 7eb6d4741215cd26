import type { Request, Response, Router } from 'express';
import { isDomainError } from '../../domain/errors.js';
import { formatCalendarDate } from '../../i18n/format.js';
import { formatDate, translator } from '../../i18n/participant-messages.js';
import type { Mailer } from '../../services/mailer.js';
import type { Services } from '../../services/services.js';
import { contactsText } from './edge-translator.js';
import { paperWords } from './paper-words.js';
import { page, projectOf, staffOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';
import { returnContacts } from './paper-return.js';

/** What a send did, carried across its redirect as numbers and said in the reader's language. */
const REPORT_FIELDS = ['sent', 'failed', 'unaudited'] as const;

/**
 * Whom to contact today for the open wave. With SMTP the emails go by themselves (and can be
 * sent now from here); whoever has no address, or every one without SMTP, is listed to be
 * reached by letter or phone, and can be downloaded as a mail-merge list.
 */
export function registerInvitationRoutes(router: Router, services: Services, mailer: Mailer | null): void {
  const inviters = pageGuard(services, 'contacts');

  async function contactsPage(req: Request, res: Response, status = 200, refusal: string | null = null) {
    const project = projectOf(res);
    const { locale, t } = contactsText(req);
    const { wave, messages } = await services.invitations.due(project);
    const manual = mailer ? messages.filter((m) => !m.email) : messages;
    const languageName = (code: string) => (code === 'en' || code === 'it' ? t(`contacts.language.${code}`) : code);
    page(
      res,
      'contacts',
      {
        title: t('contacts.title', { project: project.name }),
        t,
        wave,
        closesOn: wave ? formatCalendarDate(locale, wave.closesOn) : null,
        smtp: mailer !== null,
        // Offered only when it can succeed: emails with links that open nowhere else are refused.
        emailsDue:
          mailer && !services.system.publicAddress().onlyThisComputer ? messages.filter((m) => m.email).length : 0,
        manual: manual.map((m) => ({
          code: m.participant.code,
          kind: t(`contacts.kind.${m.kind}`),
          group: m.participant.group,
          language: languageName(m.participant.language),
          mode: t(`contacts.mode.${m.participant.mode}`),
          email: m.email,
          accessCode: m.accessCode,
          link: m.link,
        })),
        notice: sendReport(req, t),
        refusal,
      },
      status,
    );
  }

  router.get(STAFF_PAGES.contacts.path, inviters, (req, res) => contactsPage(req, res));

  // Letters for everyone listed above (those without email, or everyone without SMTP), reusing
  // the paper pack: a cover letter with QR code, and the questionnaire for paper participants.
  router.get('/projects/:slug/contacts/letters', inviters, async (req, res) => {
    const project = projectOf(res);
    const { t } = contactsText(req);
    const { wave, messages } = await services.invitations.due(project);
    if (!wave) return res.redirect(303, `/projects/${project.slug}/contacts`);
    const manual = mailer ? messages.filter((m) => !m.email) : messages;
    const pack = await services.paper.letters(
      project,
      wave.id,
      manual.map((m) => ({ participantId: m.participant.id, kind: m.kind })),
    );
    res.render('staff/paper/pack', {
      ...pack,
      // The pack's screen note is paper's; its heading and empty text stay this page's own.
      ...paperWords(req, res),
      translatorFor: translator,
      formatDate,
      returnContacts: await returnContacts(services, project),
      heading: t('contacts.lettersHeading'),
      emptyText: t('contacts.lettersEmpty'),
    });
  });

  // The same people as the letters, as CSV for a mail merge (ADR 0099), with a byte-order mark
  // like every CSV downloaded in the browser (ADR 0051), so a spreadsheet reads accents right.
  router.get('/projects/:slug/contacts/contacts.csv', inviters, async (_req, res) => {
    const project = projectOf(res);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${project.slug}-contacts.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    await services.invitations.writeContactList(project, mailer === null, res, staffOf(res).id, { bom: true });
  });

  router.post('/projects/:slug/invitations/send', inviters, async (req, res) => {
    const project = projectOf(res);
    if (!mailer) return res.redirect(303, `/projects/${project.slug}/contacts`);
    try {
      const report = await services.invitations.sendDue(mailer, project);
      const query = REPORT_FIELDS.map((field) => `${field}=${report[field]}`).join('&');
      res.redirect(303, `/projects/${project.slug}/contacts?${query}`);
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'BASE_URL_NOT_SET') throw error;
      // Nothing was claimed or sent: the page says why, in the reader's language (ADR 0097).
      res.setHeader('X-Error-Code', error.code);
      const { t } = contactsText(req);
      await contactsPage(
        req,
        res,
        409,
        t('contacts.refusedBaseUrl', { baseUrl: services.system.publicAddress().baseUrl }),
      );
    }
  });
}

/** The confirmation after a send, from the counts in the query; null when there are none. */
function sendReport(req: Request, t: ReturnType<typeof contactsText>['t']): string | null {
  const counts = REPORT_FIELDS.map((field) => {
    const value = req.query[field];
    return typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : null;
  });
  const [sent, failed, unaudited] = counts;
  if (sent === null || sent === undefined) return null;
  const parts = [t('contacts.sent', { count: sent })];
  if (failed) parts.push(t('contacts.failed', { count: failed }));
  if (unaudited) parts.push(t('contacts.unaudited', { count: unaudited }));
  return parts.join(', ');
}
