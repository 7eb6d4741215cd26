import { createWriteStream, existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { stripControlCharacters } from '../domain/control-characters.js';
import { isDomainError } from '../domain/errors.js';
import { writeCsv } from '../export/csv-stream.js';
import { EXPORT_KINDS, isExportKind } from '../services/export-service.js';
import { formatProblem, InstrumentRegistry } from '../services/instrument-registry.js';
import { PARTICIPANT_LIST_COLUMNS } from '../services/participant-service.js';
import type { Services } from '../services/services.js';
import { SQLITE_FILE } from '../store/open-store.js';

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
  participants import --project S --file F      (CSV: code,group[,language][,mode][,email][,enrolled_on])
  participants list --project S                 (CSV on stdout: code,group,language,mode,status,link)
  responses import --project S --file F         (CSV: participant,wave,<item ids...>)
  export responses|scores|trends|flags|wide|codebook --project S [--out FILE]
  user add --email E --name N --role admin|lead|evaluator|data-entry [--project S]   (password on stdin)
  surveys validate

DATA_DIR, MONGODB_URI and BASE_URL are honoured as by the server.`;

class UsageError extends Error {}

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

/** Runs one CLI command and returns the exit code; never throws, never prints a stack trace. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let services: Services | undefined;
  try {
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
        ? (services = await bootstrap(config)).system.questionnaires()
        : InstrumentRegistry.fromDirectory(config.surveysDir);
      for (const p of registry.problems) line(io.stderr, formatProblem(p));
      for (const i of registry.list()) line(io.stdout, `ok ${i.id}@${i.version}`);
      return registry.problems.length > 0 ? 1 : 0;
    }

    services = await bootstrap(config);
    const actor = 'cli';
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
          if (!isExportKind(verb))
            throw new UsageError(`unknown export "${verb}" (available: ${EXPORT_KINDS.join(', ')})`);
          const project = await services.projects.bySlug(slug!);
          if (!v.out) {
            await services.exports.write(verb, project, keepOpen(io.stdout), actor);
            return 0;
          }
          // Written beside the target and renamed at the end: a failed export never leaves the
          // previous good file empty or half-written.
          const target = resolve(io.cwd, v.out);
          const partial = `${target}.${process.pid}.partial`;
          try {
            await services.exports.write(verb, project, createWriteStream(partial), actor);
            await rename(partial, target);
          } finally {
            await rm(partial, { force: true });
          }
          return 0;
        }
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
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
    line(io.stderr, `coassess: ${(error as Error).message?.split('\n')[0] ?? String(error)}`);
    return 1;
  } finally {
    await services?.system.close();
  }
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
