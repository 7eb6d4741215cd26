import type { Config } from './config.js';
import { InstrumentRegistry } from './services/instrument-registry.js';
import { createServices, type Services } from './services/services.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

/** Opens the store and loads the questionnaires: shared by the server and the CLI. */
export async function bootstrap(
  config: Config,
  now: () => Date = () => new Date(),
  open: (config: Config) => Promise<Store> = openStore,
): Promise<Services> {
  const store = await open(config);
  const instruments = InstrumentRegistry.fromDirectory(config.surveysDir);
  await instruments.reconcile(store);
  return createServices({ store, instruments, baseUrl: config.baseUrl, now, defaultTimeZone: config.defaultTimeZone });
}
