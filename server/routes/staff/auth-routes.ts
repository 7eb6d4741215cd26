import type { Request, Response, Router } from 'express';
import rateLimit from 'express-rate-limit';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { isLocale } from '../../i18n/catalogue.js';
import { messageRef } from '../../i18n/staff-messages.js';
import { StoredRateLimits } from '../../http/rate-limit-store.js';
import { requireStaff } from '../../http/require-role.js';
import { MIN_PASSWORD_LENGTH } from '../../services/password.js';
import type { Services } from '../../services/services.js';
import { handleForm } from './form.js';
import { noticeFrom, page, param, safeNext, staffOf } from './render.js';
import { pageGuard, STAFF_PAGES } from './staff-pages.js';

/** Failed sign-ins allowed per address in LOGIN_WINDOW_MS before 429. */
export const LOGIN_ATTEMPTS = 10;
const LOGIN_WINDOW_MS = 15 * 60 * 1000;

const loginForm = z.object({
  email: z.string().trim().min(1, 'form.enterEmail').max(320, 'form.emailTooLong'),
  password: z.string().min(1, 'form.enterPassword').max(1000, 'form.passwordTooLong'),
  next: z.string().max(2000).optional(),
});

const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, messageRef('form.passwordTooShort', { min: MIN_PASSWORD_LENGTH }))
  .max(1000, messageRef('form.atMost', { max: 1000 }));

const setupForm = z.object({
  email: z.email('form.emailLike').max(320),
  name: z
    .string()
    .trim()
    .min(1, 'form.enterYourName')
    .max(200, messageRef('form.atMost', { max: 200 })),
  password: newPassword,
});

const passwordForm = z.object({
  current: z.string().min(1, 'form.enterCurrent').max(1000),
  password: newPassword,
});

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
}
function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
}
function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())));
}

/**
 * A new session for the user, under a new id, so an id planted before it (session fixation)
 * is worthless; with when and from where, for the administrators' list of sessions (ADR 0065).
 */
async function startSession(req: Request, userId: string): Promise<void> {
  await regenerate(req);
  req.session.userId = userId;
  req.session.signedInAt = new Date().toISOString();
  req.session.address = req.ip ?? 'unknown';
  await saveSession(req);
}

/** A count from the query string of a redirect, for a notice; nothing for anything else. */
function countFrom(value: unknown): number | null {
  return typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : null;
}

/** First-admin setup, sign-in and out, and the account page. */
export function registerAuthRoutes(router: Router, services: Services, options: { cookieName: string }): void {
  // Only failures count: a person who signs in successfully is never slowed down. The count is
  // kept in the store, shared by every process and kept across restarts (ADR 0076); should the
  // store be unable to count (a full disk), the attempt goes on uncounted and the error is logged.
  const loginLimit = rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit: LOGIN_ATTEMPTS,
    store: new StoredRateLimits(services.rateLimits, 'login:'),
    passOnStoreError: true,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new DomainError('RATE_LIMITED', 'Too many failed sign-ins from here. Please wait 15 minutes.')),
  });

  const setupGuard = async (req: Request) => {
    if (!services.auth.isSetupToken(param(req, 'token')) || !(await services.auth.setupOpen()))
      throw new DomainError('NOT_FOUND', 'this setup link is not valid');
  };

  router.get('/setup/:token', async (req, res) => {
    await setupGuard(req);
    page(res, 'setup', { title: 'setup.title', minPassword: MIN_PASSWORD_LENGTH, token: param(req, 'token') });
  });

  router.post('/setup/:token', async (req, res) => {
    await setupGuard(req);
    const token = param(req, 'token');
    await handleForm(
      res,
      setupForm,
      req.body,
      (status, errors, values) =>
        page(res, 'setup', { title: 'setup.title', minPassword: MIN_PASSWORD_LENGTH, token, errors, values }, status),
      async (data) => {
        const user = await services.auth.completeSetup(token, data);
        await startSession(req, user.id);
        res.redirect(303, '/projects');
      },
    );
  });

  router.get('/login', (req, res) => {
    if (res.locals.staff) return res.redirect(303, '/projects');
    page(res, 'login', {
      title: 'login.title',
      values: { next: safeNext(req.query.next) ?? '' },
      signedOutEverywhere: req.query.done === 'everywhere',
    });
  });

  router.post('/login', loginLimit, async (req, res) => {
    await handleForm(
      res,
      loginForm,
      req.body,
      (status, errors, values) => page(res, 'login', { title: 'login.title', errors, values }, status),
      async (data) => {
        const user = await services.auth.login(data.email, data.password, req.ip ?? 'unknown');
        await startSession(req, user.id);
        res.redirect(303, safeNext(data.next) ?? '/projects');
      },
    );
  });

  router.post('/logout', async (req, res) => {
    const userId = req.session?.userId;
    if (userId) await services.audit.logout(userId);
    await destroySession(req);
    res.clearCookie(options.cookieName, { path: '/' });
    res.redirect(303, '/login');
  });

  // Every session of the account, this one included: the person signs in again here if they want to.
  router.post('/account/sign-out-everywhere', requireStaff(), async (req, res) => {
    await services.sessions.endAll(staffOf(res).id);
    await destroySession(req);
    res.clearCookie(options.cookieName, { path: '/' });
    res.redirect(303, '/login?done=everywhere');
  });

  // The language switch in every staff page's header: kept on the account, then back to the page.
  router.post('/account/language', requireStaff(), async (req, res) => {
    const language = (req.body as Record<string, unknown> | undefined)?.language;
    if (!isLocale(language)) throw new DomainError('VALIDATION', 'choose one of the languages offered');
    await services.users.setLanguage(staffOf(res).id, language);
    res.redirect(303, safeNext((req.body as Record<string, unknown>).next) ?? STAFF_PAGES.account.path);
  });

  const accountPage = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const done = noticeFrom(req);
    page(
      res,
      'account',
      {
        title: 'account.title',
        minPassword: MIN_PASSWORD_LENGTH,
        tokens: await services.apiTokens.list(staffOf(res)),
        secret: null,
        notice: done,
        passwordChange:
          done === 'password'
            ? { otherSessionsEnded: countFrom(req.query.ended) ?? 0, tokensRevoked: countFrom(req.query.revoked) ?? 0 }
            : null,
        ...extra,
      },
      status,
    );
  };

  router.get(STAFF_PAGES.account.path, pageGuard(services, 'account'), (req, res) => accountPage(req, res));

  router.post('/account/password', requireStaff(), async (req, res) => {
    const staff = staffOf(res);
    await handleForm(
      res,
      passwordForm,
      req.body,
      (status, errors, values) => accountPage(req, res, { errors, values, notice: null, passwordChange: null }, status),
      async (data) => {
        const change = await services.auth.changePassword(staff.id, data.current, data.password, req.sessionID);
        // The change ended every session of the account, this one too: the person who made it goes on in a new one.
        await startSession(req, staff.id);
        res.redirect(303, `/account?done=password&ended=${change.otherSessionsEnded}&revoked=${change.tokensRevoked}`);
      },
    );
  });
}
