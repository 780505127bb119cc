import { foldDanish } from './fold.js';
/**
 * Small text helpers shared by the segmenter, contacts and search.
 * Nothing here knows about a particular document.
 */

/** A text with the characters a regular expression gives meaning to escaped, to match it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Letters and digits only, folded: for comparing titles written with other punctuation or case. */
export function alnumKey(text: string): string {
  return foldDanish(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** URL-safe slug with Danish letters spelled out (ae, oe, aa). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** Dice coefficient over character trigrams of the folded, alnum-only strings (0..1). */
export function trigramSimilarity(a: string, b: string): number {
  return diceSimilarity(trigrams(alnumKey(a)), trigrams(alnumKey(b)));
}

/** Character trigrams of a key (see `alnumKey`), padded at the start and end, with their counts. */
export function trigrams(key: string): Map<string, number> {
  const k = `  ${key} `;
  const m = new Map<string, number>();
  for (let i = 0; i + 3 <= k.length; i++) {
    const g = k.slice(i, i + 3);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient of two trigram counts (0..1). */
export function diceSimilarity(ga: Map<string, number>, gb: Map<string, number>): number {
  let inter = 0;
  let total = 0;
  for (const [g, n] of ga) {
    inter += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * inter) / total;
}

/** True when a line has no visible characters (spaces, NBSP, zero-width). */
export function isBlank(line: string): boolean {
  return /^[\s\u00a0\u200b\ufeff]*$/u.test(line);
}

/** True when the letters of a line are (almost) all upper case and there are some. */
export function isUpperLine(line: string): boolean {
  const letters = line.match(/\p{L}/gu) ?? [];
  if (letters.length < 2) return false;
  const upper = letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length;
  return upper / letters.length >= 0.9;
}

/** Number of words in a text. */
export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

const SMALL_WORDS = new Set(['og', 'i', 'til', 'af', 'på', 'for', 'med', 'om', 'fra', 'ved', 'en', 'et', 'de', 'den', 'det', 'uden', 'mod', 'som']);

/**
 * Readable title case for text printed in capitals ("SÆRLIG INDSATS I KRITISKE SITUATIONER" →
 * "Særlig indsats i kritiske situationer"); words that keep mixed or upper case in `keep` stay as written.
 */
export function sentenceCaseFromCaps(text: string, opts: { properNouns?: boolean } = {}): string {
  const words = text.toLowerCase().split(/(\s+)/);
  let first = true;
  return words
    .map((w) => {
      if (/^\s+$/.test(w) || w === '') return w;
      const cap = w.charAt(0).toUpperCase() + w.slice(1);
      if (first) {
        first = false;
        return cap;
      }
      if (opts.properNouns && !SMALL_WORDS.has(w)) return cap;
      return w;
    })
    .join('');
}

/** Joins words broken by a hyphen at a line or column break ("TVÆRSEK- TIONELLE" → "TVÆRSEKTIONELLE"). */
export function joinBrokenWords(text: string): string {
  return text.replace(/(\p{L})- (\p{Ll}|\p{Lu}(?=\p{Lu}))/gu, '$1$2');
}

/** Collapse runs of whitespace to single spaces and trim. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0]+/gu, ' ').trim();
}

// A word boundary that knows æ, ø and å: JavaScript's \b only knows ASCII letters, so
// /\bhvornår\b/ never matches "hvornår?".
const BOUNDARY = String.raw`(?:(?<=[\p{L}\p{N}_])(?![\p{L}\p{N}_])|(?<![\p{L}\p{N}_])(?=[\p{L}\p{N}_]))`;

/** A regular expression whose \b and \w mean Unicode word boundaries and letters (Danish words). */
export function ure(source: string, flags = ''): RegExp {
  const s = source.replace(/\\b/g, BOUNDARY).replace(/\\w/g, String.raw`[\p{L}\p{N}_]`);
  return new RegExp(s, flags.includes('u') ? flags : `${flags}u`);
}
