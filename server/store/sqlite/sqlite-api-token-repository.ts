import { randomUUID } from 'node:crypto';
import type { ApiToken, NewApiToken } from '../../domain/records.js';
import type { ApiTokenRepository } from '../store.js';
import { guarded, str, type Row, type SqliteConnection } from './sqlite-connection.js';

function toApiToken(r: Row): ApiToken {
  return {
    id: str(r.id),
    userId: str(r.user_id),
    label: str(r.label),
    tokenHash: str(r.token_hash),
    createdAt: str(r.created_at),
  };
}

export class SqliteApiTokenRepository implements ApiTokenRepository {
  constructor(private readonly c: SqliteConnection) {}

  async create(t: NewApiToken): Promise<ApiToken> {
    if (this.c.busy()) await this.c.idle();
    const token: ApiToken = { id: randomUUID(), ...t, createdAt: new Date().toISOString() };
    guarded(() =>
      this.c
        .statement('INSERT INTO api_tokens (id, user_id, label, token_hash, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(token.id, token.userId, token.label, token.tokenHash, token.createdAt),
    );
    return token;
  }
  async findByHash(tokenHash: string): Promise<ApiToken | null> {
    return this.c.one('SELECT * FROM api_tokens WHERE token_hash = ?', toApiToken, tokenHash);
  }
  async list(userId: string): Promise<ApiToken[]> {
    return this.c.all('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at, id', toApiToken, userId);
  }
  async delete(id: string, userId: string): Promise<void> {
    if (this.c.busy()) await this.c.idle();
    this.c.statement('DELETE FROM api_tokens WHERE id = ? AND user_id = ?').run(id, userId);
  }
  async deleteAll(userId: string): Promise<number> {
    if (this.c.busy()) await this.c.idle();
    return this.c.statement('DELETE FROM api_tokens WHERE user_id = ?').run(userId).changes;
  }
}
