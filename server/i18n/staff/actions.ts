/** The words of actions on staff pages (issue 19): the exports page's line for actions.csv. */
export const en = {
  'exports.actions':
    'One row per action agreed against a result: what, who, due date, status and note, the meeting that agreed it, and its follow-up (the change in its cell since, among those who answered both waves, with its 95% interval and the number of pairs).',
} as const;

export const it: Record<keyof typeof en, string> = {
  'exports.actions':
    'Una riga per ogni azione decisa su un risultato: che cosa, chi, scadenza, stato e nota, la riunione che l’ha decisa, e come è andata (la variazione nella sua cella da allora, tra chi ha risposto a entrambe le rilevazioni, con l’intervallo al 95% e il numero di coppie).',
};
