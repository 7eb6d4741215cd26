/**
 * One run of the invitation sender in a process of its own, as the server's hourly run would
 * be, so a test can SIGKILL it mid-send. DB: the SQLite file; SMTP_URL; NOW: the clock's time.
 * Prints the run's report as JSON when done.
 */
import { InstrumentRegistry } from '../../server/services/instrument-registry.js';
import { smtpMailer } from '../../server/services/mailer.js';
import { createServices } from '../../server/services/services.js';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { SURVEYS_DIR } from './test-services.js';

const store = SqliteStore.open(process.env.DB!);
const services = createServices({
  store,
  instruments: InstrumentRegistry.fromDirectory(SURVEYS_DIR),
  baseUrl: 'https://coassess.test',
  now: () => new Date(process.env.NOW!),
});
const report = await services.invitations.sendDue(smtpMailer(process.env.SMTP_URL!, 'noreply@coassess.test'));
await store.close();
console.log(JSON.stringify(report));
