/**
 * Why a service refused a staff form, chosen by the DomainError's code (server/domain/errors.ts)
 * and, where one field makes the reason plainer, by code and field: `refusal.CODE.field`, else
 * `refusal.CODE`. A service's own message is English, written for the log and for scripts; a
 * page shows it only for a code with no entry here (server/routes/staff/form.ts).
 */
import type { Message } from '../catalogue.js';

export const en = {
  /** Where an import's problem is: the line of the file, its number as written there. */
  'refusal.line': 'line {line}',
  'refusal.LOGIN_FAILED': 'The email address or the password is not right.',
  'refusal.ACCOUNT_DISABLED': 'This account has been disabled. An administrator can enable it again.',
  'refusal.VALIDATION': 'This cannot be saved as it is: check what you entered and try again.',
  'refusal.VALIDATION.current': 'This is not your current password.',
  'refusal.VALIDATION.reason': 'Give the reason for this correction.',
  'refusal.VALIDATION.notADate': '"{typed}" is not a date in the form YYYY-MM-DD.',
  'refusal.VALIDATION.beforeOpening': 'The closing day must be on or after the opening day, {opens}.',
  'refusal.VALIDATION.notOpen': 'Only an open wave can be closed early.',
  'refusal.VALIDATION.openedToday': 'A wave that opened today cannot be closed early: set its closing date instead.',
  'refusal.VALIDATION.ownAccount': 'You cannot disable your own account. Another administrator can.',
  'refusal.VALIDATION.nothingChanged': 'No answer was changed: change at least one answer.',
  'refusal.DUPLICATE': 'This is already used here: choose another.',
  'refusal.DUPLICATE.email': 'There is already a staff account with this email address.',
  'refusal.DUPLICATE.slug': 'Another project already uses this short name: choose another.',
  'refusal.DUPLICATE.label': 'This project already has a wave with this name: choose another.',
  'refusal.DUPLICATE.firstNumber': '"{wave}" already exists: start the numbering later.',
  'refusal.WAVE_OVERLAP': 'These dates overlap another wave of this project, and waves cannot overlap.',
  'refusal.WAVE_OVERLAP.wave':
    'These dates overlap "{wave}" ({opens} to {closes}): waves in one project cannot overlap.',
  'refusal.WAVE_OVERLAP.openDays':
    'Each wave must close before the next one opens: keep each wave open for fewer days, or space them further apart.',
  'refusal.ALREADY_SUBMITTED': 'This participant already has a submitted response for this wave.',
  'refusal.WAVE_CLOSED': 'This wave has closed: nothing more can be entered for it.',
  'refusal.RESPONSE_NOT_SUBMITTED': 'Only a submitted response can be corrected.',
  'refusal.PARTICIPANT_WITHDRAWN': 'This participant has withdrawn.',
  'refusal.SAME_KEYING_ACCOUNT': 'The second keying of a form must be made by a different account.',
  'refusal.ALREADY_KEYED_TWICE': 'This form has been keyed twice already: it waits for reconciliation.',
  'refusal.NOT_AWAITING_RECONCILIATION': 'This form is not waiting for reconciliation.',
  'refusal.INSTRUMENT_CHANGED': 'The questionnaire has changed since this page was opened: open it again.',
  'refusal.NOT_PUBLISHED': 'There is nothing published to withdraw.',
  'refusal.SUMMARY_HAS_NUMBERS': 'A text with a number cannot be published while a group of the wave is too small.',
  'refusal.BASE_URL_NOT_SET': 'Emails are not sent while their links would open only on this computer: set BASE_URL.',
  'refusal.UNKNOWN_TIME_ZONE': 'This is not a time zone name: use one such as Europe/Rome, America/New_York or UTC.',
  'refusal.IMPORT_REJECTED': 'Nothing was imported: mend the file and import it again.',
  'refusal.INSTRUMENT_INVALID': 'This questionnaire file cannot be used as it is.',
} as const;

export const it: Record<keyof typeof en, Message> = {
  'refusal.line': 'riga {line}',
  'refusal.LOGIN_FAILED': 'L’indirizzo email o la password non sono corretti.',
  'refusal.ACCOUNT_DISABLED': 'Questo account è stato disattivato. Un amministratore può riattivarlo.',
  'refusal.VALIDATION': 'Così non si può salvare: controlla ciò che hai inserito e riprova.',
  'refusal.VALIDATION.current': 'Questa non è la tua password attuale.',
  'refusal.VALIDATION.reason': 'Indica il motivo di questa correzione.',
  'refusal.VALIDATION.notADate': '"{typed}" non è una data nella forma AAAA-MM-GG.',
  'refusal.VALIDATION.beforeOpening':
    'Il giorno di chiusura deve essere uguale o successivo al giorno di apertura, {opens}.',
  'refusal.VALIDATION.notOpen': 'Si può chiudere in anticipo solo una rilevazione aperta.',
  'refusal.VALIDATION.openedToday':
    'Una rilevazione aperta oggi non si può chiudere in anticipo: imposta invece la sua data di chiusura.',
  'refusal.VALIDATION.ownAccount': 'Non puoi disattivare il tuo account. Può farlo un altro amministratore.',
  'refusal.VALIDATION.nothingChanged': 'Nessuna risposta è stata cambiata: cambiane almeno una.',
  'refusal.DUPLICATE': 'Questo è già usato qui: scegline un altro.',
  'refusal.DUPLICATE.email': 'Esiste già un account del personale con questo indirizzo email.',
  'refusal.DUPLICATE.slug': 'Un altro progetto usa già questo nome breve: scegline un altro.',
  'refusal.DUPLICATE.label': 'Questo progetto ha già una rilevazione con questo nome: scegline un altro.',
  'refusal.DUPLICATE.firstNumber': '"{wave}" esiste già: fai partire la numerazione da un numero più alto.',
  'refusal.WAVE_OVERLAP':
    'Queste date si sovrappongono a un’altra rilevazione del progetto, e le rilevazioni non possono sovrapporsi.',
  'refusal.WAVE_OVERLAP.wave':
    'Queste date si sovrappongono a "{wave}" (dal {opens} al {closes}): in un progetto le rilevazioni non possono sovrapporsi.',
  'refusal.WAVE_OVERLAP.openDays':
    'Ogni rilevazione deve chiudersi prima che si apra la successiva: tieni aperta ogni rilevazione per meno giorni, o distanziale di più.',
  'refusal.ALREADY_SUBMITTED': 'Questo partecipante ha già una risposta inviata per questa rilevazione.',
  'refusal.WAVE_CLOSED': 'Questa rilevazione si è chiusa: non si può inserire altro.',
  'refusal.RESPONSE_NOT_SUBMITTED': 'Si può correggere solo una risposta inviata.',
  'refusal.PARTICIPANT_WITHDRAWN': 'Questo partecipante si è ritirato.',
  'refusal.SAME_KEYING_ACCOUNT': 'Il secondo inserimento di un modulo deve essere fatto da un account diverso.',
  'refusal.ALREADY_KEYED_TWICE': 'Questo modulo è già stato inserito due volte: attende la riconciliazione.',
  'refusal.NOT_AWAITING_RECONCILIATION': 'Questo modulo non è in attesa di riconciliazione.',
  'refusal.INSTRUMENT_CHANGED': 'Il questionario è cambiato da quando questa pagina è stata aperta: aprila di nuovo.',
  'refusal.NOT_PUBLISHED': 'Non c’è nulla di pubblicato da ritirare.',
  'refusal.SUMMARY_HAS_NUMBERS':
    'Un testo con un numero non si può pubblicare finché un gruppo della rilevazione è troppo piccolo.',
  'refusal.BASE_URL_NOT_SET':
    'Le email non vengono inviate finché i loro link si aprirebbero solo su questo computer: imposta BASE_URL.',
  'refusal.UNKNOWN_TIME_ZONE':
    'Questo non è il nome di un fuso orario: usane uno come Europe/Rome, America/New_York o UTC.',
  'refusal.IMPORT_REJECTED': 'Non è stato importato nulla: correggi il file e importalo di nuovo.',
  'refusal.INSTRUMENT_INVALID': 'Questo file di questionario non si può usare così com’è.',
};
