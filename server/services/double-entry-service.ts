import { readAnswerForm, sectionsForGroup } from '../domain/answer-form.js';
import type { Answers } from '../domain/answers.js';
import {
  agreementRates,
  compareKeyings,
  keyingCounts,
  settleKeyings,
  type ReconcileChoice,
} from '../domain/double-entry.js';
import { DomainError, type FieldProblem } from '../domain/errors.js';
import type { Instrument, Item } from '../domain/instrument.js';
import { projectSettingsOf } from '../domain/project-settings.js';
import type { PaperKeying, Participant, Project, ProjectRoleName, SurveyResponse, Wave } from '../domain/records.js';
import type { ProjectService } from './project-service.js';
import type { Actor, ServiceContext } from './service-context.js';

/** What keying a form did: stored it at once, kept it as a first keying, or compared it with the first. */
export type KeyingOutcome =
  | { kind: 'stored'; response: SurveyResponse }
  | { kind: 'first-keying' }
  | { kind: 'agreed'; response: SurveyResponse }
  | { kind: 'awaiting-reconciliation'; differing: number };

/** Who settles differences: the staff user and the role they hold in the project. */
export interface Reconciler {
  id: string;
  role: ProjectRoleName | 'admin';
}

/** One differing item as the reconciliation page shows it. */
export interface DifferingItem {
  item: Item;
  first: string | null;
  second: string | null;
}

interface KeyedForm {
  project: Project;
  wave: Wave;
  instrument: Instrument;
  participant: Participant;
}

const itemsOf = (instrument: Instrument, group: string): Item[] =>
  sectionsForGroup(instrument, group).flatMap((s) => s.items);

/**
 * Double data entry (issue 14, part 3; ADR 0042). With the project's setting on, a paper form
 * is keyed by two accounts, the second without seeing the first; the keyings are compared item
 * by item; agreement stores the response, a difference waits until a lead or a third
 * data-entry account settles each differing item. Every step commits with its audit entry.
 */
export class DoubleEntryService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly projects: ProjectService,
  ) {}

  /** The form's keying under double entry, if any, and whether keying it goes through double entry. */
  async state(
    project: Project,
    participant: Participant,
    wave: Wave,
  ): Promise<{ on: boolean; keying: PaperKeying | null }> {
    const keying = await this.ctx.store.paperKeyings.get(participant.id, wave.id);
    // A form keyed once stays in double entry even if the setting is turned off meanwhile.
    return { on: keying !== null || projectSettingsOf(project.settings).doubleEntry, keying };
  }

  /**
   * Refuses what may not key this form now: SAME_KEYING_ACCOUNT for the account that keyed the
   * first entry, ALREADY_KEYED_TWICE once there are two. Checked when the form is opened and
   * again, inside the transaction, when it is saved.
   */
  static checkMayKey(keying: PaperKeying | null, actor: Actor): void {
    if (!keying) return;
    if (keying.second) throw new DomainError('ALREADY_KEYED_TWICE', 'this form has been keyed twice already');
    if (keying.first.by === actor)
      throw new DomainError('SAME_KEYING_ACCOUNT', 'the second keying must be made by a different account');
  }

  /**
   * Stores one keying of a checked form. Without double entry, the response is stored at once.
   * With it, the first keying is kept; the second is compared with it: agreement stores the
   * response (source=paper), a difference leaves the form awaiting reconciliation.
   */
  async key(form: KeyedForm, answers: Answers, actor: Actor): Promise<KeyingOutcome> {
    const { project, wave, instrument, participant } = form;
    const at = this.ctx.now().toISOString();
    const on = projectSettingsOf(project.settings).doubleEntry;
    return this.ctx.store.transaction(async (tx): Promise<KeyingOutcome> => {
      const keying = await tx.paperKeyings.get(participant.id, wave.id);
      const submit = (stored: Answers, by: Actor) =>
        tx.responses.submit({
          projectId: project.id,
          participantId: participant.id,
          waveId: wave.id,
          group: participant.group,
          answers: stored,
          source: 'paper',
          enteredBy: by,
          at,
        });
      // The internal id, never the code, and no values: erasure must leave nothing that names a person.
      const audit = (action: string, details: Record<string, unknown>) =>
        tx.audit.append({
          actor,
          projectId: project.id,
          action,
          target: participant.id,
          details: { wave: wave.label, ...details },
        });
      if (!keying && !on) {
        const response = await submit(answers, actor);
        await audit('paper.entry', { answered: Object.keys(answers).length });
        return { kind: 'stored', response };
      }
      DoubleEntryService.checkMayKey(keying, actor);
      const saved = await tx.responses.get(participant.id, wave.id);
      if (saved?.status === 'submitted')
        throw new DomainError('ALREADY_SUBMITTED', 'this participant already has a submitted response for this wave');
      const keyed = { answers, by: actor, at };
      if (!keying) {
        await tx.paperKeyings.keyFirst({
          projectId: project.id,
          participantId: participant.id,
          waveId: wave.id,
          group: participant.group,
          first: keyed,
        });
        await audit('paper.keyed-first', { answered: Object.keys(answers).length });
        return { kind: 'first-keying' };
      }
      const comparison = compareKeyings(
        itemsOf(instrument, keying.group).map((i) => i.id),
        keying.first.answers,
        answers,
      );
      const agreed = comparison.differing.length === 0;
      await tx.paperKeyings.keySecond({
        participantId: participant.id,
        waveId: wave.id,
        second: keyed,
        compared: comparison.compared,
        agreed: comparison.agreed,
        status: agreed ? 'done' : 'awaiting-reconciliation',
      });
      await audit('paper.keyed-second', { compared: comparison.compared, agreed: comparison.agreed });
      if (!agreed) return { kind: 'awaiting-reconciliation', differing: comparison.differing.length };
      const response = await submit(answers, actor);
      await audit('paper.entry', { answered: Object.keys(answers).length, doubleEntry: 'agreed' });
      return { kind: 'agreed', response };
    });
  }

  /**
   * The differing items of a form awaiting reconciliation, side by side. NOT_AWAITING_RECONCILIATION
   * otherwise; RECONCILER_KEYED_ENTRY for a data-entry account that keyed one of the two.
   */
  async openReconciliation(
    project: Project,
    participant: Participant,
    wave: Wave,
    by: Reconciler,
  ): Promise<{
    keying: PaperKeying;
    instrument: Instrument;
    differing: DifferingItem[];
    names: Record<string, string>;
  }> {
    const keying = await this.ctx.store.paperKeyings.get(participant.id, wave.id);
    if (!keying || keying.status !== 'awaiting-reconciliation' || !keying.second)
      throw new DomainError(
        'NOT_AWAITING_RECONCILIATION',
        `${participant.code} has no form waiting for reconciliation in ${wave.label}`,
      );
    if (by.role === 'data-entry' && (keying.first.by === by.id || keying.second.by === by.id))
      throw new DomainError(
        'RECONCILER_KEYED_ENTRY',
        'a third person settles the differences: not one of the two who keyed the form',
      );
    const instrument = await this.projects.instrumentFor(project, wave.instrumentVersion);
    const items = itemsOf(instrument, keying.group);
    const { differing } = compareKeyings(
      items.map((i) => i.id),
      keying.first.answers,
      keying.second.answers,
    );
    const text = (answers: Answers, id: string) => (answers[id] === undefined ? null : String(answers[id]));
    return {
      keying,
      instrument,
      differing: items
        .filter((item) => differing.includes(item.id))
        .map((item) => ({
          item,
          first: text(keying.first.answers, item.id),
          second: text(keying.second!.answers, item.id),
        })),
      names: await this.names([keying.first.by, keying.second.by]),
    };
  }

  /**
   * Settles every differing item: `choice-<item>` is "first", "second" or "paper", and with
   * "paper" `paper-<item>` is the value read from the form (empty: blank on paper), checked like
   * any keyed value. VALIDATION, item by item, for a missing choice or a bad value. The
   * decisions, the response and the audit entry commit together.
   */
  async reconcile(
    project: Project,
    participant: Participant,
    wave: Wave,
    form: Record<string, unknown>,
    by: Reconciler,
  ): Promise<SurveyResponse> {
    const { keying, instrument, differing } = await this.openReconciliation(project, participant, wave, by);
    const problems: FieldProblem[] = [];
    const choices = new Map<string, ReconcileChoice>();
    for (const { item } of differing) {
      const source = form[choiceField(item.id)];
      if (source === 'first' || source === 'second') {
        choices.set(item.id, { source });
      } else if (source === 'paper') {
        const read = readAnswerForm(instrument, [item], { [item.id]: form[paperField(item.id)] ?? '' });
        if (read.problems.length > 0)
          problems.push({
            where: paperField(item.id),
            message: 'Type one of the values of the scale, NA, or leave it empty for a blank.',
          });
        else choices.set(item.id, { source: 'paper', value: read.answers[item.id] ?? null });
      } else {
        problems.push({
          where: choiceField(item.id),
          message: 'Choose one of the two values, or type what the paper says.',
        });
      }
    }
    if (problems.length > 0) throw new DomainError('VALIDATION', 'every difference needs a decision', problems);
    const items = itemsOf(instrument, keying.group).map((i) => i.id);
    const { answers, decisions } = settleKeyings(keying, items, choices);
    const at = this.ctx.now().toISOString();
    return this.ctx.store.transaction(async (tx) => {
      await tx.paperKeyings.reconcile({ participantId: participant.id, waveId: wave.id, by: by.id, at, decisions });
      const response = await tx.responses.submit({
        projectId: project.id,
        participantId: participant.id,
        waveId: wave.id,
        group: keying.group,
        answers,
        source: 'paper',
        enteredBy: by.id,
        at,
      });
      await tx.audit.append({
        actor: by.id,
        projectId: project.id,
        action: 'paper.reconcile',
        target: participant.id,
        details: {
          wave: wave.label,
          items: decisions.map((d) => d.itemId),
          sources: decisions.map((d) => d.source),
        },
      });
      return response;
    });
  }

  /** The form's double-entry record with the names of those who keyed and settled it, for the response page. */
  async record(
    participant: Participant,
    wave: Wave,
  ): Promise<{ keying: PaperKeying; names: Record<string, string> } | null> {
    const keying = await this.ctx.store.paperKeyings.get(participant.id, wave.id);
    if (!keying) return null;
    return {
      keying,
      names: await this.names([keying.first.by, keying.second?.by, keying.reconciledBy]),
    };
  }

  /** The forms in each state, for the paper page: codes to key a second time and to reconcile. */
  async pending(project: Project): Promise<{ keyedOnce: PendingForm[]; awaitingReconciliation: PendingForm[] }> {
    const keyings = (await this.ctx.store.paperKeyings.list(project.id)).filter((k) => k.status !== 'done');
    const waves = new Map((await this.ctx.store.waves.list(project.id)).map((w) => [w.id, w]));
    // Only the people whose forms wait, not the whole project: a project may have thousands.
    const codes = new Map<string, string>();
    for (const id of new Set(keyings.map((k) => k.participantId))) {
      const participant = await this.ctx.store.participants.get(id);
      if (participant) codes.set(id, participant.code);
    }
    const names = await this.names(keyings.flatMap((k) => [k.first.by, k.second?.by]));
    const shown = (k: PaperKeying): PendingForm => ({
      code: codes.get(k.participantId) ?? '',
      waveId: k.waveId,
      waveLabel: waves.get(k.waveId)?.label ?? '',
      firstBy: k.first.by,
      keyedBy: [k.first.by, k.second?.by].filter((id): id is string => !!id).map((id) => names[id] ?? id),
      differing: k.compared - k.agreed,
    });
    return {
      keyedOnce: keyings.filter((k) => k.status === 'keyed-once').map(shown),
      awaitingReconciliation: keyings.filter((k) => k.status === 'awaiting-reconciliation').map(shown),
    };
  }

  /**
   * For the monitoring page: each wave's forms keyed once, keyed twice and awaiting
   * reconciliation, and the agreement rate per pair of clerks and per wave.
   */
  async quality(project: Project): Promise<{
    on: boolean;
    counts: Map<string, ReturnType<typeof keyingCounts>>;
    byPair: (ReturnType<typeof agreementRates>['byPair'][number] & { names: [string, string] })[];
    byWave: ReturnType<typeof agreementRates>['byWave'];
  }> {
    const keyings = await this.ctx.store.paperKeyings.list(project.id);
    const waves = await this.ctx.store.waves.list(project.id);
    const rates = agreementRates(keyings);
    const names = await this.names(rates.byPair.flatMap((p) => p.clerks));
    return {
      on: projectSettingsOf(project.settings).doubleEntry || keyings.length > 0,
      counts: new Map(waves.map((w) => [w.id, keyingCounts(keyings, w.id)])),
      byPair: rates.byPair.map((p) => ({ ...p, names: [names[p.clerks[0]] ?? '', names[p.clerks[1]] ?? ''] })),
      byWave: rates.byWave,
    };
  }

  private async names(ids: readonly (string | null | undefined)[]): Promise<Record<string, string>> {
    const names: Record<string, string> = {};
    for (const id of new Set(ids)) if (id) names[id] = (await this.ctx.store.users.get(id))?.name ?? 'a former user';
    return names;
  }
}

export interface PendingForm {
  code: string;
  waveId: string;
  waveLabel: string;
  /** Who keyed the first entry (user id): they may not key the second. */
  firstBy: string;
  /** The names of those who keyed it so far. */
  keyedBy: string[];
  /** Items that differ; 0 until keyed twice. */
  differing: number;
}

/** The reconciliation form's fields for one differing item. */
export const choiceField = (itemId: string): string => `choice-${itemId}`;
export const paperField = (itemId: string): string => `paper-${itemId}`;
