import type { Chunk } from '../types.js';
import { squash } from '../text/normalize.js';

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

// A sentence ends at . ! ? (optionally closing quote) followed by space and a capital, digit, quote or dash; or at a line break.
const BOUNDARY = /(?<=[.!?]["”’)]?)\s+(?=["”“(–-]?[\p{Lu}\p{N}])|\n+/gu;
// Abbreviations that end in a full stop without ending the sentence.
const ABBREVIATIONS = /\b(fx|f\.eks|bl\.a|ca|mio|mia|kr|nr|evt|inkl|ekskl|jf|dvs|mv|osv|pga|stk|tlf|dr|mr|st|kl|mm|ift|vha|ang|iflg|att)\.$/i;

function lineOf(chunk: Chunk, offset: number): number {
  let n = chunk.lineStart;
  for (let i = 0; i < offset && i < chunk.text.length; i++) if (chunk.text.charCodeAt(i) === 10) n++;
  return n;
}

const SENTENCES = new WeakMap<Chunk, readonly Sentence[]>();

/**
 * Splits a chunk into sentences (bullets and lines count as sentences), keeping offsets and
 * lines. A chunk is split once; later calls return the same (read-only) list.
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
    if (m[0].includes('\n') || !ABBREVIATIONS.test(text.slice(Math.max(0, at - 8), at))) cuts.push(at, at + m[0].length);
  }
  cuts.push(text.length);
  const out: Sentence[] = [];
  for (let i = 0; i + 1 < cuts.length; i += 2) {
    let start = cuts[i];
    let end = cuts[i + 1];
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end <= start) continue;
    out.push({ chunk, text: text.slice(start, end), start, end, lineStart: lineOf(chunk, start), lineEnd: lineOf(chunk, end - 1), index: out.length });
  }
  return out;
}

/** The sentence as shown in an answer: whitespace squashed, list marks and stray quote marks removed. */
export function display(s: Sentence): string {
  return squash(s.text)
    .replace(/^[-•*]\s*/, '')
    .replace(/^\d+\.\s+/, '')
    .replace(/^[*”"]+|[*]+$/g, '')
    .trim();
}

/** True for lines that are no sentence: headings, attributions ("- Emma, udviklingskonsulent"), contact details. */
export function isNoise(s: Sentence): boolean {
  const t = squash(s.text);
  if (t.length < 25) return true;
  if (!/[.!?:”"]$/.test(t) && t.length < 70) return true;
  if (/^[-–]\s*\p{Lu}\p{Ll}+,/u.test(t)) return true;
  if (/@|📞|☎|✉/.test(t)) return true;
  if (/\?$/.test(t)) return true; // a question (often a heading) answers nothing
  if (/^[A-ZÆØÅ]{4,}:/.test(t)) return true; // a header field ("MÅLGRUPPE: …")
  return false;
}
