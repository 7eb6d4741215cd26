import type { Message } from '../catalogue.js';

/**
 * The staff words of paper questionnaires: the paper page, keying in, the check before saving,
 * reconciliation and the pack's screen note. What participants read (cover letters, the
 * questionnaire) is in the participant catalogue. Keys start with `paper` so the merged staff
 * catalogue never meets the same key twice. The `paperSaved…` notices travel in `?done=`, which
 * shows only plain letters, digits, spaces, dots and hyphens (noticeFrom in render.ts): they
 * use no accents, commas or apostrophes in any language.
 */
export const en = {
  paperTitle: 'Paper questionnaires',
  paperKeyInHeading: 'Key in a returned questionnaire',
  paperNotFoundTitle: 'Participant not found',
  paperWave: 'Wave',
  paperWaveDates: '{wave} ({opens} to {closes})',
  paperCodeLabel: 'Participant code (as printed on the questionnaire)',
  paperOpenEntry: 'Open the entry form',
  paperDoubleHeading: 'Double data entry',
  paperDoubleOn:
    'Double data entry is on for this project: every returned form is keyed twice, by two different accounts, and stored once the two agree or their differences are settled.',
  paperDoubleOff:
    'Double data entry is off for new forms; the forms below were keyed while it was on and finish the same way.',
  paperWaitingSecond: 'Waiting for a second keying: {count}',
  paperYouKeyedFirst: '{code}, {wave} (you keyed the first entry: a different person keys the second)',
  paperKeySecond: '{code}, {wave}: key the second entry',
  paperFirstKeyedBy: '(first keyed by {name})',
  paperWaitingReconciliation: 'Waiting for reconciliation: {count}',
  paperDiffer: { one: '{code}, {wave}: {count} question differs', other: '{code}, {wave}: {count} questions differ' },
  paperKeyedBy: '(keyed by {first} and {second})',
  paperPacksHeading: 'Print paper packs',
  paperPacksIntro:
    'A pack has, for each participant who answers on paper, a cover letter with their QR code, access code and link, then the blank questionnaire with their code on every page.',
  paperPackLink: '{wave}: pack for all paper participants',
  paperPackOne: 'For one participant, add this to a pack address, or use the participants page:',
  paperPackTitle: 'Paper pack – {project} – {wave}',
  paperPackHeading: 'Paper pack',
  paperPackNote: {
    one: '{heading} for {wave} of {project}: {count} participant. Print this page (A4); each participant starts on a new page with a cover letter.',
    other:
      '{heading} for {wave} of {project}: {count} participants. Print this page (A4); each participant starts on a new page with a cover letter.',
  },
  paperBackToProject: 'Back to the project',
  paperPackEmpty:
    "No active participant answers on paper. Set a participant's mode to paper, or print the pack for one participant.",
  paperEntryTitle: 'Key in {code}',
  paperEntryHeading: 'Key in {code}, {wave}',
  paperAlreadySubmitted:
    '{code} already has a submitted response for {wave} ({source}, {at}). A participant has one response per wave, so nothing more can be keyed in.',
  paperBackToPaper: 'Back to paper questionnaires',
  paperFirstKeying:
    'Double data entry is on: this is the first keying of this form. A different person will key it again, and the two keyings are compared before anything is stored.',
  paperSecondKeying:
    'Double data entry is on: this is the second keying of this form. Key it from the paper; the first keying is not shown, so that the two can be compared.',
  paperWaveClosedEntry: '{wave} closed on {date}: a form keyed in now cannot be saved.',
  paperDigitHelp:
    'Type the small number printed beside the ticked box ({values}), or NA for "{naLabel}". If nothing was ticked, leave the box empty or type -. The boxes follow the paper, one per question.',
  paperKeyingHelp:
    'After an answer the cursor moves to the next box by itself, and a Tab pressed straight after that is ignored: type the answers alone, or each answer and Tab, and they land in the same boxes. Without that help, Tab moves from box to box.',
  paperNothingSaved: 'Nothing was saved',
  paperRefusalKept: '{refusal} Everything you typed is still below.',
  paperProblemBelow: 'There is a problem with the answers below. Everything you typed is still there.',
  paperKeepDigit: 'Keep this single digit: it is what the paper says',
  paperCheckBeforeSaving: 'Check the answers before saving',
  paperOutOfScale: 'Type one of the box numbers, NA, or leave it empty',
  paperChooseOne: 'Choose one of the two values, or type what the paper says',
  paperNaNotOffered: 'This question has no "does not apply" box: type a number or leave it empty',
  paperTooLong: 'This answer is longer than 5,000 characters',
  paperLoneDigit: 'A single digit in a written answer: check the paper, and tick the box below to keep it',
  paperRefusedWaveClosed: 'The wave closed while this form was being keyed in.',
  paperRefusedAlreadySubmitted: 'This participant already has a submitted response for this wave.',
  paperRefusedStoreUnavailable: 'The answers could not be stored just now. Please try saving again.',
  paperRefusedSameAccount:
    'You keyed the first entry of this form. Under double data entry the second keying is made by a different account.',
  paperRefusedKeyedTwice: 'This form has been keyed twice already: it waits for reconciliation.',
  paperBlockedSameAccount:
    'You keyed the first entry of this form. Under double data entry a different person keys it a second time, without seeing yours, so that the two can be compared.',
  paperBlockedKeyedTwice:
    'This form has been keyed twice already. The two keyings differ, so it waits for a lead or a third data-entry account to settle each difference from the paper.',
  paperSavedStored: 'Saved {code} as a paper response',
  paperSavedFirst: 'First keying of {code} saved. A different person keys it again',
  paperSavedAgreed: 'Second keying of {code} agrees. Saved as a paper response',
  paperSavedAwaiting: 'The two keyings of {code} differ. The form waits for reconciliation',
  paperSavedReconciled: 'Reconciled {code}. Saved as a paper response',
  paperNoCode: 'No participant with the code "{code}" in this project. Check the code printed on the questionnaire.',
  paperTypeCode: 'Type the participant code printed on the questionnaire.',
  paperBlank: '(blank)',
  paperNotApplicable: 'NA – does not apply',
  paperReviewTitle: 'Check {code} before saving',
  paperReviewHeading: 'Check {code}, {wave}, before saving',
  paperWaveClosedReview: '{wave} closed on {date}: this form cannot be saved.',
  paperReviewHelp:
    'Nothing is saved yet. Compare each answer below with the paper, question by question. If all is right, confirm; otherwise go back: everything you typed is kept.',
  paperQuestion: 'Question',
  paperKeyedIn: 'Keyed in',
  paperConfirm: 'Confirm and save',
  paperGoBack: 'Go back and change',
  paperReconcileTitle: 'Reconcile {code}, {wave}',
  paperReconcileIntro:
    'This paper form was keyed twice: first by {first} ({firstAt}), then by {second} ({secondAt}). They agree on {agreed} of {compared} questions. For each question below, look at the paper and choose the value it shows, or type it. Nothing is stored until every difference is settled; each decision is kept with your name.',
  paperError: 'Error:',
  paperFirstValue: 'First keying:',
  paperSecondValue: 'Second keying:',
  paperNeither: 'Neither: the paper says',
  paperValueOnPaper: 'Value on the paper',
  paperHintText: 'the written answer',
  paperHintBox: 'the box number, NA, or empty for a blank',
  paperSaveDecisions: 'Save the decisions and store the response',
} as const;

export const it: Record<keyof typeof en, Message> = {
  paperTitle: 'Questionari su carta',
  paperKeyInHeading: 'Inserire un questionario restituito',
  paperNotFoundTitle: 'Partecipante non trovato',
  paperWave: 'Rilevazione',
  paperWaveDates: '{wave} (dal {opens} al {closes})',
  paperCodeLabel: 'Codice partecipante (come stampato sul questionario)',
  paperOpenEntry: 'Apri il modulo di inserimento',
  paperDoubleHeading: 'Doppio inserimento',
  paperDoubleOn:
    'Il doppio inserimento è attivo per questo progetto: ogni modulo restituito è inserito due volte, da due account diversi, e salvato quando i due inserimenti coincidono o le differenze sono risolte.',
  paperDoubleOff:
    'Il doppio inserimento è disattivato per i nuovi moduli; i moduli qui sotto sono stati inseriti mentre era attivo e si concludono allo stesso modo.',
  paperWaitingSecond: 'In attesa del secondo inserimento: {count}',
  paperYouKeyedFirst: '{code}, {wave} (hai fatto tu il primo inserimento: il secondo lo fa un’altra persona)',
  paperKeySecond: '{code}, {wave}: fare il secondo inserimento',
  paperFirstKeyedBy: '(primo inserimento di {name})',
  paperWaitingReconciliation: 'In attesa di riconciliazione: {count}',
  paperDiffer: { one: '{code}, {wave}: {count} domanda diversa', other: '{code}, {wave}: {count} domande diverse' },
  paperKeyedBy: '(inserito da {first} e {second})',
  paperPacksHeading: 'Stampa dei pacchetti cartacei',
  paperPacksIntro:
    'Un pacchetto contiene, per ogni partecipante che risponde su carta, una lettera di accompagnamento con il codice QR, il codice di accesso e il link, poi il questionario in bianco con il suo codice su ogni pagina.',
  paperPackLink: '{wave}: pacchetto per tutti i partecipanti su carta',
  paperPackOne:
    'Per un solo partecipante, aggiungi questo all’indirizzo di un pacchetto, oppure usa la pagina dei partecipanti:',
  paperPackTitle: 'Pacchetto cartaceo – {project} – {wave}',
  paperPackHeading: 'Pacchetto cartaceo',
  paperPackNote: {
    one: '{heading} per {wave} di {project}: {count} partecipante. Stampa questa pagina (A4); ogni partecipante inizia su una nuova pagina con una lettera di accompagnamento.',
    other:
      '{heading} per {wave} di {project}: {count} partecipanti. Stampa questa pagina (A4); ogni partecipante inizia su una nuova pagina con una lettera di accompagnamento.',
  },
  paperBackToProject: 'Torna al progetto',
  paperPackEmpty:
    'Nessun partecipante attivo risponde su carta. Imposta la modalità di un partecipante su carta, oppure stampa il pacchetto di un solo partecipante.',
  paperEntryTitle: 'Inserimento di {code}',
  paperEntryHeading: 'Inserimento di {code}, {wave}',
  paperAlreadySubmitted:
    '{code} ha già una risposta inviata per {wave} ({source}, {at}). Ogni partecipante ha una sola risposta per rilevazione, quindi non si può inserire altro.',
  paperBackToPaper: 'Torna ai questionari su carta',
  paperFirstKeying:
    'Il doppio inserimento è attivo: questo è il primo inserimento del modulo. Un’altra persona lo inserirà di nuovo, e i due inserimenti saranno confrontati prima di salvare qualcosa.',
  paperSecondKeying:
    'Il doppio inserimento è attivo: questo è il secondo inserimento del modulo. Inseriscilo dalla carta; il primo inserimento non è mostrato, perché i due si possano confrontare.',
  paperWaveClosedEntry: '{wave} si è chiusa il {date}: un modulo inserito ora non può essere salvato.',
  paperDigitHelp:
    'Scrivi il numero piccolo stampato accanto alla casella segnata ({values}), oppure NA per «{naLabel}». Se non è segnato nulla, lascia la casella vuota o scrivi -. Le caselle seguono la carta, una per domanda.',
  paperKeyingHelp:
    'Dopo una risposta il cursore passa da solo alla casella successiva, e un Tab premuto subito dopo viene ignorato: scrivi solo le risposte, oppure ogni risposta e Tab, e finiscono nelle stesse caselle. Senza questo aiuto, Tab passa da una casella all’altra.',
  paperNothingSaved: 'Non è stato salvato nulla',
  paperRefusalKept: '{refusal} Tutto ciò che hai scritto è ancora qui sotto.',
  paperProblemBelow: 'C’è un problema nelle risposte qui sotto. Tutto ciò che hai scritto è ancora lì.',
  paperKeepDigit: 'Mantieni questa singola cifra: è ciò che dice la carta',
  paperCheckBeforeSaving: 'Controlla le risposte prima di salvare',
  paperOutOfScale: 'Scrivi uno dei numeri delle caselle, NA, oppure lascia vuoto',
  paperChooseOne: 'Scegli uno dei due valori, oppure scrivi quello che dice la carta',
  paperNaNotOffered: 'Questa domanda non ha la casella «non pertinente»: scrivi un numero o lascia vuoto',
  paperTooLong: 'Questa risposta supera i 5.000 caratteri',
  paperLoneDigit:
    'Una sola cifra in una risposta scritta: controlla la carta, e spunta la casella qui sotto per mantenerla',
  paperRefusedWaveClosed: 'La rilevazione si è chiusa mentre questo modulo veniva inserito.',
  paperRefusedAlreadySubmitted: 'Questo partecipante ha già una risposta inviata per questa rilevazione.',
  paperRefusedStoreUnavailable: 'Non è stato possibile salvare le risposte in questo momento. Riprova a salvare.',
  paperRefusedSameAccount:
    'Hai fatto tu il primo inserimento di questo modulo. Con il doppio inserimento il secondo è fatto da un account diverso.',
  paperRefusedKeyedTwice: 'Questo modulo è già stato inserito due volte: attende la riconciliazione.',
  paperBlockedSameAccount:
    'Hai fatto tu il primo inserimento di questo modulo. Con il doppio inserimento un’altra persona lo inserisce una seconda volta, senza vedere il tuo, perché i due si possano confrontare.',
  paperBlockedKeyedTwice:
    'Questo modulo è già stato inserito due volte. I due inserimenti sono diversi, quindi attende che un responsabile o un terzo account di inserimento risolva ogni differenza guardando la carta.',
  paperSavedStored: 'Salvato {code} come risposta su carta',
  paperSavedFirst: 'Primo inserimento di {code} salvato. Una persona diversa lo inserisce di nuovo',
  paperSavedAgreed: 'Il secondo inserimento di {code} coincide. Salvato come risposta su carta',
  paperSavedAwaiting: 'I due inserimenti di {code} sono diversi. Il modulo attende la riconciliazione',
  paperSavedReconciled: 'Riconciliato {code}. Salvato come risposta su carta',
  paperNoCode:
    'Nessun partecipante con il codice «{code}» in questo progetto. Controlla il codice stampato sul questionario.',
  paperTypeCode: 'Scrivi il codice partecipante stampato sul questionario.',
  paperBlank: '(vuota)',
  paperNotApplicable: 'NA – non pertinente',
  paperReviewTitle: 'Controllo di {code} prima di salvare',
  paperReviewHeading: 'Controllo di {code}, {wave}, prima di salvare',
  paperWaveClosedReview: '{wave} si è chiusa il {date}: questo modulo non può essere salvato.',
  paperReviewHelp:
    'Non è ancora salvato nulla. Confronta ogni risposta qui sotto con la carta, domanda per domanda. Se è tutto giusto, conferma; altrimenti torna indietro: tutto ciò che hai scritto resta.',
  paperQuestion: 'Domanda',
  paperKeyedIn: 'Inserito',
  paperConfirm: 'Conferma e salva',
  paperGoBack: 'Torna indietro e modifica',
  paperReconcileTitle: 'Riconciliazione di {code}, {wave}',
  paperReconcileIntro:
    'Questo modulo cartaceo è stato inserito due volte: prima da {first} ({firstAt}), poi da {second} ({secondAt}). Coincidono su {agreed} domande su {compared}. Per ogni domanda qui sotto, guarda la carta e scegli il valore che riporta, oppure scrivilo. Non si salva nulla finché ogni differenza non è risolta; ogni decisione è registrata con il tuo nome.',
  paperError: 'Errore:',
  paperFirstValue: 'Primo inserimento:',
  paperSecondValue: 'Secondo inserimento:',
  paperNeither: 'Nessuno dei due: la carta dice',
  paperValueOnPaper: 'Valore sulla carta',
  paperHintText: 'la risposta scritta',
  paperHintBox: 'il numero della casella, NA, oppure vuoto se non c’è risposta',
  paperSaveDecisions: 'Salva le decisioni e registra la risposta',
};
