import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { healthRoute } from '../../server/http/health.js';
import type { Services } from '../../server/services/services.js';
import type { AuditFaultSummary } from '../../server/services/audit-faults.js';
import type { StoreHealth } from '../../server/store/store.js';

/** GET /healthz on a tiny app whose services report the given health; what it logs is kept. */
function healthz(store: Partial<StoreHealth>, auditFaults: AuditFaultSummary | null = null) {
  const health = {
    store: {
      ok: true,
      writable: true,
      kind: 'sqlite',
      detail: 'schema v9, journal wal',
      atomicTransactions: true,
      ...store,
    },
    auditFaults,
  };
  const services = { system: { health: () => Promise.resolve(health) } } as unknown as Services;
  const logged: string[] = [];
  const app = express();
  app.get(
    '/healthz',
    healthRoute(services, (message) => logged.push(message)),
  );
  return { res: request(app).get('/healthz'), logged };
}

describe('GET /healthz', function () {
  it('says ok, uncached, when the store answers and takes a write, and logs nothing', async function () {
    const { res, logged } = healthz({});
    const ok = await res.expect(200);
    expect(ok.body).to.deep.equal({ status: 'ok' });
    expect(ok.headers['cache-control']).to.equal('no-store');
    expect(logged).to.deep.equal([]);
  });

  it('is unavailable (503) when the store does not answer, and logs the details it does not show', async function () {
    // Not reachable is what is said even if the write check failed too.
    const { res, logged } = healthz({ ok: false, writable: false, detail: 'SQLITE_CANTOPEN' });
    const down = await res.expect(503);
    expect(down.body).to.deep.equal({ status: 'unavailable', problem: 'store not reachable' });
    expect(down.headers['cache-control']).to.equal('no-store');
    expect(down.text).not.to.include('SQLITE_CANTOPEN');
    expect(logged).to.deep.equal(['healthz: store not reachable: SQLITE_CANTOPEN']);
  });

  it('is unavailable (503) when the store answers but takes no write', async function () {
    const { res, logged } = healthz({ writable: false, detail: 'database or disk is full' });
    expect((await res.expect(503)).body).to.deep.equal({ status: 'unavailable', problem: 'store not writable' });
    expect(logged).to.deep.equal(['healthz: store not writable: database or disk is full']);
  });

  it('counts audit entries lost since start without making the server unavailable', async function () {
    const lastAt = '2026-03-10T09:00:00.000Z';
    const { res, logged } = healthz({}, { count: 2, lastAt });
    expect((await res.expect(200)).body).to.deep.equal({
      status: 'ok',
      auditEntriesNotWritten: 2,
      lastAuditEntryNotWrittenAt: lastAt,
    });
    expect(logged).to.deep.equal([]);
    const both = healthz({ ok: false }, { count: 1, lastAt });
    expect((await both.res.expect(503)).body).to.deep.equal({
      status: 'unavailable',
      problem: 'store not reachable',
      auditEntriesNotWritten: 1,
      lastAuditEntryNotWrittenAt: lastAt,
    });
  });
});
