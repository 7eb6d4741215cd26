import type { RateLimitCount, RateLimitRepository } from '../store.js';
import { guarded, type Row, type SqliteConnection } from './sqlite-connection.js';

export class SqliteRateLimitRepository implements RateLimitRepository {
  constructor(private readonly c: SqliteConnection) {}

  async hit(key: string, windowMs: number, now: number): Promise<RateLimitCount> {
    if (this.c.busy()) await this.c.idle();
    return guarded(() => {
      // Ended windows go as hits come, so the table holds only live counters.
      this.c.statement('DELETE FROM rate_limits WHERE reset_at <= ?').run(now);
      // One statement: a new window, or one more hit in the current one, whoever else is counting.
      const row = this.c
        .statement(
          `INSERT INTO rate_limits (key, hits, reset_at) VALUES (?, 1, ?)
           ON CONFLICT (key) DO UPDATE SET
             hits = CASE WHEN rate_limits.reset_at <= ? THEN 1 ELSE rate_limits.hits + 1 END,
             reset_at = CASE WHEN rate_limits.reset_at <= ? THEN excluded.reset_at ELSE rate_limits.reset_at END
           RETURNING hits, reset_at`,
        )
        .get(key, now + windowMs, now, now) as Row;
      return { hits: Number(row.hits), resetAt: Number(row.reset_at) };
    });
  }
  async get(key: string, now: number): Promise<RateLimitCount | null> {
    if (this.c.busy()) await this.c.idle();
    const row = this.c
      .statement('SELECT hits, reset_at FROM rate_limits WHERE key = ? AND reset_at > ?')
      .get(key, now) as Row | undefined;
    return row ? { hits: Number(row.hits), resetAt: Number(row.reset_at) } : null;
  }
  async unhit(key: string, now: number): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    guarded(() =>
      this.c.statement('UPDATE rate_limits SET hits = max(hits - 1, 0) WHERE key = ? AND reset_at > ?').run(key, now),
    );
  }
  async reset(key: string): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    guarded(() => this.c.statement('DELETE FROM rate_limits WHERE key = ?').run(key));
  }
}
