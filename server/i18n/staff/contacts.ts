/**
 * The invitations page (whom to contact today, letters, the mail-merge list, sending the due
 * emails) and the warning every page that prints or sends personal links shows while those
 * links would open only on this computer (ADR 0097).
 */
import type { Message } from '../catalogue.js';

export const en = {
  'contacts.title': 'Invitations – {project}',
  'contacts.heading': 'Invitations and reminders',
  'contacts.noWave': 'No wave is open today, so nobody is due an invitation or a reminder.',
  'contacts.openUntil': '{wave} is open until {date}.',
  'contacts.smtpOn':
    'Emails go out by themselves every hour; those without an email address are listed for a letter or a call.',
  'contacts.smtpOff': 'Email is not set up (SMTP_URL), so contact these people by letter, phone or in person.',
  'contacts.sendNow': { one: 'Send the due email now', other: 'Send the {count} due emails now' },
  'contacts.nobodyManual': 'Nobody to contact by other means today.',
  'contacts.letters': { one: 'Print the letter for this person', other: 'Print letters for these {count} people' },
  'contacts.lettersNote':
    '(with their QR code and access code; participants who answer on paper also get the questionnaire).',
  'contacts.csv': 'Download the same list for a mail merge (CSV)',
  'contacts.csvNote':
    'Columns code, name, address, language, link and access_code. CoAssess keeps no names or postal addresses, so those two columns are empty: fill them in from your own register, by code.',
  'contacts.tableCaption': { one: 'The person to contact today', other: 'The {count} people to contact today' },
  'contacts.col.code': 'Code',
  'contacts.col.kind': 'What',
  'contacts.col.group': 'Group',
  'contacts.col.language': 'Language',
  'contacts.col.mode': 'Answers on',
  'contacts.col.email': 'Email',
  'contacts.col.accessCode': 'Access code',
  'contacts.col.link': 'Personal link',
  'contacts.linkLabel': 'Personal link of {code}',
  'contacts.noEmail': 'none',
  'contacts.kind.invitation': 'invitation',
  'contacts.kind.reminder': 'reminder',
  'contacts.mode.web': 'web',
  'contacts.mode.paper': 'paper',
  'contacts.language.en': 'English',
  'contacts.language.it': 'Italian',
  'contacts.sent': { one: '1 email sent', other: '{count} emails sent' },
  'contacts.failed': {
    one: '1 refused by the mail server, to be tried again within the hour',
    other: '{count} refused by the mail server, to be tried again within the hour',
  },
  'contacts.unaudited': { one: '1 not in the audit log', other: '{count} not in the audit log' },
  'contacts.refusedTitle': 'No email was sent',
  'contacts.refusedBaseUrl':
    'Their links would point to {baseUrl}, which opens only on this computer. Set BASE_URL to the public address, such as https://coassess.example.org, restart CoAssess, then send again.',
  'contacts.lettersHeading': 'Invitation and reminder letters',
  'contacts.lettersEmpty': 'Nobody needs a letter today.',
  'publicAddress.title': 'Links will not work outside this computer',
  'publicAddress.body':
    'Personal links, QR codes and emails point to {baseUrl}, an address that opens only on the computer CoAssess runs on: participants cannot open them on their own phone or computer. Set BASE_URL to the public address, such as https://coassess.example.org, and restart CoAssess before you print letters. Emails are not sent until then.',
} satisfies Record<string, Message>;

export const it: Record<keyof typeof en, Message> = {
  'contacts.title': 'Inviti – {project}',
  'contacts.heading': 'Inviti e promemoria',
  'contacts.noWave': 'Oggi non è aperta nessuna rilevazione, quindi nessuno deve ricevere un invito o un promemoria.',
  'contacts.openUntil': '{wave} è aperta fino al {date}.',
  'contacts.smtpOn':
    'Le email partono da sole ogni ora; chi non ha un indirizzo email è elencato qui per una lettera o una telefonata.',
  'contacts.smtpOff':
    'L’email non è configurata (SMTP_URL): contatta queste persone per lettera, per telefono o di persona.',
  'contacts.sendNow': { one: 'Invia ora l’email prevista', other: 'Invia ora le {count} email previste' },
  'contacts.nobodyManual': 'Oggi non c’è nessuno da contattare in altro modo.',
  'contacts.letters': {
    one: 'Stampa la lettera per questa persona',
    other: 'Stampa le lettere per queste {count} persone',
  },
  'contacts.lettersNote':
    '(con il codice QR e il codice di accesso; chi risponde su carta riceve anche il questionario).',
  'contacts.csv': 'Scarica lo stesso elenco per la stampa unione (CSV)',
  'contacts.csvNote':
    'Colonne code, name, address, language, link e access_code. CoAssess non conserva nomi né indirizzi postali, quindi queste due colonne sono vuote: completale dal tuo registro, in base al codice.',
  'contacts.tableCaption': { one: 'La persona da contattare oggi', other: 'Le {count} persone da contattare oggi' },
  'contacts.col.code': 'Codice',
  'contacts.col.kind': 'Cosa',
  'contacts.col.group': 'Gruppo',
  'contacts.col.language': 'Lingua',
  'contacts.col.mode': 'Risponde su',
  'contacts.col.email': 'Email',
  'contacts.col.accessCode': 'Codice di accesso',
  'contacts.col.link': 'Link personale',
  'contacts.linkLabel': 'Link personale di {code}',
  'contacts.noEmail': 'nessuna',
  'contacts.kind.invitation': 'invito',
  'contacts.kind.reminder': 'promemoria',
  'contacts.mode.web': 'web',
  'contacts.mode.paper': 'carta',
  'contacts.language.en': 'inglese',
  'contacts.language.it': 'italiano',
  'contacts.sent': { one: '1 email inviata', other: '{count} email inviate' },
  'contacts.failed': {
    one: '1 rifiutata dal server di posta, da riprovare entro un’ora',
    other: '{count} rifiutate dal server di posta, da riprovare entro un’ora',
  },
  'contacts.unaudited': {
    one: '1 non riportata nel registro attività',
    other: '{count} non riportate nel registro attività',
  },
  'contacts.refusedTitle': 'Nessuna email è stata inviata',
  'contacts.refusedBaseUrl':
    'I link nelle email punterebbero a {baseUrl}, un indirizzo che si apre solo su questo computer. Imposta BASE_URL sull’indirizzo pubblico, ad esempio https://coassess.example.org, riavvia CoAssess e poi invia di nuovo.',
  'contacts.lettersHeading': 'Lettere di invito e di promemoria',
  'contacts.lettersEmpty': 'Oggi nessuno ha bisogno di una lettera.',
  'publicAddress.title': 'I link non funzioneranno fuori da questo computer',
  'publicAddress.body':
    'I link personali, i codici QR e le email puntano a {baseUrl}, un indirizzo che si apre solo sul computer su cui gira CoAssess: i partecipanti non possono aprirli dal proprio telefono o computer. Prima di stampare le lettere, imposta BASE_URL sull’indirizzo pubblico, ad esempio https://coassess.example.org, e riavvia CoAssess. Fino ad allora le email non vengono inviate.',
};
