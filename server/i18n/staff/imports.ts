/**
 * What a refused participant or response import says about a line of the file: its column
 * separator (ADR 0098), its shape, and each cell refused. The services write the English here
 * for the command line and the log (importProblem in server/services/csv-import.ts); the page
 * says the same in the reader's language.
 */
import type { Message } from '../catalogue.js';

export const en = {
  'imports.noSeparator':
    'the header line has no column separator this import reads: separate the columns with a comma (,), a semicolon (;) or a tab',
  'imports.mixedSeparators':
    'the header line separates its columns with more than one kind of separator ({found}): use only one, a comma (,), a semicolon (;) or a tab',
  'imports.tooLarge': 'the file is larger than {mb} MB',
  'imports.columnCount': 'has {count} columns but the header has {header}',
  'imports.unreadable': 'the file cannot be read as CSV ({detail})',
  'imports.empty': 'the file is empty: it needs a header row',
  'imports.missingColumn': 'the header has no "{column}" column',
  'imports.unknownColumn': 'the header has an unknown column "{column}"',
  'imports.columnTwice': 'the header has the column "{column}" twice',
  'imports.tooManyRows':
    'the file has more than {max} rows, the most one import takes: split it into files of at most {max} rows',
  'imports.codeEmpty': 'the code is empty',
  'imports.codeShape': 'the code "{code}" must be 1 to 40 letters, digits, ".", "_" or "-"',
  'imports.codeUsed': 'the code "{code}" is already used in this project',
  'imports.codeRepeated': 'the code "{code}" is also on line {other}',
  'imports.unknownGroup': 'unknown group "{group}" (the project\'s groups: {groups})',
  'imports.unknownLanguage': 'unknown language "{language}" (the questionnaire is in: {languages})',
  'imports.unknownMode': 'unknown mode "{mode}" (use web or paper)',
  'imports.badEmail': '"{email}" is not an email address',
  'imports.badEnrolment': 'the enrolment date "{date}" is not a date as YYYY-MM-DD',
  'imports.nameTooLong': 'the name is longer than {max} characters',
  'imports.nameControl':
    'the name holds a character that is not text (a tab, a line break or a bidirectional override, say)',
  'imports.addressTooLong': 'the postal address is longer than {max} characters',
  'imports.addressControl':
    'the postal address holds a character that is not text (a tab or a bidirectional override, say): only its line breaks are kept',
  'imports.noParticipants': 'the file has a header but no participants',
  'imports.unknownParticipant': 'unknown participant "{code}"',
  'imports.withdrawn': 'participant "{code}" has withdrawn',
  'imports.unknownWave': 'unknown wave "{label}" (the project\'s waves: {waves})',
  'imports.unknownWaveNone': 'unknown wave "{label}" (the project\'s waves: none yet)',
  'imports.responseRepeated': '"{code}" in "{label}" is also on line {other}',
  'imports.alreadyAnswered': '"{code}" already has a response for "{label}"',
  'imports.badSubmittedAt': 'submitted_at "{value}" is not a date (YYYY-MM-DD) or a date-time (YYYY-MM-DD HH:MM)',
  'imports.submittedAfter': 'submitted_at "{value}" is after the import',
  'imports.itemNotInVersion': 'item "{item}" is not in version {version} of the questionnaire used by "{label}"',
  'imports.itemNotAsked': 'item "{item}" is not asked of the group "{group}"',
  'imports.answerOutOfScale': '{item}: "{value}" is outside the scale {min} to {max}',
  'imports.answerNoNotApplicable':
    '{item}: "{value}" is not allowed: this question has no "does not apply" option (use a number from {min} to {max}, or leave it empty)',
  'imports.answerTooLong': '{item}: is longer than {max} characters',
  'imports.noAnswers': 'has no answers',
  'imports.noResponses': 'the file has a header but no responses',
} satisfies Record<string, Message>;

export const it: Record<keyof typeof en, Message> = {
  'imports.noSeparator':
    'la riga di intestazione non ha un separatore di colonne che questa importazione sappia leggere: separa le colonne con una virgola (,), un punto e virgola (;) o una tabulazione',
  'imports.mixedSeparators':
    'la riga di intestazione separa le colonne con più di un tipo di separatore ({found}): usane uno solo, una virgola (,), un punto e virgola (;) o una tabulazione',
  'imports.tooLarge': 'il file è più grande di {mb} MB',
  'imports.columnCount': 'ha {count} colonne ma l’intestazione ne ha {header}',
  'imports.unreadable': 'il file non si può leggere come CSV ({detail})',
  'imports.empty': 'il file è vuoto: serve una riga di intestazione',
  'imports.missingColumn': 'nell’intestazione manca la colonna "{column}"',
  'imports.unknownColumn': 'l’intestazione ha una colonna sconosciuta "{column}"',
  'imports.columnTwice': 'l’intestazione ha due volte la colonna "{column}"',
  'imports.tooManyRows':
    'il file ha più di {max} righe, il massimo per una sola importazione: dividilo in file di al massimo {max} righe',
  'imports.codeEmpty': 'il codice è vuoto',
  'imports.codeShape': 'il codice "{code}" deve avere da 1 a 40 lettere, cifre, ".", "_" o "-"',
  'imports.codeUsed': 'il codice "{code}" è già usato in questo progetto',
  'imports.codeRepeated': 'il codice "{code}" è anche alla riga {other}',
  'imports.unknownGroup': 'gruppo sconosciuto "{group}" (i gruppi del progetto: {groups})',
  'imports.unknownLanguage': 'lingua sconosciuta "{language}" (il questionario è in: {languages})',
  'imports.unknownMode': 'modalità sconosciuta "{mode}" (usa web o paper)',
  'imports.badEmail': '"{email}" non è un indirizzo email',
  'imports.badEnrolment': 'la data di adesione "{date}" non è una data nel formato AAAA-MM-GG',
  'imports.nameTooLong': 'il nome è più lungo di {max} caratteri',
  'imports.nameControl':
    'il nome contiene un carattere che non è testo (per esempio una tabulazione, un a capo o un cambio di direzione del testo)',
  'imports.addressTooLong': 'l’indirizzo postale è più lungo di {max} caratteri',
  'imports.addressControl':
    'l’indirizzo postale contiene un carattere che non è testo (per esempio una tabulazione o un cambio di direzione del testo): si tengono solo gli a capo',
  'imports.noParticipants': 'il file ha un’intestazione ma nessun partecipante',
  'imports.unknownParticipant': 'partecipante sconosciuto "{code}"',
  'imports.withdrawn': 'il partecipante "{code}" si è ritirato',
  'imports.unknownWave': 'rilevazione sconosciuta "{label}" (le rilevazioni del progetto: {waves})',
  'imports.unknownWaveNone': 'rilevazione sconosciuta "{label}" (il progetto non ha ancora rilevazioni)',
  'imports.responseRepeated': '"{code}" in "{label}" è anche alla riga {other}',
  'imports.alreadyAnswered': '"{code}" ha già una risposta per "{label}"',
  'imports.badSubmittedAt': 'submitted_at "{value}" non è una data (AAAA-MM-GG) né una data con ora (AAAA-MM-GG HH:MM)',
  'imports.submittedAfter': 'submitted_at "{value}" è successiva all’importazione',
  'imports.itemNotInVersion': 'la domanda "{item}" non è nella versione {version} del questionario usato da "{label}"',
  'imports.itemNotAsked': 'la domanda "{item}" non è posta al gruppo "{group}"',
  'imports.answerOutOfScale': '{item}: "{value}" è fuori dalla scala da {min} a {max}',
  'imports.answerNoNotApplicable':
    '{item}: "{value}" non è ammesso: questa domanda non ha l’opzione "non applicabile" (usa un numero da {min} a {max}, o lascia vuoto)',
  'imports.answerTooLong': '{item}: supera i {max} caratteri',
  'imports.noAnswers': 'non ha risposte',
  'imports.noResponses': 'il file ha un’intestazione ma nessuna risposta',
};
