/**
 * The corpus model's WordPiece vocabulary: folded whole words seen often enough, continuation
 * pieces for compound tails and word endings, word beginnings, and every character (so no word
 * is ever wholly unknown). Pieces that spell a whole word share that word's vector ("unit").
 */
import { CONTINUATION, MAX_INPUT_CHARS_PER_WORD, SPECIAL_TOKENS, preTokenize } from './tokenizer.js';

/** Options of `buildVocabulary`. */
export interface VocabularyOptions {
  /** A folded word becomes a token when it occurs at least this often. */
  minCount: number;
  /** Shortest and longest word ending learned as a `##` piece, in characters. */
  minPieceLength: number;
  maxPieceLength: number;
  /** An ending (or beginning) becomes a piece when at least this many distinct words end (begin) with it. */
  minPieceWords: number;
  /** At most this many ending pieces and this many beginning pieces, the most widespread first. */
  maxPieces: number;
}

/** A vocabulary and, per token, the training unit whose vector it takes. */
export interface LearnedVocabulary {
  /** Token strings; the index is the token id. Starts with `SPECIAL_TOKENS`. */
  tokens: string[];
  /** Unit names: a whole word for words and `##word` pieces, the piece itself otherwise. */
  units: string[];
  /** `unitOf[tokenId]` is an index into `units`, or -1 for special tokens. */
  unitOf: Int32Array;
}

/** Shortest word that also serves as a compound tail piece (`##word`) sharing its vector. */
const MIN_TAIL_LENGTH = 3;

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/** True for tokens that carry content (a letter or digit); punctuation tokens get no vector. */
export function isContentToken(token: string): boolean {
  return HAS_WORD_CHAR.test(token) && !(SPECIAL_TOKENS as readonly string[]).includes(token);
}

function byCountThenText(counts: Map<string, number>): (a: string, b: string) => number {
  return (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Learn a vocabulary from texts. Order: special tokens, whole words (most frequent first),
 * `##word` compound tails, learned `##ending` pieces, learned word beginnings, then single
 * characters and `##` characters.
 */
export function buildVocabulary(texts: readonly string[], o: VocabularyOptions): LearnedVocabulary {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of preTokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const words = [...counts.keys()].filter((w) => counts.get(w)! >= o.minCount && [...w].length <= MAX_INPUT_CHARS_PER_WORD).sort(byCountThenText(counts));

  // A compound's tail is usually a word of its own: "hjemløse|området". Short words are
  // left out: "##i" or "##og" inside a word is an ending, not the word "i" or "og".
  const tails = new Set(words.filter((w) => isContentToken(w) && [...w].length >= MIN_TAIL_LENGTH));

  // Word endings and beginnings shared by many distinct words: inflections ("##erne") and
  // compound heads ("borger", "sundheds") that split words the vocabulary has not seen whole.
  const endingWords = new Map<string, number>();
  const headWords = new Map<string, number>();
  for (const word of counts.keys()) {
    if (!isContentToken(word)) continue;
    const chars = [...word];
    for (let len = o.minPieceLength; len <= o.maxPieceLength && len <= chars.length - 2; len++) {
      const ending = chars.slice(chars.length - len).join('');
      if (!tails.has(ending)) endingWords.set(ending, (endingWords.get(ending) ?? 0) + 1);
      const head = chars.slice(0, len).join('');
      headWords.set(head, (headWords.get(head) ?? 0) + 1);
    }
  }
  const widespread = (m: Map<string, number>): string[] =>
    [...m.keys()]
      .filter((piece) => m.get(piece)! >= o.minPieceWords)
      .sort(byCountThenText(m))
      .slice(0, o.maxPieces);
  const endings = widespread(endingWords);
  const heads = widespread(headWords);

  const chars = new Set<string>();
  for (const word of counts.keys()) for (const ch of word) chars.add(ch);
  const charList = [...chars].sort();

  const seen = new Set<string>();
  const tokens: string[] = [];
  const add = (t: string): void => {
    if (!seen.has(t)) {
      seen.add(t);
      tokens.push(t);
    }
  };
  SPECIAL_TOKENS.forEach(add);
  words.forEach(add);
  tails.forEach((w) => {
    add(CONTINUATION + w);
  });
  endings.forEach((e) => {
    add(CONTINUATION + e);
  });
  heads.forEach(add);
  charList.forEach(add);
  charList.forEach((c) => {
    add(CONTINUATION + c);
  });

  const units: string[] = [];
  const unitIndex = new Map<string, number>();
  const unitOf = new Int32Array(tokens.length).fill(-1);
  tokens.forEach((token, id) => {
    if (id < SPECIAL_TOKENS.length) return;
    const bare = token.startsWith(CONTINUATION) ? token.slice(CONTINUATION.length) : token;
    const unit = token.startsWith(CONTINUATION) && tails.has(bare) ? bare : token;
    let u = unitIndex.get(unit);
    if (u === undefined) {
      u = units.length;
      units.push(unit);
      unitIndex.set(unit, u);
    }
    unitOf[id] = u;
  });
  return { tokens, units, unitOf };
}
