/**
 * How long a piece of work may hold the event loop before it lets other requests run. Every
 * request on this process waits while it runs, so long work (an import) is cut into slices of
 * about this length (ADR 0070).
 */
export const SLICE_MS = 10;

/** Resolves after the event loop has run whatever was waiting: timers, I/O, other requests. */
export function giveWay(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Cuts a loop into slices of at most `ms` of work: call `if (slice.due()) await slice.giveWay()`
 * between steps. Checking the clock costs far less than a step, and no step waits when none is due.
 */
export class TimeSlice {
  private startedAt = performance.now();

  constructor(private readonly ms = SLICE_MS) {}

  due(): boolean {
    return performance.now() - this.startedAt >= this.ms;
  }

  async giveWay(): Promise<void> {
    await giveWay();
    this.startedAt = performance.now();
  }
}
