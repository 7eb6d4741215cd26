import type { Message } from '../catalogue.js';

/** The dashboard (views/evaluator/dashboard.ejs). */
export const en = {
  dashboardTitle: 'Dashboard – {project}',
  dashboardHeading: 'Dashboard',
  dashboardIntro:
    'Each dimension across waves, for everyone and for each group. Higher is always better (strain is scored as freedom from strain). Results from fewer than 5 people are not shown, so no one can be recognised.',
  printableReport: 'Printable report',
  downloads: 'Downloads',
  noWaveOpened: 'No wave has opened yet.',
  attentionHeading: 'What needs attention',
  attentionNone: 'Nothing: no wave with results has co-destruction or one to watch.',
  attentionIntro: 'Every co-destruction and every one to watch, latest wave first, co-destruction first within a wave.',
  attentionChart: '{dimension} chart',
  attentionRow: 'its row in the status table',
  standHeading: 'Where things stand in {wave}',
  standIntro: 'The latest wave with enough answers to show.',
  trendsHeading: 'Trends',
  everyoneHiddenNote:
    'Where a group has fewer than 5 people, Everyone is not shown either: subtracting the other groups from it would give that group’s result.',
  trendChartLabel: 'Line chart of {dimension} by wave; the table below has the same numbers',
  ratesHeading: 'Response rates',
  ratesChartLabel: 'Line chart of response rates by wave and group; the table below has the same numbers',
  ratesCaption: 'Submitted as a share of those invited',
  gapHeading: 'Gap between {first} and {second}',
  gapIntro: "Hedges' g: below 0 means {first} score lower. 0.5 or more either way is a notable gap.",
  gapChartLabel: 'Line chart of the gap between groups by dimension and wave; the table below has the same numbers',
  gapCaption: "Hedges' g by dimension and wave",
  dimension: 'Dimension',
  statusHeading: 'Status by wave, dimension and group',
  statusRulesIntro: "How each status is decided, with this project's settings:",
  noStatusesYet: 'No wave has closed yet: statuses come once one has.',
  columnWave: 'Wave',
  columnStatus: 'Status',
  columnSignals: 'Signals',
  columnWhy: 'Why',
} as const;

export const it: Record<keyof typeof en, Message> = {
  dashboardTitle: 'Cruscotto – {project}',
  dashboardHeading: 'Cruscotto',
  dashboardIntro:
    'Ogni dimensione nelle varie rilevazioni, per tutti e per ogni gruppo. Un valore più alto è sempre migliore (il carico è misurato come libertà dal carico). I risultati di meno di 5 persone non sono mostrati, così nessuno può essere riconosciuto.',
  printableReport: 'Rapporto da stampare',
  downloads: 'Download',
  noWaveOpened: 'Nessuna rilevazione si è ancora aperta.',
  attentionHeading: 'Che cosa richiede attenzione',
  attentionNone: 'Niente: nessuna rilevazione con risultati ha co-distruzione o situazioni da osservare.',
  attentionIntro:
    'Ogni co-distruzione e ogni situazione da osservare, dalla rilevazione più recente, con la co-distruzione prima all’interno di ogni rilevazione.',
  attentionChart: 'grafico di {dimension}',
  attentionRow: 'la sua riga nella tabella degli stati',
  standHeading: 'A che punto siamo in {wave}',
  standIntro: 'L’ultima rilevazione con abbastanza risposte da mostrare.',
  trendsHeading: 'Andamento',
  everyoneHiddenNote:
    'Se un gruppo ha meno di 5 persone, non è mostrato neanche «Tutti»: togliendo gli altri gruppi si otterrebbe il risultato di quel gruppo.',
  trendChartLabel: 'Grafico a linee di {dimension} per rilevazione; la tabella sotto riporta gli stessi numeri',
  ratesHeading: 'Tassi di risposta',
  ratesChartLabel:
    'Grafico a linee dei tassi di risposta per rilevazione e gruppo; la tabella sotto riporta gli stessi numeri',
  ratesCaption: 'Questionari inviati in proporzione alle persone invitate',
  gapHeading: 'Distanza tra {first} e {second}',
  gapIntro:
    'g di Hedges: sotto 0 significa che {first} hanno punteggi più bassi. Da 0,5 in su, in un senso o nell’altro, la distanza è notevole.',
  gapChartLabel:
    'Grafico a linee della distanza tra i gruppi per dimensione e rilevazione; la tabella sotto riporta gli stessi numeri',
  gapCaption: 'g di Hedges per dimensione e rilevazione',
  dimension: 'Dimensione',
  statusHeading: 'Stato per rilevazione, dimensione e gruppo',
  statusRulesIntro: 'Come si decide ogni stato, con le impostazioni di questo progetto:',
  noStatusesYet: 'Nessuna rilevazione si è ancora chiusa: gli stati arrivano dopo la prima chiusura.',
  columnWave: 'Rilevazione',
  columnStatus: 'Stato',
  columnSignals: 'Segnali',
  columnWhy: 'Perché',
};
