import type { Answers, ParsedAnswer } from '../domain/answers.js';
import { instantOf } from '../domain/local-time.js';
import { parseAnswer } from '../domain/item-types/registry.js';
import type { FieldProblem } from '../domain/errors.js';
import { allItems, itemAppliesToGroup, type Instrument } from '../domain/instrument.js';
import type { NewResponse, Participant, Project } from '../domain/records.js';
import { checkHeader, IMPORT_SLICE_ROWS, importProblem, parseCsv, rejectImport } from './csv-import.js';
import type { ProjectService } from './project-service.js';
import { projectTimeZone, type Actor, type ServiceContext } from './service-context.js';
import { TimeSlice } from './time-slice.js';

/** A cell's answer its question cannot take, by the parser's reason: the words of its line problem. */
const ANSWER_PROBLEMS = {
  out_of_scale: 'imports.answerOutOfScale',
  not_applicable_not_offered: 'imports.answerNoNotApplicable',
  too_long: 'imports.answerTooLong',
} as const satisfies Record<Extract<ParsedAnswer, { ok: false }>['reason'], string>;

/** The optional column with the date written on the paper. */
const SUBMITTED_AT = 'submitted_at';

export class ResponseImportService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  /**
   * Imports the wide CSV `participant,wave[,submitted_at],<item ids…>` as submitted responses
   * with source=import. `submitted_at` is the date written on the paper (a date or a date-time,
   * not after the import); without it, a response is dated by the import. All or nothing, with
   * one `line N` problem per bad cell or row. At most MAX_IMPORT_ROWS rows; read, checked and
   * written a slice at a time, giving way to other requests between slices, and written in one
   * transaction all the same (ADR 0070).
   */
  async importCsv(project: Project, text: string, actor: Actor): Promise<number> {
    const waves = await this.ctx.store.waves.list(project.id);
    const instruments = await this.projects.instrumentsInUse(project, waves);
    const knownItems = new Set([...instruments.values()].flatMap((i) => allItems(i).map((item) => item.id)));

    const parsed = await parseCsv(text);
    const headerCheck = checkHeader(
      parsed.header,
      ['participant', 'wave'],
      (column) => column === SUBMITTED_AT || knownItems.has(column),
    );
    if (!headerCheck.usable) rejectImport([...headerCheck.problems, ...parsed.problems]);
    const rows = parsed.rows;
    // Unknown columns are reported on line 1 and left out of the row checks.
    const itemColumns = parsed.header.filter((c) => knownItems.has(c));

    const participants = await this.participantsByCode(
      project,
      rows.map(({ cells }) => (cells.participant ?? '').trim()),
    );
    const problems: FieldProblem[] = [...headerCheck.problems, ...parsed.problems];
    const responses: NewResponse[] = [];
    const seen = new Map<string, number>();
    const at = this.ctx.now().toISOString();
    const zone = projectTimeZone(this.ctx, project);
    const slice = new TimeSlice();

    for (const { line, cells } of rows) {
      if (slice.due()) await slice.giveWay();
      const code = (cells.participant ?? '').trim();
      const label = (cells.wave ?? '').trim();
      const participant = participants.get(code.toLowerCase());
      const wave = waves.find((w) => w.label === label);
      const before = problems.length;
      if (!participant) problems.push(importProblem(line, 'imports.unknownParticipant', { code }));
      else if (participant.status === 'withdrawn') problems.push(importProblem(line, 'imports.withdrawn', { code }));
      if (!wave)
        problems.push(
          waves.length === 0
            ? importProblem(line, 'imports.unknownWaveNone', { label })
            : importProblem(line, 'imports.unknownWave', { label, waves: waves.map((w) => w.label).join(', ') }),
        );
      if (!participant || !wave) continue;

      const key = `${participant.id}|${wave.id}`;
      if (seen.has(key))
        problems.push(importProblem(line, 'imports.responseRepeated', { code, label, other: String(seen.get(key)) }));
      seen.set(key, line);
      if (await this.ctx.store.responses.get(participant.id, wave.id))
        problems.push(importProblem(line, 'imports.alreadyAnswered', { code, label }));

      // The date written on the paper, when the file gives one; else the import's own time.
      const written = (cells[SUBMITTED_AT] ?? '').trim();
      let submittedAt = at;
      if (written !== '') {
        const instant = instantOf(written, zone);
        if (!instant) problems.push(importProblem(line, 'imports.badSubmittedAt', { value: written }));
        else if (instant > at) problems.push(importProblem(line, 'imports.submittedAfter', { value: written }));
        else submittedAt = instant;
      }

      const instrument = instruments.get(wave.instrumentVersion) as Instrument;
      const answers: Answers = {};
      for (const column of itemColumns) {
        const raw = cells[column] ?? '';
        if (raw.trim() === '') continue;
        const item = allItems(instrument).find((i) => i.id === column);
        if (!item) {
          problems.push(
            importProblem(line, 'imports.itemNotInVersion', { item: column, version: wave.instrumentVersion, label }),
          );
          continue;
        }
        if (!itemAppliesToGroup(item, participant.group)) {
          problems.push(importProblem(line, 'imports.itemNotAsked', { item: column, group: participant.group }));
          continue;
        }
        const parsed = parseAnswer(instrument, item, raw);
        if (!parsed.ok)
          problems.push(importProblem(line, ANSWER_PROBLEMS[parsed.reason], { item: column, ...parsed.params }));
        else if (parsed.value !== undefined) answers[column] = parsed.value;
      }
      if (problems.length === before && Object.keys(answers).length === 0)
        problems.push(importProblem(line, 'imports.noAnswers'));
      if (problems.length === before) {
        responses.push({
          projectId: project.id,
          participantId: participant.id,
          waveId: wave.id,
          group: participant.group,
          answers,
          status: 'submitted',
          source: 'import',
          startedAt: submittedAt,
          submittedAt,
          enteredBy: actor,
        });
      }
    }
    if (problems.length > 0) rejectImport(problems);
    if (responses.length === 0) rejectImport([importProblem(1, 'imports.noResponses')]);
    await this.ctx.store.transaction(async (tx) => {
      const writing = new TimeSlice();
      for (let from = 0; from < responses.length; from += IMPORT_SLICE_ROWS) {
        if (writing.due()) await writing.giveWay();
        await tx.responses.insertMany(responses.slice(from, from + IMPORT_SLICE_ROWS));
      }
      await tx.audit.append({
        actor,
        projectId: project.id,
        action: 'responses.import',
        target: null,
        details: { count: responses.length },
      });
    });
    return responses.length;
  }

  /**
   * The file's participants by lower-cased code, looked up a slice at a time rather than by
   * reading the whole project. Codes are unique regardless of case (see ParticipantService), so
   * "cg-001" finds CG-001.
   */
  private async participantsByCode(project: Project, codes: string[]): Promise<Map<string, Participant>> {
    const distinct = [...new Set(codes.filter((c) => c !== '').map((c) => c.toLowerCase()))];
    const found = new Map<string, Participant>();
    const slice = new TimeSlice();
    for (let from = 0; from < distinct.length; from += IMPORT_SLICE_ROWS) {
      if (slice.due()) await slice.giveWay();
      const codesNow = distinct.slice(from, from + IMPORT_SLICE_ROWS);
      for (const p of await this.ctx.store.participants.findByCodes(project.id, codesNow))
        found.set(p.code.toLowerCase(), p);
    }
    return found;
  }
}
