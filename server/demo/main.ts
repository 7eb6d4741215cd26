import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { demoClock } from './demo-clock.js';
import { serve } from '../main.js';
import { DEMO_PASSWORD, DEMO_PROJECT, DEMO_SIGN_INS, seedDemo } from './seed-demo.js';

/**
 * `npm run demo`: seeds the demo project into its own data directory (never the real one unless
 * DATA_DIR says so), then serves through the server's own entry point, exactly as `npm start`
 * does, and prints how to sign in.
 */
async function demo(): Promise<void> {
  process.env.DATA_DIR = process.env.DATA_DIR?.trim() || 'data-demo';
  if (process.env.MONGODB_URI) {
    // The demo's data is made up: it must never land in a real deployment's database.
    console.log('The demo runs on its own SQLite data directory: MONGODB_URI is ignored.');
    delete process.env.MONGODB_URI;
  }
  const config = loadConfig();
  const clock = demoClock();
  const services = await bootstrap(config, clock.now);
  try {
    const { seeded, complete } = await seedDemo(services, clock);
    if (seeded) console.log(`Demo project "${DEMO_PROJECT}" seeded in ${config.dataDir}: 55 participants, 4 waves.`);
    else if (complete) console.log(`Demo project "${DEMO_PROJECT}" already in ${config.dataDir}; kept as it is (delete the directory to start again).`);
    else console.warn(`Demo project "${DEMO_PROJECT}" in ${config.dataDir} is incomplete: an earlier seeding was stopped part-way. Delete the directory and run the demo again to seed it afresh.`);
  } finally {
    await services.ctx.store.close();
  }
  // Printed once the server listens, so the address carries the port actually picked.
  await serve({
    announce: (where) => {
      console.log(`Sign in at ${where}/login with the password "${DEMO_PASSWORD}" and one of:`);
      for (const { role, email } of DEMO_SIGN_INS) console.log(`  ${role.padEnd(10)} ${email}`);
      console.log(`Dashboard: ${where}/projects/${DEMO_PROJECT}/dashboard`);
    },
  });
}

demo().catch((error: unknown) => {
  console.error(`The demo could not start: ${(error as Error).message}`);
  process.exit(1);
});
