import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ERROR_CODES, isDomainError } from '../domain/errors.js';
import { isStaffKey, type StaffKey } from '../i18n/staff-messages.js';
import { localise, staffLocaleOf } from './staff-locale.js';

/** Errors raised by Express's own middleware (body parsing) that are the client's fault. */
function clientErrorStatus(error: unknown): number | null {
  const status =
    (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

const CLIENT_MESSAGES: Record<number, string> = {
  400: 'The request could not be understood.',
  403: 'You do not have access to this page.',
  404: 'This page does not exist.',
  413: 'What you sent is too large.',
  415: 'This kind of content is not accepted here.',
  429: 'Too many attempts. Please wait a few minutes and try again.',
};

const SEND_A_TOKEN = 'send a personal API token as "Authorization: Bearer <token>" (create one on your account page)';

/** The error page's heading: one per status that has one, else the family's (4xx, 5xx). */
function errorHeading(status: number): StaffKey {
  const key = `error.heading.${status}`;
  return isStaffKey(key) ? key : status >= 500 ? 'error.heading.500' : 'error.heading.400';
}

/**
 * What happened, in plain words: by code where the code says more than the status does (a
 * missing role, a disabled account), by status otherwise. A service's own message is not shown on
 * the page: it is English, and written for the log and for scripts (which get it as JSON).
 */
function errorBody(code: string, status: number): StaffKey {
  const byCode = `error.body.${code}`;
  if (isStaffKey(byCode)) return byCode;
  if (status === 404) return 'error.body.notFound';
  const byStatus = `error.body.${status}`;
  return isStaffKey(byStatus) ? byStatus : status >= 500 ? 'error.body.500' : 'error.body.400';
}

export const notFound: RequestHandler = (_req, _res, next) => {
  next(Object.assign(new Error('not found'), { status: 404 }));
};

/**
 * The one place where errors become responses. Domain errors map by code; anything unexpected
 * is logged and shown as a plain page, never as a stack trace.
 */
export function errorHandler(log: (message: string) => void = console.error): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let status: number;
    let code: string;
    let message: string;
    if (isDomainError(error)) {
      status = ERROR_CODES[error.code];
      code = error.code;
      message = error.message;
    } else if (clientErrorStatus(error)) {
      status = clientErrorStatus(error) as number;
      code = (error as { code?: string }).code ?? `HTTP_${status}`;
      message = CLIENT_MESSAGES[status] ?? 'The request could not be handled.';
    } else {
      status = 500;
      code = 'INTERNAL';
      // Whether what was sent was kept is not known here (a form that knows says NOT saved itself):
      // never claim it was.
      message =
        'Something went wrong on our side. What you just sent may not have been saved: please check, and enter it again if it is missing.';
      log(`${req.method} ${req.originalUrl}: ${(error as Error)?.stack ?? String(error)}`);
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const wantsJson = req.accepts(['html', 'json']) === 'json';
    const download = res.locals.downloadRoute === true;
    // Staff pages send an anonymous visitor to sign in, then back to where they were going.
    // Downloads never do: a script would read the sign-in page as data.
    if (code === 'UNAUTHENTICATED' && !wantsJson && !req.headers.authorization && !download) {
      res.setHeader('X-Error-Code', code);
      res.redirect(303, req.method === 'GET' ? `/login?next=${encodeURIComponent(req.originalUrl)}` : '/login');
      return;
    }
    res.status(status);
    res.setHeader('X-Error-Code', code);
    if (code === 'UNAUTHENTICATED')
      res.setHeader('WWW-Authenticate', req.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer');
    if (wantsJson) {
      res.json({ error: { code, message } });
      return;
    }
    if (download) {
      const anonymous = code === 'UNAUTHENTICATED' && !req.headers.authorization;
      res.type('text/plain').send(`${status} ${code}: ${anonymous ? SEND_A_TOKEN : message}\n`);
      return;
    }
    // An audience's router may provide its own error page (participants get theirs in their language).
    const page = res.locals.errorPage as ((e: { status: number; code: string; message: string }) => void) | undefined;
    if (page) page({ status, code, message });
    else {
      // An error met before the staff locale was set (a refused form token) is still explained
      // in the reader's language.
      if (!res.locals.t) localise(req, res, staffLocaleOf(req, res));
      res.render('shared/error', { status, code, heading: errorHeading(status), body: errorBody(code, status) });
    }
  };
}
