import type { Response, Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { requireAdmin } from '../../http/require-role.js';
import { MIN_PASSWORD_LENGTH } from '../../services/password.js';
import type { Services } from '../../services/services.js';
import { handleForm, type FieldErrors } from './form.js';
import { messageRef } from '../../i18n/staff-messages.js';
import { doneSentence, page, param, staffOf, translatorOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';
import { formatLocalDate } from '../../i18n/format.js';
import { shownAt, staffLocale, timeText } from './staff-time.js';

const addForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'form.enterName')
    .max(200, messageRef('form.atMost', { max: 200 })),
  email: z.email('form.emailLike').max(320),
  role: z.enum(['admin', 'lead', 'evaluator', 'data-entry'], 'form.chooseRole'),
  project: z.string().trim().max(63).default(''),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, messageRef('form.passwordTooShort', { min: MIN_PASSWORD_LENGTH }))
    .max(1000),
});

const roleForm = z.object({
  project: z.string().trim().min(1, 'form.chooseProject').max(63),
  role: z.enum(['none', 'lead', 'evaluator', 'data-entry'], 'form.chooseRole'),
});

/**
 * What the redirects after each action carry in `done` (plain words only, noticeFrom), and the
 * sentence each becomes on the page (doneSentence).
 */
const NOTICES = {
  disabled: (sessions: number, tokens: number) =>
    `account disabled. ${sessions} ${sessions === 1 ? 'session' : 'sessions'} ended and ${tokens} API ${tokens === 1 ? 'token' : 'tokens'} revoked`,
  enabled: 'account enabled. It can sign in again. Its revoked API tokens stay revoked',
  sessionEnded: 'session ended',
  sessionGone: 'that session had already ended',
};
const DONE = [
  [/^added$/, (t) => t('users.added')],
  [/^role changed$/, (t) => t('users.roleChanged')],
  [
    /^account disabled\. (\d+) sessions? ended and (\d+) API tokens? revoked$/,
    (t, sessions, tokens) =>
      t('users.accountDisabled', {
        sessions: t('users.sessionsEnded', { count: Number(sessions) }),
        tokens: t('users.tokensRevoked', { count: Number(tokens) }),
      }),
  ],
  [/^account enabled\./, (t) => t('users.accountEnabled')],
  [/^session ended$/, (t) => t('sessions.ended')],
  [/^that session had already ended$/, (t) => t('sessions.gone')],
] as const satisfies Parameters<typeof doneSentence>[2];

/** Staff accounts and their project roles: administrators only. */
export function registerUserRoutes(router: Router, services: Services): void {
  async function usersPage(
    res: Response,
    status = 200,
    errors: FieldErrors = {},
    values: Record<string, string> = {},
    notice: { sentence: string } | null = null,
  ) {
    const projects = await services.projects.list();
    const slugOf = new Map(projects.map((p) => [p.id, p.slug]));
    const roles = await services.users.roles();
    const users = (await services.users.list()).map((u) => ({
      ...u,
      // The day it was disabled where the site is (DEFAULT_TIME_ZONE), as a sentence says a day.
      disabledOnShown: u.disabledAt
        ? formatLocalDate(staffLocale(res), u.disabledAt, services.projects.defaultTimeZone())
        : null,
      roles: roles
        .filter((r) => r.userId === u.id)
        .map((r) => ({ role: r.role, project: slugOf.get(r.projectId) ?? '?' })),
    }));
    page(
      res,
      'users',
      {
        title: 'users.title',
        minPassword: MIN_PASSWORD_LENGTH,
        users,
        projects: projects.filter((p) => !p.archivedAt),
        errors,
        values,
        notice,
      },
      status,
    );
  }

  router.get(STAFF_PAGES.users.path, pageGuard(services, 'users'), (req, res) =>
    usersPage(res, 200, {}, {}, doneSentence(req, res, DONE)),
  );

  router.post('/users', requireAdmin(), async (req, res) => {
    await handleForm(
      res,
      addForm,
      req.body,
      (status, errors, values) => usersPage(res, status, errors, values),
      async (data) => {
        await services.users.add({ ...data, ...(data.project ? { project: data.project } : {}) }, staffOf(res).id);
        res.redirect(303, '/users?done=added');
      },
    );
  });

  router.post('/users/:id/disable', requireAdmin(), async (req, res) => {
    await handleForm(
      res,
      z.object({}),
      req.body,
      (status, errors, values) => usersPage(res, status, errors, values),
      async () => {
        const { sessionsEnded, tokensRevoked } = await services.users.disable(param(req, 'id'), staffOf(res).id);
        res.redirect(303, `/users?done=${encodeURIComponent(NOTICES.disabled(sessionsEnded, tokensRevoked))}`);
      },
    );
  });

  router.post('/users/:id/enable', requireAdmin(), async (req, res) => {
    await services.users.enable(param(req, 'id'), staffOf(res).id);
    res.redirect(303, `/users?done=${encodeURIComponent(NOTICES.enabled)}`);
  });

  router.get('/users/:id/sessions', requireAdmin(), async (req, res) => {
    const user = await services.users.get(param(req, 'id'));
    if (!user) throw new DomainError('USER_NOT_FOUND', 'no such staff user');
    page(res, 'user-sessions', {
      title: translatorOf(res)('users.sessionsOf', { name: user.name }),
      user,
      sessions: (await services.sessions.list(user.id)).map((s) => ({
        ...s,
        signedInShown: shownAt(res, s.signedInAt, services.projects.defaultTimeZone()),
        lastUsedShown: shownAt(res, s.lastUsedAt, services.projects.defaultTimeZone()),
      })),
      timesIn: timeText(res)('timesIn', { zone: services.projects.defaultTimeZone() }),
      notice: doneSentence(req, res, DONE),
    });
  });

  router.post('/users/:id/sessions/:handle/end', requireAdmin(), async (req, res) => {
    const userId = param(req, 'id');
    const ended = await services.sessions.end(userId, param(req, 'handle'), staffOf(res).id);
    res.redirect(
      303,
      `/users/${encodeURIComponent(userId)}/sessions?done=${encodeURIComponent(ended ? NOTICES.sessionEnded : NOTICES.sessionGone)}`,
    );
  });

  router.post('/users/:id/role', requireAdmin(), async (req, res) => {
    await handleForm(
      res,
      roleForm,
      req.body,
      (status, errors, values) => usersPage(res, status, errors, values),
      async (data) => {
        await services.users.setRole(param(req, 'id'), data.project, data.role, staffOf(res).id);
        res.redirect(303, '/users?done=role changed');
      },
    );
  });
}
