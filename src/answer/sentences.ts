import { danish } from '../language/da.js';
import { foldWord } from '../language/lexicon.js';
import type { LanguageProfile } from '../language/profile.js';
import { escapeRegExp, squash } from '../text/normalize.js';
import type { Chunk } from '../types.js';

/** A sentence of a chunk, with its exact place in the source. */
export interface Sentence {
  chunk: Chunk;
  /** The sentence exactly as in the source (may span lines). */
  text: string;
  /** Offsets in the chunk text. */
  start: number;
  end: number;
  /** 1-based lines of the source the sentence stands on. */
  lineStart: number;
  lineEnd: number;
  /** Position in the chunk (0 = first). */
  index: number;
}

// A sentence may end at . ! ? (optionally a closing quote) followed by space and a capital, digit, quote or dash; a line break always ends one.
const BOUNDARY = /(?<=[.!?]["”’)]?)\s+(?=["”“(–-]?[\p{Lu}\p{N}])|\n+/gu;
// A line that is an item of a list: it belongs with the line that introduces the list.
export const LIST_ITEM = /^\s*(?:[-•*▪–]|\d+[.)])\s+/u;

function lineOf(chunk: Chunk, offset: number): number {
  let n = chunk.lineStart;
  for (let i = 0; i < offset && i < chunk.text.length; i++) if (chunk.text.charCodeAt(i) === 10) n++;
  return n;
}

const abbreviationSets = new WeakMap<LanguageProfile, { all: Set<string>; closing: Set<string> }>();

/**
 * Whether the full stop before `at` ends an abbreviation ("pr.", "f.eks.", "& Co.") or an initial
 * ("H. C. Andersen"), so it ends no sentence. One that stands last in a phrase ("kr.", "osv.") ends
 * the sentence all the same when a capitalised word follows (`closingAbbreviations`).
 */
export function endsAbbreviation(text: string, at: number, profile: LanguageProfile = danish): boolean {
  let sets = abbreviationSets.get(profile);
  if (!sets)
    abbreviationSets.set(profile, (sets = { all: new Set(profile.abbreviations.map(foldWord)), closing: new Set(profile.closingAbbreviations.map(foldWord)) }));
  const before = /([\p{L}][\p{L}.]*)\.$/u.exec(text.slice(Math.max(0, at - 12), at));
  if (!before) return false;
  const word = foldWord(before[1]);
  if (/^\p{Lu}$/u.test(before[1])) return true; // an initial
  if (sets.closing.has(word) && /^\s+["”“(]?\p{Lu}[\p{Ll}\s]/u.test(text.slice(at, at + 8))) return false;
  return sets.all.has(word);
}

const datelines = new WeakMap<LanguageProfile, RegExp>();

/**
 * Length of the date line a sentence opens with ("date 2018-10 - Det er …", "Dato: 12.03.2019 –
 * …", "2018-10-01 | …"), 0 when none: a labelled date, or a bare one followed by a dash or bar.
 * The rest is the sentence.
 */
export function datelineLength(text: string, profile: LanguageProfile = danish): number {
  let re = datelines.get(profile);
  if (!re) {
    const labels = profile.dateLabels.map(escapeRegExp).join('|');
    const date = String.raw`(?:\d{4}-\d{2}(?:-\d{2})?|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:,?\s+(?:kl\.\s*)?\d{1,2}[:.]\d{2})?`;
    re = new RegExp(String.raw`^(?:(?:${labels})\s*:?\s*${date}\s*[-–|:]?|${date}\s*[-–|])\s+(?=["”“]?\p{L})`, 'iu');
    datelines.set(profile, re);
  }
  return re.exec(text)?.[0].length ?? 0;
}

const SENTENCES = new WeakMap<Chunk, readonly Sentence[]>();

/**
 * Splits a chunk into sentences (bullets and lines count as sentences; a list stays with the line
 * that introduces it), keeping offsets and lines. A chunk is split once; later calls return the
 * same (read-only) list.
 */
export function sentencesOf(chunk: Chunk): readonly Sentence[] {
  let out = SENTENCES.get(chunk);
  if (!out) SENTENCES.set(chunk, (out = split(chunk)));
  return out;
}

function split(chunk: Chunk): Sentence[] {
  const text = chunk.text;
  const cuts: number[] = [0];
  for (const m of text.matchAll(BOUNDARY)) {
    const at = m.index ?? 0;
    if (m[0].includes('\n') || !endsAbbreviation(text, at)) cuts.push(at, at + m[0].length);
  }
  cuts.push(text.length);
  const spans: Array<[number, number]> = [];
  for (let i = 0; i + 1 < cuts.length; i += 2) {
    let start = cuts[i];
    let end = cuts[i + 1];
    while (start < end && /\s/.test(text[start])) start++;
    start += datelineLength(text.slice(start, end));
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) spans.push([start, end]);
  }
  // a line ending in ':' followed by list items is one unit with them ("De 10 kommuner er: - A - B")
  const merged: Array<{ start: number; end: number; list: boolean }> = [];
  for (const [start, end] of spans) {
    const prev = merged.at(-1);
    if (prev && LIST_ITEM.test(text.slice(start, end)) && (prev.list || /:\s*$/.test(text.slice(prev.start, prev.end)))) {
      prev.end = end;
      prev.list = true;
      continue;
    }
    merged.push({ start, end, list: false });
  }
  return merged.map(({ start, end }, index) => ({
    chunk,
    text: text.slice(start, end),
    start,
    end,
    lineStart: lineOf(chunk, start),
    lineEnd: lineOf(chunk, end - 1),
    index,
  }));
}

/** Two sentences of one chunk as one quote: from the start of the first to the end of the second, exactly as written. */
export function joinSentences(a: Sentence, b: Sentence): Sentence {
  const text = a.chunk.text.slice(a.start, b.end);
  return { chunk: a.chunk, text, start: a.start, end: b.end, lineStart: a.lineStart, lineEnd: b.lineEnd, index: a.index };
}

/** The sentence as shown in an answer: whitespace squashed, list marks, stray emphasis and quote marks removed. */
export function display(s: Sentence): string {
  return squash(
    s.text
      .replace(/\n\s*(?:[-•*▪–]|\d+[.)])\s+/gu, '; ')
      .replace(/:\s*;\s*/g, ': ')
      .replace(/([.!?])\s*;\s*/g, '$1 '),
  )
    .replace(/^[-•*▪]\s*/u, '')
    .replace(/^\d+\.\s+/, '')
    .replace(/\*+/g, '')
    .replace(/^[”"“]+\s*|\s*[”"“]+$/gu, '')
    .trim();
}

/** True for lines that are no sentence: headings, attributions ("- Emma, udviklingskonsulent"), contact details, captions. */
export function isNoise(s: Sentence, profile: LanguageProfile = danish): boolean {
  let memo = NOISE.get(profile);
  if (!memo) NOISE.set(profile, (memo = new WeakMap()));
  let known = memo.get(s);
  if (known === undefined) memo.set(s, (known = noise(s, profile)));
  return known;
}

/** Whether each sentence is noise, per profile: a chunk's sentences are made once and read for every question. */
const NOISE = new WeakMap<LanguageProfile, WeakMap<Sentence, boolean>>();

function noise(s: Sentence, profile: LanguageProfile): boolean {
  const t = squash(s.text);
  if (t.length < 25) return true;
  if (!/[.!?:”"]$/.test(t) && t.length < 70 && !t.includes('\n')) return true;
  if (/^[-–]\s*\p{Lu}\p{Ll}+,/u.test(t)) return true;
  if (/@|📞|☎|✉/u.test(t)) return true;
  if (/\?$/.test(t)) return true; // a question (often a heading) answers nothing
  if (/^[\p{Lu}]{4,}:/u.test(t)) return true; // a header field ("MÅLGRUPPE: …")
  // a caption or a credit ("Billede: …", "Foto: …")
  const label = /^(\p{L}+)\s*:/u.exec(t)?.[1];
  if (label && profile.captionLabels.some((l) => foldWord(l) === foldWord(label))) return true;
  return false;
}
