export interface ScheduledWave {
  label: string;
  opensOn: string;
  closesOn: string;
}

export type WaveState = 'scheduled' | 'open' | 'closed';

/** Derived from the dates, never stored: both dates are inclusive. */
export function waveState(wave: ScheduledWave, today: string): WaveState {
  if (today < wave.opensOn) return 'scheduled';
  if (today > wave.closesOn) return 'closed';
  return 'open';
}

/** The wave open today, if any; waves never overlap, so there is at most one. */
export function openWave<W extends ScheduledWave>(waves: readonly W[], today: string): W | undefined {
  return waves.find((w) => waveState(w, today) === 'open');
}

/** The first wave that opens after today, for "the next wave opens on …". */
export function nextWave<W extends ScheduledWave>(waves: readonly W[], today: string): W | undefined {
  return waves.filter((w) => w.opensOn > today).sort((a, b) => a.opensOn.localeCompare(b.opensOn))[0];
}

/** Another wave whose dates share at least one day with this one. */
export function overlappingWave<W extends ScheduledWave>(waves: readonly W[], candidate: ScheduledWave): W | undefined {
  return waves.find((w) => w.opensOn <= candidate.closesOn && candidate.opensOn <= w.closesOn);
}
