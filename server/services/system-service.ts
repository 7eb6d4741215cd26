import type { Store as SessionStore } from 'express-session';
import { linksWorkOnlyOnThisComputer } from '../domain/public-address.js';
import type { AuditFaults, AuditFaultSummary } from './audit-faults.js';
import type { InstrumentRegistry } from './instrument-registry.js';
import type { ServiceContext } from './service-context.js';
import type { StoreHealth } from '../store/store.js';

/**
 * The running installation itself, for the server's and the CLI's start and stop: health,
 * where staff sessions are kept, where personal links point, and closing the store.
 */
export class SystemService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly auditFaults: AuditFaults,
  ) {}

  get storeKind(): 'sqlite' | 'mongodb' {
    return this.ctx.store.kind;
  }

  /** The questionnaires offered, and the files that are not, with why: to report at start and for `surveys validate`. */
  questionnaires(): Pick<InstrumentRegistry, 'problems' | 'list'> {
    return this.ctx.instruments;
  }

  /** The store's state (whether it reads and takes a write just now) and the audit entries lost since start. */
  async health(): Promise<{ store: StoreHealth; auditFaults: AuditFaultSummary | null }> {
    return { store: await this.ctx.store.health(), auditFaults: this.auditFaults.summary() };
  }

  /** An express-session store keeping staff sessions in the same database. */
  sessionStore(): SessionStore {
    return this.ctx.store.createSessionStore();
  }

  /** Personal links must carry the address the server actually listens at, known only once it does. */
  listeningAt(baseUrl: string): void {
    this.ctx.baseUrl = baseUrl;
  }

  /** Where personal links point, and whether only this computer can open them (ADR 0097). */
  publicAddress(): { baseUrl: string; onlyThisComputer: boolean } {
    return { baseUrl: this.ctx.baseUrl, onlyThisComputer: linksWorkOnlyOnThisComputer(this.ctx.baseUrl) };
  }

  close(): Promise<void> {
    return this.ctx.store.close();
  }
}
