import { DomainError } from '../domain/errors.js';
import { todayIn } from '../domain/local-time.js';
import type { Project } from '../domain/records.js';
import type { Services } from '../services/services.js';
import type { DemoClock } from './demo-clock.js';
import { DEMO_TIME_ZONE, planDemo, type DemoEnrolment, type DemoPlan } from './demo-plan.js';

export const DEMO_PROJECT = 'place4carers-demo';
const DEMO_SEED = 20260315;
/** Printed at start and written in the README: this is demonstration data, never real people. */
export const DEMO_PASSWORD = 'coassess-demo';
export const DEMO_SIGN_INS = [
  { role: 'admin', email: 'admin@place4carers.example', name: 'Demo administrator' },
  { role: 'lead', email: 'lead@place4carers.example', name: 'Giulia Ferrari' },
  { role: 'evaluator', email: 'evaluator@place4carers.example', name: 'Marco Rinaldi' },
  { role: 'data-entry', email: 'data-entry@place4carers.example', name: 'Elena Bonomelli' },
] as const;

const INSTRUMENT = 'coassess-core';

/**
 * Seeds the demo project through the same services real use goes through: an administrator
 * creates the project and the staff, the lead schedules the waves and imports the participants
 * (the first cohort, then late joiners before the wave they first take part in),
 * participants answer page by page on the web, and the data-entry person keys in the paper forms.
 * The clock travels to each moment of the story, then comes back to the present. Does nothing
 * when the demo project is already there, so restarting the demo keeps what was done in it.
 */
export async function seedDemo(services: Services, clock: DemoClock, seed = DEMO_SEED): Promise<{ seeded: boolean }> {
  if (await services.projects.findBySlug(DEMO_PROJECT)) return { seeded: false };
  // The newest version: the list is in version order.
  const instrument = services.projects
    .offeredInstruments()
    .filter((i) => i.id === INSTRUMENT)
    .at(-1);
  if (!instrument)
    throw new DomainError('NOT_FOUND', `the demo needs the questionnaire "${INSTRUMENT}" in the surveys directory`);
  const plan = planDemo(seed, todayIn(DEMO_TIME_ZONE, clock.now()), instrument);
  try {
    clock.travelTo(plan.enrolment.at);
    const staff = await setUp(services, plan);
    for (const wave of plan.waves) {
      if (wave.joiners) {
        clock.travelTo(wave.joiners.at);
        await enrol(services, wave.joiners, staff);
      }
      await runWave(services, clock, wave, staff);
    }
  } finally {
    clock.backToPresent();
  }
  return { seeded: true };
}

interface DemoStaff {
  /** The demo project as created; nothing in the story changes it, so it is never read again. */
  project: Project;
  leadId: string;
  dataEntryId: string;
  /** Personal link tokens by code, filled as participants are imported. */
  tokens: Map<string, string>;
  waveIds: Map<string, string>;
}

async function setUp(services: Services, plan: DemoPlan): Promise<DemoStaff> {
  const [admin, ...projectStaff] = DEMO_SIGN_INS;
  const adminUser = await services.users.add({ ...admin, password: DEMO_PASSWORD }, 'demo');
  const project = await services.projects.create(
    {
      slug: DEMO_PROJECT,
      name: 'Place4Carers Vallecamonica (demo)',
      instrument: INSTRUMENT,
      groups: ['caregiver', 'provider'],
      timeZone: DEMO_TIME_ZONE,
    },
    adminUser.id,
  );
  const ids = new Map<string, string>();
  for (const person of projectStaff) {
    ids.set(
      person.role,
      (await services.users.add({ ...person, project: DEMO_PROJECT, password: DEMO_PASSWORD }, adminUser.id)).id,
    );
  }
  const lead = ids.get('lead')!;
  const waveIds = new Map<string, string>();
  for (const wave of plan.waves) {
    waveIds.set(
      wave.label,
      (await services.waves.add({ project, label: wave.label, opensOn: wave.opensOn, closesOn: wave.closesOn }, lead))
        .id,
    );
  }
  const staff = {
    project,
    leadId: lead,
    dataEntryId: ids.get('data-entry')!,
    tokens: new Map<string, string>(),
    waveIds,
  };
  await enrol(services, plan.enrolment, staff);
  return staff;
}

/** The lead imports a list with each person's enrolment day, as a project would from its register. */
async function enrol(services: Services, enrolment: DemoEnrolment, staff: DemoStaff): Promise<void> {
  const rows = enrolment.participants.map((p) =>
    [p.code, p.group, p.language, p.mode, p.email, p.enrolledOn].join(','),
  );
  const imported = await services.participants.importCsv(
    staff.project,
    `${['code,group,language,mode,email,enrolled_on', ...rows].join('\n')}\n`,
    staff.leadId,
  );
  for (const p of imported) staff.tokens.set(p.code, p.token);
}

async function runWave(
  services: Services,
  clock: DemoClock,
  wave: DemoPlan['waves'][number],
  staff: DemoStaff,
): Promise<void> {
  const { questionnaires } = services;
  const { project } = staff;
  const paperCodes = new Set(
    (await services.participants.list(project)).filter((p) => p.mode === 'paper').map((p) => p.code),
  );
  for (const visit of wave.visits) {
    clock.travelTo(visit.at);
    if (visit.kind === 'answered' && paperCodes.has(visit.code)) {
      const result = await services.paper.enter(
        project,
        staff.waveIds.get(wave.label)!,
        visit.code,
        Object.assign({}, ...visit.sections),
        staff.dataEntryId,
      );
      if (!result.ok) throw new Error(`demo paper form for ${visit.code} refused: ${JSON.stringify(result.problems)}`);
      continue;
    }
    const token = staff.tokens.get(visit.code)!;
    await questionnaires.consent(await questionnaires.visit(token));
    const pages = visit.kind === 'answered' ? visit.sections : [visit.firstSection];
    for (const [index, form] of pages.entries()) {
      const saved = await questionnaires.saveSection(await questionnaires.visit(token), index, form);
      if (!saved.ok)
        throw new Error(`demo page ${index + 1} for ${visit.code} refused: ${JSON.stringify(saved.problems)}`);
    }
    if (visit.kind === 'answered') await questionnaires.submit(await questionnaires.visit(token));
  }
}
