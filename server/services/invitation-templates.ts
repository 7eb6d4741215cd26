import type { SendKind } from '../domain/records.js';
import { isLocale } from '../i18n/catalogue.js';
import { formatCalendarDate } from '../i18n/format.js';

interface TemplateFields {
  projectName: string;
  waveLabel: string;
  /** The wave's closing date, YYYY-MM-DD; the message writes it as the participant's language does. */
  closesOn: string;
  link: string;
  accessCode: string;
}

type Template = (f: TemplateFields) => { subject: string; text: string };

/** One invitation and one reminder per language; English is used for any language not here. */
const TEMPLATES: Record<string, Record<SendKind, Template>> = {
  en: {
    invitation: (f) => ({
      subject: `${f.projectName}: your questionnaire for ${f.waveLabel}`,
      text: `Hello,\n\n${f.projectName} is asking everyone taking part how working together is going. It takes about 15 minutes, and you can stop and come back.\n\nYour personal link: ${f.link}\n(or go to the same site and type the code ${f.accessCode})\n\nOpen until ${f.closesOn}. Please do not forward this email: the link is yours.\n\nThank you.`,
    }),
    reminder: (f) => ({
      subject: `Reminder: ${f.projectName} questionnaire closes on ${f.closesOn}`,
      text: `Hello,\n\nA reminder that the ${f.projectName} questionnaire for ${f.waveLabel} closes on ${f.closesOn}. If you have already answered, thank you, and please ignore this email.\n\nYour personal link: ${f.link}\n(or type the code ${f.accessCode})\n\nThank you.`,
    }),
  },
  it: {
    invitation: (f) => ({
      subject: `${f.projectName}: il suo questionario per ${f.waveLabel}`,
      text: `Gentile partecipante,\n\n${f.projectName} chiede a tutte le persone coinvolte come sta andando il lavoro insieme. Servono circa 15 minuti e può interrompere e riprendere.\n\nIl suo link personale: ${f.link}\n(oppure vada sullo stesso sito e scriva il codice ${f.accessCode})\n\nAperto fino al ${f.closesOn}. Non inoltri questa email: il link è solo suo.\n\nGrazie.`,
    }),
    reminder: (f) => ({
      subject: `Promemoria: il questionario di ${f.projectName} chiude il ${f.closesOn}`,
      text: `Gentile partecipante,\n\nle ricordiamo che il questionario di ${f.projectName} per ${f.waveLabel} chiude il ${f.closesOn}. Se ha già risposto, grazie: ignori pure questa email.\n\nIl suo link personale: ${f.link}\n(oppure scriva il codice ${f.accessCode})\n\nGrazie.`,
    }),
  },
};

/** The message in the participant's language (English for any other), its date written out: "21 marzo 2026". */
export function renderMessage(
  kind: SendKind,
  language: string,
  fields: TemplateFields,
): { subject: string; text: string } {
  const locale = isLocale(language) && TEMPLATES[language] ? language : 'en';
  return TEMPLATES[locale]![kind]({ ...fields, closesOn: formatCalendarDate(locale, fields.closesOn) });
}
