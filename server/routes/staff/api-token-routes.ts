import type { Router } from 'express';
import { z } from 'zod';
import { requireStaff } from '../../http/require-role.js';
import { messageRef } from '../../i18n/staff-messages.js';
import { MIN_PASSWORD_LENGTH } from '../../services/password.js';
import type { Services } from '../../services/services.js';
import { handleForm } from './form.js';
import { page, param, staffOf } from './render.js';

const tokenForm = z.object({
  label: z
    .string()
    .trim()
    .min(1, 'form.tokenName')
    .max(80, messageRef('form.atMost', { max: 80 })),
});

/** Personal API tokens, managed from the account page. */
export function registerApiTokenRoutes(router: Router, services: Services): void {
  router.post('/account/tokens', requireStaff(), async (req, res) => {
    const staff = staffOf(res);
    await handleForm(
      res,
      tokenForm,
      req.body,
      async (status, errors, values) =>
        page(
          res,
          'account',
          {
            title: 'account.title',
            minPassword: MIN_PASSWORD_LENGTH,
            tokens: await services.apiTokens.list(staff),
            secret: null,
            errors,
            values,
          },
          status,
        ),
      async (data) => {
        const { secret } = await services.apiTokens.create(staff, data.label);
        // Shown on this response only, never stored in clear and never put in a URL.
        res.setHeader('Cache-Control', 'no-store');
        page(
          res,
          'account',
          {
            title: 'account.title',
            minPassword: MIN_PASSWORD_LENGTH,
            tokens: await services.apiTokens.list(staff),
            secret,
          },
          201,
        );
      },
    );
  });

  router.post('/account/tokens/:id/revoke', requireStaff(), async (req, res) => {
    const staff = staffOf(res);
    await services.apiTokens.revoke(staff, param(req, 'id'), staff.id);
    res.redirect(303, '/account');
  });
}
