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
  let out = ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').toLowerCase().replace(COMBINING_MARKS, '');
  for (const [from, to] of digraphs ? FOLDS : FOLDS.slice(0, 2)) if (out.includes(from)) out = out.replaceAll(from, to);
  return out;
}

const ASCII = /^\p{ASCII}*$/u;

/** A text folded without digraphs (`foldDanish(text, false)`) with its digraphs read as letters: the same as `foldDanish(text)`. */
export function foldDigraphs(folded: string): string {
  let out = folded;
  for (const [from, to] of FOLDS.slice(2)) if (out.includes(from)) out = out.replaceAll(from, to);
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

/** Combining marks removed by transformers.js `StripAccents` (its `remove_accents`). */
const COMBINING_MARKS = /[\u0300-\u036f]/g;
