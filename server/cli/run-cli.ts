import { createWriteStream, existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { stripControlCharacters } from '../domain/control-characters.js';
import { isDomainError, wasRolledBack } from '../domain/errors.js';
import { writeCsv } from '../export/csv-stream.js';
import { EXPORT_FORMATS, EXPORT_KINDS, isExportFormat, isExportKind } from '../services/export-service.js';
import { isSyntaxFile, SYNTAX_FILES } from '../services/labels-exports.js';
import { formatProblem, InstrumentRegistry } from '../services/instrument-registry.js';
import { PARTICIPANT_LIST_COLUMNS } from '../services/participant-service.js';
import type { Services } from '../services/services.js';
import { openStore, SQLITE_FILE } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import type { Config } from '../config.js';

interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  cwd: string;
}

const USAGE = `Usage: coassess <command> [options]

  project create --slug S --name N --instrument ID[@VERSION] [--groups caregiver,provider]
  wave add --project S --label L --opens YYYY-MM-DD --closes YYYY-MM-DD
  participants import --project S --file F      (CSV: code,group[,language][,mode][,email][,enrolled_on][,name][,address])
  participants list --project S                 (CSV on stdout: code,group,language,mode,status,link)
  responses import --project S --file F         (CSV: participant,wave[,submitted_at],<item ids...>)
  export NAME --project S [--out FILE] [--format csv|xlsx] [--bom]
      NAME: responses, scores, trends, flags, wide, items-wide, open-answers, participation, actions, codebook
  export labels.sps|labels.do|labels.R --project S [--out FILE] [--lang en|it]
  user add --email E --name N --role admin|lead|evaluator|data-entry [--project S]   (password on stdin)
  surveys validate

DATA_DIR, MONGODB_URI and BASE_URL are honoured as by the server.`;

class UsageError extends Error {}

/**
 * The commands that change the store, each in one transaction with its audit entry (by actor
 * "cli"): what the exit code is about. 0 if and only if that transaction committed (ADR 0067).
 */
const COMMITS: Record<string, string> = {
  'project create': 'project.create',
  'wave add': 'wave.add',
  'participants import': 'participants.import',
  'responses import': 'responses.import',
  'user add': 'user.add',
};

/** The newest audit entry's id: the mark a command's own entry is looked for after. */
async function newestAuditId(services: Services): Promise<string | null> {
  return (await services.audit.list(1))[0]?.id ?? null;
}

/**
 * After a fault that may have come after the commit (the store reported an error, but did not
 * roll back), whether this command's audit entry is there: true or false, or null when the
 * store cannot tell (unreadable, or more than 200 entries written meanwhile).
 */
async function committedSince(services: Services, mark: string | null, action: string): Promise<boolean | null> {
  try {
    const recent = await services.audit.list(200);
    const at = mark === null ? recent.length : recent.findIndex((e) => e.id === mark);
    if (at === -1) return null;
    return recent.slice(0, at).some((e) => e.actor === 'cli' && e.action === action);
  } catch {
    return null;
  }
}

const OPTIONS = {
  slug: { type: 'string' },
  name: { type: 'string' },
  instrument: { type: 'string' },
  groups: { type: 'string' },
  project: { type: 'string' },
  label: { type: 'string' },
  opens: { type: 'string' },
  closes: { type: 'string' },
  file: { type: 'string' },
  out: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  format: { type: 'string' },
  bom: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function required(values: Record<string, unknown>, ...names: string[]): string[] {
  const missing = names.filter((n) => typeof values[n] !== 'string' || (values[n] as string).trim() === '');
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
  return names.map((n) => values[n] as string);
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += chunk.toString();
  return text;
}

/** One line for the operator's terminal: nothing from a name or a file can send it control codes. */
function line(out: Writable, text: string): void {
  out.write(`${stripControlCharacters(text)}\n`);
}

/**
 * Runs one CLI command and returns the exit code; never throws, never prints a stack trace. For a
 * command that changes the store, 0 if and only if its change was committed. `open` is the
 * store's opener (a test's double).
 */
export async function runCli(
  argv: string[],
  io: CliIo,
  open: (config: Config) => Promise<Store> = openStore,
): Promise<number> {
  let services: Services | undefined;
  let commit: { action: string; mark: string | null } | null = null;
  let code: number;
  try {
    code = await run();
  } catch (error) {
    code = await failed(error);
  }
  try {
    await services?.system.close();
  } catch (error) {
    // The change, if any, is committed or not by now: closing cannot undo it, nor finish it.
    line(io.stderr, `coassess: warning: closing the store failed: ${firstLine(error)}`);
  }
  return code;

  async function failed(error: unknown): Promise<number> {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      line(io.stderr, `coassess: ${(error as Error).message}. Run "coassess --help" for usage.`);
      return 2;
    }
    if (isDomainError(error)) {
      for (const p of error.problems) if (p.where.startsWith('line ')) line(io.stderr, `${p.where}: ${p.message}`);
      line(io.stderr, `coassess: ${error.message}`);
      return 1;
    }
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      line(io.stderr, `coassess: cannot read ${(error as { path?: string }).path ?? 'the file'} (${code})`);
      return 1;
    }
    if (commit && services && !wasRolledBack(error)) {
      // Not known to be undone: the store may have committed before the error was reported.
      const committed = await committedSince(services, commit.mark, commit.action);
      if (committed) {
        line(io.stderr, `coassess: warning: ${firstLine(error)}`);
        line(io.stdout, `committed (${commit.action}): the change was saved all the same; do not run it again`);
        return 0;
      }
      if (committed === null) {
        line(io.stderr, `coassess: ${firstLine(error)}`);
        line(io.stderr, 'coassess: could not tell whether the change was saved: check before running it again');
        return 1;
      }
    }
    line(io.stderr, `coassess: ${firstLine(error)}`);
    if (commit) line(io.stderr, 'coassess: nothing was saved');
    return 1;
  }

  async function run(): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [noun, verb] = positionals;
    if (values.help || !noun) {
      line(values.help ? io.stdout : io.stderr, USAGE);
      return values.help ? 0 : 2;
    }
    const config = loadConfig(io.env, io.cwd);
    const command = `${noun} ${verb ?? ''}`.trim();

    if (command === 'surveys validate') {
      // With an existing store, also check that no file changed the items of a version in use.
      const hasStore = config.mongodbUri !== null || existsSync(join(config.dataDir, SQLITE_FILE));
      const registry = hasStore
        ? (services = await bootstrap(config, undefined, open)).system.questionnaires()
        : InstrumentRegistry.fromDirectory(config.surveysDir);
      for (const p of registry.problems) line(io.stderr, formatProblem(p));
      for (const i of registry.list()) line(io.stdout, `ok ${i.id}@${i.version}`);
      return registry.problems.length > 0 ? 1 : 0;
    }

    services = await bootstrap(config, undefined, open);
    const actor = 'cli';
    const action = COMMITS[command];
    if (action) commit = { action, mark: await newestAuditId(services) };
    const v = values as Record<string, string | undefined>;
    switch (command) {
      case 'project create': {
        const [slug, name, instrument] = required(v, 'slug', 'name', 'instrument');
        const groups = v.groups
          ?.split(',')
          .map((g) => g.trim())
          .filter(Boolean);
        const project = await services.projects.create(
          { slug: slug!, name: name!, instrument: instrument!, ...(groups ? { groups } : {}) },
          actor,
        );
        line(
          io.stdout,
          `created project ${project.slug} (${project.instrumentId}@${project.instrumentVersion}; groups ${project.groups.map((g) => g.id).join(', ')})`,
        );
        return 0;
      }
      case 'wave add': {
        const [slug, label, opens, closes] = required(v, 'project', 'label', 'opens', 'closes');
        const project = await services.projects.bySlug(slug!);
        const wave = await services.waves.add(
          { project, label: label!, opensOn: opens!.trim(), closesOn: closes!.trim() },
          actor,
        );
        line(
          io.stdout,
          `added wave "${wave.label}" (${wave.opensOn} to ${wave.closesOn}, instrument version ${wave.instrumentVersion})`,
        );
        return 0;
      }
      case 'participants import': {
        const [slug, file] = required(v, 'project', 'file');
        const text = await readFile(resolve(io.cwd, file!), 'utf8');
        const created = await services.participants.importCsv(await services.projects.bySlug(slug!), text, actor);
        line(io.stdout, `imported ${created.length} participants`);
        return 0;
      }
      case 'participants list': {
        const [slug] = required(v, 'project');
        const participants = await services.participants.listing(await services.projects.bySlug(slug!));
        await writeCsv(participants, PARTICIPANT_LIST_COLUMNS, keepOpen(io.stdout));
        return 0;
      }
      case 'responses import': {
        const [slug, file] = required(v, 'project', 'file');
        const text = await readFile(resolve(io.cwd, file!), 'utf8');
        const count = await services.responseImports.importCsv(await services.projects.bySlug(slug!), text, actor);
        line(io.stdout, `imported ${count} responses`);
        return 0;
      }
      case 'user add': {
        const [email, name, role] = required(v, 'email', 'name', 'role');
        const password = (await readStdin(io.stdin)).split(/\r?\n/)[0] ?? '';
        const user = await services.users.add(
          { email: email!, name: name!, role: role!, ...(v.project ? { project: v.project } : {}), password },
          actor,
        );
        line(io.stdout, `added ${role} ${user.email}`);
        return 0;
      }
      default:
        if (noun === 'export' && verb) {
          const [slug] = required(v, 'project');
          const format = v.format ?? 'csv';
          if (!isSyntaxFile(verb) && !isExportKind(verb))
            throw new UsageError(
              `unknown export "${verb}" (available: ${[...EXPORT_KINDS, ...Object.keys(SYNTAX_FILES)].join(', ')})`,
            );
          if (!isExportFormat(format))
            throw new UsageError(`unknown format "${format}" (available: ${EXPORT_FORMATS.join(', ')})`);
          const project = await services.projects.bySlug(slug!);
          const exports = services.exports;
          const write = (out: Writable): Promise<void> =>
            isSyntaxFile(verb)
              ? exports.writeSyntax(verb, project, out, actor, v.lang)
              : // Plain CSV unless asked: the byte-order mark is for spreadsheets, and scripts may not expect it.
                exports.write(verb, project, out, actor, { format, bom: values.bom === true });
          if (!v.out) {
            await write(keepOpen(io.stdout));
            return 0;
          }
          // Written beside the target and renamed at the end: a failed export never leaves the
          // previous good file empty or half-written.
          const target = resolve(io.cwd, v.out);
          const partial = `${target}.${process.pid}.partial`;
          try {
            await write(createWriteStream(partial));
            await rename(partial, target);
          } finally {
            await rm(partial, { force: true });
          }
          return 0;
        }
        throw new UsageError(`unknown command "${command}"`);
    }
  }
}

function firstLine(error: unknown): string {
  return (error as Error)?.message?.split('\n')[0] ?? String(error);
}

/**
 * Lets a pipeline finish into stdout without closing it. When the reader goes away (`| head`),
 * writes fail with EPIPE: that ends the export quietly instead of with a stack trace.
 */
function keepOpen(target: Writable): Writable {
  let failure: NodeJS.ErrnoException | null = null;
  let resume: (() => void) | null = null;
  const outcome = () => (failure && failure.code !== 'EPIPE' ? failure : null);
  target.on('error', (error: NodeJS.ErrnoException) => {
    failure = error;
    resume?.();
  });
  return new Writable({
    write(chunk, encoding, callback) {
      if (failure) return callback(outcome());
      if (target.write(chunk, encoding)) return callback();
      resume = () => {
        resume = null;
        callback(outcome());
      };
      target.once('drain', () => resume?.());
    },
  });
}
