/**
 * The one way casechat folds text for comparison: lower case, accents stripped (é → e, å → a),
 * æ → a, ø → o, and — unless `digraphs` is false — the two-letter spellings of keyboards without
 * æ, ø and å read as those letters (ae → a, oe → o, aa → a): "hjemløse", "hjemloese" and "hjemlose"
 * all become "hjemlose". It is exactly what the corpus-trained model's tokenizer normalizer does
 * (NFKD, lower case, combining marks removed, then the Danish folds, in this order), so words,
 * index terms and model tokens always meet.
 */
export function foldDanish(text: string, digraphs = true): string {
  // plain ASCII (most words) has nothing to decompose or strip, and no æ or ø
  const out = ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').toLowerCase().replace(COMBINING_MARKS, '');
  const letters = replaceAll(out, LETTER_FOLDS);
  return digraphs ? foldDigraphs(letters) : letters;
}

const ASCII = /^\p{ASCII}*$/u;

/** A text folded without digraphs (`foldDanish(text, false)`) with its digraphs read as letters: the same as `foldDanish(text)`. */
export function foldDigraphs(folded: string): string {
  return replaceAll(folded, DIGRAPH_FOLDS);
}

/** Each pair's first string replaced by its second, in order (a string that does not occur costs one search). */
function replaceAll(text: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  let out = text;
  for (const [from, to] of pairs) if (out.includes(from)) out = out.replaceAll(from, to);
  return out;
}

/** Danish spellings folded together, in this order (å is `a` + ring by then, so it went with the accents). */
export const FOLDS: ReadonlyArray<readonly [string, string]> = [
  ['æ', 'a'],
  ['ø', 'o'],
  ['ae', 'a'],
  ['oe', 'o'],
  ['aa', 'a'],
];

/** The folds of letters, and of digraphs: the first two of `FOLDS`, and the rest. */
const LETTER_FOLDS = FOLDS.slice(0, 2);
const DIGRAPH_FOLDS = FOLDS.slice(2);

/** Combining marks removed by transformers.js `StripAccents` (its `remove_accents`). */
const COMBINING_MARKS = /[\u0300-\u036f]/g;
