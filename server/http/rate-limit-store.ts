import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { RateLimitService } from '../services/rate-limit-service.js';

/**
 * express-rate-limit's counters in the store, through the rate-limit service: shared by every app
 * process on the same database and kept across restarts (ADR 0076). One per limiter, each with
 * its own prefix, so two limiters never count each other's hits.
 */
export class StoredRateLimits implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly limits: RateLimitService,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }
  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const count = await this.limits.get(this.prefix + key);
    return count ? { totalHits: count.hits, resetTime: new Date(count.resetAt) } : undefined;
  }
  async increment(key: string): Promise<ClientRateLimitInfo> {
    const count = await this.limits.hit(this.prefix + key, this.windowMs);
    return { totalHits: count.hits, resetTime: new Date(count.resetAt) };
  }
  async decrement(key: string): Promise<void> {
    await this.limits.unhit(this.prefix + key);
  }
  async resetKey(key: string): Promise<void> {
    await this.limits.reset(this.prefix + key);
  }
}
