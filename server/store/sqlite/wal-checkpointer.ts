import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How often the checkpointer copies committed pages into the database file. */
export const CHECKPOINT_INTERVAL_MS = 500;

/** SQLite's own default, restored if the checkpointer stops: a WAL must never grow unchecked. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * The checkpointer's code, run in a worker thread on its own connection to the same file. It is
 * a string so that the same code runs from the compiled JavaScript and under tsx in tests; it
 * loads better-sqlite3 from the path the main thread resolved. A PASSIVE checkpoint never waits
 * for readers or writers, and costs only a look at the WAL index when nothing was committed.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = () => {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  if (result.log > 0) parentPort.postMessage(result);
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') checkpoint();
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** What `PRAGMA wal_checkpoint` answers: pages in the WAL, and how many of them are now in the file. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * Copies committed pages from the WAL into the database file on a worker thread, so that no
 * commit on the serving connection does it (ADR 0043). SQLite's automatic checkpoint runs inside
 * the COMMIT that passes 1,000 WAL pages, and held the event loop for 300–500 ms after a large
 * import. Here the serving connection's automatic checkpoint is off and a worker, on its own
 * connection, checkpoints every CHECKPOINT_INTERVAL_MS. If the worker stops for any reason, the
 * serving connection's automatic checkpoint is turned back on.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private readonly listeners = new Set<(result: CheckpointResult) => void>();

  constructor(private readonly db: Database.Database) {}

  /** Starts the worker on the serving connection's database file. */
  start(file: string, intervalMs = CHECKPOINT_INTERVAL_MS): void {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file,
        intervalMs,
      },
    });
    // A store left open must not keep the process alive.
    worker.unref();
    worker.on('message', (result: CheckpointResult) => {
      for (const listener of this.listeners) listener(result);
    });
    worker.on('error', (error) => this.fallBack(worker, error.message));
    worker.on('exit', (code) => this.fallBack(worker, `exited with code ${code}`));
    this.worker = worker;
    this.db.pragma('wal_autocheckpoint = 0');
  }

  /** Whether checkpoints are being made off the serving connection. */
  running(): boolean {
    return this.worker !== null;
  }

  /** A checkpoint now rather than at the next tick; for tests. Answers with its result. */
  checkpointNow(): Promise<CheckpointResult> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('the checkpointer is not running'));
    return new Promise((resolve) => {
      const stop = this.onCheckpoint((result) => {
        stop();
        resolve(result);
      });
      worker.postMessage('checkpoint');
    });
  }

  /** Calls `listener` after each checkpoint that found pages in the WAL. */
  onCheckpoint(listener: (result: CheckpointResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the worker's connection before the serving one, so the last to close can remove the WAL. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Unref'd, the worker would not keep the process alive until it has closed its connection.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  private fallBack(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    console.error(`WAL checkpointer stopped (${why}); checkpoints are back on the serving connection.`);
  }
}
