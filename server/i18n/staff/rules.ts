/**
 * The rules a value typed into a staff form can break (server/domain/field-rules.ts), shown
 * beside the field. A part of the staff catalogue; the English is the domain's own, so the page,
 * the command line and the log say the same thing.
 */
import { FIELD_RULES } from '../../domain/field-rules.js';

export const en = FIELD_RULES;

export const it: Record<keyof typeof en, string> = {
  'rule.length': 'deve avere da {min} a {max} caratteri',
  'rule.atMost': 'deve avere al massimo {max} caratteri',
  'rule.atLeast': 'deve avere almeno {min} caratteri',
  'rule.controlCharacters':
    'non deve contenere caratteri di controllo (come tabulazione, a capo o escape) né caratteri che invertono la direzione del testo',
  'rule.controlCharactersButLines':
    'non deve contenere caratteri di controllo (gli a capo vanno bene; non la tabulazione o l’escape) né caratteri che invertono la direzione del testo',
  'rule.email': 'non è un indirizzo email',
  'rule.oneOf': 'deve essere uno tra {choices}',
  'rule.projectGroup': 'non è uno dei gruppi del progetto',
  'rule.mode': 'deve essere online o su carta',
  'rule.projectForRole': 'è obbligatorio per il ruolo {role}',
  'rule.noProjectForAdmin': 'va lasciato vuoto per un amministratore, che gestisce tutti i progetti',
  'rule.slug':
    'deve contenere solo lettere minuscole, cifre e trattini, al massimo 63 caratteri, per esempio "place4carers"',
  'rule.groupId':
    '"{id}" non si può usare come identificativo di gruppo (lettere minuscole, cifre, "_" o "-"; "all" è riservato)',
  'rule.groupTwice': 'un gruppo compare due volte',
  'rule.groupLabel': 'il gruppo "{id}" ha bisogno di un nome da 1 a 100 caratteri in "{language}"',
  'rule.groupLabelControl':
    'il nome del gruppo "{id}" non deve contenere caratteri di controllo (come tabulazione, a capo o escape) né caratteri che invertono la direzione del testo',
  'rule.instrument': '"{ref}" non è un questionario disponibile (disponibili: {offered})',
  'rule.date': '"{typed}" non è una data nella forma AAAA-MM-GG',
  'rule.closesAfterOpens': 'deve essere uguale o successiva alla data di apertura',
  'rule.wholeNumber': 'deve essere un numero intero da {min} a {max}',
  'rule.wholeMonths': 'deve essere un numero intero di mesi da {min} a {max}',
  'rule.wholeDays': 'deve essere un numero intero di giorni da {min} a {max}',
  'rule.reminderDays': 'deve essere un numero intero di giorni da 0 (nessun promemoria) a {max}',
  'rule.number': 'deve essere un numero',
  'rule.between': 'deve essere compreso tra {min} e {max}',
  'rule.pointsBetween': 'deve essere compreso tra {min} e {max} punti',
  'rule.wholeAtLeast': 'deve essere un numero intero non inferiore a {min}',
  'rule.watchAlpha': 'non deve essere inferiore ad alpha',
  'rule.timeZone': 'deve essere il nome di un fuso orario, per esempio Europe/Rome, America/New_York o UTC',
  'rule.answerOutOfScale': 'Inserisci uno dei valori della scala, NA, oppure lascia vuoto.',
  'rule.answerNoNotApplicable': 'Per questa domanda "Non applicabile" (NA) non è previsto.',
  'rule.answerTooLong': 'Questa risposta supera i {max} caratteri.',
};
