import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DomainError } from '../domain/errors.js';
import { instrumentFingerprint, validateInstrument, type Instrument } from '../domain/instrument.js';
import type { Repositories, Store } from '../store/store.js';

interface InstrumentFileProblem {
  file: string;
  where: string;
  message: string;
}

export function formatProblem(p: InstrumentFileProblem): string {
  return `${p.file}: ${p.where}: ${p.message}`;
}

/**
 * The questionnaires in surveys/*.json. A file with any problem is not offered; the others are.
 * Projects and waves pin (id, version); the first use of a version stores a snapshot, so a pinned
 * project keeps its questionnaire even if the file later changes or goes.
 */
export class InstrumentRegistry {
  readonly problems: InstrumentFileProblem[] = [];
  private readonly offered = new Map<string, Instrument>();
  private readonly fileOf = new Map<string, string>();

  static fromDirectory(dir: string): InstrumentRegistry {
    const registry = new InstrumentRegistry();
    let files: string[];
    try {
      files = readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort();
    } catch {
      registry.problems.push({ file: dir, where: '-', message: 'the surveys folder cannot be read' });
      return registry;
    }
    for (const file of files) registry.addFile(join(dir, file));
    return registry;
  }

  private addFile(path: string): void {
    const file = `surveys/${basename(path)}`;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      this.problems.push({ file, where: '$', message: `is not valid JSON (${(error as Error).message})` });
      return;
    }
    this.add(json, file);
  }

  /** Validates and offers one instrument; returns false (and records why) when it is not offered. */
  add(json: unknown, file: string): boolean {
    const result = validateInstrument(json);
    if (!result.ok) {
      this.problems.push(...result.problems.map((p) => ({ file, ...p })));
      return false;
    }
    const key = keyOf(result.instrument.id, result.instrument.version);
    if (this.offered.has(key)) {
      this.problems.push({
        file,
        where: '$.version',
        message: `${result.instrument.id} version ${result.instrument.version} is already defined by another file`,
      });
      return false;
    }
    this.offered.set(key, result.instrument);
    this.fileOf.set(key, file);
    return true;
  }

  /**
   * Withdraws any file whose items differ from the snapshot of the same (id, version) that
   * projects are pinned to: changing items needs a new version.
   */
  async reconcile(store: Store): Promise<void> {
    for (const [key, instrument] of [...this.offered]) {
      const snapshot = await store.instruments.get(instrument.id, instrument.version);
      if (snapshot && snapshot.fingerprint !== instrumentFingerprint(instrument)) {
        this.offered.delete(key);
        this.problems.push({
          file: this.fileOf.get(key) ?? instrument.id,
          where: '$.version',
          message: `version ${instrument.version} is already in use with different items; give the changed file a new version`,
        });
      }
    }
  }

  list(): Instrument[] {
    return [...this.offered.values()].sort((a, b) => a.id.localeCompare(b.id) || compareVersions(a.version, b.version));
  }

  get(id: string, version: string): Instrument | undefined {
    return this.offered.get(keyOf(id, version));
  }

  latest(id: string): Instrument | undefined {
    return this.list()
      .filter((i) => i.id === id)
      .at(-1);
  }

  /** The instrument a project or wave is pinned to: the file if it still matches, else the snapshot. */
  async resolve(store: Store, id: string, version: string): Promise<Instrument> {
    const offered = this.get(id, version);
    if (offered) return offered;
    const snapshot = await store.instruments.get(id, version);
    if (snapshot) return { ...(JSON.parse(snapshot.json) as Instrument), version };
    throw new DomainError('INSTRUMENT_NOT_FOUND', `instrument ${id} version ${version} is not available`);
  }

  /** Records the snapshot the first time a version is used, inside the caller's transaction if given one. */
  async pin(store: Pick<Repositories, 'instruments'>, instrument: Instrument): Promise<void> {
    const fingerprint = instrumentFingerprint(instrument);
    const existing = await store.instruments.get(instrument.id, instrument.version);
    if (existing && existing.fingerprint !== fingerprint) {
      throw new DomainError(
        'INSTRUMENT_CHANGED',
        `${instrument.id} version ${instrument.version} is already in use with different items; give it a new version`,
      );
    }
    if (!existing) {
      await store.instruments.save({
        instrumentId: instrument.id,
        version: instrument.version,
        fingerprint,
        json: JSON.stringify(instrument),
        savedAt: new Date().toISOString(),
      });
    }
  }
}

function keyOf(id: string, version: string): string {
  return `${id}@${version}`;
}

/** Numeric-aware, so version 10 comes after version 9. */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
