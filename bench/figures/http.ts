import autocannon from 'autocannon';
import { DEVICE_VARIABLES } from '../../server/config.js';
import { CookieJar, csrfOf, startBenchServer, type BenchServer } from '../bench-server.js';
import { figure, progress, type Figure, type StandaloneRunner } from '../figure.js';
import { DIMENSIONS, ITEMS_PER_DIMENSION } from '../seed.js';

const CONNECTIONS = 50;
const WARM_UP_SECONDS = 3;
/** Alternating rounds of the page and the static route: see pageFigures. */
const PAGE_ROUNDS = 3;
const ROUND_SECONDS = 5;
/**
 * One wave, open today (a closed wave takes no paper forms); its first WARM_UP participants warm
 * up, the rest are the measured submissions, each pair used once.
 */
const PARTICIPANTS = 12_000;
const WARM_UP = 2_000;
const SUBMISSION_ROUNDS = 5;
const ROUND_SUBMISSIONS = (PARTICIPANTS - WARM_UP) / SUBMISSION_ROUNDS;

type Load = autocannon.Options;

async function load(options: Load): Promise<autocannon.Result> {
  const result = await autocannon({ connections: CONNECTIONS, ...options });
  if (result.errors > 0)
    throw new Error(`${result.errors} connection errors (${result.timeouts} timeouts) against ${options.url}`);
  return result;
}

const perSecond = (count: number, result: autocannon.Result) => count / result.duration;

const off = (...variables: string[]) => Object.fromEntries(variables.map((variable) => [variable, 'off']));

/**
 * The page with ADR 0005's devices switched off (ADR 0013): all of them, the plain Express app,
 * and each alone, so what each one is worth shows. Each setting is a server process of its own,
 * started as `npm start` would be with those variables.
 */
const DEVICES_OFF: { name: string; env: Record<string, string> }[] = [
  { name: 'page, devices off', env: off(...Object.values(DEVICE_VARIABLES)) },
  { name: 'page, server off', env: off(DEVICE_VARIABLES.server) },
  { name: 'page, view renderer off', env: off(DEVICE_VARIABLES.viewRenderer) },
  { name: 'page, read cache off', env: off(DEVICE_VARIABLES.readCache) },
  { name: 'page, CSRF cache off', env: off(DEVICE_VARIABLES.csrfCache) },
];

interface Side {
  url: string;
  headers: Record<string, string>;
}

/** The first questionnaire page for the server's participant, once consented, with the cookies their browser holds. */
export async function questionnairePage(server: BenchServer): Promise<{ side: Side; html: string }> {
  const browser = new CookieJar();
  const base = `${server.appUrl}/s/${server.pageToken}`;
  const consent = await browser.fetch(base);
  const consented = await browser.fetch(`${base}/consent`, {
    form: { _csrf: csrfOf(await consent.text()), consent: 'yes' },
  });
  if (consented.status !== 303) throw new Error(`consent answered ${consented.status}`);
  const first = await browser.fetch(`${base}/section/1`);
  const html = await first.text();
  if (first.status !== 200 || !html.includes('<fieldset'))
    throw new Error(`the questionnaire page answered ${first.status}`);
  return { side: { url: `${base}/section/1`, headers: { cookie: browser.header() } }, html };
}

/**
 * GET /s/<token>/section/1 for a participant who has consented, with the cookies their browser
 * holds, against a plain Express route sending the same bytes. Uncompressed on both sides:
 * the load generator sends no Accept-Encoding.
 *
 * The baseline is that route as app.listen() serves it, which is what the target names. The app
 * runs on the server server/http/http-server.ts builds, which spares Express a cost it puts on
 * every request, so the same route is also measured on that server: `page, same server` is
 * the ratio like for like, reported without a target. The page from each server with devices
 * off (`offServers`, see DEVICES_OFF) is held against the same baseline, also without a target.
 */
async function pageFigures(
  server: BenchServer,
  offServers: { name: string; server: BenchServer }[],
): Promise<Figure[]> {
  const { side: page, html } = await questionnairePage(server);
  await server.ask({ kind: 'static-page', html });
  const offPages = await Promise.all(
    offServers.map(async ({ name, server: other }) => ({ name, side: (await questionnairePage(other)).side })),
  );
  const sides = 3 + offPages.length;
  progress(
    `page: ${Buffer.byteLength(html)} bytes, ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up, then ${PAGE_ROUNDS} rounds of ${ROUND_SECONDS} s on each of ${sides} sides…`,
  );

  const measure = async (side: Side, duration: number) => {
    const result = await load({ ...side, duration });
    if (result['2xx'] !== result.requests.total)
      throw new Error(`${result.requests.total - result['2xx']} pages were not 200 from ${side.url}`);
    return { rate: perSecond(result['2xx'], result), p99: result.latency.p99 };
  };
  const plain = { url: `${server.staticUrl}/page`, headers: {} };
  const sameServer = { url: `${server.staticOnAppServerUrl}/page`, headers: {} };
  for (const side of [page, plain, sameServer, ...offPages.map((p) => p.side)]) await measure(side, WARM_UP_SECONDS);
  // This machine's speed drifts by a quarter or more within a minute, so one long run of each
  // side compared moments that were not alike. Short rounds alternate the sides, and the
  // medians over the rounds are reported: of the ratios, and of the page's p99.
  const rounds: { ratio: number; sameServerRatio: number; p99: number; offRatios: number[] }[] = [];
  for (let round = 0; round < PAGE_ROUNDS; round += 1) {
    const app = await measure(page, ROUND_SECONDS);
    const other = await measure(plain, ROUND_SECONDS);
    const like = await measure(sameServer, ROUND_SECONDS);
    const offRates: number[] = [];
    for (const { side } of offPages) offRates.push((await measure(side, ROUND_SECONDS)).rate);
    rounds.push({
      ratio: app.rate / other.rate,
      sameServerRatio: app.rate / like.rate,
      p99: app.p99,
      offRatios: offRates.map((rate) => rate / other.rate),
    });
    progress(
      `page round ${round + 1}: ${Math.round(app.rate)} pages/s (p99 ${app.p99} ms) against ${Math.round(other.rate)}/s for the static route, ${Math.round(like.rate)}/s for it on the app's server`,
    );
    if (offPages.length > 0)
      progress(
        `  with devices off: ${offPages.map(({ name }, i) => `${name.replace(/^page, /, '')} ${Math.round(offRates[i]!)}/s`).join(', ')}`,
      );
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return [
    // The value is the ratio itself, so the baseline is the 0.5 target.
    figure('page', median(rounds.map((r) => r.ratio)), 'x static route', 0.5),
    figure('page p99', median(rounds.map((r) => r.p99)), 'ms', 25),
    figure(
      'page, same server',
      median(rounds.map((r) => r.sameServerRatio)),
      "x static route on the app's server",
      null,
    ),
    ...offPages.map(({ name }, i) => figure(name, median(rounds.map((r) => r.offRatios[i]!)), 'x static route', null)),
  ];
}

/**
 * One submission is one keyed-in paper questionnaire: POST /projects/subs/paper/entry with 30
 * answers as the review page's "Confirm and save" sends them (checked again, then saved), which
 * the store saves as a submitted response (WAL, synchronous=NORMAL) before the 303. A lead signs
 * in once; every request is a (participant, wave) pair not used before. The same requests then go
 * to the bare route (bareSubmitUrl), whose rate is the baseline the ratio is held against.
 */
async function submissionFigures(server: BenchServer): Promise<Figure[]> {
  const staff = new CookieJar();
  const login = await staff.fetch(`${server.appUrl}/login`);
  const signedIn = await staff.fetch(`${server.appUrl}/login`, {
    form: { _csrf: csrfOf(await login.text()), ...server.lead },
  });
  if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);
  const entry = (wave: string, code: string) =>
    `/projects/subs/paper/entry?wave=${encodeURIComponent(wave)}&participant=${encodeURIComponent(code)}`;
  const form = await staff.fetch(`${server.appUrl}${entry(server.waveIds[0]!, server.codes[0]!)}`);
  // The confirm step of the check before saving: the entry form alone only shows the review page.
  const fields: Record<string, string> = { _csrf: csrfOf(await form.text()), _step: 'confirm' };
  for (let d = 1; d <= DIMENSIONS; d += 1)
    for (let i = 1; i <= ITEMS_PER_DIMENSION; i += 1) fields[`dim${d}_${i}`] = String(((d + i) % 5) + 1);
  const body = new URLSearchParams(fields).toString();

  // A run is timed from its start to its last response: autocannon ends a run given by count
  // at its next one-second tick, so its own duration overstates a 9 s run by up to a ninth.
  const wave = server.waveIds.at(-1)!;
  const submit = async (baseUrl: string, path: (wave: string, code: string) => string, codes: string[]) => {
    const paths = codes.map((code) => path(wave, code));
    let next = 0;
    let lastResponseAt = 0;
    const started = performance.now();
    const result = await load({
      url: baseUrl,
      amount: paths.length,
      requests: [
        {
          method: 'POST',
          headers: { cookie: staff.header(), 'content-type': 'application/x-www-form-urlencoded' },
          body,
          setupRequest: (request) => ({ ...request, path: paths[next++] ?? '/never-twice' }),
          onResponse: () => {
            lastResponseAt = performance.now();
          },
        },
      ],
    });
    return { result, rate: result['3xx'] / ((lastResponseAt - started) / 1000) };
  };
  const bare = (wave: string, code: string) =>
    `/submit?wave=${encodeURIComponent(wave)}&participant=${encodeURIComponent(code)}`;
  progress(
    `submissions: HTTP paper entry of 30 answers, saved as submitted; ${WARM_UP} warm-up, then ${SUBMISSION_ROUNDS} rounds of ${ROUND_SUBMISSIONS} on the app and the same on a bare route, ${CONNECTIONS} connections…`,
  );
  const [warmUp, measuredCodes] = [server.codes.slice(0, WARM_UP), server.codes.slice(WARM_UP)];
  const warm = await submit(server.appUrl, entry, warmUp);
  await submit(server.bareSubmitUrl, bare, warmUp);
  // As for the page: the machine's speed drifts within a minute, so one long run of each side
  // compared unlike moments (0.36 to 0.54 on one idle afternoon). Short rounds alternate the
  // sides, each round's pairs used once on each, and the median round is reported.
  const rounds: { app: number; bare: number; ratio: number; p99: number }[] = [];
  let accepted = warm.result['3xx'];
  for (let round = 0; round < SUBMISSION_ROUNDS; round += 1) {
    const codes = measuredCodes.slice(round * ROUND_SUBMISSIONS, (round + 1) * ROUND_SUBMISSIONS);
    const app = await submit(server.appUrl, entry, codes);
    const baseline = await submit(server.bareSubmitUrl, bare, codes);
    if (baseline.result['3xx'] !== codes.length)
      throw new Error(`the bare route accepted ${baseline.result['3xx']} of ${codes.length} submissions`);
    accepted += app.result['3xx'];
    rounds.push({ app: app.rate, bare: baseline.rate, ratio: app.rate / baseline.rate, p99: app.result.latency.p99 });
    progress(
      `submissions round ${round + 1}: ${Math.round(app.rate)}/s (p99 ${app.result.latency.p99} ms) against ${Math.round(baseline.rate)}/s on the bare route`,
    );
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const count = await server.ask({ kind: 'count-submitted' });
  // Every 303 must be one new submitted response, else the figure would count something else.
  if (
    count.kind !== 'submitted' ||
    count.submitted !== accepted ||
    count.distinct !== accepted ||
    accepted !== PARTICIPANTS
  ) {
    throw new Error(`${accepted} submissions accepted, but the store holds ${JSON.stringify(count)}`);
  }
  return [
    // The unit is exactly `/s`, as the issue names it: tools read it.
    figure('submissions', median(rounds.map((r) => r.app)), '/s', 1000),
    // This VM's speed drifts from day to day; the ratio to the bare route in the same run does not.
    figure('submissions, x bare route', median(rounds.map((r) => r.ratio)), 'x bare route', 0.5),
    figure('submissions p99', median(rounds.map((r) => r.p99)), 'ms', null),
  ];
}

/**
 * The page figures: one server process started afresh, and one more for each setting of
 * DEVICES_OFF, which serves only the page.
 */
export const httpFigures: StandaloneRunner = async () => {
  const server = await startBenchServer({ participants: 1, waves: 1 });
  const offServers: { name: string; server: BenchServer }[] = [];
  try {
    for (const { name, env } of DEVICES_OFF)
      offServers.push({ name, server: await startBenchServer({ participants: 1, waves: 1 }, env) });
    return await pageFigures(server, offServers);
  } finally {
    await server.stop();
    for (const { server: other } of offServers) await other.stop();
  }
};

/** The submission figures, on a server process of their own started afresh for this run. */
export const submissionRunner: StandaloneRunner = async () => {
  const server = await startBenchServer({ participants: PARTICIPANTS, waves: 1 });
  try {
    return await submissionFigures(server);
  } finally {
    await server.stop();
  }
};
