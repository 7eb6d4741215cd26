import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Answers } from '../server/domain/answers.js';
import { InstrumentRegistry } from '../server/services/instrument-registry.js';
import { createServices } from '../server/services/services.js';
import type { NewResponse } from '../server/domain/records.js';
import { SqliteStore } from '../server/store/sqlite/sqlite-store.js';
import type { BenchContext } from './figure.js';

export const PARTICIPANTS = 2000;
export const WAVES = 12;
export const DIMENSIONS = 6;
export const ITEMS_PER_DIMENSION = 5;
const BATCH = 2000;

const text = (value: string) => ({ en: value });

/** 30 five-point items in six dimensions, every fifth reverse-coded. */
export function benchInstrument() {
  const dimensions = Array.from({ length: DIMENSIONS }, (_, d) => ({
    id: `dim${d + 1}`,
    label: text(`Dimension ${d + 1}`),
  }));
  return {
    id: 'bench-30',
    version: 1,
    languages: ['en'],
    title: text('Bench'),
    scales: { agree5: { min: 1, max: 5, labels: { en: ['1', '2', '3', '4', '5'] } } },
    dimensions,
    sections: dimensions.map(({ id }) => ({
      id: `s_${id}`,
      title: text(id),
      items: Array.from({ length: ITEMS_PER_DIMENSION }, (_, i) => ({
        id: `${id}_${i + 1}`,
        type: 'scale',
        scale: 'agree5',
        dimension: id,
        reverse: i === ITEMS_PER_DIMENSION - 1,
        text: text(`Item ${i + 1}`),
      })),
    })),
  };
}

/** A deterministic generator, so every run measures the same data. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * 2,000 participants × 12 waves × 30 items, written straight into a SQLite file through the
 * store port, with the caregivers' levels drifting down so the flags have work to do.
 */
export async function seedBenchStore(dir: string): Promise<BenchContext> {
  const databaseFile = join(dir, 'bench.db');
  const store = SqliteStore.open(databaseFile);
  const instruments = new InstrumentRegistry();
  instruments.add(benchInstrument(), 'bench-30.json');
  const services = createServices({ store, instruments, baseUrl: 'http://localhost', now: () => new Date() });
  const slug = 'bench';
  const project = await services.projects.create({ slug, name: 'Bench', instrument: 'bench-30' }, 'bench');
  const waves = [];
  for (let w = 0; w < WAVES; w += 1) {
    const month = String(w + 1).padStart(2, '0');
    waves.push(
      await services.waves.add(
        { project, label: `Wave ${w + 1}`, opensOn: `2025-${month}-01`, closesOn: `2025-${month}-20` },
        'bench',
      ),
    );
  }
  const participants = await store.participants.createMany(
    Array.from({ length: PARTICIPANTS }, (_, i) => ({
      projectId: project.id,
      code: `P-${String(i + 1).padStart(4, '0')}`,
      group: i % 2 === 0 ? 'caregiver' : 'provider',
      language: 'en',
      mode: 'web' as const,
      // Enrolled before the first wave opens, so every wave invites the whole panel.
      enrolledOn: '2024-12-01',
      token: randomBytes(24).toString('base64url'),
      accessCode: randomBytes(8).toString('hex').toUpperCase().slice(0, 8),
    })),
  );
  const random = generator(42);
  const items = benchInstrument().sections.flatMap((s) => s.items.map((i) => i.id));
  let answers = 0;
  for (const [w, wave] of waves.entries()) {
    let batch: NewResponse[] = [];
    for (const participant of participants) {
      const drift = participant.group === 'caregiver' ? -0.08 * w : 0;
      const level = 3.6 + drift + (random() - 0.5);
      const values: Answers = {};
      items.forEach((id, i) => {
        const raw = Math.min(5, Math.max(1, Math.round(level + (random() - 0.5) * 2)));
        values[id] = i % ITEMS_PER_DIMENSION === ITEMS_PER_DIMENSION - 1 ? 6 - raw : raw;
      });
      answers += items.length;
      const at = `${wave.opensOn}T10:00:00.000Z`;
      batch.push({
        projectId: project.id,
        participantId: participant.id,
        waveId: wave.id,
        group: participant.group,
        answers: values,
        status: 'submitted',
        source: 'web',
        startedAt: at,
        submittedAt: at,
        enteredBy: null,
      });
      if (batch.length === BATCH) {
        await store.responses.insertMany(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await store.responses.insertMany(batch);
  }
  return { services, slug, answers, databaseFile };
}
