import type { RequestHandler } from 'express';
import type { Services } from '../../services/services.js';
import { contactsText } from './edge-translator.js';

declare module 'express-serve-static-core' {
  interface Locals {
    /** Set while personal links would open only on this computer (ADR 0097); read by views/staff/partials/base-url-warning.ejs. */
    baseUrlWarning?: { title: string; body: string } | null;
  }
}

/**
 * Gives every staff page the warning, already in the reader's language, that personal links
 * point to an address only this computer opens: the pages that print or send links include
 * views/staff/partials/base-url-warning.ejs, which shows it.
 */
export function baseUrlWarning(services: Services): RequestHandler {
  return (req, res, next) => {
    const { baseUrl, onlyThisComputer } = services.system.publicAddress();
    if (onlyThisComputer) {
      const { t } = contactsText(req);
      res.locals.baseUrlWarning = { title: t('publicAddress.title'), body: t('publicAddress.body', { baseUrl }) };
    } else res.locals.baseUrlWarning = null;
    next();
  };
}
