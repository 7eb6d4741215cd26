import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announceListening } from './announce.js';
import { createApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { listeningBaseUrl, loadConfig, type Config } from './config.js';
import { createHttpServer } from './http/http-server.js';
import { formatProblem } from './services/instrument-registry.js';

/** The only module that connects to the store and listens on a port. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }

  const services = await bootstrap(config);
  for (const problem of services.system.questionnaires().problems)
    console.warn(`Questionnaire not offered: ${formatProblem(problem)}`);

  // nodemailer is loaded only with SMTP_URL: most installs never mail, and it weighs on cold start.
  const mailer = config.smtpUrl
    ? (await import('./services/mailer.js')).smtpMailer(config.smtpUrl, config.mailFrom)
    : null;
  const app = createApp({ services, config, mailer });
  // Once at start, so frequent restarts never starve the mail, then hourly: enough for
  // day-granular waves. The store's send claims keep two processes from doubling up.
  const sendDue = () => {
    // The service would refuse (ADR 0097); the start-up warning has said so once already.
    if (!mailer || services.system.publicAddress().onlyThisComputer) return;
    services.invitations
      .sendDue(mailer)
      .catch((error: unknown) => console.error(`Sending invitations failed: ${(error as Error).message}`));
  };
  const mailing = mailer ? setInterval(sendDue, 60 * 60 * 1000) : null;
  mailing?.unref();
  setTimeout(sendDue, 5_000).unref();
  // DEVICE_SERVER=off serves on Node's stock server, as app.listen() would (ADR 0013).
  const server = (config.devices.server ? createHttpServer(app) : createServer(app)).listen(
    config.port,
    config.host,
    () => {
      const { port } = server.address() as AddressInfo;
      const where = listeningBaseUrl(config, port);
      // Personal links must carry the port actually picked.
      services.system.listeningAt(where);
      console.log(
        `CoAssess is running at ${where} (store: ${services.system.storeKind}${services.system.storeKind === 'sqlite' ? `, data in ${config.dataDir}` : ''})`,
      );
      if (services.system.publicAddress().onlyThisComputer)
        console.warn(
          `Warning: personal links, QR codes and emails point to ${where}, which opens only on this computer: they will not work for participants anywhere else. Set BASE_URL to the public address (such as https://coassess.example.org) and restart.${mailer ? ' Until then no email is sent.' : ''}`,
        );
      // Only whoever can read this console can create the first administrator, and only once.
      void services.auth.setupOpen().then((open) => {
        if (open)
          console.log(
            `No staff account yet. Create the first administrator here (works once): ${where}/setup/${services.auth.setupToken}`,
          );
      });
      announceListening(where);
    },
  );
  server.on('error', (error) => {
    console.error(`CoAssess could not start: ${error.message}`);
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests in flight, then closing the store.`);
    // Requests in flight complete; idle keep-alive sockets are closed so close() can finish.
    server.close(async () => {
      await services.system.close();
      console.log('CoAssess stopped.');
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      console.error('Requests still open after 10 s; stopping anyway.');
      process.exit(1);
    }, 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`CoAssess could not start: ${(error as Error).message}`);
  process.exit(1);
});
