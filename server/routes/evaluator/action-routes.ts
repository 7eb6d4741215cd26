import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { ACTION_RULES, type ActionRule } from '../../domain/actions/action-input.js';
import { ACTION_STATUSES, type CellAction, type Project } from '../../domain/records.js';
import type { Locale } from '../../i18n/catalogue.js';
import { requireProjectRole } from '../../http/require-role.js';
import type { Services } from '../../services/services.js';
import { handleForm, type FieldErrors } from '../staff/form.js';
import { param, projectOf, roleIn, staffOf } from '../staff/render.js';
import { actionLabels, actionRow, type ActionLabels } from './actions-model.js';
import { staffActionsTranslator, type ActionsTranslate } from './actions-translator.js';

/** The domain checks the fields (action-input.ts); this only makes sure there is a form. */
const ANY_FORM = z.record(z.string(), z.unknown());

/** The rule codes the domain names, in the reader's words; anything else (a fault's message) as it is. */
function wordErrors(t: ActionsTranslate, errors: FieldErrors): FieldErrors {
  const worded: FieldErrors = {};
  for (const [field, rule] of Object.entries(errors)) worded[field] = isRule(rule) ? t(`error.${rule}`) : rule;
  return worded;
}
const isRule = (text: string): text is ActionRule => (ACTION_RULES as readonly string[]).includes(text);

/** What a form field shows for an action already recorded. */
const valuesOf = (a: CellAction): Record<string, string> => ({
  what: a.what,
  owner: a.owner,
  due: a.dueOn,
  meeting_on: a.meetingOn,
  meeting: a.meeting,
  status: a.status,
  status_note: a.statusNote,
});

const statusOptions = (t: ActionsTranslate) => ACTION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }));

async function labelsFor(services: Services, project: Project, locale: Locale): Promise<ActionLabels> {
  return actionLabels(project, [...(await services.projects.instrumentsInUse(project)).values()], locale);
}

const canEdit = (res: Response) => ['lead', 'admin'].includes(roleIn(res));

/**
 * Actions (issue 19), in the evaluators' route table: leads and evaluators read them; only leads
 * record and change them. Every form carries the CSRF token; a form with problems comes back as
 * typed, each problem beside its field, in the reader's language.
 */
export function registerActionRoutes(router: Router, services: Services): void {
  const readers = requireProjectRole(services, 'lead', 'evaluator');
  const leads = requireProjectRole(services, 'lead');

  const listPage = async (
    req: Request,
    res: Response,
    status: number,
    errors: FieldErrors,
    values: Record<string, string>,
  ) => {
    const { locale, t } = staffActionsTranslator(res);
    const project = projectOf(res);
    const [options, followUps, labels] = await Promise.all([
      services.actions.cellOptions(project),
      services.actions.followUps(project),
      labelsFor(services, project, locale),
    ]);
    const done = req.query.done;
    res.status(status).render('evaluator/actions', {
      title: `${t('page.title')} – ${project.name}`,
      t,
      locale,
      rows: followUps.map((f) => actionRow(t, locale, labels, f)),
      canEdit: canEdit(res),
      options: {
        waves: options.waves.map((w) => ({ value: w.index, label: w.label })),
        groups: options.groups.map((g) => ({ value: g, label: labels.group(g) })),
        dimensions: options.dimensions.map((d) => ({ value: d, label: labels.dimension(d) })),
      },
      statuses: statusOptions(t),
      values,
      errors: wordErrors(t, errors),
      notice: done === 'recorded' ? t('page.recorded') : done === 'changed' ? t('page.changed') : null,
    });
  };

  router.get('/projects/:slug/actions', readers, async (req, res) => {
    // A link from a flagged cell chooses it; anything else in the query is only a default to change.
    const pick = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : '');
    await listPage(
      req,
      res,
      200,
      {},
      {
        wave: pick('wave'),
        group: pick('group'),
        dimension: pick('dimension'),
        status: 'open',
      },
    );
  });

  router.post('/projects/:slug/actions', leads, async (req, res) => {
    const project = projectOf(res);
    await handleForm(
      res,
      ANY_FORM,
      req.body,
      (status, errors, values) => listPage(req, res, status, errors, values),
      async (body) => {
        const action = await services.actions.record(project, body, staffOf(res).id);
        res.redirect(303, `/projects/${project.slug}/actions?done=recorded#action-${action.id}`);
      },
    );
  });

  const editPage = async (
    req: Request,
    res: Response,
    status: number,
    errors: FieldErrors,
    values: Record<string, string> | null,
  ) => {
    const { locale, t } = staffActionsTranslator(res);
    const project = projectOf(res);
    const action = await services.actions.get(project, param(req, 'actionId'));
    const followUp = (await services.actions.followUps(project)).find((f) => f.action.id === action.id);
    const labels = await labelsFor(services, project, locale);
    res.status(status).render('evaluator/action-edit', {
      title: `${t('form.editHeading')} – ${project.name}`,
      t,
      locale,
      action,
      row: followUp ? actionRow(t, locale, labels, followUp) : null,
      statuses: statusOptions(t),
      values: values ?? valuesOf(action),
      errors: wordErrors(t, errors),
    });
  };

  router.get('/projects/:slug/actions/:actionId', leads, async (req, res) => {
    await editPage(req, res, 200, {}, null);
  });

  router.post('/projects/:slug/actions/:actionId', leads, async (req, res) => {
    const project = projectOf(res);
    // An unknown action is a 404 before anything is read from the form.
    const action = await services.actions.get(project, param(req, 'actionId'));
    await handleForm(
      res,
      ANY_FORM,
      req.body,
      (status, errors, values) => editPage(req, res, status, errors, values),
      async (body) => {
        await services.actions.change(project, action.id, body, staffOf(res).id);
        res.redirect(303, `/projects/${project.slug}/actions?done=changed#action-${action.id}`);
      },
    );
  });
}
