/**
 * Staff text of the "You said, we did" pages (issue 19): the lead's page of a wave's summary,
 * its link from the waves page and the paper pack's option. A part of the staff catalogue,
 * `{ en, it }`, for mergeParts.
 */
export const en = {
  summaryTitle: 'You said, we did: {wave}',
  summaryIntro:
    'Tell participants, in words, what was heard in the answers to {wave} and what is being done about it. Once published, participants see it when the next wave opens, on their receipt, and, if you choose, in the cover letter of the next paper pack.',
  summaryRule:
    'Write without numbers: say "most caregivers", not "7 of 9". While any group of the wave has fewer than 5 respondents, a text with a number in it, in figures or in words, cannot be published.',
  summarySmallGroups: 'In this wave, these groups have fewer than 5 respondents: {groups}.',
  summaryNoSmallGroups: 'No group of this wave has fewer than 5 respondents so far.',
  summaryPublished: 'Published: version {version}, on {date}, by {name}.',
  summaryNotPublished: 'Not published: participants do not see it.',
  summaryDraftSaved: 'Draft last saved on {date} by {name}.',
  summaryLanguage: 'In {language}',
  summaryHeard: 'What we heard',
  summaryDoing: 'What we are doing',
  summaryHint: 'Plain text, at most {max} characters. Leave a blank line between paragraphs.',
  summarySave: 'Save draft',
  summaryPreview: 'Save and preview',
  summaryPublish: 'Publish',
  summaryUnpublish: 'Unpublish',
  summaryUnpublishHint: 'Participants stop seeing it at once; the draft stays here.',
  summaryPreviewTitle: 'Preview: what participants reading {language} see',
  summaryPreviewNothing: 'Nothing is written yet, so participants reading {language} would see no summary.',
  summaryProblem: 'There is a problem',
  summaryNotPublishedBecause: 'Your texts were saved as a draft, but not published.',
  summaryTooLong: 'Use at most {max} characters.',
  summaryHalfWritten: 'Write both texts in {language}, or leave both empty.',
  summaryNothingWritten: 'Write both texts in at least one language before publishing.',
  summaryNumbers:
    'Numbers ({found}) cannot be published while {groups} had fewer than 5 respondents in this wave. Say it in words, without numbers.',
  summaryNothingToUnpublish: 'There is nothing published to unpublish.',
  summaryNotSaved:
    'This was NOT saved: the server could not store it just now. What you typed is still below; please try again in a few minutes.',
  summarySavedNotice: 'The draft was saved.',
  summaryPublishedNotice: 'The summary was published: participants see it now.',
  summaryUnpublishedNotice: 'The summary was unpublished: participants no longer see it.',
  summaryLinksTitle: 'You said, we did',
  summaryLinksIntro:
    'After a wave, tell participants what was heard and what is being done about it. They see it when the next wave opens.',
  summaryLink: '{wave}: write, preview or publish its summary',
  summaryPackTitle: 'Packs with "You said, we did"',
  summaryPackIntro:
    'The cover letter can also print the latest published summary of an earlier wave. Choose a wave and print its pack with it.',
  summaryPackWave: 'Pack for',
  summaryPackInclude: 'Print the summary "You said, we did" of {wave} in each cover letter',
  summaryPackButton: 'Open the pack',
  summaryPackNone: 'No earlier wave has a published summary yet.',
};

export const it: Record<keyof typeof en, string> = {
  summaryTitle: 'Lei ci ha detto, noi abbiamo fatto: {wave}',
  summaryIntro:
    'Racconta ai partecipanti, a parole, che cosa è emerso dalle risposte a {wave} e che cosa si sta facendo. Una volta pubblicato, i partecipanti lo vedono quando si apre la rilevazione successiva, sulla ricevuta e, se lo scegli, nella lettera di accompagnamento del prossimo pacchetto cartaceo.',
  summaryRule:
    'Scrivi senza numeri: di’ «la maggior parte dei familiari», non «7 su 9». Finché un gruppo della rilevazione ha meno di 5 rispondenti, un testo che contiene un numero, in cifre o in lettere, non può essere pubblicato.',
  summarySmallGroups: 'In questa rilevazione questi gruppi hanno meno di 5 rispondenti: {groups}.',
  summaryNoSmallGroups: 'Per ora nessun gruppo di questa rilevazione ha meno di 5 rispondenti.',
  summaryPublished: 'Pubblicato: versione {version}, il {date}, da {name}.',
  summaryNotPublished: 'Non pubblicato: i partecipanti non lo vedono.',
  summaryDraftSaved: 'Bozza salvata l’ultima volta il {date} da {name}.',
  summaryLanguage: 'In {language}',
  summaryHeard: 'Che cosa abbiamo sentito',
  summaryDoing: 'Che cosa stiamo facendo',
  summaryHint: 'Testo semplice, al massimo {max} caratteri. Lascia una riga vuota tra un paragrafo e l’altro.',
  summarySave: 'Salva la bozza',
  summaryPreview: 'Salva e mostra l’anteprima',
  summaryPublish: 'Pubblica',
  summaryUnpublish: 'Ritira la pubblicazione',
  summaryUnpublishHint: 'I partecipanti smettono subito di vederlo; la bozza resta qui.',
  summaryPreviewTitle: 'Anteprima: che cosa vedono i partecipanti che leggono in {language}',
  summaryPreviewNothing:
    'Non c’è ancora nulla di scritto: i partecipanti che leggono in {language} non vedrebbero nessun riepilogo.',
  summaryProblem: 'C’è un problema',
  summaryNotPublishedBecause: 'I testi sono stati salvati come bozza, ma non pubblicati.',
  summaryTooLong: 'Usa al massimo {max} caratteri.',
  summaryHalfWritten: 'Scrivi entrambi i testi in {language}, oppure lasciali entrambi vuoti.',
  summaryNothingWritten: 'Scrivi entrambi i testi in almeno una lingua prima di pubblicare.',
  summaryNumbers:
    'I numeri ({found}) non si possono pubblicare finché {groups} ha avuto meno di 5 rispondenti in questa rilevazione. Dillo a parole, senza numeri.',
  summaryNothingToUnpublish: 'Non c’è nulla di pubblicato da ritirare.',
  summaryNotSaved:
    'Questo NON è stato salvato: il server non è riuscito a registrarlo in questo momento. Ciò che hai scritto è ancora qui sotto; riprova tra qualche minuto.',
  summarySavedNotice: 'La bozza è stata salvata.',
  summaryPublishedNotice: 'Il riepilogo è stato pubblicato: ora i partecipanti lo vedono.',
  summaryUnpublishedNotice: 'La pubblicazione è stata ritirata: i partecipanti non vedono più il riepilogo.',
  summaryLinksTitle: 'Lei ci ha detto, noi abbiamo fatto',
  summaryLinksIntro:
    'Dopo una rilevazione, racconta ai partecipanti che cosa è emerso e che cosa si sta facendo. Lo vedono quando si apre la rilevazione successiva.',
  summaryLink: '{wave}: scrivi, guarda in anteprima o pubblica il riepilogo',
  summaryPackTitle: 'Pacchetti con «Lei ci ha detto, noi abbiamo fatto»',
  summaryPackIntro:
    'La lettera di accompagnamento può riportare anche l’ultimo riepilogo pubblicato di una rilevazione precedente. Scegli una rilevazione e stampa il suo pacchetto con il riepilogo.',
  summaryPackWave: 'Pacchetto per',
  summaryPackInclude: 'Stampare in ogni lettera il riepilogo «Lei ci ha detto, noi abbiamo fatto» di {wave}',
  summaryPackButton: 'Apri il pacchetto',
  summaryPackNone: 'Nessuna rilevazione precedente ha ancora un riepilogo pubblicato.',
};
