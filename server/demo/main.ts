import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { demoClock } from './demo-clock.js';
import { DEMO_PASSWORD, DEMO_PROJECT, DEMO_SIGN_INS, seedDemo } from './seed-demo.js';

/**
 * `npm run demo`: seeds the demo project into its own data directory (never the real one unless
 * DATA_DIR says so), prints how to sign in, then hands over to the server's own entry point so
 * the demo serves exactly as `npm start` does.
 */
async function demo(): Promise<void> {
  process.env.DATA_DIR = process.env.DATA_DIR?.trim() || 'data-demo';
  const config = loadConfig();
  const clock = demoClock();
  const services = await bootstrap(config, clock.now);
  try {
    const { seeded } = await seedDemo(services, clock);
    console.log(seeded
      ? `Demo project "${DEMO_PROJECT}" seeded in ${config.dataDir}: 55 participants, 4 waves.`
      : `Demo project "${DEMO_PROJECT}" already in ${config.dataDir}; kept as it is (delete the directory to start again).`);
  } finally {
    await services.ctx.store.close();
  }
  console.log(`Sign in at ${config.baseUrl}/login with the password "${DEMO_PASSWORD}" and one of:`);
  for (const { role, email } of DEMO_SIGN_INS) console.log(`  ${role.padEnd(10)} ${email}`);
  console.log(`Dashboard: ${config.baseUrl}/projects/${DEMO_PROJECT}/dashboard`);
  await import('../main.js');
}

demo().catch((error: unknown) => {
  console.error(`The demo could not start: ${(error as Error).message}`);
  process.exit(1);
});
