import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import type { Message } from '../../server/i18n/catalogue.js';
import { translator as participantTranslator } from '../../server/i18n/participant-messages.js';
import { ruleDefinitions } from '../../server/domain/statistics/status-definitions.js';
import { DEFAULT_STATUS_THRESHOLDS } from '../../server/domain/statistics/status-rules.js';
import { PACKAGE_ROOT } from '../../server/package-root.js';

/**
 * Staff and evaluator Italian says "tu"; participants are addressed with "Lei" (ADR 0111). Each
 * pair below is one that staff text has used: the "tu" form staff pages say and the "Lei" form
 * that must not come back. Words that are also nouns ("controlli", "confronti", "racconti",
 * "spunti") or third persons ("ha", "può", lower-case "suo") cannot tell the registers apart
 * alone, so they are listed as the phrases in which they did.
 */
const PAIRS: readonly { tu: string; lei: string; capital?: true }[] = [
  { tu: 'Inserisci', lei: 'Inserisca' },
  { tu: 'Inseriscilo', lei: 'Lo inserisca' },
  { tu: 'Scegli', lei: 'Scelga' },
  { tu: 'Scrivi', lei: 'Scriva' },
  { tu: 'Scrivilo', lei: 'lo scriva' },
  { tu: 'Stampa', lei: 'Stampi' },
  { tu: 'Usa', lei: 'Usi' },
  { tu: 'Lascia', lei: 'Lasci' },
  { tu: 'Imposta', lei: 'Imposti' },
  { tu: 'Aggiungi', lei: 'Aggiunga' },
  { tu: 'Compila', lei: 'Compili' },
  { tu: 'Riprova', lei: 'Riprovi' },
  { tu: 'Conferma', lei: 'Confermi' },
  { tu: 'Torna', lei: 'Torni' },
  { tu: 'Guarda', lei: 'Guardi' },
  { tu: 'Pubblica', lei: 'Pubblichi' },
  { tu: 'Dillo', lei: 'Lo dica' },
  { tu: 'di’', lei: 'Dica' },
  { tu: 'guarda', lei: 'Veda' },
  { tu: 'controlla la carta', lei: 'controlli la carta' },
  { tu: 'Controlla il codice', lei: 'Controlli il codice' },
  { tu: 'Confronta ogni risposta', lei: 'Confronti ogni risposta' },
  { tu: 'Racconta ai partecipanti', lei: 'Racconti ai partecipanti' },
  { tu: 'spunta la casella', lei: 'spunti la casella' },
  { tu: 'Hai fatto tu', lei: 'Ha fatto lei' },
  { tu: 'ciò che hai scritto', lei: 'ciò che ha scritto' },
  { tu: 'se lo scegli', lei: 'se lo sceglie' },
  { tu: 'Se hai ricevuto', lei: 'Se ha ricevuto' },
  { tu: 'tuo', lei: 'Suo', capital: true },
  { tu: 'tua', lei: 'Sua', capital: true },
  { tu: 'tuoi', lei: 'Suoi', capital: true },
  { tu: 'tue', lei: 'Sue', capital: true },
  { tu: 'tu', lei: 'Lei', capital: true },
];

/** The Lei forms in text, as whole words; "Suo" and "Lei" only capitalised, as lower-case they mean his, hers or her. */
function leiFormsIn(text: string): string[] {
  return PAIRS.filter(({ lei, capital }) =>
    new RegExp(`(?<![\\p{L}’'])${lei}(?![\\p{L}])`, capital ? 'u' : 'iu').test(text),
  ).map(({ lei }) => lei);
}

/**
 * Staff pages that speak to participants, and so say Lei: the home page's box for someone
 * holding an invitation.
 */
const SPEAKING_TO_PARTICIPANTS = new Set(['home.participantsBody', 'home.participantsLink']);

/** The title participants read, quoted as they read it where staff write the summary. */
const PARTICIPANT_TITLE = participantTranslator('it')('youSaidTitle');

const forms = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));

/** Every Italian message of every staff and evaluator part (every file, so a new part is covered), by part and key. */
async function staffItalian(): Promise<{ where: string; text: string }[]> {
  const found: { where: string; text: string }[] = [];
  for (const audience of ['staff', 'evaluator']) {
    const folder = join(PACKAGE_ROOT, 'server', 'i18n', audience);
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
      const part = (await import(pathToFileURL(join(folder, file)).href)) as { it?: Record<string, Message> };
      expect(part.it, `${audience}/${file} exports its Italian as "it"`).to.be.an('object');
      for (const [key, message] of Object.entries(part.it!))
        if (!SPEAKING_TO_PARTICIPANTS.has(key))
          for (const text of forms(message)) found.push({ where: `${audience}/${file} ${key}`, text });
    }
  }
  const rules = ruleDefinitions(DEFAULT_STATUS_THRESHOLDS, 'it');
  found.push({ where: 'status rules', text: JSON.stringify(rules) });
  return found;
}

describe('one register in staff Italian (ADR 0111)', function () {
  it('tells the Lei forms from the tu forms of the list', function () {
    expect(leiFormsIn('Scriva il codice e controlli la carta.')).to.deep.equal(['Scriva', 'controlli la carta']);
    expect(leiFormsIn('Scrivi il codice e controlla la carta; i controlli sono qui.')).to.deep.equal([]);
    expect(leiFormsIn('Inserisca il Suo codice')).to.deep.equal(['Inserisca', 'Suo']);
    expect(leiFormsIn('il suo gruppo, ciò che ha scritto')).to.deep.equal(['ciò che ha scritto']);
    for (const { tu } of PAIRS) expect(leiFormsIn(tu), tu).to.deep.equal([]);
  });

  it('finds no Lei form in any staff or evaluator Italian message', async function () {
    const texts = await staffItalian();
    expect(texts.length).to.be.greaterThan(500);
    const lei = texts
      .map(({ where, text }) => ({ where, forms: leiFormsIn(text.replaceAll(PARTICIPANT_TITLE, '')) }))
      .filter(({ forms }) => forms.length > 0)
      .map(({ where, forms }) => `${where}: ${forms.join(', ')}`);
    expect(lei).to.deep.equal([]);
  });

  it('keeps Lei where staff pages speak to participants', async function () {
    const { it: italian } = await import('../../server/i18n/staff/site.js');
    for (const key of SPEAKING_TO_PARTICIPANTS)
      expect(leiFormsIn(forms(italian[key as keyof typeof italian])[0]!), key).to.have.length.greaterThan(0);
  });
});
