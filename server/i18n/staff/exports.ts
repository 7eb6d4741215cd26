/** The exports page: what each download holds, and the syntax files that label them. */
import type { Message } from '../catalogue.js';

export const en = {
  'exports.title': 'Exports – {project}',
  'exports.heading': 'Exports',
  'exports.intro':
    'Each export downloads as CSV (UTF-8 with a byte-order mark, comma-separated, "." as the decimal mark, one header row) for R, SPSS or Stata, and as an Excel workbook (.xlsx) with numbers as numbers, dates as dates and the header row frozen, which opens correctly in any locale. Contact details are never in an export. Each download is recorded in the audit log.',
  'exports.codebookLink': 'The codebook',
  'exports.codebookAfter': 'explains every column, and how empty cells, {na} and a leading {quote} are written.',
  'exports.export': 'Export',
  'exports.contents': 'Contents',
  'exports.download': 'Download',
  'exports.about.responses': 'one row per answer, drafts included.',
  'exports.about.scores': 'dimension scores of submitted responses, with the wave’s position and opening date.',
  'exports.about.trends':
    'per wave, group (and all) and dimension: n, mean, SD, 95% CI, Cronbach’s alpha with its Feldt CI, response rate, status.',
  'exports.about.flags':
    'status, the signal that raised it, each group’s change against its people’s own earlier average with its 95% interval and the number of people it rests on, the corrected p, participation per wave and group, and the reason in plain words.',
  'exports.about.wide': 'one row per participant and wave with every dimension score.',
  'exports.about.items-wide': 'one row per participant and wave with every item’s raw answer, for item-level analysis.',
  'exports.about.open-answers':
    'every open answer with its question in the participant’s language, for qualitative coding.',
  'exports.about.participation':
    'one row per participant and wave: invited, answered, how and when, enrolment and withdrawal dates.',
  'exports.about.codebook': 'every item and every export column explained.',
  'exports.labelsHeading': 'Labels for SPSS, Stata and R',
  'exports.labelsBody':
    'These files load {file} (as downloaded above, from the same folder) with variable labels, value labels and "does not apply" kept apart from unanswered items.',
  'exports.rulesHeading': 'How the statuses are decided',
  'exports.smallGroups':
    'Exports keep results from small groups (fewer than 5 people); dashboards and reports hide them. Undefined statistics are empty cells, never NaN.',
  'exports.scriptBefore': 'From a script, create a personal API token on',
  'exports.accountLink': 'your account page',
  'exports.scriptAfter':
    'and send it as {header}. Without a session or a token, a download answers {status}; a token opens downloads only, not pages.',
} as const;

export const it: Record<keyof typeof en, Message> = {
  'exports.title': 'Esportazioni – {project}',
  'exports.heading': 'Esportazioni',
  'exports.intro':
    'Ogni esportazione si scarica come CSV (UTF-8 con byte-order mark, separato da virgole, "." come separatore decimale, una riga di intestazione) per R, SPSS o Stata, e come cartella di lavoro Excel (.xlsx) con numeri come numeri, date come date e la riga di intestazione bloccata, che si apre correttamente con qualsiasi impostazione locale. I recapiti non sono mai in un’esportazione. Ogni download viene registrato nel registro attività.',
  'exports.codebookLink': 'Il codebook',
  'exports.codebookAfter': 'spiega ogni colonna e come vengono scritti le celle vuote, {na} e un {quote} iniziale.',
  'exports.export': 'Esportazione',
  'exports.contents': 'Contenuto',
  'exports.download': 'Scarica',
  'exports.about.responses': 'una riga per risposta, bozze comprese.',
  'exports.about.scores':
    'punteggi delle dimensioni delle risposte inviate, con la posizione e la data di apertura della rilevazione.',
  'exports.about.trends':
    'per rilevazione, gruppo (e tutti) e dimensione: n, media, DS, IC 95%, alfa di Cronbach con il suo IC di Feldt, tasso di risposta, stato.',
  'exports.about.flags':
    'lo stato, il segnale che lo ha prodotto, il cambiamento di ogni gruppo rispetto alla media precedente delle sue stesse persone con il suo intervallo al 95% e il numero di persone su cui si basa, la p corretta, la partecipazione per rilevazione e gruppo, e il motivo in parole semplici.',
  'exports.about.wide': 'una riga per partecipante e rilevazione con tutti i punteggi delle dimensioni.',
  'exports.about.items-wide':
    'una riga per partecipante e rilevazione con la risposta grezza di ogni domanda, per l’analisi a livello di singola domanda.',
  'exports.about.open-answers':
    'ogni risposta aperta con la sua domanda nella lingua del partecipante, per la codifica qualitativa.',
  'exports.about.participation':
    'una riga per partecipante e rilevazione: invitato, ha risposto, come e quando, date di iscrizione e di ritiro.',
  'exports.about.codebook': 'la spiegazione di ogni domanda e di ogni colonna delle esportazioni.',
  'exports.labelsHeading': 'Etichette per SPSS, Stata e R',
  'exports.labelsBody':
    'Questi file caricano {file} (come scaricato sopra, dalla stessa cartella) con etichette delle variabili, etichette dei valori e "non pertinente" tenuto distinto dalle domande senza risposta.',
  'exports.rulesHeading': 'Come vengono decisi gli stati',
  'exports.smallGroups':
    'Le esportazioni conservano i risultati dei gruppi piccoli (meno di 5 persone); cruscotti e report li nascondono. Le statistiche non definite sono celle vuote, mai NaN.',
  'exports.scriptBefore': 'Da uno script, crea un token API personale nella',
  'exports.accountLink': 'pagina del tuo account',
  'exports.scriptAfter':
    'e invialo come {header}. Senza sessione né token, un download risponde {status}; un token apre solo i download, non le pagine.',
};
