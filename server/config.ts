import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { DomainError } from './domain/errors.js';
import { checkTimeZone } from './domain/local-time.js';

export interface Config {
  port: number;
  /** The interface to listen on: 0.0.0.0 (every IPv4 interface) unless HOST says otherwise. */
  host: string;
  dataDir: string;
  mongodbUri: string | null;
  baseUrl: string;
  /** Whether BASE_URL was set, rather than defaulted to localhost and PORT. */
  baseUrlGiven: boolean;
  sessionSecret: string;
  surveysDir: string;
  /** Behind an HTTPS proxy: mark cookies Secure, and believe X-Forwarded-* from `proxies`. */
  trustProxy: boolean;
  /**
   * Express's `trust proxy`: the proxies' addresses or subnets, whose X-Forwarded-For alone is
   * believed; 1 (whoever connects) for TRUST_PROXY=true; false for none.
   */
  proxies: string[] | 1 | false;
  /** Invitations and reminders go by email only when this is set. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The time zone of projects that name none, and the one a new project's form proposes (ADR 0090). */
  defaultTimeZone: string;
  /** Which of ADR 0005's speed devices are on; each can be switched off (ADR 0013). */
  devices: Devices;
}

/**
 * The devices that make participant pages fast (docs/decisions/0005-participant-page-speed.md).
 * Each is on unless its variable says off, which puts the plain alternative in its place, so
 * what each one is worth can be measured and a fault can be traced to one or ruled out.
 */
interface Devices {
  /** DEVICE_SERVER: requests born Express's (server/http/http-server.ts), else Node's stock server. */
  server: boolean;
  /** DEVICE_VIEW_RENDERER: our EJS engine and render (server/http/view-engine.ts), else Express's and EJS's own. */
  viewRenderer: boolean;
  /** DEVICE_READ_CACHE: the SQLite adapter's scope and response caches, else every read goes to SQLite. */
  readCache: boolean;
  /** DEVICE_CSRF_CACHE: CSRF tokens kept per browser id, else computed on every request. */
  csrfCache: boolean;
}

export const DEVICE_VARIABLES = {
  server: 'DEVICE_SERVER',
  viewRenderer: 'DEVICE_VIEW_RENDERER',
  readCache: 'DEVICE_READ_CACHE',
  csrfCache: 'DEVICE_CSRF_CACHE',
} as const satisfies Record<keyof Devices, string>;

export const ALL_DEVICES_ON: Readonly<Devices> = { server: true, viewRenderer: true, readCache: true, csrfCache: true };

type Env = Record<string, string | undefined>;

/**
 * Reads and checks the environment. Every problem is collected so an operator can fix them all
 * at once; a missing SESSION_SECRET is generated once and kept in DATA_DIR.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];

  const rawPort = env.PORT?.trim() || '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 0 || port > 65535)
    problems.push(`PORT must be a whole number from 0 to 65535, not "${rawPort}"`);

  const dataDir = resolve(cwd, env.DATA_DIR?.trim() || 'data');

  const mongodbUri = env.MONGODB_URI?.trim() || null;
  if (mongodbUri && !/^mongodb(\+srv)?:\/\/\S+$/.test(mongodbUri))
    problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://');

  let baseUrl = (env.BASE_URL?.trim() || `http://localhost:${rawPort}`).replace(/\/+$/, '');
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      problems.push('BASE_URL must be an http:// or https:// address');
    baseUrl = url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    problems.push(`BASE_URL must be a full address such as https://coassess.example.org, not "${baseUrl}"`);
  }

  const secretFromEnv = env.SESSION_SECRET?.trim();
  if (secretFromEnv !== undefined && secretFromEnv !== '' && secretFromEnv.length < 32)
    problems.push('SESSION_SECRET must be at least 32 characters long');

  const host = env.HOST?.trim() || '0.0.0.0';
  if (!isIP(host) && !/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host))
    problems.push(`HOST must be an address to listen on, such as 127.0.0.1 or 0.0.0.0, not "${host}"`);

  const trust = (env.TRUST_PROXY ?? '').trim().toLowerCase();
  let proxies: Config['proxies'] = false;
  if (trust === '1' || trust === 'true') proxies = 1;
  else if (!['', '0', 'false'].includes(trust)) {
    proxies = trust.split(/[\s,]+/).filter(Boolean);
    const wrong = proxies.filter((entry) => !isProxyAddress(entry));
    if (wrong.length > 0)
      problems.push(
        `TRUST_PROXY must be true, false, or the proxy's addresses or subnets (such as 127.0.0.1, 10.0.0.0/8, loopback), not "${wrong.join(', ')}"`,
      );
  }

  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/\S+$/.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://');

  let defaultTimeZone = 'UTC';
  try {
    defaultTimeZone = checkTimeZone(env.DEFAULT_TIME_ZONE?.trim() || 'UTC');
  } catch {
    problems.push(
      `DEFAULT_TIME_ZONE must be a time zone name such as Europe/Rome or UTC, not "${env.DEFAULT_TIME_ZONE?.trim()}"`,
    );
  }

  const devices = { ...ALL_DEVICES_ON };
  for (const [device, variable] of Object.entries(DEVICE_VARIABLES) as [keyof Devices, string][]) {
    const value = env[variable]?.trim().toLowerCase() || 'on';
    if (value === 'off') devices[device] = false;
    else if (value !== 'on') problems.push(`${variable} must be on or off, not "${env[variable]}"`);
  }

  if (problems.length > 0)
    throw new DomainError(
      'CONFIG_INVALID',
      `Configuration problem: ${problems.join('; ')}`,
      problems.map((message) => ({ where: 'env', message })),
    );

  return {
    port,
    host,
    dataDir,
    mongodbUri,
    baseUrl,
    baseUrlGiven: Boolean(env.BASE_URL?.trim()),
    sessionSecret: secretFromEnv || loadOrCreateSecret(dataDir),
    surveysDir: resolve(cwd, env.SURVEYS_DIR?.trim() || 'surveys'),
    trustProxy: proxies !== false,
    proxies,
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || 'CoAssess <noreply@localhost>',
    defaultTimeZone,
    devices,
  };
}

/** An address or subnet as Express's `trust proxy` list takes it: an IP, IP/prefix, or a named range. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * The public address once listening: with PORT=0 and no BASE_URL of its own, the default
 * address must carry the port the system picked.
 */
export function listeningBaseUrl(
  config: Pick<Config, 'baseUrl' | 'port' | 'baseUrlGiven'>,
  listeningPort: number,
): string {
  return config.port === 0 && !config.baseUrlGiven
    ? config.baseUrl.replace(/:\d+$/, `:${listeningPort}`)
    : config.baseUrl;
}

function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Two processes starting at once: the other one wrote it first, and both use that secret.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) {
    throw new DomainError(
      'CONFIG_INVALID',
      `Configuration problem: ${file} holds a session secret shorter than 32 characters; delete the file to have a new one made`,
      [{ where: 'env', message: 'session secret too short' }],
    );
  }
  return secret;
}
