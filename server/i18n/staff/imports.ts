/**
 * What a refused participant or response import says about the file's column separator
 * (ADR 0098). The other import problems are still written by the services in English.
 */
import type { Message } from '../catalogue.js';

export const en = {
  'imports.noSeparator':
    'the header line has no column separator this import reads: separate the columns with a comma (,), a semicolon (;) or a tab',
  'imports.mixedSeparators':
    'the header line separates its columns with more than one kind of separator ({found}): use only one, a comma (,), a semicolon (;) or a tab',
} satisfies Record<string, Message>;

export const it: Record<keyof typeof en, Message> = {
  'imports.noSeparator':
    'la riga di intestazione non ha un separatore di colonne che questa importazione sappia leggere: separa le colonne con una virgola (,), un punto e virgola (;) o una tabulazione',
  'imports.mixedSeparators':
    'la riga di intestazione separa le colonne con più di un tipo di separatore ({found}): usane uno solo, una virgola (,), un punto e virgola (;) o una tabulazione',
};
