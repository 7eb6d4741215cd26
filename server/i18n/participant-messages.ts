import { withA, withArticle } from './italian-article.js';

/**
 * Every word a participant reads outside the questionnaire itself, in each language we ship.
 * The questionnaire's own text comes from the instrument file.
 */
const en = {
  skip: 'Skip to main content',
  switchLanguage: 'Language',
  codeTitle: 'Enter your access code',
  codeHint: 'You will find it in your letter or email. It has 8 letters and numbers, for example K7M2-9QXP.',
  codeLabel: 'Access code',
  codeWrong: 'We could not find that access code. Check it and try again.',
  codeMissing: 'Enter your access code',
  continue: 'Continue',
  errorSummary: 'There is a problem',
  consentTitle: 'Before you start',
  consentBody:
    'Your answers help everyone in {project} see how working together is going. They are stored under a code, not your name. Taking part is voluntary: you can skip any question and stop at any time. Your answers are saved as you go.',
  consentAgree: 'I agree to take part in {wave}',
  consentRequired: 'Tick the box to agree before you start',
  sectionOf: 'Section {n} of {total}',
  chooseOption: 'Choose one of the options for this question',
  tooLong: 'Your answer is too long: use at most {max} characters',
  optional: 'optional',
  saveContinue: 'Save and continue',
  back: 'Back',
  checkTitle: 'Check your answers before sending them',
  notAnswered: 'Not answered',
  change: 'Change',
  submitTitle: 'Now send your answers',
  submitBody: 'When you send your answers you cannot change them any more.',
  submit: 'Send my answers',
  doneTitle: 'Thank you: your answers have been sent',
  doneBody: 'Your answers for {wave} were received on {date}.',
  receiptTitle: 'Your answers',
  print: 'To keep a copy, print this page.',
  noWaveTitle: 'There is nothing to answer right now',
  nextWave: 'The next questionnaire opens on {date}.',
  projectEnded: 'The questionnaires for this project have ended. Thank you for taking part.',
  notScheduled: 'No questionnaire has been planned yet. The project team will let you know when the first one opens.',
  notFoundTitle: 'We could not find this page',
  notFoundBody:
    'The link may be wrong or out of date. Check the link in your letter or email, or enter your access code.',
  withdrawnTitle: 'This link is no longer active',
  withdrawnBody: 'You have left the project, so this questionnaire is closed to you. Thank you for your help.',
  tooManyTitle: 'Too many attempts',
  tooManyBody:
    'Too many codes were tried from this connection. Wait 15 minutes and try again, or ask the project team for help.',
  expiredTitle: 'Please try that again',
  expiredBody: 'The page had expired, so nothing was sent. Everything you saved before is still there.',
  tooLargeTitle: 'That was too much text',
  tooLargeBody:
    'Your answer was too long to send. Go back, shorten it and try again. Everything you saved before is still there.',
  alreadySent: 'Your answers had already been sent, on {date}. Here is what we received.',
  genericTitle: 'Sorry, there is a problem',
  genericBody:
    'Something went wrong on our side. The answers on the page you just sent may not have been saved: please go back, check them and send them again later. Pages you had saved before are kept.',
  startAgain: 'Go back to the questionnaire',
  notSaved:
    'Your answers on this page were NOT saved: we could not store them just now. They are still filled in below; please try again in a few minutes.',
  participant: 'Participant',
  wave: 'Wave',
  letterTitle: 'Your questionnaire for {wave}',
  reminderTitle: 'A reminder: your questionnaire for {wave}',
  reminderBody:
    'We have not yet received your answers for {project}. Your view matters, whatever it is. It takes about 10 minutes, and you can answer in the way that suits you best:',
  letterGreeting: 'Dear participant,',
  letterBody:
    'Thank you for taking part in {project}. Please tell us how working together is going for you. It takes about 10 minutes. You can answer in the way that suits you best:',
  letterOnline: 'Online: scan the square code with your phone camera, or type this address:',
  qrCode: 'QR code',
  letterCode: 'Or go to {url} and type your access code:',
  letterPaper: 'On paper: fill in the questionnaire that follows and give it back to the project team.',
  letterDates: 'Please answer between {opens} and {closes}.',
  paperHowTo: 'For each statement, tick one box only.',
  writeHere: 'Write your answer here:',
  project: 'Project',
  youSaidTitle: 'You said, we did',
  youSaidIntro: 'What we heard in the answers to {wave}, and what we are doing about it. Published on {date}.',
  youSaidOnlyIn: 'This summary is written in {language} only.',
  youSaidHeard: 'What we heard',
  youSaidDoing: 'What we are doing',
  consentWho: 'Who is responsible for your data (data controller)',
  consentPrivacyTitle: 'How your answers are used and kept',
  consentContactTitle: 'Questions or concerns',
  consentVersion: 'Version {version} of this information.',
  defaultController: 'The team running {project}.',
  defaultPrivacyNotice:
    'Your answers are stored under a code, not your name, and only the project team can see them. They are used to see how working together is going, and are reported only for groups of people, never for one person. You can ask to see your answers or to have them deleted.',
  defaultContact: 'The project team that sent you your letter or email.',
  unansweredTitle: 'Questions without an answer',
  unansweredBody:
    'You can still answer them, or send your answers as they are. Questions marked optional can be left blank.',
  allAnswered: 'You have answered every question.',
  referenceLabel: 'Your reference',
  referenceHint: 'If you contact the project team about your answers, give them this reference.',
  nextTitle: 'What happens next',
  nextBody:
    'Your answers are put together with everyone else’s, without your name. When {wave} closes, the project team looks at them with the whole group, to see how working together is going and what to change. You do not need to do anything else.',
  contactTitle: 'If you have questions',
  returnTitle: 'Sending back your questionnaire',
  returnBy: 'Please send it back by {date}.',
  returnTo: 'Send or hand it to, and ask any questions of:',
  returnThanks: 'Thank you for your answers.',
  pageOf: 'Page {n} of {total}',
};

export type ParticipantMessageKey = keyof typeof en;

const it: Record<ParticipantMessageKey, string> = {
  skip: 'Vada al contenuto principale',
  switchLanguage: 'Lingua',
  codeTitle: 'Inserisca il codice di accesso',
  codeHint: 'Lo trova nella lettera o nella email. Ha 8 lettere e numeri, per esempio K7M2-9QXP.',
  codeLabel: 'Codice di accesso',
  codeWrong: 'Non abbiamo trovato questo codice. Lo controlli e riprovi.',
  codeMissing: 'Inserisca il codice di accesso',
  continue: 'Continua',
  errorSummary: "C'è un problema",
  consentTitle: 'Prima di iniziare',
  consentBody:
    'Le risposte aiutano tutte le persone di {project} a capire come sta andando il lavoro insieme. Sono conservate con un codice, non con il nome. Partecipare è volontario: si può saltare qualsiasi domanda e smettere in qualsiasi momento. Le risposte vengono salvate man mano.',
  consentAgree: 'Accetto di partecipare {toTheWave}',
  consentRequired: 'Spunti la casella per accettare prima di iniziare',
  sectionOf: 'Sezione {n} di {total}',
  chooseOption: 'Scelga una delle risposte per questa domanda',
  tooLong: 'La risposta è troppo lunga: usi al massimo {max} caratteri',
  optional: 'facoltativo',
  saveContinue: 'Salva e continua',
  back: 'Indietro',
  checkTitle: 'Controlli le risposte prima di inviarle',
  notAnswered: 'Nessuna risposta',
  change: 'Modifica',
  submitTitle: 'Ora invii le risposte',
  submitBody: 'Dopo l’invio non sarà più possibile modificare le risposte.',
  submit: 'Invia le mie risposte',
  doneTitle: 'Grazie: le risposte sono state inviate',
  doneBody: 'Le risposte per {theWave} sono arrivate il {date}.',
  receiptTitle: 'Le sue risposte',
  print: 'Per tenerne una copia, stampi questa pagina.',
  noWaveTitle: 'Per ora non c’è nulla da compilare',
  nextWave: 'Il prossimo questionario si apre il {date}.',
  projectEnded: 'I questionari di questo progetto sono terminati. Grazie per aver partecipato.',
  notScheduled:
    'Non è ancora previsto nessun questionario. Il gruppo del progetto la avviserà quando si aprirà il primo.',
  notFoundTitle: 'Non abbiamo trovato questa pagina',
  notFoundBody:
    'Il link potrebbe essere sbagliato o scaduto. Controlli il link nella lettera o nella email, oppure inserisca il codice di accesso.',
  withdrawnTitle: 'Questo link non è più attivo',
  withdrawnBody: 'Ha lasciato il progetto, quindi questo questionario non è più disponibile. Grazie per l’aiuto.',
  tooManyTitle: 'Troppi tentativi',
  tooManyBody:
    'Da questa connessione sono stati provati troppi codici. Aspetti 15 minuti e riprovi, oppure chieda aiuto al gruppo del progetto.',
  expiredTitle: 'Per favore, riprovi',
  expiredBody: 'La pagina era scaduta, quindi non è stato inviato nulla. Tutto ciò che era già salvato è ancora lì.',
  tooLargeTitle: 'Il testo era troppo lungo',
  tooLargeBody:
    'La risposta era troppo lunga per essere inviata. Torni indietro, la accorci e riprovi. Tutto ciò che era già salvato è ancora lì.',
  alreadySent: 'Le risposte erano già state inviate, il {date}. Ecco che cosa abbiamo ricevuto.',
  genericTitle: 'Ci scusi, c’è un problema',
  genericBody:
    'Qualcosa non ha funzionato da parte nostra. Le risposte della pagina appena inviata potrebbero non essere state salvate: torni indietro, le controlli e le invii di nuovo più tardi. Le pagine salvate in precedenza restano salvate.',
  startAgain: 'Torni al questionario',
  notSaved:
    'Le risposte di questa pagina NON sono state salvate: non è stato possibile registrarle in questo momento. Sono ancora compilate qui sotto; riprovi tra qualche minuto.',
  participant: 'Partecipante',
  wave: 'Ondata',
  letterTitle: 'Il suo questionario per {theWave}',
  reminderTitle: 'Un promemoria: il suo questionario per {theWave}',
  reminderBody:
    'Non abbiamo ancora ricevuto le sue risposte per {project}. La sua opinione conta, qualunque sia. Servono circa 10 minuti e può rispondere nel modo che preferisce:',
  letterGreeting: 'Gentile partecipante,',
  letterBody:
    'Grazie per partecipare a {project}. Ci dica come sta andando il lavoro insieme. Servono circa 10 minuti. Può rispondere nel modo che preferisce:',
  letterOnline: 'Online: inquadri il codice quadrato con la fotocamera del telefono, oppure scriva questo indirizzo:',
  qrCode: 'Codice QR',
  letterCode: 'Oppure vada su {url} e scriva il suo codice di accesso:',
  letterPaper: 'Su carta: compili il questionario che segue e lo riconsegni al gruppo del progetto.',
  letterDates: 'Risponda tra il {opens} e il {closes}.',
  paperHowTo: 'Per ogni frase, segni una sola casella.',
  writeHere: 'Scriva qui la sua risposta:',
  project: 'Progetto',
  youSaidTitle: 'Lei ci ha detto, noi abbiamo fatto',
  youSaidIntro: 'Che cosa abbiamo sentito nelle risposte a {wave} e che cosa stiamo facendo. Pubblicato il {date}.',
  youSaidOnlyIn: 'Questo riepilogo è scritto solo in {language}.',
  youSaidHeard: 'Che cosa abbiamo sentito',
  youSaidDoing: 'Che cosa stiamo facendo',
  consentWho: 'Chi è responsabile dei suoi dati (titolare del trattamento)',
  consentPrivacyTitle: 'Come vengono usate e conservate le risposte',
  consentContactTitle: 'Domande o dubbi',
  consentVersion: 'Versione {version} di queste informazioni.',
  defaultController: 'Il gruppo che gestisce {project}.',
  defaultPrivacyNotice:
    'Le risposte sono conservate con un codice, non con il suo nome, e solo il gruppo del progetto può vederle. Servono a capire come sta andando il lavoro insieme e vengono presentate solo per gruppi di persone, mai per una singola persona. Può chiedere di vedere le sue risposte o di cancellarle.',
  defaultContact: 'Il gruppo del progetto che le ha inviato la lettera o la email.',
  unansweredTitle: 'Domande senza risposta',
  unansweredBody:
    'Può ancora rispondere, oppure inviare le risposte così come sono. Le domande facoltative si possono lasciare vuote.',
  allAnswered: 'Ha risposto a tutte le domande.',
  referenceLabel: 'Il suo codice di riferimento',
  referenceHint: 'Se contatta il gruppo del progetto per le sue risposte, indichi questo codice di riferimento.',
  nextTitle: 'Che cosa succede ora',
  nextBody:
    'Le sue risposte vengono unite a quelle delle altre persone, senza il suo nome. Quando si chiude {theWave}, il gruppo del progetto le esamina insieme a tutti, per capire come sta andando il lavoro insieme e che cosa cambiare. Non deve fare altro.',
  contactTitle: 'Per qualsiasi domanda',
  returnTitle: 'Come restituire il questionario',
  returnBy: 'La preghiamo di restituirlo entro il {date}.',
  returnTo: 'Lo consegni o lo spedisca a questo recapito, a cui può rivolgersi anche per qualsiasi domanda:',
  returnThanks: 'Grazie per le sue risposte.',
  pageOf: 'Pagina {n} di {total}',
};

const CATALOGS: Record<string, Record<ParticipantMessageKey, string>> = { en, it };
export const PARTICIPANT_LANGUAGES = Object.keys(CATALOGS);

export type Translate = (key: ParticipantMessageKey, params?: Record<string, string | number>) => string;

/**
 * A wave's name as each language's sentences need it: Italian puts an article before it
 * ("per l'Ondata 5", "partecipare all'Ondata 5"), so its messages say {theWave} or {toTheWave}
 * where English says {wave}. They are worked out here, from `wave`, so no page has to.
 */
const WAVE_FORMS: Record<string, (wave: string) => { theWave: string; toTheWave: string }> = {
  en: (wave) => ({ theWave: wave, toTheWave: wave }),
  it: (wave) => ({ theWave: withArticle(wave), toTheWave: withA(wave) }),
};

function makeTranslator(lang: string, catalog: Record<ParticipantMessageKey, string>): Translate {
  return (key, given) => {
    const text = catalog[key];
    if (!given) return text;
    const params = typeof given.wave === 'string' ? { ...WAVE_FORMS[lang]!(given.wave), ...given } : given;
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  };
}

// One translator per language, made once: pages ask for one on every request.
const TRANSLATORS: Record<string, Translate> = Object.fromEntries(
  Object.entries(CATALOGS).map(([lang, catalog]) => [lang, makeTranslator(lang, catalog)]),
);

export function translator(lang: string): Translate {
  return TRANSLATORS[lang] ?? TRANSLATORS.en!;
}

/** Dates as people write them: "1 March 2026", "1 marzo 2026". */
export function formatDate(date: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date.slice(0, 10)}T12:00:00Z`));
}
