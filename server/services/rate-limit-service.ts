import type { RateLimitCount } from '../store/store.js';
import type { ServiceContext } from './service-context.js';

/**
 * Counts attempts per key (a limiter's name and the client's address) in fixed windows kept in
 * the store, so every app process and every restart share one count (ADR 0076). Windows run on
 * the wall clock, not the services' clock: express-rate-limit compares them with Date.now().
 */
export class RateLimitService {
  constructor(private readonly ctx: ServiceContext) {}

  hit(key: string, windowMs: number): Promise<RateLimitCount> {
    return this.ctx.store.rateLimits.hit(key, windowMs, Date.now());
  }
  get(key: string): Promise<RateLimitCount | null> {
    return this.ctx.store.rateLimits.get(key, Date.now());
  }
  unhit(key: string): Promise<void> {
    return this.ctx.store.rateLimits.unhit(key, Date.now());
  }
  reset(key: string): Promise<void> {
    return this.ctx.store.rateLimits.reset(key);
  }
}
