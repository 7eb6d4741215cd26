import type { Response, Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { requireAdmin } from '../../http/require-role.js';
import { MIN_PASSWORD_LENGTH } from '../../services/password.js';
import type { Services } from '../../services/services.js';
import { handleForm, type FieldErrors } from './form.js';
import { noticeFrom, page, param, staffOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';
import { formatLocalDate } from '../../i18n/format.js';
import { shownAt, staffLocale, timeText } from './staff-time.js';

const addForm = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(200, 'Use at most 200 characters.'),
  email: z.email('Enter an email address such as name@example.org.').max(320),
  role: z.enum(['admin', 'lead', 'evaluator', 'data-entry'], 'Choose a role.'),
  project: z.string().trim().max(63).default(''),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(1000),
});

const roleForm = z.object({
  project: z.string().trim().min(1, 'Choose a project.').max(63),
  role: z.enum(['none', 'lead', 'evaluator', 'data-entry'], 'Choose a role.'),
});

/** The users pages' confirmations, in one place for translation: plain words only (noticeFrom). */
const NOTICES = {
  disabled: (sessions: number, tokens: number) =>
    `account disabled. ${sessions} ${sessions === 1 ? 'session' : 'sessions'} ended and ${tokens} API ${tokens === 1 ? 'token' : 'tokens'} revoked`,
  enabled: 'account enabled. It can sign in again. Its revoked API tokens stay revoked',
  sessionEnded: 'session ended',
  sessionGone: 'that session had already ended',
};

/** Staff accounts and their project roles: administrators only. */
export function registerUserRoutes(router: Router, services: Services): void {
  async function usersPage(
    res: Response,
    status = 200,
    errors: FieldErrors = {},
    values: Record<string, string> = {},
    notice: string | null = null,
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
      roles: roles.filter((r) => r.userId === u.id).map((r) => `${r.role} in ${slugOf.get(r.projectId) ?? '?'}`),
    }));
    page(
      res,
      'users',
      { title: 'Users', users, projects: projects.filter((p) => !p.archivedAt), errors, values, notice },
      status,
    );
  }

  router.get(STAFF_PAGES.users.path, pageGuard(services, 'users'), (req, res) =>
    usersPage(res, 200, {}, {}, noticeFrom(req)),
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
      title: `Sessions of ${user.name}`,
      user,
      sessions: (await services.sessions.list(user.id)).map((s) => ({
        ...s,
        signedInShown: shownAt(res, s.signedInAt, services.projects.defaultTimeZone()),
        lastUsedShown: shownAt(res, s.lastUsedAt, services.projects.defaultTimeZone()),
      })),
      timesIn: timeText(res)('timesIn', { zone: services.projects.defaultTimeZone() }),
      notice: noticeFrom(req),
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
