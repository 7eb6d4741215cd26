import type { Message } from '../catalogue.js';

/** The printable community-meeting report (views/evaluator/report.ejs). */
export const en = {
  reportTitle: 'Report – {project}',
  backToDashboard: 'Back to the dashboard',
  printHint: 'Print this page for a community meeting (A4).',
  reportHeading: 'How is {project} going?',
  reportWave: 'Wave this report covers',
  reportLanguage: 'Language of the report',
  showWave: 'Show this wave',
  showReport: 'Show the report',
  summaryOf: 'A summary of {wave}, with the waves before it, made on {date}.',
  summary: 'A summary, with the waves before it, made on {date}.',
  summaryPrivacy:
    'Everyone taking part answered the same questions each time. Higher scores are always better. To protect privacy, results from fewer than 5 people are not shown, nor Everyone where subtracting the other groups would give such a result.',
  inWave: 'In {wave}',
  noConcerns: 'No area needs attention: nothing is flagged as a concern or to watch.',
  concernsIntro:
    'These areas need attention. "Co-destruction" means working together is starting to do harm; "watch" means an early warning sign.',
  countsAcross: 'Across all dimensions and groups: {counts}.',
  howDecided: 'How the statuses are decided',
  overTime: 'Over time',
  whoTookPart: 'Who took part',
  takePartCaption: 'Share of those invited who answered',
} as const;

export const it: Record<keyof typeof en, Message> = {
  reportTitle: 'Rapporto – {project}',
  backToDashboard: 'Torna al cruscotto',
  printHint: 'Stampa questa pagina per un incontro con la comunità (A4).',
  reportHeading: 'Come sta andando {project}?',
  reportWave: 'Rilevazione di cui parla il rapporto',
  reportLanguage: 'Lingua del rapporto',
  showWave: 'Mostra questa rilevazione',
  showReport: 'Mostra il rapporto',
  summaryOf: 'Una sintesi di {wave}, con le rilevazioni precedenti, preparata il {date}.',
  summary: 'Una sintesi, con le rilevazioni precedenti, preparata il {date}.',
  summaryPrivacy:
    'Tutte le persone che partecipano hanno risposto ogni volta alle stesse domande. Un punteggio più alto è sempre migliore. Per proteggere la riservatezza, i risultati di meno di 5 persone non sono mostrati, e neanche «Tutti» quando togliendo gli altri gruppi si otterrebbe un risultato del genere.',
  inWave: 'In {wave}',
  noConcerns: 'Nessun ambito richiede attenzione: niente è segnalato come preoccupazione o da osservare.',
  concernsIntro:
    'Questi ambiti richiedono attenzione. «Co-distruzione» significa che il lavoro insieme sta cominciando a fare danni; «da osservare» è un primo segnale di allarme.',
  countsAcross: 'In tutte le dimensioni e i gruppi: {counts}.',
  howDecided: 'Come si decidono gli stati',
  overTime: 'Nel tempo',
  whoTookPart: 'Chi ha partecipato',
  takePartCaption: 'Quota delle persone invitate che hanno risposto',
};
