import type { Locale } from '../../i18n/catalogue.js';
import { formatFixed, formatNumber } from '../../i18n/format.js';
import type { CellStatus, ParticipationStatus, Signal, StatusThresholds } from './status-rules.js';

/** Staff and report languages; English is the fallback for anything else. */
type RuleLanguage = Locale;

export interface Definition<Id extends string> {
  id: Id;
  label: string;
  /** The rule in plain words, with the project's own cut-offs. */
  rule: string;
}

interface RuleDefinitions {
  statuses: Definition<CellStatus>[];
  /** The pooled `all` cells, which carry no status. */
  pooled: Definition<'all'>;
  signals: Definition<Signal>[];
  /** One sentence introducing the signals, the `flags` column's values. */
  signalsNote: string;
  participation: Definition<ParticipationStatus>[];
  /** One sentence on what participation is and is not. */
  participationNote: string;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;
const points = (value: number, language: RuleLanguage) => formatFixed(language, value, 2);
// Thresholds are shown with every decimal they were set with: 0.005 stays 0.005.
const decimal = (value: number, language: RuleLanguage) => formatNumber(language, value, 6);

/**
 * Every rule of status-rules.ts in words, rendered with a project's thresholds: the dashboard
 * legend, the exports page, the codebook and the settings page all print these, so there is
 * one definition to keep right. Each follows the code in status-rules.ts line for line.
 */
export function ruleDefinitions(t: StatusThresholds, language: RuleLanguage = 'en'): RuleDefinitions {
  const change = points(t.minChange, language);
  const alpha = decimal(t.alpha, language);
  const watchAlpha = decimal(t.watchAlpha, language);
  if (language === 'it') {
    const test = `un test t unilaterale del cambiamento nel modello punteggio = persona + rilevazione, corretto con Holm su tutti i gruppi e le dimensioni della rilevazione, con una probabilità di falso allarme di ${alpha} per progetto ripartita su ${t.followUpWaves} rilevazioni successive alla prima`;
    return {
      statuses: [
        {
          id: 'co-destruction',
          label: 'co-distruzione',
          rule: `Chi ha risposto a questa rilevazione e a una precedente ha un punteggio più basso di almeno ${change} punti (su una scala da 1 a 5, in proporzione sulle altre scale) rispetto alla propria media nelle rilevazioni precedenti, stimato confrontando ogni persona con sé stessa, e il calo supera ${test}.`,
        },
        {
          id: 'watch',
          label: 'da osservare',
          rule: `Un calo di almeno ${change} punti che supera lo stesso test solo con la soglia più larga di ${watchAlpha}: potrebbe ancora essere il caso.`,
        },
        {
          id: 'stable',
          label: 'stabile',
          rule: `Il cambiamento è stato verificato e non soddisfa nessuna delle regole sopra, oppure è chiaro ma inferiore a ${change} punti.`,
        },
        {
          id: 'co-creation',
          label: 'co-creazione',
          rule: `L'opposto della co-distruzione, con lo stesso rischio di errore: un aumento di almeno ${change} punti che supera lo stesso test.`,
        },
        {
          id: 'too-few',
          label: 'troppo pochi',
          rule: `C'è una media, ma meno di ${t.minLinked} persone hanno risposto sia a questa rilevazione sia a una precedente (sempre così nella prima rilevazione): il cambiamento è descritto con il suo intervallo, non verificato.`,
        },
      ],
      pooled: {
        id: 'all',
        label: 'tutti',
        rule: 'I risultati di tutti i gruppi insieme sono descritti, non verificati: ogni gruppo è verificato per conto suo. Non hanno uno stato.',
      },
      signals: [
        { id: 'fall', label: 'calo', rule: 'Un calo chiaro: porta alla co-distruzione.' },
        {
          id: 'possible-fall',
          label: 'possibile calo',
          rule: 'Un calo che supera solo la soglia più larga: porta a «da osservare».',
        },
        { id: 'rise', label: 'aumento', rule: 'Un aumento chiaro: porta alla co-creazione.' },
        {
          id: 'small-change',
          label: 'cambiamento piccolo',
          rule: `Un cambiamento chiaro ma inferiore a ${change} punti: resta stabile.`,
        },
      ],
      signalsNote: 'La colonna flags di flags.csv indica il segnale che ha deciso lo stato:',
      participation: [
        {
          id: 'falling',
          label: 'in calo',
          rule: `Il tasso di risposta è sceso di almeno ${Math.round(t.responseRateDrop * 100)} punti percentuali rispetto alla rilevazione precedente.`,
        },
        { id: 'low', label: 'bassa', rule: `Ha risposto meno del ${percent(t.responseRateFloor)} degli invitati.` },
        { id: 'ok', label: 'regolare', rule: 'Né in calo né bassa.' },
        {
          id: 'too-few',
          label: 'troppo pochi',
          rule: `Meno di ${t.participationMinInvited} invitati nel gruppo: non valutata.`,
        },
      ],
      participationNote: `La partecipazione è riportata una volta per rilevazione e gruppo e non cambia mai lo stato di una dimensione. Invitati a una rilevazione: chi era iscritto entro la sua chiusura e non si era ritirato prima della sua apertura.`,
    };
  }
  const test = `a one-sided t-test of the change in the model score = person + wave, Holm-corrected across the wave's groups and dimensions, with a false-alarm chance of ${alpha} per project spread over ${t.followUpWaves} follow-up waves`;
  return {
    statuses: [
      {
        id: 'co-destruction',
        label: 'co-destruction',
        rule: `The people who answered this wave and an earlier one score at least ${change} points (on a 1–5 scale, in proportion on others) below their own average in the earlier waves, each person compared with themselves, and the fall passes ${test}.`,
      },
      {
        id: 'watch',
        label: 'watch',
        rule: `A fall of at least ${change} points that passes the same test only at the looser ${watchAlpha}: it may still be chance.`,
      },
      {
        id: 'stable',
        label: 'stable',
        rule: `The change was tested and meets none of the rules above, or it is clear but smaller than ${change} points.`,
      },
      {
        id: 'co-creation',
        label: 'co-creation',
        rule: `The mirror of co-destruction, held to the same error rate: a rise of at least ${change} points that passes the same test.`,
      },
      {
        id: 'too-few',
        label: 'too few',
        rule: `A mean exists, but fewer than ${t.minLinked} people answered both this wave and an earlier one (always so in the first wave): the change is described with its interval, not tested.`,
      },
    ],
    pooled: {
      id: 'all',
      label: 'everyone',
      rule: 'Results pooled over every group are described, not tested: each group is tested on its own. They carry no status.',
    },
    signals: [
      { id: 'fall', label: 'fall', rule: 'A clear fall: makes co-destruction.' },
      { id: 'possible-fall', label: 'possible fall', rule: 'A fall that passes only the looser level: makes watch.' },
      { id: 'rise', label: 'rise', rule: 'A clear rise: makes co-creation.' },
      {
        id: 'small-change',
        label: 'small change',
        rule: `A clear change smaller than ${change} points: stays stable.`,
      },
    ],
    signalsNote: 'The flags column of flags.csv names the signal that decided the status:',
    participation: [
      {
        id: 'falling',
        label: 'falling',
        rule: `The response rate dropped by at least ${Math.round(t.responseRateDrop * 100)} points since the previous wave.`,
      },
      { id: 'low', label: 'low', rule: `Fewer than ${percent(t.responseRateFloor)} of those invited responded.` },
      { id: 'ok', label: 'ok', rule: 'Neither falling nor low.' },
      {
        id: 'too-few',
        label: 'too few',
        rule: `Fewer than ${t.participationMinInvited} people invited in the group: not judged.`,
      },
    ],
    participationNote:
      "Participation is reported once per wave and group and never changes a dimension's status. Invited to a wave: enrolled on or before its closing date and not withdrawn before it opened.",
  };
}
