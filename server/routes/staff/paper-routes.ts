import type { Router } from 'express';
import { formatDate, translator } from '../../i18n/participant-messages.js';
import { sectionsForGroup } from '../../domain/answer-form.js';
import type { Scale } from '../../domain/instrument.js';
import { requireProjectRole } from '../../http/require-role.js';
import type { Services } from '../../services/services.js';
import { noticeFrom, page, param, projectOf, staffOf } from './render.js';

const MESSAGES = {
  out_of_scale: 'Type one of the box numbers, NA, or leave it empty',
  not_applicable_not_offered: 'This question has no "does not apply" box: type a number or leave it empty',
  too_long: 'This answer is longer than 5,000 characters',
} as const;

function describeScale(scale: Scale, lang: string): { scaleHelp: string; naLabel: string } {
  const labels = scale.labels[lang] ?? [];
  return {
    scaleHelp: labels.map((label, i) => `${scale.min + i} = ${label}`).join(', '),
    naLabel: scale.notApplicable?.[lang] ?? 'does not apply',
  };
}

/**
 * Paper questionnaires: the printable pack (cover letters with QR codes, then blank
 * questionnaires) and keying returned ones in. Leads and data-entry staff only.
 */
export function registerPaperRoutes(router: Router, services: Services): void {
  const paperStaff = requireProjectRole(services, 'lead', 'data-entry');

  router.get('/projects/:slug/paper', paperStaff, async (req, res) => {
    const project = projectOf(res);
    const waves = await services.waves.list(project);
    const participants = (await services.participants.list(project)).filter((p) => p.status === 'active');
    const today = services.clock.today();
    const current = waves.filter((w) => w.opensOn <= today).at(-1) ?? waves[0];
    page(res, 'paper/index', { title: 'Paper questionnaires', waves, participants, defaultWaveId: current?.id ?? null, notice: noticeFrom(req) });
  });

  router.get('/projects/:slug/waves/:waveId/paper-pack', paperStaff, async (req, res) => {
    const code = typeof req.query.participant === 'string' && req.query.participant.trim() ? req.query.participant.trim() : undefined;
    const pack = await services.paper.pack(projectOf(res), param(req, 'waveId'), code);
    res.render('staff/paper/pack', { ...pack, translatorFor: translator, formatDate });
  });

  const entryContext = async (project: ReturnType<typeof projectOf>, waveId: string, code: string) => {
    const { wave, instrument } = await services.paper.wave(project, waveId);
    const participant = await services.paper.participantForEntry(project, code);
    const lang = instrument.languages.includes(participant.language) ? participant.language : (instrument.languages[0] ?? 'en');
    const sections = sectionsForGroup(instrument, participant.group);
    const firstScale = sections.flatMap((s) => s.items).find((i) => i.type === 'scale');
    const scale = firstScale?.type === 'scale' ? instrument.scales[firstScale.scale] : undefined;
    const existing = await services.paper.savedResponse(participant, wave);
    return { wave, instrument, participant, lang, sections, existing, ...(scale ? describeScale(scale, lang) : { scaleHelp: '', naLabel: '' }) };
  };

  const queryParams = (req: { query: Record<string, unknown> }) => ({
    waveId: typeof req.query.wave === 'string' ? req.query.wave : '',
    code: typeof req.query.participant === 'string' ? req.query.participant.trim() : '',
  });

  router.get('/projects/:slug/paper/entry', paperStaff, async (req, res) => {
    const { waveId, code } = queryParams(req);
    const context = await entryContext(projectOf(res), waveId, code);
    page(res, 'paper/entry', { title: `Key in ${context.participant.code}`, ...context, errorList: [], errorsByItem: {}, values: {} });
  });

  router.post('/projects/:slug/paper/entry', paperStaff, async (req, res) => {
    const project = projectOf(res);
    const { waveId, code } = queryParams(req);
    const context = await entryContext(project, waveId, code);
    if (context.existing?.status === 'submitted') {
      page(res, 'paper/entry', { title: `Key in ${context.participant.code}`, ...context, errorList: [], errorsByItem: {}, values: {} }, 409);
      return;
    }
    const result = await services.paper.record({ project, ...context }, (req.body ?? {}) as Record<string, unknown>, staffOf(res).id);
    if (!result.ok) {
      const errorsByItem = Object.fromEntries(result.problems.map((p) => [p.itemId, MESSAGES[p.reason]]));
      const errorList = result.problems.map((p) => ({ id: p.itemId, message: `${p.itemId}: ${MESSAGES[p.reason]}` }));
      page(res, 'paper/entry', { title: `Key in ${context.participant.code}`, ...context, errorList, errorsByItem, values: result.values }, 400);
      return;
    }
    // noticeFrom shows plain words only (no commas, no wave label of any spelling), or nothing at all.
    res.redirect(303, `/projects/${project.slug}/paper?done=${encodeURIComponent(`Saved ${context.participant.code} as a paper response`)}`);
  });
}
