/** The home page and the error pages, which signed-out visitors see too. */
import type { Message } from '../catalogue.js';

export const en = {
  'home.title': 'Welcome',
  'home.intro':
    'CoAssess helps co-production projects in health and social care assess themselves together, wave after wave, and notice early when working together starts to turn from co-creation to co-destruction.',
  'home.participantsHeading': 'Answering a questionnaire',
  'home.participantsBody':
    'If you were invited to answer a questionnaire, use the personal link in your letter or email, or enter the access code printed on it.',
  'home.participantsLink': 'Enter your access code',
  'home.staffHeading': 'Project staff',
  'home.staffBody': 'Project leads, evaluators and data-entry staff sign in with their email address and password.',
  'home.staffLink': 'Staff sign-in',
  'home.otherLanguage': 'This page in another language',
  'error.title': 'Error {status}',
  'error.heading.400': 'There is a problem with what was sent',
  'error.heading.401': 'Please sign in',
  'error.heading.403': 'You cannot open this page',
  'error.heading.404': 'Page not found',
  'error.heading.409': 'This cannot be done now',
  'error.heading.410': 'No longer available',
  'error.heading.413': 'What you sent is too large',
  'error.heading.415': 'This kind of content is not accepted here',
  'error.heading.429': 'Too many attempts',
  'error.heading.500': 'Sorry, there is a problem',
  'error.heading.503': 'Sorry, there is a problem',
  'error.body.FORBIDDEN':
    'Your account does not have the role this page needs. Nothing was changed. If you need it, ask a project lead or an administrator to give you the role.',
  'error.body.ACCOUNT_DISABLED': 'This account has been disabled by an administrator.',
  'error.body.RECONCILER_KEYED_ENTRY':
    'You keyed one of the two entries of this form, so someone else must settle the differences.',
  'error.body.notFound':
    'This address leads to no page, or to a project you have no role in. Check the link, or start again from your projects.',
  'error.body.400': 'The request could not be understood. Go back, check what you entered and try again.',
  'error.body.409': 'Something changed meanwhile. Go back, reload the page and try again.',
  'error.body.410': 'This is no longer available.',
  'error.body.413': 'What you sent is too large. Go back, send less at once and try again.',
  'error.body.415': 'This kind of content is not accepted here.',
  'error.body.429': 'Too many attempts from here. Please wait 15 minutes and try again.',
  'error.body.500':
    'Something went wrong on our side. What you just sent may not have been saved: please check, and enter it again if it is missing.',
  'error.body.503':
    'The server cannot store anything just now. What you just sent may not have been saved: please check in a few minutes, and enter it again if it is missing.',
  'error.code': 'Error code: {code}',
  'error.backProjects': 'Go to your projects',
  'error.backHome': 'Go to the start page',
} as const;

export const it: Record<keyof typeof en, Message> = {
  'home.title': 'Benvenuti',
  'home.intro':
    'CoAssess aiuta i progetti di co-produzione in ambito sanitario e sociale a valutarsi insieme, rilevazione dopo rilevazione, e ad accorgersi per tempo quando la collaborazione inizia a passare dalla co-creazione alla co-distruzione.',
  'home.participantsHeading': 'Rispondere a un questionario',
  'home.participantsBody':
    'Se ha ricevuto un invito a rispondere a un questionario, usi il link personale indicato nella lettera o nell’email, oppure inserisca il codice di accesso riportato.',
  'home.participantsLink': 'Inserisca il Suo codice di accesso',
  'home.staffHeading': 'Personale del progetto',
  'home.staffBody':
    'Responsabili di progetto, valutatori e addetti all’inserimento dati accedono con indirizzo email e password.',
  'home.staffLink': 'Accesso per il personale',
  'home.otherLanguage': 'Questa pagina in un’altra lingua',
  'error.title': 'Errore {status}',
  'error.heading.400': 'C’è un problema con i dati inviati',
  'error.heading.401': 'Accedi per continuare',
  'error.heading.403': 'Non puoi aprire questa pagina',
  'error.heading.404': 'Pagina non trovata',
  'error.heading.409': 'Non è possibile farlo ora',
  'error.heading.410': 'Non più disponibile',
  'error.heading.413': 'I dati inviati sono troppo grandi',
  'error.heading.415': 'Questo tipo di contenuto non è accettato qui',
  'error.heading.429': 'Troppi tentativi',
  'error.heading.500': 'Ci scusiamo, c’è un problema',
  'error.heading.503': 'Ci scusiamo, c’è un problema',
  'error.body.FORBIDDEN':
    'Il tuo account non ha il ruolo richiesto da questa pagina. Non è stato modificato nulla. Se ti serve, chiedi il ruolo a un responsabile del progetto o a un amministratore.',
  'error.body.ACCOUNT_DISABLED': 'Questo account è stato disattivato da un amministratore.',
  'error.body.RECONCILER_KEYED_ENTRY':
    'Hai inserito una delle due digitazioni di questo modulo, quindi le differenze deve risolverle un’altra persona.',
  'error.body.notFound':
    'Questo indirizzo non porta a nessuna pagina, oppure porta a un progetto in cui non hai un ruolo. Controlla il link, o ricomincia dai tuoi progetti.',
  'error.body.400': 'La richiesta non è comprensibile. Torna indietro, controlla i dati inseriti e riprova.',
  'error.body.409': 'Nel frattempo qualcosa è cambiato. Torna indietro, ricarica la pagina e riprova.',
  'error.body.410': 'Questo contenuto non è più disponibile.',
  'error.body.413': 'I dati inviati sono troppo grandi. Torna indietro, inviane meno alla volta e riprova.',
  'error.body.415': 'Questo tipo di contenuto non è accettato qui.',
  'error.body.429': 'Troppi tentativi da questa connessione. Attendi 15 minuti e riprova.',
  'error.body.500':
    'Si è verificato un errore da parte nostra. Quello che hai appena inviato potrebbe non essere stato salvato: controlla e, se manca, inseriscilo di nuovo.',
  'error.body.503':
    'In questo momento il server non riesce a registrare nulla. Quello che hai appena inviato potrebbe non essere stato salvato: controlla tra qualche minuto e, se manca, inseriscilo di nuovo.',
  'error.code': 'Codice errore: {code}',
  'error.backProjects': 'Vai ai tuoi progetti',
  'error.backHome': 'Vai alla pagina iniziale',
};
