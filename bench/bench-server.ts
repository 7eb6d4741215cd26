import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What bench/servers/app-server.ts reports once it listens. */
export interface ServerReady {
  appUrl: string;
  /** The baseline: a plain Express route on a stock node:http server, as app.listen() makes. */
  staticUrl: string;
  /** The same route on the server the app runs on (server/http/http-server.ts). */
  staticOnAppServerUrl: string;
  /**
   * The submissions' baseline: a bare Express route on a stock server that parses the same form
   * and commits the same rows (a response and an audit entry) to a SQLite file of its own, with
   * the store's durability settings. POST /submit?wave=…&participant=…
   */
  bareSubmitUrl: string;
  /** A participant of the page project, whose wave is open today. */
  pageToken: string;
  /** The submissions project's waves and participant codes. */
  waveIds: string[];
  codes: string[];
  /** A lead of the submissions project, who may key in paper questionnaires. */
  lead: { email: string; password: string };
}

export type ServerRequest =
  | { kind: 'static-page'; html: string }
  | { kind: 'count-submitted' }
  /** Starts timing the server's event loop (perf_hooks.monitorEventLoopDelay), from nothing. */
  | { kind: 'loop-delay-start' }
  /** Stops it and answers the longest delay seen since the start. */
  | { kind: 'loop-delay-stop' };
export type ServerReply =
  | { kind: 'ok' }
  | { kind: 'submitted'; submitted: number; distinct: number }
  | { kind: 'loop-delay'; maxMs: number; samples: number };

export interface BenchServer extends ServerReady {
  ask(request: ServerRequest): Promise<ServerReply>;
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('servers/app-server.js', import.meta.url));

/**
 * Starts the app server in a child process on a fresh DATA_DIR; its output goes to stderr.
 * `env` adds variables, such as DEVICE_*=off to switch performance devices off (ADR 0013).
 */
export async function startBenchServer(
  size: { participants: number; waves: number },
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'coassess-bench-http-'));
  const child: ChildProcess = fork(script, {
    // As `npm start` runs the app: compiled, with no flags.
    execArgv: [],
    env: {
      ...process.env,
      ...env,
      DATA_DIR: dataDir,
      BENCH_PARTICIPANTS: String(size.participants),
      BENCH_WAVES: String(size.waves),
    },
    // stdout carries only figures, so the child's output joins our stderr.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ServerReady));
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code} before it was ready`)));
  });
  // One request at a time, so each reply answers the request before it.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = (request: ServerRequest) => {
    const reply = queue.then(
      () =>
        new Promise<ServerReply>((resolve) => {
          child.once('message', (message) => resolve(message as ServerReply));
          child.send(request);
        }),
    );
    queue = reply;
    return reply;
  };
  return {
    ...ready,
    ask,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A minimal cookie jar for one simulated browser: enough for our cookies (no paths, no expiry). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** fetch with this jar's cookies, no redirects followed. */
  async fetch(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.header() };
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    this.take(response);
    return response;
  }
}

/** The CSRF token of a rendered form, as a browser would send it back. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}
