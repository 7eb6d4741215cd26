/**
 * The definite article an Italian sentence needs before a name the project chose, such as a
 * wave's label: "partecipare all'Ondata 5", "le risposte per la Rilevazione 2". Italian cannot
 * say "a Ondata 5". The gender is read from the first word's ending, which holds for the nouns
 * a wave is named with (ondata, rilevazione, giro, ciclo); a name whose gender cannot be read
 * (a number, an English word ending in -e) is quoted instead, which Italian accepts without an
 * article: "partecipare a «Wave 3»".
 */

type Article = "l'" | 'la' | 'il' | 'lo';

const VOWEL = /^[aeiouàèéìíòóùú]/i;
const FEMININE = /(a|zione|sione|tà|tù)$/i;
const MASCULINE = /o$/i;
// Masculine words beginning so take "lo": studio, zaino, gnomo, psicologo, yogurt, xilofono, iato.
const LO = /^(s[^aeiouàèéìíòóùú]|z|gn|ps|pn|x|y|i[aeiou])/i;

function articleFor(name: string): Article | null {
  const word = /^\p{L}+/u.exec(name.trim())?.[0];
  if (!word) return null;
  if (VOWEL.test(word) && !/^i[aeiou]/i.test(word)) return "l'";
  if (FEMININE.test(word)) return 'la';
  if (MASCULINE.test(word)) return LO.test(word) ? 'lo' : 'il';
  return null;
}

const WITH_A: Record<Article, string> = { "l'": "all'", la: 'alla', il: 'al', lo: 'allo' };

/** The name with its article: "l'Ondata 5", "la Rilevazione 2", or «Wave 3» when the gender cannot be read. */
export function withArticle(name: string): string {
  const article = articleFor(name);
  if (!article) return `«${name}»`;
  return article === "l'" ? `l'${name}` : `${article} ${name}`;
}

/** "a" joined with the article: "all'Ondata 5", "alla Rilevazione 2", or "a «Wave 3»". */
export function withA(name: string): string {
  const article = articleFor(name);
  if (!article) return `a «${name}»`;
  return article === "l'" ? `all'${name}` : `${WITH_A[article]} ${name}`;
}
