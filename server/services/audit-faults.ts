import type { NewAuditEvent } from '../domain/records.js';

/** How many audit entries could not be written since start, and the last one's time. */
export interface AuditFaultSummary {
  count: number;
  lastAt: string;
}

/**
 * Audit entries of events that must not wait on the store: a sign-in, a sign-out. When one
 * cannot be written (a full disk), the event still happens; the entry is logged loudly instead
 * and the health check reports it until the process restarts (ADR 0068).
 */
export class AuditFaults {
  private count = 0;
  private lastAt: string | null = null;

  constructor(
    private readonly log: (message: string) => void,
    private readonly now: () => Date,
  ) {}

  /** Appends the entry; on a failure, logs it with the error and counts it instead of throwing. */
  async append(write: (event: NewAuditEvent) => Promise<unknown>, event: NewAuditEvent): Promise<void> {
    try {
      await write(event);
    } catch (error) {
      this.count += 1;
      this.lastAt = this.now().toISOString();
      this.log(
        `AUDIT ENTRY NOT WRITTEN (${this.count} since start): ${JSON.stringify(event)}: ${(error as Error)?.message ?? String(error)}`,
      );
    }
  }

  summary(): AuditFaultSummary | null {
    return this.lastAt ? { count: this.count, lastAt: this.lastAt } : null;
  }
}
