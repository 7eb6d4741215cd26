import type { Answers } from '../domain/answers.js';
import { parseAnswer } from '../domain/item-types/registry.js';
import type { FieldProblem } from '../domain/errors.js';
import { allItems, itemAppliesToGroup, type Instrument } from '../domain/instrument.js';
import type { NewResponse, Project } from '../domain/records.js';
import { checkHeader, lineProblem, parseCsv, rejectImport } from './csv-import.js';
import type { ProjectService } from './project-service.js';
import type { Actor, ServiceContext } from './service-context.js';

export class ResponseImportService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  /**
   * Imports the wide CSV `participant,wave,<item ids…>` as submitted responses with
   * source=import. All or nothing, with one `line N` problem per bad cell or row.
   */
  async importCsv(project: Project, text: string, actor: Actor): Promise<number> {
    const waves = await this.ctx.store.waves.list(project.id);
    // Codes are unique regardless of case (see ParticipantService), so "cg-001" finds CG-001.
    const participants = new Map(
      (await this.ctx.store.participants.list(project.id)).map((p) => [p.code.toLowerCase(), p]),
    );
    const instruments = await this.projects.instrumentsInUse(project, waves);
    const knownItems = new Set([...instruments.values()].flatMap((i) => allItems(i).map((item) => item.id)));

    const parsed = await parseCsv(text);
    const headerCheck = checkHeader(parsed.header, ['participant', 'wave'], (column) => knownItems.has(column));
    if (!headerCheck.usable) rejectImport([...headerCheck.problems, ...parsed.problems]);
    const rows = parsed.rows;
    // Unknown columns are reported on line 1 and left out of the row checks.
    const itemColumns = parsed.header.filter((c) => knownItems.has(c));

    const problems: FieldProblem[] = [...headerCheck.problems, ...parsed.problems];
    const responses: NewResponse[] = [];
    const seen = new Map<string, number>();
    const at = this.ctx.now().toISOString();

    for (const { line, cells } of rows) {
      const code = (cells.participant ?? '').trim();
      const label = (cells.wave ?? '').trim();
      const participant = participants.get(code.toLowerCase());
      const wave = waves.find((w) => w.label === label);
      const before = problems.length;
      if (!participant) problems.push(lineProblem(line, `unknown participant "${code}"`));
      else if (participant.status === 'withdrawn')
        problems.push(lineProblem(line, `participant "${code}" has withdrawn`));
      if (!wave)
        problems.push(
          lineProblem(
            line,
            `unknown wave "${label}" (the project's waves: ${waves.map((w) => w.label).join(', ') || 'none yet'})`,
          ),
        );
      if (!participant || !wave) continue;

      const key = `${participant.id}|${wave.id}`;
      if (seen.has(key)) problems.push(lineProblem(line, `"${code}" in "${label}" is also on line ${seen.get(key)}`));
      seen.set(key, line);
      if (await this.ctx.store.responses.get(participant.id, wave.id))
        problems.push(lineProblem(line, `"${code}" already has a response for "${label}"`));

      const instrument = instruments.get(wave.instrumentVersion) as Instrument;
      const answers: Answers = {};
      for (const column of itemColumns) {
        const raw = cells[column] ?? '';
        if (raw.trim() === '') continue;
        const item = allItems(instrument).find((i) => i.id === column);
        if (!item) {
          problems.push(
            lineProblem(
              line,
              `item "${column}" is not in version ${wave.instrumentVersion} of the questionnaire used by "${label}"`,
            ),
          );
          continue;
        }
        if (!itemAppliesToGroup(item, participant.group)) {
          problems.push(lineProblem(line, `item "${column}" is not asked of the group "${participant.group}"`));
          continue;
        }
        const parsed = parseAnswer(instrument, item, raw);
        if (!parsed.ok) problems.push(lineProblem(line, `${column}: ${parsed.message}`));
        else if (parsed.value !== undefined) answers[column] = parsed.value;
      }
      if (problems.length === before && Object.keys(answers).length === 0)
        problems.push(lineProblem(line, 'has no answers'));
      if (problems.length === before) {
        responses.push({
          projectId: project.id,
          participantId: participant.id,
          waveId: wave.id,
          group: participant.group,
          answers,
          status: 'submitted',
          source: 'import',
          startedAt: at,
          submittedAt: at,
          enteredBy: actor,
        });
      }
    }
    if (problems.length > 0) rejectImport(problems);
    if (responses.length === 0) rejectImport([lineProblem(1, 'the file has a header but no responses')]);
    await this.ctx.store.transaction(async (tx) => {
      await tx.responses.insertMany(responses);
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
}
