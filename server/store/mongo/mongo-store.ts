import ConnectMongo from 'connect-mongo';
import type { Store as SessionStore } from 'express-session';
import mongoose from 'mongoose';
import { SESSION_IDLE_MS, type Repositories, type Store, type StoreHealth } from '../store.js';
import { MongoActionRepository } from './mongo-action-repository.js';
import { MongoApiTokenRepository } from './mongo-api-token-repository.js';
import { MongoAuditRepository } from './mongo-audit-repository.js';
import { MongoConnection } from './mongo-connection.js';
import { MongoConsentTextRepository } from './mongo-consent-text-repository.js';
import { MongoInstrumentSnapshotRepository } from './mongo-instrument-snapshot-repository.js';
import { MongoParticipantRepository } from './mongo-participant-repository.js';
import { MongoProjectRepository } from './mongo-project-repository.js';
import { MongoResponseRepository } from './mongo-response-repository.js';
import { MongoRoleRepository } from './mongo-role-repository.js';
import { MongoPaperKeyingRepository } from './mongo-paper-keying-repository.js';
import { MongoRateLimitRepository } from './mongo-rate-limit-repository.js';
import { MongoSendRepository } from './mongo-send-repository.js';
import { MongoStaffSessionRepository, SESSIONS_COLLECTION } from './mongo-staff-session-repository.js';
import { MongoUserRepository } from './mongo-user-repository.js';
import { MongoWaveRepository } from './mongo-wave-repository.js';
import { MongoWaveSummaryRepository } from './mongo-wave-summary-repository.js';

/** The store for deployments that outgrow one machine: a repository per aggregate on one connection. */
export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  readonly users: MongoUserRepository;
  readonly roles: MongoRoleRepository;
  readonly instruments: MongoInstrumentSnapshotRepository;
  readonly projects: MongoProjectRepository;
  readonly participants: MongoParticipantRepository;
  readonly waves: MongoWaveRepository;
  readonly responses: MongoResponseRepository;
  readonly paperKeyings: MongoPaperKeyingRepository;
  readonly sends: MongoSendRepository;
  readonly apiTokens: MongoApiTokenRepository;
  readonly sessions: MongoStaffSessionRepository;
  readonly rateLimits: MongoRateLimitRepository;
  readonly actions: MongoActionRepository;
  readonly waveSummaries: MongoWaveSummaryRepository;
  readonly consentTexts: MongoConsentTextRepository;
  readonly audit: MongoAuditRepository;

  private constructor(private readonly c: MongoConnection) {
    this.users = new MongoUserRepository(c);
    this.roles = new MongoRoleRepository(c);
    this.instruments = new MongoInstrumentSnapshotRepository(c);
    this.projects = new MongoProjectRepository(c);
    this.participants = new MongoParticipantRepository(c);
    this.waves = new MongoWaveRepository(c);
    this.responses = new MongoResponseRepository(c);
    this.paperKeyings = new MongoPaperKeyingRepository(c);
    this.sends = new MongoSendRepository(c);
    this.apiTokens = new MongoApiTokenRepository(c);
    this.sessions = new MongoStaffSessionRepository(c);
    this.rateLimits = new MongoRateLimitRepository(c);
    this.actions = new MongoActionRepository(c);
    this.waveSummaries = new MongoWaveSummaryRepository(c);
    this.consentTexts = new MongoConsentTextRepository(c);
    this.audit = new MongoAuditRepository(c);
  }

  static async connect(uri: string): Promise<MongoStore> {
    const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
    const c = new MongoConnection(connection);
    await Promise.all(Object.values(c.models).map((model) => model.syncIndexes()));
    return new MongoStore(c);
  }

  async transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.c.transaction(() => fn(this));
  }

  async health(): Promise<StoreHealth> {
    let atomicTransactions = false;
    try {
      await this.c.connection.db?.admin().command({ ping: 1 });
      atomicTransactions = await this.c.supportsTransactions();
    } catch (error) {
      return { ok: false, writable: false, kind: 'mongodb', detail: (error as Error).message, atomicTransactions };
    }
    const detail = `connected to ${this.c.connection.name}${atomicTransactions ? '' : ', standalone: no transactions'}`;
    try {
      // A ping answers on a full disk; only a write says whether changes can still be kept.
      await this.c.connection
        .collection<{ _id: string; at: Date }>('health_probe')
        .updateOne({ _id: 'probe' }, { $set: { at: new Date() } }, { upsert: true });
      return { ok: true, writable: true, kind: 'mongodb', detail, atomicTransactions };
    } catch (error) {
      const failed = `${detail}; a write failed: ${(error as Error).message}`;
      return { ok: true, writable: false, kind: 'mongodb', detail: failed, atomicTransactions };
    }
  }

  async close(): Promise<void> {
    await this.c.connection.close();
    this.c.close();
  }

  /** Test helper for the contract suite: a clean database per run. */
  async dropDatabase(): Promise<void> {
    await this.c.connection.dropDatabase();
  }

  /** connect-mongo on this connection's client: sessions expire through its TTL index. */
  createSessionStore(): SessionStore {
    return ConnectMongo.create({
      client: this.c.connection.getClient() as never,
      collectionName: SESSIONS_COLLECTION,
      ttl: SESSION_IDLE_MS / 1000,
    });
  }
}
