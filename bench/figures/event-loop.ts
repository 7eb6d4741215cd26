import autocannon from 'autocannon';
import { MAX_IMPORT_ROWS } from '../../server/services/csv-import.js';
import { CookieJar, csrfOf, startBenchServer, type BenchServer } from '../bench-server.js';
import { figure, progress, type StandaloneRunner } from '../figure.js';
import { questionnairePage } from './http.js';

const CONNECTIONS = 50;
const WARM_UP_SECONDS = 3;
/** The import is the largest a file may be: every row a new participant with an email. */
const ROWS = MAX_IMPORT_ROWS;

/** A lead of the server's submissions project, signed in, with a CSRF token from its participants page. */
async function signedInLead(server: BenchServer): Promise<{ staff: CookieJar; csrf: string }> {
  const staff = new CookieJar();
  const login = await staff.fetch(`${server.appUrl}/login`);
  const signedIn = await staff.fetch(`${server.appUrl}/login`, {
    form: { _csrf: csrfOf(await login.text()), ...server.lead },
  });
  if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);
  const page = await staff.fetch(`${server.appUrl}/projects/subs/participants`);
  return { staff, csrf: csrfOf(await page.text()) };
}

/**
 * `event-loop stall`: the longest delay of the server's event loop (perf_hooks
 * .monitorEventLoopDelay, 1 ms resolution, in the server's process) while a lead uploads a
 * 50,000-row participant file on the participants page, as a browser posts it, and 50
 * connections keep asking for a participant's questionnaire page (GET /s/<token>/section/1,
 * as `page` does). Timed from the upload's first byte to the import's 303, after 3 s of pages
 * alone. Reported beside it, without targets: how long the import took, and the slowest page
 * served meanwhile, which shows what the import's one write transaction costs a page (ADR 0071).
 */
export const eventLoopFigures: StandaloneRunner = async () => {
  const server = await startBenchServer({ participants: 1, waves: 1 });
  try {
    const { side } = await questionnairePage(server);
    const { staff, csrf } = await signedInLead(server);
    const csv = `code,group,language,mode,email\n${Array.from(
      { length: ROWS },
      (_, i) => `I-${String(i + 1).padStart(5, '0')},${i % 3 ? 'caregiver' : 'provider'},en,web,i${i + 1}@example.org`,
    ).join('\n')}\n`;
    progress(
      `event-loop stall: ${WARM_UP_SECONDS} s of pages, then a ${ROWS.toLocaleString('en-GB')}-row participant import (${(Buffer.byteLength(csv) / 2 ** 20).toFixed(1)} MB) with ${CONNECTIONS} connections on the page…`,
    );
    const warm = await autocannon({ ...side, connections: CONNECTIONS, duration: WARM_UP_SECONDS });
    if (warm.errors > 0 || warm['2xx'] !== warm.requests.total) throw new Error('the page failed during warm-up');

    await server.ask({ kind: 'loop-delay-start' });
    // Stopped once the import has answered; the duration only bounds a run that never would.
    let finished!: (error: unknown, result: autocannon.Result) => void;
    const results = new Promise<autocannon.Result>(
      (resolve, reject) => (finished = (error, result) => (error ? reject(error) : resolve(result))),
    );
    const pages = autocannon({ ...side, connections: CONNECTIONS, duration: 600 }, (error, result) =>
      finished(error, result),
    );
    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'people.csv');
    const started = performance.now();
    const response = await fetch(`${server.appUrl}/projects/subs/participants/import`, {
      method: 'POST',
      headers: { cookie: staff.header() },
      body: form,
      redirect: 'manual',
    });
    await response.arrayBuffer();
    const importMs = performance.now() - started;
    pages.stop();
    const load = await results;
    const delay = await server.ask({ kind: 'loop-delay-stop' });

    const location = response.headers.get('location') ?? '';
    if (response.status !== 303 || !location.endsWith(`done=${encodeURIComponent(`imported ${ROWS}`)}`))
      throw new Error(`the import answered ${response.status} ${location}`);
    if (load.errors > 0 || load['2xx'] !== load.requests.total)
      throw new Error(`${load.requests.total - load['2xx']} pages failed and ${load.errors} errors during the import`);
    if (delay.kind !== 'loop-delay' || delay.samples === 0) throw new Error('the event loop was not timed');
    progress(
      `event-loop stall: longest delay ${delay.maxMs.toFixed(1)} ms over ${delay.samples} ticks; import ${Math.round(importMs)} ms; ${load['2xx']} pages meanwhile, p99 ${load.latency.p99} ms, slowest ${load.latency.max} ms`,
    );
    return [
      figure('event-loop stall', delay.maxMs, 'ms', 100),
      figure('event-loop stall, import', importMs, 'ms', null),
      figure('event-loop stall, slowest page', load.latency.max, 'ms', null),
    ];
  } finally {
    await server.stop();
  }
};
