import { createApp } from '../../server/app.js';
import type { Services } from '../../server/services/services.js';
import { testServices } from './test-services.js';

export function testApp(services: Services = testServices().services) {
  const app = createApp({
    services,
    config: { baseUrl: 'https://coassess.test', sessionSecret: 'x'.repeat(40), trustProxy: false },
    log: () => {},
  });
  return { app, services };
}
