/**
 * The staff page where a lead sets the project's consent texts (views/staff/project-consent.ejs).
 * A part of the staff catalogue: `en` and `it`, the same keys.
 */
export const en = {
  consentPageTitle: 'Consent and privacy',
  consentIntro:
    'What participants read before they agree to take part, and again on their receipt: who is responsible for their data, the privacy notice, whom to contact and the consent text. Set each in every language of the questionnaire; a field left empty uses the built-in text shown under it.',
  consentVersioning:
    'Every save is a new version. Each consent records the version the participant agreed to, and earlier versions are kept as they were.',
  consentCurrent: 'Participants now read version {version}, saved on {date}.',
  consentNone: 'Nothing saved yet: participants read the built-in texts (version 0).',
  consentFieldController: 'Data controller',
  consentHintController: 'The organisation responsible for the data, with its address.',
  consentFieldPrivacyNotice: 'Privacy notice',
  consentHintPrivacyNotice:
    'What is kept, why, for how long, who sees it, and how to see or delete one’s answers. Line breaks are kept.',
  consentFieldContact: 'Contact',
  consentHintContact:
    'Whom participants ask: a name, phone number, email or address. It is also printed at the end of the paper questionnaire as where to send it back.',
  consentFieldConsentText: 'Consent text',
  consentHintConsentText: 'What taking part means, shown above the box participants tick.',
  consentBuiltIn: 'Built-in text: {text}',
  consentPreview: 'Preview',
  consentSave: 'Save as a new version',
  consentPreviewTitle: 'What participants read in {language}',
  consentPreviewUnsaved: 'A preview of what is typed above. It is not saved yet.',
  consentOfResponse:
    'Receipt reference {reference}. The participant agreed to version {version} of the consent texts (0 means the built-in texts).',
};

export const it: Record<keyof typeof en, string> = {
  consentPageTitle: 'Consenso e privacy',
  consentIntro:
    'Ciò che i partecipanti leggono prima di accettare di partecipare, e di nuovo sulla ricevuta: chi è responsabile dei loro dati, l’informativa sulla privacy, a chi rivolgersi e il testo del consenso. Compila ogni testo in tutte le lingue del questionario; un campo lasciato vuoto usa il testo predefinito indicato sotto.',
  consentVersioning:
    'Ogni salvataggio crea una nuova versione. Ogni consenso registra la versione accettata dal partecipante, e le versioni precedenti restano com’erano.',
  consentCurrent: 'Ora i partecipanti leggono la versione {version}, salvata il {date}.',
  consentNone: 'Ancora nulla di salvato: i partecipanti leggono i testi predefiniti (versione 0).',
  consentFieldController: 'Titolare del trattamento',
  consentHintController: 'L’organizzazione responsabile dei dati, con il suo indirizzo.',
  consentFieldPrivacyNotice: 'Informativa sulla privacy',
  consentHintPrivacyNotice:
    'Che cosa si conserva, perché, per quanto tempo, chi lo vede, e come vedere o cancellare le proprie risposte. Gli a capo vengono mantenuti.',
  consentFieldContact: 'Contatto',
  consentHintContact:
    'A chi rivolgersi: un nome, un numero di telefono, una email o un indirizzo. Viene stampato anche alla fine del questionario cartaceo come recapito a cui restituirlo.',
  consentFieldConsentText: 'Testo del consenso',
  consentHintConsentText: 'Che cosa significa partecipare, mostrato sopra la casella che i partecipanti spuntano.',
  consentBuiltIn: 'Testo predefinito: {text}',
  consentPreview: 'Anteprima',
  consentSave: 'Salva come nuova versione',
  consentPreviewTitle: 'Che cosa leggono i partecipanti in {language}',
  consentPreviewUnsaved: 'Un’anteprima di quanto scritto sopra. Non è ancora salvata.',
  consentOfResponse:
    'Codice di riferimento della ricevuta {reference}. Il partecipante ha accettato la versione {version} dei testi del consenso (0 indica i testi predefiniti).',
};
