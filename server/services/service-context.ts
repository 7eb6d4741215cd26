import type { Store } from '../store/store.js';
import type { InstrumentRegistry } from './instrument-registry.js';

/** What every service receives; nothing is reached for through globals. */
export interface ServiceContext {
  store: Store;
  instruments: InstrumentRegistry;
  /** Public address of CoAssess, for personal links. */
  baseUrl: string;
  now: () => Date;
  /** Where faults the services survive are reported (an audit entry that could not be written); console.error without. */
  log?: (message: string) => void;
}

/** Who did something, for the audit log: a staff user id, or "cli". */
export type Actor = string;
