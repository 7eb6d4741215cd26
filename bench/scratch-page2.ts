import autocannon from 'autocannon';
import { CookieJar, csrfOf, startBenchServer } from './bench-server.js';
const server = await startBenchServer({ participants: 10, waves: 1 });
const browser = new CookieJar();
const base = `${server.appUrl}/s/${server.pageToken}`;
const consent = await browser.fetch(base);
await browser.fetch(`${base}/consent`, { form: { _csrf: csrfOf(await consent.text()), consent: 'yes' } });
const page = await browser.fetch(`${base}/section/1`);
const html = await page.text();
await server.ask({ kind: 'static-page', html });
const secs = Number(process.env.SECS ?? 5);
const run = async (url: string, headers: Record<string, string>) => {
  await autocannon({ url, headers, connections: 50, duration: 2 });
  return autocannon({ url, headers, connections: 50, duration: secs });
};
const out: string[] = [];
for (let i = 0; i < Number(process.env.ROUNDS ?? 3); i++) {
  const a = await run(`${base}/section/1`, { cookie: browser.header() });
  const s = await run(`${server.staticUrl}/page`, {});
  out.push(`${(a.requests.average / s.requests.average).toFixed(3)} (${Math.round(a.requests.average)}/${Math.round(s.requests.average)} p99 ${a.latency.p99})`);
}
console.error(out.join('  '));
await server.stop();
