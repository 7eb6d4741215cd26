import type { Router } from 'express';
import { formatDate, translator } from '../../i18n/participant-messages.js';
import type { Mailer } from '../../services/mailer.js';
import type { Services } from '../../services/services.js';
import { paperWords } from './paper-words.js';
import { noticeFrom, page, projectOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';

/**
 * Whom to contact today for the open wave. With SMTP the emails go by themselves (and can be
 * sent now from here); whoever has no address, or every one without SMTP, is listed to be
 * reached by letter or phone.
 */
export function registerInvitationRoutes(router: Router, services: Services, mailer: Mailer | null): void {
  const inviters = pageGuard(services, 'contacts');

  router.get(STAFF_PAGES.contacts.path, inviters, async (req, res) => {
    const project = projectOf(res);
    const { wave, messages } = await services.invitations.due(project);
    page(res, 'contacts', {
      title: `Invitations – ${project.name}`,
      wave,
      messages,
      smtp: mailer !== null,
      notice: noticeFrom(req),
    });
  });

  // Letters for everyone listed above (those without email, or everyone without SMTP), reusing
  // the paper pack: a cover letter with QR code, and the questionnaire for paper participants.
  router.get('/projects/:slug/contacts/letters', inviters, async (req, res) => {
    const project = projectOf(res);
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
      heading: 'Invitation and reminder letters',
      emptyText: 'Nobody needs a letter today.',
    });
  });

  router.post('/projects/:slug/invitations/send', inviters, async (_req, res) => {
    const project = projectOf(res);
    if (!mailer) return res.redirect(303, `/projects/${project.slug}/contacts`);
    const report = await services.invitations.sendDue(mailer, project);
    res.redirect(
      303,
      `/projects/${project.slug}/contacts?done=${encodeURIComponent(`sent ${report.sent}, failed ${report.failed}${report.unaudited > 0 ? `, ${report.unaudited} not in the audit log` : ''}`)}`,
    );
  });
}
