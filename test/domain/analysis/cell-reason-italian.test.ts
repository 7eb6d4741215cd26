import { expect } from 'chai';
import type { AnalysisDesign, AnalysisResponse } from '../../../server/domain/analysis/analysis-design.js';
import { describeCell } from '../../../server/domain/analysis/cell-reason.js';
import { analyseProject, type ProjectAnalysis } from '../../../server/domain/analysis/project-analysis.js';
import { buildResponseTable } from '../../../server/domain/analysis/response-table.js';
import { DEFAULT_STATUS_THRESHOLDS } from '../../../server/domain/statistics/status-rules.js';
import { design, invited, responsesFor } from '../../helpers/analysis-fixtures.js';

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
