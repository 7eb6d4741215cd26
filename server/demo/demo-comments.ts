/**
 * Open answers for the demo, written for it: what family caregivers and service providers in a
 * mountain valley might say, before and after the project moved its decisions away from them.
 * Italian participants answer in Italian.
 */
export type DemoPhase = 'early' | 'late';
export type OpenItem = 'open_1' | 'open_2' | 'open_3';

type Comments = Record<
  'it' | 'en',
  Record<'caregiver' | 'provider', Record<DemoPhase, Record<OpenItem, readonly string[]>>>
>;

export const DEMO_COMMENTS: Comments = {
  it: {
    caregiver: {
      early: {
        open_1: [
          'Gli incontri al centro diurno di Breno: finalmente qualcuno che ascolta chi assiste un genitore anziano.',
          'Il gruppo di mutuo aiuto del giovedì sera. Non mi sento più sola con mia madre.',
          'Sapere a chi telefonare quando papà ha una crisi di notte.',
        ],
        open_2: [
          "Arrivare agli incontri da Ponte di Legno è lungo, d'inverno la strada è brutta.",
          'A volte non trovo nessuno che stia con mio marito mentre partecipo.',
        ],
        open_3: [
          'Fare qualche incontro anche in alta valle.',
          'Un servizio di sollievo di qualche ora mentre partecipiamo agli incontri.',
        ],
      },
      late: {
        open_1: [
          'Le altre famiglie: tra di noi ci aiutiamo ancora molto.',
          'Il gruppo WhatsApp tra caregiver, che abbiamo creato noi.',
        ],
        open_2: [
          'Le decisioni sul sollievo domiciliare sono state prese a Brescia senza chiederci niente.',
          "Ci avevano promesso il trasporto per le visite e poi non se n'è più parlato.",
          'Ci chiedono sempre di compilare moduli ma non sappiamo cosa succede dopo.',
          'Gli orari sono cambiati tre volte e nessuno ci ha avvisato.',
        ],
        open_3: [
          'Che ci dicano chiaramente cosa è stato deciso e perché.',
          'Un caregiver nel comitato che decide, non solo come ospite.',
          'Meno riunioni, ma che servano a qualcosa.',
        ],
      },
    },
    provider: {
      early: {
        open_1: [
          'Conoscere di persona le famiglie che seguiamo a domicilio.',
          'Il coordinamento con i medici di base è migliorato.',
        ],
        open_2: ['Trovare il tempo per gli incontri durante i turni.'],
        open_3: ['Una scheda condivisa per i passaggi di consegne con le famiglie.'],
      },
      late: {
        open_1: [
          'Il lavoro di squadra tra infermiere e assistenti sociali.',
          'Le famiglie ora si conoscono e si sostengono tra loro.',
        ],
        open_2: [
          'Abbiamo meno personale di prima e le visite si accumulano.',
          'Alcune famiglie sono deluse dalle ultime decisioni e partecipano meno.',
        ],
        open_3: ['Spiegare meglio alle famiglie come vengono prese le decisioni.'],
      },
    },
  },
  en: {
    caregiver: {
      early: {
        open_1: [
          'Meeting other carers at the day centre. I finally feel understood.',
          'Having one phone number to call when things go wrong with my father.',
        ],
        open_2: ['The meetings are all in Italian and quite fast for me.'],
        open_3: ['Written summaries of each meeting, in simple Italian or English.'],
      },
      late: {
        open_1: ['The other families, who still help each other.'],
        open_2: [
          'Respite care was changed without asking us.',
          'We were told about the new rules after they were already decided.',
        ],
        open_3: ['Let carers vote on the decisions that affect us.'],
      },
    },
    provider: {
      early: {
        open_1: ['Getting to know the families before a crisis, not during one.'],
        open_2: ['Finding time for meetings between home visits.'],
        open_3: ['A shared calendar for the whole valley.'],
      },
      late: {
        open_1: ['The team works well together now.'],
        open_2: ['Staff shortages since the summer.'],
        open_3: ['Involve the families earlier when budgets change.'],
      },
    },
  },
};
