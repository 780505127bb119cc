import { Memo } from '../cache.js';
import { MEMO_LIMITS } from '../config.js';
import { danish } from '../language/da.js';
import { foldDanish } from './fold.js';
import { stemmer } from '@orama/stemmers/danish';
import { stopwords as danishStopwords } from '@orama/stopwords/danish';

/**
 * The Danish analyser shared by the lexical index and query understanding:
 * lower-case → words → stop words out → irregular plural to lemma ("børn" → "barn") → Snowball
 * Danish stem → fold æ/ae→a, ø/oe→o, å/aa→a.
 * Folding after stemming lets "hjemlose", "hjemloese" and "hjemløse" meet, while the stemmer
 * still sees the Danish letters when they are typed.
 */

// Question words and fillers that carry no topic in a user's question.
const QUESTION_WORDS = [
  'hvordan',
  'hvilke',
  'hvilken',
  'hvilket',
  'hvem',
  'hvad',
  'hvor',
  'hvornår',
  'hvorfor',
  'kan',
  'kunne',
  'findes',
  'nogen',
  'nogle',
  'eksempler',
  'eksempel',
  'projekter',
  'projekt',
  'fortæl',
  'mere',
  'gerne',
  'vide',
  'vil',
  'man',
  'vi',
  'jeg',
  'få',
  'gør',
  'gøre',
  'andre',
  'anden',
  'andet',
  'der',
  'har',
  'haft',
  'arbejdet',
  'arbejder',
  'lavet',
  'sted',
  'steder',
  'løsning',
  'løsninger',
  'kommune',
  'kommuner',
  'kommunen',
  'hjælper',
  'hjælpe',
  'bruge',
  'bruger',
  'brugt',
  'nye',
  'ny',
  'nyt',
  'måde',
  'måder',
  'ting',
  'god',
  'gode',
  'bedre',
  'bedst',
  'via',
  'fx',
  'f.eks',
  'osv',
  'case',
  'cases',
  'handler',
  'emne',
  'emner',
  'tema',
  'the',
  'and',
  'of',
  'to',
  'in',
  'a',
  'is',
];

/** Stop words: the Snowball Danish list. */
export const STOP_WORDS: ReadonlySet<string> = new Set(danishStopwords);
/** Words ignored in queries only (they are common in questions, rarely the topic). */
export const QUERY_STOP_WORDS: ReadonlySet<string> = new Set([...danishStopwords, ...QUESTION_WORDS]);

/** Lower-cased words (letters and digits, inner hyphens split), in order. */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFC')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** One word to its index term (stemmed and folded), or null for a stop word. */
export function term(word: string, stop: ReadonlySet<string> = STOP_WORDS): string | null {
  if (stop.has(word)) return null;
  if (word.length === 1 && !/\d/.test(word)) return null;
  return TERMS.get(word, (w) => foldDanish(stemmer(IRREGULAR.get(w) ?? w)));
}

// plurals with a changed vowel ("børn", "hænder") are read as their lemma before stemming
const IRREGULAR = new Map(
  Object.entries(danish.irregularForms).flatMap(([form, lemma]) => [
    [form, lemma],
    [foldDanish(form), lemma],
  ]),
);

/** Stemmed, folded terms of the words seen so far: stemming is the costliest step of analysis. */
const TERMS = new Memo<string, string>(MEMO_LIMITS.terms);

/** A text to its index terms, in order (stop words removed). */
export function analyseText(text: string, stop: ReadonlySet<string> = STOP_WORDS): string[] {
  return analyseWords(text, stop).map((x) => x.term);
}

/** A text to its words and their index terms, in order (stop words removed). */
export function analyseWords(text: string, stop: ReadonlySet<string> = STOP_WORDS): Array<{ word: string; term: string }> {
  const out: Array<{ word: string; term: string }> = [];
  for (const word of words(text)) {
    const t = term(word, stop);
    if (t) out.push({ word, term: t });
  }
  return out;
}

/**
 * Adverbs and particles (the profile's closed class): never the last part of a compound. Without
 * this "kollegerne" split as "koll" + "gerne", and a case that mentions KOL and says "gerne"
 * covered it. Other function words may be ("børne|have", "over|gang").
 */
const PARTICLES: ReadonlySet<string> = new Set(danish.closed.particles.flatMap((w) => [w.toLowerCase(), foldDanish(w.toLowerCase())]));

/**
 * Particles and conjunctions: never a short first part ("så|kaldt"). A word that begins with one is
 * built with it as a prefix, not a compound of two things.
 */
const SHORT_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  [...danish.closed.particles, ...danish.closed.conjunctions].flatMap((w) => [w.toLowerCase(), foldDanish(w.toLowerCase())]),
);

/**
 * Splits a compound word into two parts whose terms the corpus knows ("hjemløseboliger" →
 * "hjemlos" + "bol"), allowing the Danish linking letters -s- and -e-. Works on the written word,
 * so the stemmer sees each part as a word of its own. The last part is no particle (see
 * `PARTICLES`). Parts have `minPart` letters or more; the first part may be shorter, down to
 * `minHead` ("by|midte", "mad|ordning"). Returns null when no split uses known parts.
 */
export function splitCompound(word: string, known: (t: string) => boolean, minPart = 4, minHead = minPart): [string, string] | null {
  if (word.length < minHead + minPart) return null;
  let best: [string, string] | null = null;
  let bestScore = 0;
  for (let i = minHead; i <= word.length - minPart; i++) {
    if (i < minPart && SHORT_FUNCTION_WORDS.has(word.slice(0, i))) continue;
    const head = foldDanish(stemmer(word.slice(0, i)));
    if (!known(head)) continue;
    for (const link of ['', 's', 'e']) {
      if (link && word.slice(i, i + link.length) !== link) continue;
      const rest = word.slice(i + link.length);
      if (rest.length < minPart || PARTICLES.has(rest)) continue;
      const tail = foldDanish(stemmer(rest));
      if (!known(tail) || tail.length < 3) continue;
      // prefer balanced splits with long parts
      const score = Math.min(i, rest.length);
      if (score > bestScore) [best, bestScore] = [[head, tail], score];
    }
  }
  return best;
}

const PREFIXES: readonly string[] = [...danish.derivation.prefixes].sort((a, b) => b.length - a.length);
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [...danish.derivation.suffixes].sort((a, b) => b[0].length - a[0].length);

/**
 * The words an unknown word may be built from, by the profile's word formation (`derivation`):
 * the word without a prefix ("nyuddannede" → "uddannede"), or its stem with a derivational ending
 * replaced by its base's ("spisning" → "spise", "ældst" → "ældre"). An unstressed -e- the ending
 * dropped comes back ("cyklist" → "cykel"). Prefixes first, longest ending first; the caller keeps
 * the first base the corpus knows. Parts of at least `minBase` letters.
 */
export function derivationBases(word: string, minBase = 4): string[] {
  const out: string[] = [];
  for (const p of PREFIXES) if (word.length - p.length > minBase && word.startsWith(p)) out.push(word.slice(p.length));
  const stem = stemmer(word);
  for (const [ending, base] of SUFFIXES) {
    const root = stem.slice(0, -ending.length);
    if (!stem.endsWith(ending) || root.length < minBase - 1 || (root + base).length < minBase) continue;
    out.push(root + base);
    const syncope = /^(.*[^aeiouyæøå])([lnr])$/.exec(root);
    if (syncope) out.push(`${syncope[1]}e${syncope[2]}${base}`);
  }
  return out;
}

/**
 * First parts that a corpus uses only inside compounds: "klima" in "klimaforandringerne",
 * "klimaudvikling" and "klimasekretariatet", where "klima" never stands alone. A part counts when
 * at least `minWords` distinct words begin with it and go on (after an optional linking -s- or -e-)
 * with a word the corpus knows. Learned once per index, they let "klimaet" meet those compounds,
 * which `splitCompound` alone cannot: it splits only into parts already known.
 */
export function compoundHeads(words: Iterable<string>, known: (t: string) => boolean, minWords = 3, minPart = 4): Set<string> {
  const tailsOf = new Map<string, Set<string>>();
  for (const word of words) {
    if (word.length < minPart * 2 + 1) continue;
    for (let i = minPart; i <= word.length - minPart; i++) {
      const head = term(word.slice(0, i), NO_STOP_WORDS);
      if (head === null || head.length < minPart || known(head)) continue;
      for (const link of ['', 's', 'e']) {
        if (link && word.slice(i, i + link.length) !== link) continue;
        const rest = word.slice(i + link.length);
        const tail = rest.length >= minPart ? term(rest, NO_STOP_WORDS) : null;
        if (tail === null || tail.length < minPart || !known(tail)) continue;
        let tails = tailsOf.get(head);
        if (!tails) tailsOf.set(head, (tails = new Set()));
        tails.add(tail);
      }
    }
  }
  return new Set([...tailsOf].filter(([, tails]) => tails.size >= minWords).map(([head]) => head));
}

const NO_STOP_WORDS: ReadonlySet<string> = new Set();

/**
 * Whether two spellings differ only in doubled letters ("robbot" / "robot", "skolle" / "skole",
 * "komune" / "kommune"): the commonest slip in Danish spelling, where a consonant's length is not
 * heard. Such a correction is as sure as the word itself, however short.
 */
export function doublingSlip(a: string, b: string): boolean {
  return a !== b && undouble(a) === undouble(b);
}

const undouble = (w: string): string => w.replace(/(.)\1+/g, '$1');

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
