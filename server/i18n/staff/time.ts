/**
 * Staff pages' words about time: a project's time zone and the times pages show. A part of the
 * staff catalogue (server/i18n/staff-messages.ts merges the parts); English first, every key in
 * Italian too.
 */
export const en = {
  timeZoneLabel: 'Time zone',
  timeZoneHint:
    'Where the project is, as a time zone name such as Europe/Rome or America/New_York. Waves open at 00:00 and close after 23:59:59 there, and every date and time is shown there.',
  timeZoneMissing: 'Enter a time zone name, such as Europe/Rome.',
  timeZoneUnknown: '"{typed}" is not a time zone name. Use a name such as Europe/Rome, America/New_York or UTC.',
  timesIn: 'Times are shown in {zone}.',
  when: 'When',
  notRecorded: 'not recorded',
};

export const it: Record<keyof typeof en, string> = {
  timeZoneLabel: 'Fuso orario',
  timeZoneHint:
    'Dove si svolge il progetto, come nome di fuso orario, per esempio Europe/Rome o America/New_York. Le rilevazioni si aprono alle 00:00 e si chiudono dopo le 23:59:59 di quel fuso, e ogni data e ora è mostrata in quel fuso.',
  timeZoneMissing: 'Inserisci il nome di un fuso orario, per esempio Europe/Rome.',
  timeZoneUnknown: '"{typed}" non è il nome di un fuso orario. Usa un nome come Europe/Rome, America/New_York o UTC.',
  timesIn: 'Gli orari sono indicati nel fuso {zone}.',
  when: 'Quando',
  notRecorded: 'non registrato',
};
