import type { Response, Router } from 'express';
import { staffMessages } from '../../i18n/staff-messages.js';
import { z } from 'zod';
import { englishText } from '../../domain/english-text.js';
import type { LocalizedText } from '../../domain/instrument.js';
import { isScored } from '../../domain/item-types/registry.js';
import { requireProjectRole } from '../../http/require-role.js';
import type { Services } from '../../services/services.js';
import { handleForm, type FieldErrors } from './form.js';
import { doneSentence, page, param, projectOf, roleIn, staffOf } from './render.js';
import { receiptReference } from '../../domain/receipt-reference.js';
import { shownAt } from './staff-time.js';

// The answers are read by the service, item by item; here only the reason's shape.
const correctionForm = z.looseObject({ reason: z.string().default('') });

/**
 * One submitted response, its correction form and its history (issue 14, part 4). Leads may
 * correct any response, data-entry staff those keyed in from paper: the guard lets both roles
 * in, the service decides per response.
 */
export function registerResponseRoutes(router: Router, services: Services): void {
  const guard = requireProjectRole(services, 'lead', 'data-entry');
  const path = '/projects/:slug/responses/:code/:waveId';

  async function responsePage(
    res: Response,
    code: string,
    waveId: string,
    status = 200,
    errors: FieldErrors = {},
    values?: Record<string, string>,
    notice: { sentence: string } | null = null,
  ) {
    const project = projectOf(res);
    const view = await services.corrections.open(project, code, waveId, roleIn(res));
    const current: Record<string, string> = {};
    for (const [itemId, value] of Object.entries(view.response.answers)) current[itemId] = String(value);
    const zone = services.projects.timeZoneOf(project);
    const at = (instant: string | null | undefined) => shownAt(res, instant, zone);
    page(
      res,
      'response',
      {
        title: `${view.participant.code}, ${view.wave.label} – ${project.name}`,
        ...view,
        history: view.history.map((r) => ({ ...r, atShown: at(r.at) })),
        times: {
          zone,
          submitted: at(view.response.submittedAt),
          revised: at(view.response.revisedAt),
          firstKeyed: at(view.keying?.first.at),
          secondKeyed: at(view.keying?.second?.at),
          reconciled: at(view.keying?.reconciledAt),
        },
        englishText,
        // The questionnaire's own words in the page's language where it has them.
        textIn: (text: LocalizedText) => text[res.locals.locale ?? 'en'] ?? englishText(text),
        isScored,
        // The participant's own receipt reference and the consent they gave, for a web response.
        consentLine:
          view.response.consentVersion === null
            ? null
            : staffMessages.translator(res.locals.locale ?? 'en')('consentOfResponse', {
                reference: receiptReference(view.response.participantId, view.response.waveId),
                version: String(view.response.consentVersion),
              }),
        errors,
        notice,
        values: values ?? current,
      },
      status,
    );
  }

  router.get(path, guard, (req, res) =>
    responsePage(
      res,
      param(req, 'code'),
      param(req, 'waveId'),
      200,
      {},
      undefined,
      doneSentence(req, res, [[/^corrected (\d+) answers?$/, (t, n) => t('response.corrected', { count: Number(n) })]]),
    ),
  );

  router.post(path, guard, async (req, res) => {
    const code = param(req, 'code');
    const waveId = param(req, 'waveId');
    await handleForm(
      res,
      correctionForm,
      req.body,
      (status, errors, values) => responsePage(res, code, waveId, status, errors, values),
      async (data) => {
        const { changed } = await services.corrections.correct(
          projectOf(res),
          code,
          waveId,
          req.body as Record<string, unknown>,
          data.reason,
          { id: staffOf(res).id, role: roleIn(res) },
        );
        const done = `corrected ${changed.length} answer${changed.length === 1 ? '' : 's'}`;
        res.redirect(
          303,
          `/projects/${projectOf(res).slug}/responses/${encodeURIComponent(code)}/${encodeURIComponent(waveId)}?done=${encodeURIComponent(done)}`,
        );
      },
    );
  });
}
