/**
 * Numbers written in a text, as figures or as words, in English and Italian: what a summary
 * may not contain while a group of its wave is too small to report (ADR 0105). Figures are any
 * Unicode number character (digits of every script, superscripts, fractions, Roman numeral
 * signs) and the percent signs. Words are the cardinals, the words for round amounts (dozen,
 * decina, half, metà) and "both"/"entrambi", which say that a group is two.
 *
 * Left out on purpose: the indefinite articles (Italian "un", "uno", "una"), "no one", ordinals
 * ("the first wave"), and quantifiers that give no count ("all", "most", "few", "tutti"), which
 * are how a summary says what it heard without numbers.
 */
const FIGURES = /[\p{N}%‰]+/gu;
const WORD = /[\p{L}\p{M}]+/gu;

const ENGLISH = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
  'hundred',
  'hundreds',
  'thousand',
  'thousands',
  'dozen',
  'dozens',
  'half',
  'halves',
  'quarter',
  'quarters',
  'percent',
  'both',
  'pair',
];

const ITALIAN = [
  'zero',
  'due',
  'tre',
  'quattro',
  'cinque',
  'sei',
  'sette',
  'otto',
  'nove',
  'dieci',
  'undici',
  'dodici',
  'tredici',
  'quattordici',
  'quindici',
  'sedici',
  'diciassette',
  'diciotto',
  'diciannove',
  'cento',
  'mille',
  'mila',
  'decina',
  'decine',
  'dozzina',
  'dozzine',
  'ventina',
  'trentina',
  'centinaio',
  'centinaia',
  'migliaio',
  'migliaia',
  'metà',
  'percento',
  'entrambi',
  'entrambe',
  'ambedue',
  'paio',
  'coppia',
];

const NUMBER_WORDS = new Set([...ENGLISH, ...ITALIAN]);

/** Italian tens and their compounds as one word: venti, ventuno, ventitré, trentadue, novantotto. */
const ITALIAN_TENS =
  /^(?:vent|trent|quarant|cinquant|sessant|settant|ottant|novant)(?:(?:a|i)(?:due|tre|tré|quattro|cinque|sei|sette|nove)?|uno|otto)$/;

/** Italian compounds with cento and mila: centodue, duecento, trecentoventi, duemila ("Milano" is not one). */
const ITALIAN_HUNDREDS =
  /^(?:(?:due|tre|quattro|cinque|sei|sette|otto|nove)?cento|(?:due|tre|quattro|cinque|sei|sette|otto|nove)mila)\p{L}*$/u;

function isNumberWord(word: string): boolean {
  return NUMBER_WORDS.has(word) || ITALIAN_TENS.test(word) || ITALIAN_HUNDREDS.test(word);
}

/** The numbers in a text as they are written there, each once, in the order they first appear. */
export function numbersIn(text: string): string[] {
  const found = new Map<string, number>();
  for (const m of text.matchAll(FIGURES)) if (!found.has(m[0])) found.set(m[0], m.index);
  let previous = '';
  for (const m of text.matchAll(WORD)) {
    // Text typed on some systems arrives decomposed (a + U+0300 for à); the word lists are composed.
    const word = m[0].normalize('NFC').toLocaleLowerCase('en');
    // "no one" is nobody, not a count; "per cento" is caught by "cento".
    const isNoOne = word === 'one' && previous === 'no';
    if (!isNoOne && isNumberWord(word) && !found.has(m[0])) found.set(m[0], m.index);
    previous = word;
  }
  return [...found.entries()].sort((a, b) => a[1] - b[1]).map(([written]) => written);
}
