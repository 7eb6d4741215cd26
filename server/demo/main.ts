import { onListening } from '../announce.js';
import { loadConfig } from '../config.js';
import { demoClock } from './demo-clock.js';
import { seedDemoDirectory } from './demo-directory.js';
import { DEMO_PASSWORD, DEMO_PROJECT, DEMO_SIGN_INS } from './seed-demo.js';

/**
 * `npm run demo`: seeds the demo project into its own data directory (never the real one unless
 * DATA_DIR says so), then hands over to the server's own entry point so the demo serves exactly
 * as `npm start` does, and prints how to sign in once it listens.
 */
async function demo(): Promise<void> {
  process.env.DATA_DIR = process.env.DATA_DIR?.trim() || 'data-demo';
  // The demo's people are made up: their data must never reach a real database, nor mail be
  // sent to their addresses.
  for (const name of ['MONGODB_URI', 'SMTP_URL']) {
    if (!process.env[name]) continue;
    console.log(`The demo runs on its own SQLite data directory without email: ${name} is ignored.`);
    delete process.env[name];
  }
  const config = loadConfig();
  const outcome = await seedDemoDirectory(config, demoClock());
  console.log(
    outcome === 'seeded'
      ? `Demo project "${DEMO_PROJECT}" seeded in ${config.dataDir}: 55 participants, 4 waves.`
      : `Demo project "${DEMO_PROJECT}" already in ${config.dataDir}; kept as it is (delete the directory to start again).`,
  );
  onListening((where) => {
    console.log(`Sign in at ${where}/login with the password "${DEMO_PASSWORD}" and one of:`);
    for (const { role, email } of DEMO_SIGN_INS) console.log(`  ${role.padEnd(10)} ${email}`);
    console.log(`Dashboard: ${where}/projects/${DEMO_PROJECT}/dashboard`);
  });
  await import('../main.js');
}

demo().catch((error: unknown) => {
  console.error(`The demo could not start: ${(error as Error).message}`);
  process.exit(1);
});
