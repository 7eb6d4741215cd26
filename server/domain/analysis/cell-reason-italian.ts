import { formatFixed, formatNumber } from '../../i18n/format.js';
import {
  capitalised,
  describeInterval,
  formatMean,
  formatP,
  inSentence,
  shiftInPoints,
} from '../statistics/plain-language.js';
import { pointsOnScale, type Classification } from '../statistics/status-rules.js';
import type { ReasonContext, ReasonInput } from './cell-reason.js';
import type { AnalysisCell } from './project-analysis.js';

/**
 * The Italian of cell-reason.ts, sentence for sentence, written as an Italian reader says it
 * rather than translated word by word. A group's name is used without an article ("tra
 * familiari caregiver"), since a name typed by a project lead carries no gender we could agree
 * an article with; a wave is a "rilevazione", as participants are told.
 */
interface Context extends ReasonContext {
  who: string;
  subject: string;
}

function earlierLevel(context: Context, waveIndex: number): string {
  return waveIndex === 2
    ? `rispetto a ${context.labels.firstWave}`
    : 'rispetto alla propria media nelle rilevazioni precedenti';
}

function sameLevel(context: Context, waveIndex: number): string {
  return waveIndex === 2 ? `di ${context.labels.firstWave}` : 'della propria media nelle rilevazioni precedenti';
}

/**
 * "Le 14 persone che hanno risposto sia a Wave 3 sia a una rilevazione precedente hanno
 * ottenuto in media 0,62 punti in meno rispetto alla propria media nelle rilevazioni
 * precedenti (IC 95% da 0,31 a 0,93 punti in meno)."
 */
function comparison(context: Context, cell: AnalysisCell): string {
  const change = cell.change!;
  const answered = `sia a ${cell.wave} sia a una rilevazione precedente`;
  const people =
    change.linked === 1
      ? `L’unica persona che ha risposto ${answered} ha ottenuto`
      : `Le ${change.linked} persone che hanno risposto ${answered} hanno ottenuto in media`;
  const shift = shiftInPoints(change.meanChange, 'it');
  const level =
    shift === null
      ? `lo stesso punteggio ${sameLevel(context, cell.waveIndex)}`
      : `${shift} ${earlierLevel(context, cell.waveIndex)}`;
  const interval =
    change.ciLow === null || change.ciHigh === null
      ? ''
      : ` (IC 95% ${describeInterval(change.ciLow, change.ciHigh, 'it')})`;
  return `${people} ${level}${interval}.`;
}

function versionNote(context: Context, cell: AnalysisCell): string | null {
  const comparisonOfItems = cell.itemComparison;
  if (comparisonOfItems === null) return null;
  const { versions, sharedItems } = comparisonOfItems;
  const { dimension } = context.labels;
  const changed =
    versions.length > 1
      ? `Il questionario è cambiato da una rilevazione all’altra (versioni ${versions.join(' e ')})`
      : 'Le domande poste sono cambiate da una rilevazione all’altra';
  if (sharedItems.length === 0)
    return `${changed} e nessuna domanda di ${dimension} è stata posta in tutte le rilevazioni, quindi non è stato possibile misurare il cambiamento.`;
  const items =
    sharedItems.length === 1
      ? `l’unica domanda di ${dimension} posta`
      : `le ${sharedItems.length} domande di ${dimension} poste`;
  return `${changed}, quindi il confronto usa solo ${items} in tutte le rilevazioni (${sharedItems.join(', ')}).`;
}

function testEvidence(context: Context, cell: AnalysisCell, classification: Classification): string {
  const change = cell.change!;
  const { alpha, watchAlpha, minChange } = context.thresholds;
  const p = change.meanChange < 0 ? change.pFallAdjusted : change.pRiseAdjusted;
  const bracket = (level: number) =>
    p === null ? '' : ` (${formatP(p, 'it')} dopo la correzione; conta se inferiore a ${formatNumber('it', level, 6)})`;
  const smallest = context.scale ? pointsOnScale(minChange, context.scale) : minChange;
  const chance = 'difficilmente è dovuto al caso, anche tenendo conto di tutti i gruppi e i temi verificati';
  switch (classification.status) {
    case 'co-destruction':
      return `Un calo così grande ${chance}${bracket(alpha)}. Questo indica co-distruzione.`;
    case 'co-creation':
      return `Un aumento così grande ${chance}${bracket(alpha)}. Questo indica co-creazione.`;
    case 'watch':
      return `Potrebbe ancora essere il caso, ma di poco${bracket(watchAlpha)}: da osservare.`;
    default:
      if (classification.signals.includes('small-change')) {
        return `Il cambiamento è chiaro${bracket(alpha)} ma inferiore a ${formatFixed('it', smallest, 2)} punti, troppo piccolo per contare: stabile.`;
      }
      return `Un cambiamento di questa entità rientra in ciò che può dare il caso da solo${bracket(alpha)}: stabile.`;
  }
}

/** "Fiducia tra familiari caregiver: media 2,9 in Wave 3". */
function level(context: Context, cell: AnalysisCell): string {
  return `${context.subject}: media ${formatMean(cell.mean!, 'it')} in ${cell.wave}`;
}

export function italianReason(input: ReasonInput, base: ReasonContext): string {
  const { labels, thresholds } = base;
  const who = labels.group === null ? 'tutte le persone che hanno risposto' : inSentence(labels.group);
  const context: Context = { ...base, who, subject: `${labels.dimension} tra ${who}` };
  const sentences: string[] = [];
  switch (input.kind) {
    case 'missing':
      switch (input.missing) {
        case 'not-asked':
          sentences.push(
            `Il questionario di ${labels.wave} non ha domande su ${labels.dimension} per ${who}, quindi non c’è nulla da riportare.`,
          );
          break;
        case 'nobody-answered':
          sentences.push(
            `Nessuno tra ${who} ha risposto in ${labels.wave}, quindi non c’è nulla da riportare su ${labels.dimension}.`,
          );
          if (input.invited > 0)
            sentences.push(
              input.invited === 1 ? 'Era stata invitata 1 persona.' : `Erano state invitate ${input.invited} persone.`,
            );
          break;
        case 'too-few-items':
          sentences.push(
            `Nessuno tra ${who} ha risposto ad abbastanza domande di ${labels.dimension} in ${labels.wave} per avere un punteggio (ne serve almeno la metà).`,
          );
          break;
      }
      break;
    case 'pooled': {
      const { cell } = input;
      const people = cell.n === 1 ? '1 persona' : `${cell.n} persone`;
      sentences.push(`${level(context, cell)}, ${people} di tutti i gruppi insieme.`);
      if (cell.change !== null) sentences.push(comparison(context, cell));
      const note = versionNote(context, cell);
      if (note !== null) sentences.push(note);
      sentences.push(
        'I risultati di tutti i gruppi insieme sono descritti, non verificati: ogni gruppo è verificato per conto suo.',
      );
      break;
    }
    case 'too-few': {
      const { cell } = input;
      if (cell.waveIndex === 1) {
        sentences.push(
          `${level(context, cell)}, la prima rilevazione: non c’è ancora nulla di precedente con cui confrontarla.`,
        );
        break;
      }
      const linked = cell.change?.linked ?? 0;
      const noComparison = cell.itemComparison !== null && cell.itemComparison.sharedItems.length === 0;
      if (noComparison) {
        sentences.push(`${level(context, cell)}.`);
      } else if (cell.change !== null && linked >= thresholds.minLinked) {
        sentences.push(
          `${level(context, cell)}. Troppo pochi dei loro punteggi vanno oltre uno a persona perché il cambiamento rispetto alle rilevazioni precedenti abbia una misura della sua incertezza, quindi non è stato verificato.`,
        );
      } else {
        const answered = linked === 1 ? 'ha risposto' : 'hanno risposto';
        sentences.push(
          `${level(context, cell)}. Solo ${linked} di loro ${answered} sia a ${cell.wave} sia a una rilevazione precedente, troppo pochi per verificare un cambiamento (ne servono almeno ${thresholds.minLinked}).`,
        );
      }
      if (cell.change !== null && cell.change.linked >= 2) sentences.push(comparison(context, cell));
      const note = versionNote(context, cell);
      if (note !== null) sentences.push(note);
      break;
    }
    case 'tested': {
      const { cell, classification } = input;
      sentences.push(`${level(context, cell)}.`);
      sentences.push(comparison(context, cell));
      const note = versionNote(context, cell);
      if (note !== null) sentences.push(note);
      sentences.push(testEvidence(context, cell, classification));
      break;
    }
  }
  return sentences.map(capitalised).join(' ');
}
