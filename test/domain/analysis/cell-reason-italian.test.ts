import { expect } from 'chai';
import type { AnalysisDesign, AnalysisResponse } from '../../../server/domain/analysis/analysis-design.js';
import { describeCell, type ReasonInput, type ReasonLabels } from '../../../server/domain/analysis/cell-reason.js';
import { analyseProject, type ProjectAnalysis } from '../../../server/domain/analysis/project-analysis.js';
import { buildResponseTable } from '../../../server/domain/analysis/response-table.js';
import {
  DEFAULT_STATUS_THRESHOLDS,
  type Classification,
  type ScaleRange,
  type StatusThresholds,
} from '../../../server/domain/statistics/status-rules.js';
import { design, invited, responsesFor } from '../../helpers/analysis-fixtures.js';
import { cell as reasonCell, change } from '../../helpers/reason-cells.js';

/** The fixtures' design as a bilingual project has it: groups and dimensions named in Italian too. */
function bilingual(waveCount: number, versions: ('1' | '2')[] = []): AnalysisDesign {
  const base = design(waveCount, versions);
  const italian: Record<string, string> = {
    caregiver: 'Familiari caregiver',
    provider: 'Operatori dei servizi',
    trust: 'Fiducia',
    voice: 'Voce',
  };
  return {
    waves: base.waves.map((wave) => ({
      ...wave,
      instrument: {
        ...wave.instrument,
        languages: ['en', 'it'],
        dimensions: wave.instrument.dimensions.map((d) => ({ ...d, label: { ...d.label, it: italian[d.id]! } })),
      },
    })),
    groups: base.groups.map((g) => ({ ...g, names: { en: g.label, it: italian[g.id]! } })),
  };
}

function cell(analysis: ProjectAnalysis, wave: number, group: string, dimension: string) {
  const found = analysis.cells.find((c) => c.waveIndex === wave && c.group === group && c.dimension === dimension);
  if (!found) throw new Error(`no cell ${wave}/${group}/${dimension}`);
  return found;
}

describe('cell reasons in Italian', function () {
  // The collapse of project-analysis.test.ts: caregivers' trust falls by 1.10 points in wave 3.
  const caregivers = {
    w1: [4, 4, 5, 4, 3, 4, 5, 4, 4, 3],
    w2: [4, 4, 5, 4, 3, 4, 5, 4, 4, 3],
    w3: [3, 3, 3, 2, 3, 3, 4, 2, 3, 3],
  };
  const providers = [4, 3, 4, 4, 3, 4, 4, 4, 3, 4];
  const analyse = (): ProjectAnalysis =>
    analyseProject(
      buildResponseTable(
        bilingual(3),
        (['w1', 'w2', 'w3'] as const).flatMap((w) => [
          ...responsesFor(w, 'caregiver', 'c', caregivers[w]),
          ...responsesFor(w, 'provider', 'p', providers),
        ]),
      ),
      {
        invited: invited({
          w1: { caregiver: 10, provider: 10 },
          w2: { caregiver: 10, provider: 10 },
          w3: { caregiver: 14, provider: 10 },
        }),
      },
    );

  it('words co-destruction with the comparison, its size, interval and corrected p in Italian, with decimal commas', function () {
    const trust = cell(analyse(), 3, 'caregiver', 'trust');
    expect(trust.status).to.equal('co-destruction');
    expect(trust.reasons.it).to.match(
      /^Fiducia tra familiari caregiver: media 2,9 in Wave 3\. Le 10 persone che hanno risposto sia a Wave 3 sia a una rilevazione precedente hanno ottenuto in media 1,10 punti in meno rispetto alla propria media nelle rilevazioni precedenti \(IC 95% da \d,\d\d a \d,\d\d punti in meno\)\. Un calo così grande difficilmente è dovuto al caso, anche tenendo conto di tutti i gruppi e i temi verificati \(p (<|=) 0,\d+ dopo la correzione; conta se inferiore a 0,04\)\. Questo indica co-distruzione\.$/,
    );
    // The English reason is the one the exports give, with the English names.
    expect(trust.reason).to.equal(trust.reasons.en);
    expect(trust.reasons.en).to.match(/^Trust among family caregivers is at 2\.9 in Wave 3\./);
  });

  it('words the pooled cells as described, not tested', function () {
    const pooled = cell(analyse(), 3, 'all', 'trust');
    expect(pooled.reasons.it).to.include(
      'Fiducia tra tutte le persone che hanno risposto: media 3,3 in Wave 3, 20 persone di tutti i gruppi insieme.',
    );
    expect(pooled.reasons.it).to.include(
      'I risultati di tutti i gruppi insieme sono descritti, non verificati: ogni gruppo è verificato per conto suo.',
    );
  });

  it('calls the first wave the first, with nothing earlier to compare with', function () {
    expect(cell(analyse(), 1, 'caregiver', 'trust').reasons.it).to.equal(
      'Fiducia tra familiari caregiver: media 4,0 in Wave 1, la prima rilevazione: non c’è ancora nulla di precedente con cui confrontarla.',
    );
  });

  it('words a stable group as within what chance gives', function () {
    const provider = cell(analyse(), 3, 'provider', 'trust');
    expect(provider.status).to.equal('stable');
    expect(provider.reasons.it).to.match(
      /^Fiducia tra operatori dei servizi: media 3,7 in Wave 3\. Le 10 persone .* hanno ottenuto in media lo stesso punteggio della propria media nelle rilevazioni precedenti .*: stabile\.$/,
    );
  });

  it('words watch, co-creation and a clear but small change for the same cell, each with its own level', function () {
    const analysis = analyse();
    const trust = cell(analysis, 3, 'caregiver', 'trust');
    const labels = {
      dimension: 'Fiducia',
      group: 'Familiari caregiver',
      wave: 'Wave 3',
      firstWave: 'Wave 1',
      previousWave: 'Wave 2',
    };
    const scale = { min: 1, max: 5 };
    const thresholds = { ...DEFAULT_STATUS_THRESHOLDS, watchAlpha: 0.2, minChange: 0.3 };
    const as = (status: 'watch' | 'co-creation' | 'stable', signals: ('possible-fall' | 'rise' | 'small-change')[]) =>
      describeCell(
        { kind: 'tested', cell: trust, classification: { status, signals } },
        labels,
        thresholds,
        scale,
        'it',
      );
    expect(as('watch', ['possible-fall'])).to.match(
      /Potrebbe ancora essere il caso, ma di poco \(p .* conta se inferiore a 0,2\): da osservare\.$/,
    );
    expect(as('co-creation', ['rise'])).to.match(
      /Un aumento così grande difficilmente è dovuto al caso.*Questo indica co-creazione\.$/,
    );
    expect(as('stable', ['small-change'])).to.match(
      /Il cambiamento è chiaro \(.*\) ma inferiore a 0,30 punti, troppo piccolo per contare: stabile\.$/,
    );
  });

  it('says when nobody answered, and how many were invited, with the plural agreeing', function () {
    const analysis = analyseProject(buildResponseTable(bilingual(2), []), {
      invited: invited({ w1: { caregiver: 3, provider: 1 } }),
    });
    expect(cell(analysis, 1, 'caregiver', 'trust').reasons.it).to.equal(
      'Nessuno tra familiari caregiver ha risposto in Wave 1, quindi non c’è nulla da riportare su Fiducia. Erano state invitate 3 persone.',
    );
    expect(cell(analysis, 1, 'provider', 'trust').reasons.it).to.match(/Era stata invitata 1 persona\.$/);
  });

  it('says when only one person could be compared, too few to test', function () {
    const analysis = analyseProject(
      buildResponseTable(bilingual(2), [
        ...responsesFor('w1', 'caregiver', 'c', [4]),
        ...responsesFor('w2', 'caregiver', 'c', [2]),
        ...responsesFor('w1', 'provider', 'p', [4, 3, 5]),
        ...responsesFor('w2', 'provider', 'p', [4, 3, 5]),
      ]),
      { invited: invited({ w1: { caregiver: 1, provider: 3 }, w2: { caregiver: 1, provider: 3 } }) },
    );
    expect(cell(analysis, 2, 'caregiver', 'trust').reasons.it).to.equal(
      'Fiducia tra familiari caregiver: media 2,0 in Wave 2. Solo 1 di loro ha risposto sia a Wave 2 sia a una rilevazione precedente, troppo pochi per verificare un cambiamento (ne servono almeno 5).',
    );
  });

  it('says when a change has no measure of its uncertainty', function () {
    const answer = (participantId: string, waveId: string, level: number): AnalysisResponse => ({
      participantId,
      waveId,
      group: 'caregiver',
      answers: { trust_1: level, trust_2: level, trust_3: 6 - level, voice_1: level },
    });
    const analysis = analyseProject(
      buildResponseTable(bilingual(3), [
        answer('a', 'w1', 4),
        answer('a', 'w3', 2),
        answer('b', 'w2', 5),
        answer('b', 'w3', 3),
      ]),
      { invited: invited({}), thresholds: { ...DEFAULT_STATUS_THRESHOLDS, minLinked: 2 } },
    );
    expect(cell(analysis, 3, 'caregiver', 'trust').reasons.it).to.include(
      'Troppo pochi dei loro punteggi vanno oltre uno a persona',
    );
  });

  it('names the shared items when the questionnaire version changed', function () {
    const w1: AnalysisResponse[] = [5, 4, 4, 3, 5, 4].map((v, i) => ({
      participantId: `c${i}`,
      waveId: 'w1',
      group: 'caregiver',
      answers: { trust_1: v, trust_2: 1, trust_3: 6 - v, voice_1: 4 },
    }));
    const w2: AnalysisResponse[] = [4, 3, 3, 2, 4, 3].map((v, i) => ({
      participantId: `c${i}`,
      waveId: 'w2',
      group: 'caregiver',
      answers: { trust_1: v, trust_3: 6 - v, trust_4: 5, voice_1: 4 },
    }));
    const analysis = analyseProject(buildResponseTable(bilingual(2, ['1', '2']), [...w1, ...w2]), {
      invited: invited({}),
    });
    const trust = cell(analysis, 2, 'caregiver', 'trust');
    expect(trust.status).to.equal('co-destruction');
    expect(trust.reasons.it).to.include(
      'Le 6 persone che hanno risposto sia a Wave 2 sia a una rilevazione precedente hanno ottenuto in media 1,00 punti in meno rispetto a Wave 1',
    );
    expect(trust.reasons.it).to.include(
      'Il questionario è cambiato da una rilevazione all’altra (versioni 1 e 2), quindi il confronto usa solo le 2 domande di Fiducia poste in tutte le rilevazioni (trust_1, trust_3).',
    );
  });
});

describe('cell reasons in Italian, sentence by sentence', function () {
  const labels: ReasonLabels = {
    dimension: 'Fiducia',
    group: 'Familiari caregiver',
    wave: 'Rilevazione 3',
    firstWave: 'Rilevazione 1',
    previousWave: 'Rilevazione 2',
  };
  const second: ReasonLabels = { ...labels, wave: 'Rilevazione 2', previousWave: 'Rilevazione 1' };
  const everyone: ReasonLabels = { ...labels, group: null };
  const scale: ScaleRange = { min: 1, max: 5 };
  const thresholds: StatusThresholds = { ...DEFAULT_STATUS_THRESHOLDS };
  const it3 = (o: Parameters<typeof reasonCell>[0] = {}) => reasonCell({ wave: 'Rilevazione 3', ...o });
  const say = (input: ReasonInput, l = labels, t = thresholds, s: ScaleRange | null = scale) =>
    describeCell(input, l, t, s, 'it');
  const tested = (
    c: ReturnType<typeof reasonCell>,
    classification: Classification,
    t = thresholds,
    s: ScaleRange | null = scale,
  ) => say({ kind: 'tested', cell: c, classification }, labels, t, s);

  it('says the questionnaire has no questions on the dimension for the group', function () {
    expect(say({ kind: 'missing', missing: 'not-asked', invited: 4 })).to.equal(
      'Il questionario di Rilevazione 3 non ha domande su Fiducia per familiari caregiver, quindi non c’è nulla da riportare.',
    );
  });

  it('says nobody answered, without an invitation sentence when nobody was invited', function () {
    expect(say({ kind: 'missing', missing: 'nobody-answered', invited: 0 }, everyone)).to.equal(
      'Nessuno tra tutte le persone che hanno risposto ha risposto in Rilevazione 3, quindi non c’è nulla da riportare su Fiducia.',
    );
    expect(say({ kind: 'missing', missing: 'nobody-answered', invited: 2 })).to.equal(
      'Nessuno tra familiari caregiver ha risposto in Rilevazione 3, quindi non c’è nulla da riportare su Fiducia. Erano state invitate 2 persone.',
    );
  });

  it('says nobody answered enough questions for a score, and that half are needed', function () {
    expect(say({ kind: 'missing', missing: 'too-few-items', invited: 7 })).to.equal(
      'Nessuno tra familiari caregiver ha risposto ad abbastanza domande di Fiducia in Rilevazione 3 per avere un punteggio (ne serve almeno la metà).',
    );
  });

  it('describes a pooled cell of one person without a comparison on the first wave', function () {
    const first = reasonCell({ group: 'all', wave: 'Rilevazione 1', waveIndex: 1, n: 1, mean: 4, change: null });
    expect(say({ kind: 'pooled', cell: first }, { ...everyone, wave: 'Rilevazione 1' })).to.equal(
      'Fiducia tra tutte le persone che hanno risposto: media 4,0 in Rilevazione 1, 1 persona di tutti i gruppi insieme. ' +
        'I risultati di tutti i gruppi insieme sono descritti, non verificati: ogni gruppo è verificato per conto suo.',
    );
  });

  it('gives a pooled cell its comparison and the items compared when the questions changed', function () {
    const pooled = it3({
      group: 'all',
      n: 31,
      mean: 3.26,
      change: change({ linked: 27, tested: false }),
      itemComparison: { versions: ['2'], sharedItems: ['trust_1'] },
    });
    expect(say({ kind: 'pooled', cell: pooled }, everyone)).to.equal(
      'Fiducia tra tutte le persone che hanno risposto: media 3,3 in Rilevazione 3, 31 persone di tutti i gruppi insieme. ' +
        'Le 27 persone che hanno risposto sia a Rilevazione 3 sia a una rilevazione precedente hanno ottenuto in media 0,62 punti in meno rispetto alla propria media nelle rilevazioni precedenti (IC 95% da 0,31 a 0,93 punti in meno). ' +
        'Le domande poste sono cambiate da una rilevazione all’altra, quindi il confronto usa solo l’unica domanda di Fiducia posta in tutte le rilevazioni (trust_1). ' +
        'I risultati di tutti i gruppi insieme sono descritti, non verificati: ogni gruppo è verificato per conto suo.',
    );
  });

  it('says how many answered both waves, agreeing the verb, and adds the comparison from two people on', function () {
    const tooFew = (c: ReturnType<typeof reasonCell>, t = thresholds) => say({ kind: 'too-few', cell: c }, labels, t);
    expect(tooFew(it3({ change: null }))).to.equal(
      'Fiducia tra familiari caregiver: media 2,9 in Rilevazione 3. Solo 0 di loro hanno risposto sia a Rilevazione 3 sia a una rilevazione precedente, troppo pochi per verificare un cambiamento (ne servono almeno 5).',
    );
    expect(tooFew(it3({ change: change({ linked: 2, meanChange: 0.5, ciLow: -1.2, ciHigh: 2.2 }) }))).to.equal(
      'Fiducia tra familiari caregiver: media 2,9 in Rilevazione 3. Solo 2 di loro hanno risposto sia a Rilevazione 3 sia a una rilevazione precedente, troppo pochi per verificare un cambiamento (ne servono almeno 5). ' +
        'Le 2 persone che hanno risposto sia a Rilevazione 3 sia a una rilevazione precedente hanno ottenuto in media 0,50 punti in più rispetto alla propria media nelle rilevazioni precedenti (IC 95% da 1,20 punti in meno a 2,20 punti in più).',
    );
    expect(tooFew(it3({ change: change({ linked: 4 }) }), { ...thresholds, minLinked: 4 })).to.match(
      /^Fiducia tra familiari caregiver: media 2,9 in Rilevazione 3\. Troppo pochi dei loro punteggi vanno oltre uno a persona .*, quindi non è stato verificato\. Le 4 persone/,
    );
    expect(tooFew(it3({ change: change({ linked: 4 }) }), { ...thresholds, minLinked: 5 })).to.match(
      /^Fiducia tra familiari caregiver: media 2,9 in Rilevazione 3\. Solo 4 di loro hanno risposto .*\(ne servono almeno 5\)\. Le 4 persone/,
    );
  });

  it('gives only the level when no question was asked in every wave, and says why', function () {
    const c = it3({ change: change({ linked: 3 }), itemComparison: { versions: ['1', '2'], sharedItems: [] } });
    expect(say({ kind: 'too-few', cell: c })).to.equal(
      'Fiducia tra familiari caregiver: media 2,9 in Rilevazione 3. ' +
        'Le 3 persone che hanno risposto sia a Rilevazione 3 sia a una rilevazione precedente hanno ottenuto in media 0,62 punti in meno rispetto alla propria media nelle rilevazioni precedenti (IC 95% da 0,31 a 0,93 punti in meno). ' +
        'Il questionario è cambiato da una rilevazione all’altra (versioni 1 e 2) e nessuna domanda di Fiducia è stata posta in tutte le rilevazioni, quindi non è stato possibile misurare il cambiamento.',
    );
  });

  it('keeps the count of people compared when the questions changed but one question is shared', function () {
    const c = it3({ change: change({ linked: 3 }), itemComparison: { versions: ['2'], sharedItems: ['trust_1'] } });
    expect(say({ kind: 'too-few', cell: c })).to.equal(
      'Fiducia tra familiari caregiver: media 2,9 in Rilevazione 3. Solo 3 di loro hanno risposto sia a Rilevazione 3 sia a una rilevazione precedente, troppo pochi per verificare un cambiamento (ne servono almeno 5). ' +
        'Le 3 persone che hanno risposto sia a Rilevazione 3 sia a una rilevazione precedente hanno ottenuto in media 0,62 punti in meno rispetto alla propria media nelle rilevazioni precedenti (IC 95% da 0,31 a 0,93 punti in meno). ' +
        'Le domande poste sono cambiate da una rilevazione all’altra, quindi il confronto usa solo l’unica domanda di Fiducia posta in tutte le rilevazioni (trust_1).',
    );
  });

  it('compares the second wave with the first by name, and a rise as in più', function () {
    const rise = reasonCell({
      wave: 'Rilevazione 2',
      waveIndex: 2,
      mean: 4.15,
      change: change({ meanChange: 0.71, ciLow: 0.4, ciHigh: 1.02, pFallAdjusted: 1, pRiseAdjusted: 0.0004 }),
    });
    expect(
      say({ kind: 'tested', cell: rise, classification: { status: 'co-creation', signals: ['rise'] } }, second),
    ).to.equal(
      'Fiducia tra familiari caregiver: media 4,2 in Rilevazione 2. ' +
        'Le 14 persone che hanno risposto sia a Rilevazione 2 sia a una rilevazione precedente hanno ottenuto in media 0,71 punti in più rispetto a Rilevazione 1 (IC 95% da 0,40 a 1,02 punti in più). ' +
        'Un aumento così grande difficilmente è dovuto al caso, anche tenendo conto di tutti i gruppi e i temi verificati (p < 0,001 dopo la correzione; conta se inferiore a 0,04). Questo indica co-creazione.',
    );
    const same = reasonCell({ wave: 'Rilevazione 2', waveIndex: 2, change: change({ meanChange: 0.001 }) });
    expect(say({ kind: 'tested', cell: same, classification: { status: 'stable', signals: [] } }, second)).to.include(
      'hanno ottenuto in media lo stesso punteggio di Rilevazione 1 (IC 95%',
    );
  });

  it('words co-destruction with the corrected p of the fall', function () {
    expect(tested(it3(), { status: 'co-destruction', signals: ['fall'] })).to.equal(
      'Fiducia tra familiari caregiver: media 2,9 in Rilevazione 3. ' +
        'Le 14 persone che hanno risposto sia a Rilevazione 3 sia a una rilevazione precedente hanno ottenuto in media 0,62 punti in meno rispetto alla propria media nelle rilevazioni precedenti (IC 95% da 0,31 a 0,93 punti in meno). ' +
        'Un calo così grande difficilmente è dovuto al caso, anche tenendo conto di tutti i gruppi e i temi verificati (p = 0,012 dopo la correzione; conta se inferiore a 0,04). Questo indica co-distruzione.',
    );
  });

  it('words watch and a stable change, leaving the p out when there is none', function () {
    const c = it3({ change: change({ meanChange: -0.4, ciLow: -0.85, ciHigh: 0.05, pFallAdjusted: 0.15 }) });
    expect(tested(c, { status: 'watch', signals: ['possible-fall'] })).to.match(
      / \(IC 95% da 0,85 punti in meno a 0,05 punti in più\)\. Potrebbe ancora essere il caso, ma di poco \(p = 0,150 dopo la correzione; conta se inferiore a 0,21\): da osservare\.$/,
    );
    const none = it3({ change: change({ meanChange: 0.3, pFallAdjusted: null, pRiseAdjusted: null }) });
    expect(tested(none, { status: 'stable', signals: [] })).to.match(
      /0,30 punti in più rispetto alla propria media nelle rilevazioni precedenti \(IC 95% da 0,31 a 0,93 punti in meno\)\. Un cambiamento di questa entità rientra in ciò che può dare il caso da solo: stabile\.$/,
    );
  });

  it('quotes the smallest change that counts on the scale of the questionnaire, or as set without one', function () {
    const c = it3({ change: change({ linked: 120, meanChange: -0.2, pFallAdjusted: 0.001 }) });
    const small: Classification = { status: 'stable', signals: ['small-change'] };
    expect(tested(c, small)).to.match(
      / \(p = 0,001 dopo la correzione; conta se inferiore a 0,04\) ma inferiore a 0,25 punti, troppo piccolo per contare: stabile\.$/,
    );
    expect(tested(c, small, thresholds, { min: 0, max: 10 })).to.match(/ ma inferiore a 0,63 punti,/);
    expect(tested(c, small, { ...thresholds, minChange: 0.1 }, null)).to.match(/ ma inferiore a 0,10 punti,/);
  });

  it('speaks of the only person compared in the singular, without an interval when either end is missing', function () {
    const one = it3({ change: change({ linked: 1, meanChange: -1, ciHigh: null }) });
    expect(tested(one, { status: 'stable', signals: [] })).to.include(
      'L’unica persona che ha risposto sia a Rilevazione 3 sia a una rilevazione precedente ha ottenuto 1,00 punti in meno rispetto alla propria media nelle rilevazioni precedenti. Un cambiamento',
    );
    const noLow = it3({ change: change({ ciLow: null }) });
    expect(tested(noLow, { status: 'co-destruction', signals: ['fall'] })).to.include(
      'rispetto alla propria media nelle rilevazioni precedenti. Un calo',
    );
  });

  it('puts the version note, naming every version, between the comparison and the evidence', function () {
    const c = it3({ itemComparison: { versions: ['1', '2', '3'], sharedItems: ['trust_1', 'trust_3'] } });
    expect(tested(c, { status: 'co-destruction', signals: ['fall'] })).to.include(
      '(IC 95% da 0,31 a 0,93 punti in meno). Il questionario è cambiato da una rilevazione all’altra (versioni 1 e 2 e 3), quindi il confronto usa solo le 2 domande di Fiducia poste in tutte le rilevazioni (trust_1, trust_3). Un calo',
    );
  });
});
