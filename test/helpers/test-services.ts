import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FieldProblem } from '../../server/domain/errors.js';
import { InstrumentRegistry } from '../../server/services/instrument-registry.js';
import { createServices, type Services } from '../../server/services/services.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';

export const SURVEYS_DIR = join(fileURLToPath(import.meta.url), '..', '..', '..', 'surveys');

/** Services as the app gets them, with the store and questionnaires behind them for a test to look at directly. */
export interface TestServices {
  services: Services;
  store: SqliteStore;
  instruments: InstrumentRegistry;
}

/** Real services on an in-memory SQLite store and the shipped questionnaires; DEFAULT_TIME_ZONE as given, else UTC. */
export function testServices(
  now: () => Date = () => new Date('2026-03-10T09:00:00Z'),
  defaultTimeZone?: string,
): TestServices {
  const store = SqliteStore.open(':memory:');
  const instruments = InstrumentRegistry.fromDirectory(SURVEYS_DIR);
  return {
    services: createServices({ store, instruments, baseUrl: 'https://coassess.test', now, defaultTimeZone }),
    store,
    instruments,
  };
}

/** A project with two waves and three participants, as most tests need. */
export async function seededProject(services: Services, slug = 'p4c') {
  const project = await services.projects.create({ slug, name: 'Place4Carers', instrument: 'coassess-core' }, 'test');
  const wave1 = await services.waves.add(
    { project, label: 'Wave 1', opensOn: '2026-03-01', closesOn: '2026-03-21' },
    'test',
  );
  const wave2 = await services.waves.add(
    { project, label: 'Wave 2', opensOn: '2026-06-01', closesOn: '2026-06-21' },
    'test',
  );
  const participants = await services.participants.importCsv(
    project,
    'code,group,language,mode\nCG-001,caregiver,it,paper\nCG-002,caregiver,en,web\nPR-001,provider,en,web\n',
    'test',
  );
  return { project, wave1, wave2, participants };
}

export async function expectDomainError(
  promise: Promise<unknown>,
  code: string,
): Promise<{ code: string; problems: FieldProblem[] }> {
  try {
    await promise;
  } catch (error) {
    if ((error as { code?: string }).code !== code) throw error;
    return error as { code: string; problems: FieldProblem[] };
  }
  throw new Error(`expected a ${code} error, but nothing was thrown`);
}
