import type { RequestHandler } from 'express';
import type { Services } from '../services/services.js';

/**
 * GET /healthz for load balancers and monitors, who call it without signing in: ok only when
 * the store answers and takes a write just now (ADR 0068). It says what is wrong in a few fixed
 * words, never the store's internals (schema version, journal mode, error text): those go to
 * the server log. Audit entries lost since start (a sign-in on a full disk) are counted here
 * without making the server unavailable.
 */
export function healthRoute(services: Services, log: (message: string) => void): RequestHandler {
  return async (_req, res) => {
    const { store, auditFaults } = await services.system.health();
    const problem = !store.ok ? 'store not reachable' : !store.writable ? 'store not writable' : null;
    if (problem) log(`healthz: ${problem}: ${store.detail}`);
    res.setHeader('Cache-Control', 'no-store');
    res.status(problem ? 503 : 200).json({
      status: problem ? 'unavailable' : 'ok',
      ...(problem ? { problem } : {}),
      ...(auditFaults
        ? { auditEntriesNotWritten: auditFaults.count, lastAuditEntryNotWrittenAt: auditFaults.lastAt }
        : {}),
    });
  };
}
