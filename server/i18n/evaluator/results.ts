import type { Message } from '../catalogue.js';

/** Words every evaluator page shares: results, hidden cells, open waves, charts and their tables. */
export const en = {
  everyone: 'Everyone',
  hiddenFewer: 'fewer than 5',
  hiddenReveals: 'not shown: would reveal a small group',
  hiddenInProgress: 'still being answered',
  progress: 'answering until {until}: {submitted} of {invited} so far',
  openWave: '{wave} is open, {progress}. Its results appear once it closes.',
  noResultsYet: 'No wave has enough answers to show yet.',
  group: 'Group',
  trendCaption: '{dimension}: mean score (95% confidence interval) and number of people',
  chartName: '{dimension} by wave; the table below has the same numbers',
  axisMean: 'Mean score',
  axisRate: 'Response rate (%)',
  axisGap: "Hedges' g",
  chartsLegend:
    'Lines are means; shaded bands are 95% confidence intervals; dashed lines mark 3.0 (below: concern) and 4.0 (strength) on a 1–5 scale.',
} as const;

export const it: Record<keyof typeof en, Message> = {
  everyone: 'Tutti',
  hiddenFewer: 'meno di 5',
  hiddenReveals: 'non mostrato: renderebbe riconoscibile un gruppo piccolo',
  hiddenInProgress: 'risposte ancora in corso',
  progress: 'risposte fino al {until}: finora {submitted} su {invited}',
  openWave: '{wave} è aperta, {progress}. I risultati compaiono quando si chiude.',
  noResultsYet: 'Nessuna rilevazione ha ancora abbastanza risposte da mostrare.',
  group: 'Gruppo',
  trendCaption: '{dimension}: punteggio medio (intervallo di confidenza al 95%) e numero di persone',
  chartName: '{dimension} per rilevazione; la tabella sotto riporta gli stessi numeri',
  axisMean: 'Punteggio medio',
  axisRate: 'Tasso di risposta (%)',
  axisGap: 'g di Hedges',
  chartsLegend:
    'Le linee sono le medie; le fasce ombreggiate sono gli intervalli di confidenza al 95%; le linee tratteggiate segnano 3,0 (sotto: preoccupazione) e 4,0 (punto di forza) su una scala da 1 a 5.',
};
