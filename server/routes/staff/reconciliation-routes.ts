import type { Request, Response, Router } from 'express';
import { isDomainError } from '../../domain/errors.js';
import { itemTypeOf } from '../../domain/item-types/registry.js';
import { NOT_APPLICABLE } from '../../domain/answers.js';
import { choiceField, paperField } from '../../services/double-entry-service.js';
import type { Services } from '../../services/services.js';
import type { FieldErrors } from './form.js';
import { paperWords } from './paper-words.js';
import { page, param, projectOf, roleIn, staffOf } from './render.js';
import { shownAt } from './staff-time.js';
import { pageGuard } from './staff-pages.js';

/**
 * Double data entry's third step (issue 14, part 3): the items on which two keyings of a paper
 * form differ, side by side, for a lead or a third data-entry account to settle from the paper.
 */
export function registerReconciliationRoutes(router: Router, services: Services): void {
  const guard = pageGuard(services, 'paper');
  const path = '/projects/:slug/paper/reconcile/:code/:waveId';

  async function reconcilePage(
    req: Request,
    res: Response,
    code: string,
    waveId: string,
    status = 200,
    errors: FieldErrors = {},
    values: Record<string, string> = {},
  ) {
    const project = projectOf(res);
    const { wave, instrument } = await services.paper.wave(project, waveId);
    const participant = await services.paper.participantForEntry(project, code);
    const view = await services.doubleEntry.openReconciliation(project, participant, wave, {
      id: staffOf(res).id,
      role: roleIn(res),
    });
    const words = paperWords(req, res);
    const lang = instrument.languages.includes(participant.language)
      ? participant.language
      : (instrument.languages[0] ?? 'en');
    // A keyed value with its label, as on the review page: "4 = D'accordo", "NA", or "(blank)".
    const shown = (item: (typeof view.differing)[number]['item'], value: string | null) => {
      if (value === null) return words.pt('paperBlank');
      if (value === NOT_APPLICABLE) return words.pt('paperNotApplicable');
      if (itemTypeOf(item).paperEntry.control !== 'box-value') return value;
      return `${value} = ${itemTypeOf(item).answerText(instrument, item, Number(value), lang)}`;
    };
    page(
      res,
      'paper/reconcile',
      {
        ...words,
        title: words.pt('paperReconcileTitle', { code: participant.code, wave: wave.label }),
        participant,
        wave,
        lang,
        keying: view.keying,
        keyedAt: {
          first: shownAt(res, view.keying.first.at, services.projects.timeZoneOf(project)),
          second: shownAt(res, view.keying.second?.at, services.projects.timeZoneOf(project)),
          zone: services.projects.timeZoneOf(project),
        },
        names: view.names,
        rows: view.differing.map((d) => ({
          id: d.item.id,
          question: d.item.text[lang] ?? '',
          first: shown(d.item, d.first),
          second: shown(d.item, d.second),
          choiceField: choiceField(d.item.id),
          paperField: paperField(d.item.id),
          textAnswer: itemTypeOf(d.item).paperEntry.control !== 'box-value',
        })),
        errors,
        values,
      },
      status,
    );
  }

  router.get(path, guard, (req, res) => reconcilePage(req, res, param(req, 'code'), param(req, 'waveId')));

  router.post(path, guard, async (req, res) => {
    const project = projectOf(res);
    const code = param(req, 'code');
    const waveId = param(req, 'waveId');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { wave } = await services.paper.wave(project, waveId);
    const participant = await services.paper.participantForEntry(project, code);
    try {
      await services.doubleEntry.reconcile(project, participant, wave, body, {
        id: staffOf(res).id,
        role: roleIn(res),
      });
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'VALIDATION') throw error;
      // The service words each problem in English for the log; the page says it in the reader's
      // language by the field it is on (ADR 0112).
      const { pt } = paperWords(req, res);
      const errors: FieldErrors = {};
      for (const p of error.problems)
        errors[p.where] ??= p.where.startsWith(paperField(''))
          ? pt('paperOutOfScale')
          : p.where.startsWith(choiceField(''))
            ? pt('paperChooseOne')
            : p.message;
      const values: Record<string, string> = {};
      for (const [key, value] of Object.entries(body))
        if (typeof value === 'string' && key !== '_csrf') values[key] = value;
      res.setHeader('X-Error-Code', error.code);
      await reconcilePage(req, res, code, waveId, 400, errors, values);
      return;
    }
    const done = paperWords(req, res).pt('paperSavedReconciled', { code: participant.code });
    res.redirect(303, `/projects/${project.slug}/paper?done=${encodeURIComponent(done)}`);
  });
}
